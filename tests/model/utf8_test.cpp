// SPDX-License-Identifier: MIT
#include "model/utf8.hpp"

#include <catch2/catch.hpp>
#include <cstddef>  // std::size_t
#include <string_view>
#include <utility>  // std::pair

using jssim::model::decode_utf8;

namespace {

// The code point at the start of `text`, or 0xFFFFFFFF for none, and its length.
std::pair<char32_t, std::size_t> at_start(std::string_view text) {
  const auto d = decode_utf8(text, 0);
  return {d.code_point.value_or(char32_t{0xFFFFFFFF}), d.length};
}

constexpr char32_t none = 0xFFFFFFFF;

}  // namespace

TEST_CASE("each length of UTF-8 decodes to its code point", "[model][utf8]") {
  CHECK(at_start("a") == std::pair<char32_t, std::size_t>{U'a', 1});
  CHECK(at_start("\x7f") == std::pair<char32_t, std::size_t>{0x7F, 1});
  CHECK(at_start("\xc2\x80") == std::pair<char32_t, std::size_t>{0x80, 2});    // the least of 2
  CHECK(at_start("\xc3\xa9t") == std::pair<char32_t, std::size_t>{0xE9, 2});   // é
  CHECK(at_start("\xe2\x80\x8b") == std::pair<char32_t, std::size_t>{0x200B, 3});
  CHECK(at_start("\xef\xbf\xbf") == std::pair<char32_t, std::size_t>{0xFFFF, 3});
  CHECK(at_start("\xf0\x9f\x92\xbb") == std::pair<char32_t, std::size_t>{0x1F4BB, 4});
  CHECK(at_start("\xf4\x8f\xbf\xbf") == std::pair<char32_t, std::size_t>{0x10FFFF, 4});
  // In the middle of a text.
  const std::string_view text = "caf\xc3\xa9!";
  CHECK(decode_utf8(text, 3).code_point == U'\u00e9');
  CHECK(decode_utf8(text, 5).code_point == U'!');
}

TEST_CASE("what is not UTF-8 decodes to nothing, one byte long", "[model][utf8]") {
  const std::pair<char32_t, std::size_t> bad{none, 1};
  CHECK(at_start("\x80") == bad);                 // a stray continuation byte
  CHECK(at_start("\xc3") == bad);                 // cut short at the end
  CHECK(at_start("\xc3t") == bad);                // cut short by another character
  CHECK(at_start("\xc0\xaf") == bad);             // '/' overlong in 2 bytes
  CHECK(at_start("\xe0\x80\xaf") == bad);         // and in 3
  CHECK(at_start("\xf0\x80\x80\xaf") == bad);     // and in 4
  CHECK(at_start("\xed\xa0\x80") == bad);         // the surrogate U+D800
  CHECK(at_start("\xf4\x90\x80\x80") == bad);     // U+110000, past the last
  CHECK(at_start("\xf8\x88\x80\x80\x80") == bad); // a 5-byte form
  CHECK(at_start("\xff") == bad);
}
