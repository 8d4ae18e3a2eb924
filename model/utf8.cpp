// SPDX-License-Identifier: MIT
#include "model/utf8.hpp"

#include <algorithm>  // std::find_if
#include <array>

#include "model/assert.hpp"

namespace jssim::model {

decoded decode_utf8(std::string_view text, std::size_t i) {
  JSSIM_ASSERT(i < text.size(), "decode_utf8 reads inside the text");
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return {char32_t{b0}, 1};
  // The lead byte gives the length, its payload bits and the least code point
  // of that length (anything less is an overlong form).
  struct lead {
    unsigned mask, tag, payload;
    std::size_t length;
    char32_t min;
  };
  static constexpr std::array<lead, 3> leads{{{0xE0U, 0xC0U, 0x1FU, 2, 0x80},
                                              {0xF0U, 0xE0U, 0x0FU, 3, 0x800},
                                              {0xF8U, 0xF0U, 0x07U, 4, 0x10000}}};
  const auto* it = std::find_if(leads.begin(), leads.end(),
                                [&](const lead& l) { return (b0 & l.mask) == l.tag; });
  if (it == leads.end()) return {};
  const std::size_t length = it->length;
  char32_t cp = b0 & it->payload;
  if (length > text.size() - i) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0U) != 0x80U) return {};
    cp = (cp << 6U) | (b & 0x3FU);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
  if (cp < it->min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return {};
  return {cp, length};
}

}  // namespace jssim::model
