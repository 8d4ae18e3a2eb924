// SPDX-License-Identifier: MIT
// UTF-8 decoding, one code point at a time, for the places that look inside
// text: the loader's screen of a file, its check of names, the charts' text,
// and the terminal tables that line names up.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <string>
#include <string_view>

namespace jssim::model {

/// A code point read from UTF-8 and the bytes it took.
struct decoded {
  /// Nothing for a byte that does not start a valid sequence: a stray
  /// continuation byte, a cut sequence, an overlong form, a UTF-16 surrogate
  /// or a value past U+10FFFF.
  std::optional<char32_t> code_point;
  /// 1 when there is no code point: the caller steps over one byte.
  std::size_t length = 1;
};

/// The code point starting at text[i], i < text.size().
///
///     decode_utf8("\xc3\xa9t\xc3\xa9", 0);  // {U+00E9, 2}
///     decode_utf8("\xc3", 0);              // {nothing, 1}: cut short
[[nodiscard]] decoded decode_utf8(std::string_view text, std::size_t i);

/// The columns `text` takes in a terminal: the C library's wcwidth() of each
/// code point in the C.UTF-8 locale (2 for East Asian wide characters and
/// most emoji, 0 for combining marks, joiners and variation selectors, 1
/// otherwise), except that a wide code point joined to a wide one before it
/// by a zero-width joiner, or a skin-tone modifier after a wide one, adds
/// nothing: they make one picture. Bytes that are not UTF-8 count one column
/// each.
///
///     display_width("caf\u00e9");             // 4, not 5 bytes
///     display_width("\u9589\u3058\u308b");   // 6: three wide characters
///     display_width("\U0001F469\u200D\U0001F4BB");  // 2: one joined emoji
[[nodiscard]] std::size_t display_width(std::string_view text);

/// `text` and the spaces that make it `width` columns wide as display_width
/// counts them, after it (left_aligned) or before it (right_aligned); `text`
/// unchanged if it is as wide already. For tables of names, where fmt's own
/// padding counts a joiner or a combining accent as a column.
[[nodiscard]] std::string left_aligned(std::string_view text, std::size_t width);
[[nodiscard]] std::string right_aligned(std::string_view text, std::size_t width);

/// What an invisible character is, in words for a message ("a zero-width
/// space", "a bidirectional formatting character"), or null for one that
/// shows. Controls other than the tab, soft hyphens, zero-width spaces, word
/// joiners, byte-order marks, line and paragraph separators and bidirectional
/// overrides do not show; zero-width joiners and non-joiners count as visible:
/// scripts and emoji need them.
[[nodiscard]] const char* invisible_name(char32_t c);

/// `text` as a terminal may print it: each invisible character (see
/// invisible_name) written `<U+200B>` and each byte that is not UTF-8
/// `<0xFF>`, so that it shows and a bidirectional override cannot reverse the
/// rest of the line. Every message and table that prints a key, a name, a
/// path or a command-line word passes it through this.
///
///     visible("wait\u200B");     // "wait<U+200B>"
///     visible("a\u202Eb");       // "a<U+202E>b"
///     visible("caf\u00e9");      // unchanged
[[nodiscard]] std::string visible(std::string_view text);

/// visible(), except that line feeds stay: for a message of several lines.
[[nodiscard]] std::string visible_lines(std::string_view text);

}  // namespace jssim::model
