// SPDX-License-Identifier: MIT
#include "analysis/manifest.hpp"

#include <cmath>  // std::isfinite

#include <fmt/format.h>

namespace jssim::analysis {
namespace {

/// The length of the well-formed UTF-8 sequence at the start of `s` (RFC 3629:
/// no overlong forms, no surrogates, nothing above U+10FFFF); 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char lo = 0x80;  // the allowed range of the second byte
  unsigned char hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 == 0xe0) lo = 0xa0;  // overlong
    if (b0 == 0xed) hi = 0x9f;  // surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 == 0xf0) lo = 0x90;  // overlong
    if (b0 == 0xf4) hi = 0x8f;  // above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < length) return 0;
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
  }
  return length;
}

/// A real as JSON, in the shortest form that reads back the same ("0.005",
/// "1e-05"); JSON has no NaN or infinity, which become null.
std::string json_number(double value) {
  return std::isfinite(value) ? fmt::format("{}", value) : std::string("null");
}

}  // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  while (!text.empty()) {
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) {
      out += "\\ufffd";
      text.remove_prefix(1);
      continue;
    }
    const char c = text[0];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out.append(text.substr(0, length));
        }
    }
    text.remove_prefix(length);
  }
  out += '"';
  return out;
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(t);
  const auto day = floor<days>(seconds);
  const year_month_day ymd(day);
  const hh_mm_ss time(seconds - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

void write_manifest_json(std::ostream& out, const run_manifest& m) {
  std::string text = "{\n";
  text += fmt::format("  \"jssim_version\": {},\n", json_string(m.jssim_version));
  text += fmt::format("  \"scenario\": {{\"path\": {}, \"sha256\": {}}},\n",
                      json_string(m.scenario_path), json_string(m.scenario_sha256));
  text += fmt::format("  \"seed\": {},\n", m.seed);
  text += fmt::format("  \"runs\": {},\n", m.runs);
  text += fmt::format("  \"threads\": {},\n", m.threads);
  text += fmt::format("  \"started_at\": {},\n", json_string(iso8601_utc(m.started)));
  text += fmt::format("  \"finished_at\": {},\n", json_string(iso8601_utc(m.finished)));
  text += "  \"command_line\": [";
  for (std::size_t i = 0; i < m.command_line.size(); ++i) {
    text += (i == 0 ? "" : ", ") + json_string(m.command_line[i]);
  }
  text += "],\n";
  if (const auto& p = m.precision) {
    text += fmt::format(
        "  \"precision\": {{\"half_width\": {}, \"max_runs\": {}, \"reached\": {}, "
        "\"widest\": {}, \"widest_half_width\": {}}},\n",
        json_number(p->half_width), p->max_runs, p->reached ? "true" : "false",
        json_string(p->widest), json_number(p->widest_half_width));
  } else {
    text += "  \"precision\": null,\n";
  }
  text += "  \"files\": [";
  for (std::size_t i = 0; i < m.files.size(); ++i) {
    text += (i == 0 ? "" : ", ") + json_string(m.files[i]);
  }
  text += "]\n}\n";
  out << text;
}

}  // namespace jssim::analysis
