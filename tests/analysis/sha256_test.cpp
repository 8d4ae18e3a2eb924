// SPDX-License-Identifier: MIT
// Tests of analysis/sha256: the FIPS 180-4 example vectors and the padding boundaries.
#include "analysis/sha256.hpp"

#include <catch2/catch.hpp>

#include <string>

using jssim::analysis::sha256;
using jssim::analysis::sha256_hex;

TEST_CASE("the empty message has the published digest", "[analysis][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("abc has the published digest", "[analysis][sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the 448-bit message that needs a second padding block has the published digest",
          "[analysis][sha256]") {
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("the 896-bit message has the published digest", "[analysis][sha256]") {
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmno"
                   "pqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("a million times the letter a has the published digest", "[analysis][sha256]") {
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("messages around the 56 and 64 byte padding boundaries hash as Python's hashlib does",
          "[analysis][sha256]") {
  // Expected values from hashlib.sha256(b"a" * n).hexdigest().
  CHECK(sha256_hex(std::string(55, 'a')) ==
        "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) ==
        "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(63, 'a')) ==
        "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  CHECK(sha256_hex(std::string(64, 'a')) ==
        "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(sha256_hex(std::string(65, 'a')) ==
        "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
  CHECK(sha256_hex(std::string(119, 'a')) ==
        "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
}

TEST_CASE("every byte value is hashed as a byte, the high ones included", "[analysis][sha256]") {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  CHECK(sha256_hex(all) == "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

TEST_CASE("a message fed in pieces has the digest of the whole", "[analysis][sha256]") {
  const std::string message(1000, 'a');
  for (const std::size_t piece : {1U, 7U, 63U, 64U, 65U, 999U}) {
    sha256 h;
    for (std::size_t at = 0; at < message.size(); at += piece) {
      h.update(std::string_view(message).substr(at, piece));
    }
    CHECK(h.hex_digest() == sha256_hex(message));
  }
}
