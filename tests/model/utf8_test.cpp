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

TEST_CASE("display width counts a terminal's columns, not bytes", "[model][utf8]") {
  using jssim::model::display_width;
  CHECK(display_width("") == 0);
  CHECK(display_width("wait") == 4);
  CHECK(display_width("caf\xc3\xa9") == 4);               // é: two bytes, one column
  CHECK(display_width("cafe\xcc\x81") == 4);              // e and a combining acute accent
  CHECK(display_width("\xe2\x80\x94") == 1);              // an em dash: three bytes
  CHECK(display_width("\xe9\x96\x89\xe3\x81\x98\xe3\x82\x8b") == 6);  // 閉じる: wide
  CHECK(display_width("\xf0\x9f\x98\x80") == 2);          // 😀
  CHECK(display_width("\xe2\x98\x95\xef\xb8\x8f") == 2);  // ☕ and variation selector 16
  // 👩 + zero-width joiner + 💻: one picture.
  CHECK(display_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb") == 2);
  // 👍 with a skin tone: one picture; the modifier alone is one too.
  CHECK(display_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd") == 2);
  CHECK(display_width("\xf0\x9f\x8f\xbd") == 2);
  CHECK(display_width("a\xf0\x9f\x8f\xbd") == 3);  // a letter takes no skin tone
  // Devanagari क्‍ष: ka, virama, a joiner, ssa: the joiner only shapes the
  // letters, each keeps its column.
  CHECK(display_width("\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d\xe0\xa4\xb7") == 2);
  // A family: 👨 ZWJ 👩 ZWJ 👧, one picture.
  CHECK(display_width("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
                      "\xf0\x9f\x91\xa7") == 2);
  CHECK(display_width("a\xff" "b") == 3);                 // a byte that is not UTF-8
}

TEST_CASE("aligning pads to columns and never cuts", "[model][utf8]") {
  using jssim::model::left_aligned;
  using jssim::model::right_aligned;
  CHECK(left_aligned("caf\xc3\xa9", 6) == "caf\xc3\xa9  ");
  CHECK(left_aligned("\xe9\x96\x89", 4) == "\xe9\x96\x89  ");
  CHECK(left_aligned("strategy", 4) == "strategy");
  CHECK(left_aligned("", 3) == "   ");
  CHECK(right_aligned("caf\xc3\xa9", 6) == "  caf\xc3\xa9");
  CHECK(right_aligned("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 3) ==
        " \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
  CHECK(right_aligned("strategy", 4) == "strategy");
}

TEST_CASE("visible writes what does not show as <U+XXXX> and keeps what does", "[model][utf8]") {
  using jssim::model::visible;
  CHECK(visible("wait\xe2\x80\x8b") == "wait<U+200B>");             // zero-width space
  CHECK(visible("a\xe2\x80\xae" "b") == "a<U+202E>b");             // right-to-left override
  CHECK(visible("\xef\xbb\xbfname") == "<U+FEFF>name");            // byte-order mark
  CHECK(visible("line\nbreak\ttab") == "line<U+000A>break\ttab");  // a tab shows as space
  CHECK(visible("caf\xc3\xa9 \xe9\x96\x89") == "caf\xc3\xa9 \xe9\x96\x89");  // letters stay
  CHECK(visible("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb") ==
        "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");  // an emoji with its joiner
  CHECK(visible("Latin-1 \xe9") == "Latin-1 <0xE9>");      // not UTF-8
  CHECK(jssim::model::visible_lines("one\xe2\x80\x8b\ntwo") == "one<U+200B>\ntwo");
}
