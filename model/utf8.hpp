// SPDX-License-Identifier: MIT
// UTF-8 decoding, one code point at a time, for the places that look inside
// text: the loader's screen of a file, its check of names, the charts' text.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
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

}  // namespace jssim::model
