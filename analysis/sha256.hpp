// SPDX-License-Identifier: MIT
// SHA-256 (FIPS 180-4), for the scenario fingerprint in manifest.json: none of
// our dependencies has it (Boost 1.74 ships only SHA-1, in a detail header).
#pragma once

#include <array>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t, std::uint64_t
#include <string>
#include <string_view>

namespace jssim::analysis {

/// A SHA-256 digest, computed incrementally: feed the bytes with update() in
/// pieces of any size, then read the digest once with hex_digest().
///
///     sha256 h;
///     h.update("ab");
///     h.update("c");
///     h.hex_digest();  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
class sha256 {
 public:
  sha256();

  /// Adds `bytes` to the message.
  void update(std::string_view bytes);
  /// The 32-byte digest of everything added; the hash cannot be updated after.
  [[nodiscard]] std::array<std::uint8_t, 32> digest();
  /// digest() as 64 lowercase hexadecimal digits.
  [[nodiscard]] std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  /// The message length so far, in bytes.
  std::uint64_t length_ = 0;
  bool finished_ = false;
};

/// The SHA-256 of `bytes` in hexadecimal.
///
///     sha256_hex("");  // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace jssim::analysis
