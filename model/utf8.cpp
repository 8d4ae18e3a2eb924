// SPDX-License-Identifier: MIT
#include "model/utf8.hpp"

#include <algorithm>  // std::find_if
#include <array>
#include <cstdint>  // std::uint32_t
#include <fmt/format.h>
#include <locale.h>  // newlocale, uselocale, locale_t (POSIX)
#include <wchar.h>   // wcwidth (POSIX)

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

namespace {

/// C.UTF-8, whose character widths wcwidth() reads; null if the C library
/// does not have it (then every code point counts one column).
locale_t utf8_ctype() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
  return locale;
}

/// wcwidth() in C.UTF-8 for this thread, leaving the thread's locale as it was.
class utf8_widths {
 public:
  utf8_widths() : locale_(utf8_ctype()) {
    if (locale_ != locale_t{}) previous_ = uselocale(locale_);
  }
  ~utf8_widths() {
    if (locale_ != locale_t{}) uselocale(previous_);
  }
  utf8_widths(const utf8_widths&) = delete;
  utf8_widths& operator=(const utf8_widths&) = delete;

  [[nodiscard]] std::size_t of(char32_t cp) const {
    if (locale_ == locale_t{}) return 1;
    const int w = wcwidth(static_cast<wchar_t>(cp));
    // Non-printable code points (which names cannot hold) take one column,
    // as a terminal's replacement glyph does.
    return w < 0 ? 1 : static_cast<std::size_t>(w);
  }

 private:
  locale_t locale_;
  locale_t previous_{};
};

constexpr char32_t zero_width_joiner = 0x200D;
bool skin_tone(char32_t cp) { return cp >= 0x1F3FB && cp <= 0x1F3FF; }

}  // namespace

std::size_t display_width(std::string_view text) {
  const utf8_widths widths;
  std::size_t columns = 0;
  // The columns of the last code point that took any, and whether a zero-width
  // joiner follows it: a wide picture (an emoji) joined to the next wide one
  // makes one picture, as does a skin tone after it. Joiners between letters
  // (Devanagari's half forms) join nothing: each letter keeps its columns.
  std::size_t last = 0;
  bool joiner = false;
  for (std::size_t i = 0; i < text.size();) {
    const decoded d = decode_utf8(text, i);
    i += d.length;
    if (!d.code_point) {
      ++columns;
      last = 1;
      joiner = false;
      continue;
    }
    const char32_t cp = *d.code_point;
    if (cp == zero_width_joiner) {
      joiner = true;
      continue;
    }
    const std::size_t w = widths.of(cp);
    const bool joined = last == 2 && w == 2 && (joiner || skin_tone(cp));
    if (!joined) columns += w;
    if (w > 0) last = w;
    joiner = false;
  }
  return columns;
}

std::string left_aligned(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t columns = display_width(text);
  if (columns < width) out.append(width - columns, ' ');
  return out;
}

std::string right_aligned(std::string_view text, std::size_t width) {
  const std::size_t columns = display_width(text);
  std::string out(columns < width ? width - columns : 0, ' ');
  out += text;
  return out;
}

const char* invisible_name(char32_t c) {
  // A tab shows as space; other controls come from escapes ("\n", "\x01").
  if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) return "a control character";
  switch (c) {
    case 0x00AD: return "a soft hyphen";
    case 0x034F: return "a combining grapheme joiner";
    case 0x115F:
    case 0x1160:
    case 0x3164:
    case 0xFFA0: return "a Hangul filler";
    case 0x180E: return "a Mongolian vowel separator";
    case 0x200B: return "a zero-width space";
    // They break a line of the table or a chart's legend where nothing shows.
    case 0x2028: return "a line separator";
    case 0x2029: return "a paragraph separator";
    case 0x2060: return "a word joiner";
    case 0xFEFF: return "a zero-width no-break space (byte order mark)";
    default: break;
  }
  if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2066 && c <= 0x2069)) {
    return "a bidirectional formatting character";
  }
  if ((c >= 0x2061 && c <= 0x2064) || (c >= 0x206A && c <= 0x206F) ||
      (c >= 0xFFF9 && c <= 0xFFFB)) {
    return "an invisible formatting character";
  }
  return nullptr;
}

namespace {

std::string escaped(std::string_view text, bool keep_line_feeds) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const decoded d = decode_utf8(text, i);
    if (!d.code_point) {
      out += fmt::format("<0x{:02X}>", static_cast<unsigned char>(text[i]));
    } else if (invisible_name(*d.code_point) != nullptr &&
               !(keep_line_feeds && *d.code_point == U'\n')) {
      out += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(*d.code_point));
    } else {
      out += text.substr(i, d.length);
    }
    i += d.length;
  }
  return out;
}

}  // namespace

std::string visible(std::string_view text) { return escaped(text, false); }

std::string visible_lines(std::string_view text) { return escaped(text, true); }

}  // namespace jssim::model
