// SPDX-License-Identifier: MIT
#include "input/contracts_csv.hpp"

#include <fmt/format.h>

#include <algorithm>  // std::find, std::count
#include <array>
#include <cerrno>
#include <charconv>  // std::from_chars
#include <cmath>     // std::isfinite, std::floor
#include <cstdint>   // std::int32_t
#include <cstring>   // std::strerror
#include <filesystem>
#include <fstream>
#include <iterator>  // std::istreambuf_iterator
#include <map>
#include <set>
#include <span>
#include <system_error>  // std::errc
#include <utility>       // std::move

#include "model/assert.hpp"
#include "model/detail/suggest.hpp"
#include "input/detail/yaml_reader.hpp"  // name_problem
#include "model/utf8.hpp"

namespace jssim::input {
namespace {

using model::date;
using model::diagnostic;
using model::history_contract;
using model::rating;

/// The largest amount of USD a scenario takes (the loader's bound).
constexpr double max_usd = 1e12;

/// One field of a record and where it starts.
struct cell {
  std::string text;
  int line = 0;
  int column = 0;
  bool quoted = false;
};

/// One row of the file: its fields, its first line, and where it ends.
struct record {
  std::vector<cell> cells;
  int line = 0;
  int end_column = 1;
};

/// Every problem, up to max_csv_problems, and a count of the rest.
class problem_list {
 public:
  explicit problem_list(std::string file) : file_(std::move(file)) {}

  void add(int line, int column, std::string key, std::string message) {
    if (list_.size() >= max_csv_problems) {
      ++dropped_;
      return;
    }
    list_.push_back({{file_, line, column, std::move(key)}, std::move(message)});
  }
  [[nodiscard]] bool empty() const { return list_.empty(); }
  [[nodiscard]] std::size_t size() const { return list_.size() + dropped_; }

  [[noreturn]] void raise() {
    if (dropped_ > 0) {
      // The form model::problem_count reads back.
      list_.push_back({{file_, 0, 0, {}},
                       fmt::format("{} more problems not shown; fix these first", dropped_)});
    }
    throw model::scenario_error(std::move(list_));
  }
  void raise_if_any() {
    if (!empty() || dropped_ > 0) raise();
  }

 private:
  std::string file_;
  std::vector<diagnostic> list_;
  std::size_t dropped_ = 0;
};

// At most about 60 bytes of `text` for a message, cut at a character.
std::string shown(std::string_view text) {
  constexpr std::size_t longest = 60;
  if (text.size() <= longest) return fmt::format("`{}`", text);
  std::size_t cut = longest;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return fmt::format("`{}...`", text.substr(0, cut));
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// --- screening: encoding and line length, before anything is parsed ---------

// Problems with the bytes themselves; the file is not parsed when there are any.
void screen(std::string_view text, problem_list& problems) {
  int line = 1;
  int column = 1;
  std::size_t line_start = 0;
  bool long_line_reported = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
      line_start = i + 1;
      long_line_reported = false;
      ++i;
      continue;
    }
    if (!long_line_reported && i - line_start >= max_csv_line_bytes) {
      problems.add(line, 0, {},
                   fmt::format("a line longer than {} bytes; a contract takes a few hundred "
                               "(is this a contracts CSV?)",
                               max_csv_line_bytes));
      long_line_reported = true;
    }
    if (byte == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      problems.add(line, column, {},
                   "a carriage return (CR) not followed by a line feed; save the file with LF "
                   "or CRLF line ends (in LibreOffice: File > Save As, Text CSV)");
      ++i;
      ++column;
      continue;
    }
    if (byte == 0) {
      problems.add(line, column, {}, "a NUL byte; a CSV is text (is this a spreadsheet file "
                                     "saved as .csv? save it as Text CSV, UTF-8)");
      ++i;
      ++column;
      continue;
    }
    const model::decoded d = model::decode_utf8(text, i);
    if (!d.code_point) {
      problems.add(line, column, {},
                   fmt::format("byte 0x{:02X} is not UTF-8; save the file as CSV with the "
                               "character set UTF-8 (LibreOffice: Unicode (UTF-8); Excel: CSV "
                               "UTF-8)",
                               byte));
    } else if ((*d.code_point < 0x20 && *d.code_point != '\t') ||
               (*d.code_point >= 0x7F && *d.code_point <= 0x9F)) {
      problems.add(line, column, {},
                   fmt::format("a control character (U+{:04X}); a CSV holds text",
                               static_cast<std::uint32_t>(*d.code_point)));
    }
    i += d.length;
    ++column;
  }
}

// --- records -------------------------------------------------------------

// The separator the header row uses: the more frequent of `;` and `,`
// outside quotes on its first line (a comma on a tie).
char separator_of(std::string_view text) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

// Splits `text` (screened, without its byte-order mark) into records, RFC
// 4180: a field that starts with a quote runs to the next lone quote, and
// `""` inside it is one quote.
std::vector<record> records_of(std::string_view text, char separator, problem_list& problems) {
  std::vector<record> out;
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  const auto at_end = [&] { return i >= text.size(); };
  const auto step = [&] {
    // One code point forward; the text is valid UTF-8.
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
      ++i;
      return;
    }
    std::size_t length = 1;
    if (byte >= 0xF0) {
      length = 4;
    } else if (byte >= 0xE0) {
      length = 3;
    } else if (byte >= 0xC0) {
      length = 2;
    }
    i += length;
    ++column;
  };
  const auto at_line_end = [&] {
    return text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
  };
  while (!at_end()) {
    if (out.size() > max_csv_rows) {
      problems.add(line, 0, {},
                   fmt::format("more than {} rows of contracts; split the sheet", max_csv_rows));
      return out;
    }
    record r;
    r.line = line;
    while (true) {
      cell c;
      c.line = line;
      c.column = column;
      if (!at_end() && text[i] == '"') {
        c.quoted = true;
        step();
        bool closed = false;
        while (!at_end()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              c.text += '"';
              step();
              step();
              continue;
            }
            step();
            closed = true;
            break;
          }
          if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;  // CRLF inside quotes is a line break in the text: kept as LF
            continue;
          }
          const std::size_t from = i;
          step();
          c.text.append(text.substr(from, i - from));
        }
        if (!closed) {
          problems.add(c.line, c.column, {},
                       "a quote that is never closed; a field in quotes ends with a quote (write "
                       "a quote inside it as two: \"\")");
          out.push_back(std::move(r));
          return out;
        }
        // Spaces after the closing quote are harmless; anything else is not.
        while (!at_end() && is_space(text[i])) step();
        if (!at_end() && text[i] != separator && !at_line_end()) {
          problems.add(line, column, {},
                       fmt::format("text after a closing quote; expected `{}` or the end of the "
                                   "line (write a quote inside quotes as two: \"\")",
                                   separator));
          while (!at_end() && text[i] != separator && !at_line_end()) step();
        }
      } else {
        const std::size_t from = i;
        while (!at_end() && text[i] != separator && !at_line_end()) {
          if (text[i] == '"') {
            problems.add(line, column, {},
                         "a quote inside a field that does not start with one; put the whole "
                         "field in quotes and write the quote as two: \"\"");
          }
          step();
        }
        c.text.assign(text.substr(from, i - from));
      }
      if (c.text.size() > max_csv_cell_bytes) {
        problems.add(c.line, c.column, {},
                     fmt::format("a field of {} bytes; a cell holds at most {}", c.text.size(),
                                 max_csv_cell_bytes));
        c.text.clear();
      }
      r.cells.push_back(std::move(c));
      if (at_end()) break;
      if (text[i] == separator) {
        step();
        continue;
      }
      // The end of the line.
      r.end_column = column;
      if (text[i] == '\r') ++i;
      step();
      break;
    }
    if (r.end_column == 1) r.end_column = column;
    out.push_back(std::move(r));
  }
  return out;
}

// --- values ----------------------------------------------------------------

/// How a date that is not ISO reads, for the advice: nothing when it does not
/// look like a date at all.
bool looks_like_date(std::string_view text) {
  std::size_t digits = 0;
  std::size_t marks = 0;
  for (char c : text) {
    if (is_digit(c)) {
      ++digits;
    } else if (c == '/' || c == '.' || c == '-' || c == ' ' || c == ':' || c == 'T') {
      ++marks;
    } else {
      return false;
    }
  }
  return digits >= 4 && (marks >= 1 || digits == 5);  // 5 digits: a spreadsheet's day number
}

}  // namespace

std::string iso_date_advice(std::string_view text) {
  text = trimmed(text);
  if (!looks_like_date(text)) return {};
  return "; the spreadsheet wrote its local date format, in which 03/11/2026 may be 3 November "
         "or 11 March: in LibreOffice Calc select the date columns, Format > Cells > Numbers, "
         "format code YYYY-MM-DD; in Excel, Format Cells > Custom, type yyyy-mm-dd; then save "
         "as CSV again";
}

namespace {

struct parsed_number {
  std::optional<double> value;
  std::string problem;  ///< when no value: why, after "expected ..., got X"
};

// A plain decimal number: digits, and one decimal mark (a point; with
// semicolons a comma too). No sign but a minus (reported by the range), no
// exponent, no thousands separator, no currency.
parsed_number number_of(std::string_view text, bool decimal_comma) {
  text = trimmed(text);
  std::string normal;
  std::size_t i = 0;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    if (text.front() == '-') normal += '-';
    i = 1;
  }
  std::size_t marks = 0;
  std::size_t digits_after = 0;
  std::size_t digits = 0;
  char mark = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      normal += c;
      ++digits;
      if (marks > 0) ++digits_after;
    } else if (c == '.' || (c == ',' && decimal_comma)) {
      ++marks;
      mark = c;
      normal += '.';
    } else if (c == ',') {
      // A comma in a comma-separated file: the cell was quoted.
      const std::string_view rest = text.substr(i + 1);
      const bool three = rest.size() >= 3 && is_digit(rest[0]) && is_digit(rest[1]) &&
                         is_digit(rest[2]) && (rest.size() == 3 || !is_digit(rest[3]));
      return {std::nullopt, three ? "; write no thousands separator"
                                  : "; a decimal comma in a file separated by commas: write a "
                                    "decimal point, or save the CSV with `;` as separator"};
    } else {
      const bool currency = text.find('$') != std::string_view::npos ||
                            text.find("\u20ac") != std::string_view::npos ||
                            text.find("\u00a3") != std::string_view::npos;
      return {std::nullopt, currency ? "; write the number alone, without a currency sign" : ""};
    }
  }
  if (digits == 0 || marks > 1 || (marks == 1 && digits_after == 0)) {
    return {std::nullopt, marks > 1 ? "; write no thousands separator" : ""};
  }
  if (decimal_comma && mark == '.' && digits_after == 3) {
    // 1.500 with semicolons: a German thousands separator or 1.5?
    return {std::nullopt,
            "; with `;` as separator a point followed by three digits may be a thousands "
            "separator: write 1500 or 1,5"};
  }
  double x = 0;
  const auto [end, ec] = std::from_chars(normal.data(), normal.data() + normal.size(), x);
  if (ec != std::errc() || end != normal.data() + normal.size() || !std::isfinite(x)) {
    return {std::nullopt, ""};
  }
  return {x, ""};
}

std::optional<bool> boolean_of(std::string_view text) {
  const std::string word = lowered(trimmed(text));
  static constexpr std::array<std::string_view, 6> yes{"true", "1", "wahr", "vrai", "verdadero",
                                                      "vero"};
  static constexpr std::array<std::string_view, 6> no{"false", "0", "falsch", "faux", "falso",
                                                     "falso"};
  if (std::find(yes.begin(), yes.end(), word) != yes.end()) return true;
  if (std::find(no.begin(), no.end(), word) != no.end()) return false;
  return std::nullopt;
}

/// What each column holds, for "missing column" messages.
std::string_view column_meaning(std::string_view key) {
  if (key == "id") return "an id naming the contract, unique in the sheet";
  if (key == "client") return "the client's name; repeat contracts share it";
  return "the start date, as YYYY-MM-DD";
}

// Reads the rows of a sheet whose header is known.
class sheet_reader {
 public:
  sheet_reader(contracts_sheet& sheet, problem_list& problems, std::optional<date> today,
               bool decimal_comma)
      : sheet_(sheet), problems_(problems), today_(today), decimal_comma_(decimal_comma) {}

  // Maps the header's columns to keys, reporting unknown, doubled and missing ones.
  void read_header(const record& header) {
    columns_.assign(header.cells.size(), std::string());
    std::map<std::string, std::size_t, std::less<>> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      const cell& c = header.cells[i];
      std::string name = lowered(trimmed(c.text));
      if (name.empty()) continue;
      const std::span<const std::string_view> keys(contract_columns);
      if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
        // A misspelt column is reported once, here: what its absence would
        // otherwise cause (a missing column, last_paid missing) is not.
        if (auto meant = model::detail::closest_name(name, keys)) misspelt_.emplace(*meant);
        problems_.add(c.line, c.column, std::string(trimmed(c.text)),
                      fmt::format("unknown column; expected one of {}{}",
                                  model::detail::one_of(keys),
                                  model::detail::did_you_mean(name, keys)));
        continue;
      }
      const auto [other, fresh] = seen.try_emplace(name, i);
      if (!fresh) {
        problems_.add(c.line, c.column, name,
                      fmt::format("the column appears twice (column {} too); keep one",
                                  header.cells[other->second].column));
        continue;
      }
      columns_[i] = name;
    }
    for (std::string_view key : {"id", "client", "started"}) {
      if (seen.find(key) == seen.end() && !misspelt_.contains(key)) {
        problems_.add(header.line, 1, std::string(key),
                      fmt::format("missing column; expected a column `{}` ({}) in the header "
                                  "row",
                                  key, column_meaning(key)));
      }
    }
    sheet_.has_private_column = seen.contains("private");
  }

  void read_row(const record& r) {
    bool blank = true;
    for (const cell& c : r.cells) blank = blank && trimmed(c.text).empty();
    if (blank) return;  // a spreadsheet's empty row
    std::map<std::string, const cell*, std::less<>> cells;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      const cell& c = r.cells[i];
      if (trimmed(c.text).empty() && !(c.quoted && !c.text.empty())) continue;
      if (i >= columns_.size()) {
        problems_.add(c.line, c.column, {},
                      fmt::format("a value beyond the last column (the header row has {}); "
                                  "remove it or name its column",
                                  columns_.size()));
        continue;
      }
      if (columns_[i].empty()) {
        const bool unnamed = i >= header_names_.size() || header_names_[i].empty();
        if (unnamed) {
          problems_.add(c.line, c.column, {},
                        "a value in a column without a name; name the column in the header row "
                        "or remove the value");
        }
        continue;  // an unknown column, already reported on the header
      }
      cells[columns_[i]] = &c;
    }
    history_contract h;
    h.line = r.line;
    const auto get = [&](std::string_view key) -> const cell* {
      const auto it = cells.find(key);
      return it == cells.end() ? nullptr : it->second;
    };
    const auto report = [&](const cell& c, std::string_view key, std::string message) {
      problems_.add(c.line, c.column, std::string(key), std::move(message));
    };
    const auto missing = [&](std::string_view key, std::string_view what) {
      if (!has_column(key)) return;  // reported once, on the header
      problems_.add(r.line, column_of(r, key), std::string(key),
                    fmt::format("empty; expected {}", what));
    };

    bool id_ok = false;
    if (const cell* c = get("id")) {
      if (auto id = name_of(*c, "id")) {
        const auto [other, fresh] = ids_.try_emplace(*id, r.line);
        if (!fresh) {
          report(*c, "id",
                 fmt::format("id {} is already used on line {}; ids must be unique", shown(*id),
                             other->second));
        }
        h.id = *id;
        id_ok = true;
      }
    } else {
      missing("id", "an id naming the contract, unique in the sheet");
    }
    if (const cell* c = get("client")) {
      if (auto client = name_of(*c, "client")) {
        h.client = *client;
        const auto [found, fresh] = client_ids_.try_emplace(
            *client, static_cast<std::int32_t>(sheet_.clients.size()));
        if (fresh) sheet_.clients.push_back(*client);
        h.client_index = found->second;
      }
    } else {
      missing("client", "the client's name");
    }
    if (const cell* c = get("type")) {
      const std::string t = lowered(trimmed(c->text));
      if (t == "fixed") {
        h.type = model::contract_type::fixed;
      } else if (t == "hourly") {
        h.type = model::contract_type::hourly;
      } else {
        static constexpr std::array<std::string_view, 2> types{"fixed", "hourly"};
        report(*c, "type",
               fmt::format("expected `fixed` or `hourly`, got {}{}", shown(c->text),
                           model::detail::did_you_mean(t, types)));
      }
    }
    const auto started = date_cell(get("started"), "started");
    if (!get("started")) missing("started", "the start date, as YYYY-MM-DD");
    const auto ended = date_cell(get("ended"), "ended");
    if (started) h.started = *started;
    h.ended = ended;
    if (started && ended && *ended < *started) {
      report(*get("ended"), "ended",
             fmt::format("expected a date on or after started ({}), got {}",
                         started->to_string(), ended->to_string()));
    }

    // Payments, checked as the YAML loader checks them.
    const cell* earned_cell = get("earned");
    bool earned_read = false;
    if (earned_cell) {
      if (auto x = amount(*earned_cell, "earned", "an amount in USD, 0 or more")) {
        h.earned = *x;
        earned_read = true;
      }
    }
    const cell* first_cell = get("first_paid");
    const cell* last_cell = get("last_paid");
    const auto first = date_cell(first_cell, "first_paid");
    const auto last = date_cell(last_cell, "last_paid");
    if (h.earned > 0) {
      if (!last_cell && !misspelt_.contains("last_paid")) {
        problems_.add(earned_cell->line, earned_cell->column, "last_paid",
                      "empty; expected the date of the latest payment (required when earned is "
                      "above 0)");
      }
    } else {
      for (const cell* at : {first_cell, last_cell}) {
        if (at == nullptr) continue;
        const std::string_view key = at == first_cell ? "first_paid" : "last_paid";
        if (earned_read) {
          report(*at, key, "a payment date needs earned above 0; give earned or empty the cell");
        } else if (!earned_cell && !misspelt_.contains("earned")) {
          report(*at, key, "a payment date needs earned (the USD paid); give it or empty the cell");
        }
      }
    }
    const auto order = [&](const cell* later_cell, std::optional<date> earlier,
                           std::optional<date> later, std::string_view earlier_name,
                           std::string_view key) {
      if (earlier && later && *later < *earlier) {
        report(*later_cell, key,
               fmt::format("expected a date on or after {} ({}), got {}", earlier_name,
                           earlier->to_string(), later->to_string()));
      }
    };
    order(first_cell, started, first, "started", "first_paid");
    if (!first_cell && !(ended && started && *ended < *started)) {
      order(last_cell, started, last, "started", "last_paid");
    }
    order(last_cell, first, last, "first_paid", "last_paid");
    if (ended && last && *last > *ended) {
      report(*last_cell, "last_paid",
             fmt::format("expected a date on or before ended ({}), got {}", ended->to_string(),
                         last->to_string()));
    }
    if (h.earned > 0) {
      h.last_paid = last;
      h.first_paid = first ? first : last;
    }

    const bool ended_given =
        ended.has_value() || get("ended") != nullptr || misspelt_.contains("ended");
    read_rating(get("stars"), "stars", h.stars, ended_given);
    read_rating(get("private"), "private", h.private_rating, ended_given);
    if (!sheet_.has_private_column && h.ended && (h.stars.given() || h.stars.unknown())) {
      // MODEL.md 11.1: no private column, so the private ratings are hidden.
      h.private_rating.state = rating::kind::unknown;
    }
    for (auto [key, field] : {std::pair{"disputed", &h.disputed},
                              std::pair{"client_flagged", &h.client_flagged},
                              std::pair{"paused", &h.paused}}) {
      if (const cell* c = get(key)) {
        if (auto b = boolean_of(c->text)) {
          *field = *b;
        } else {
          report(*c, key, fmt::format("expected TRUE or FALSE (any case), got {}", shown(c->text)));
        }
      }
    }
    if (id_ok || !h.id.empty()) sheet_.contracts.push_back(std::move(h));
  }

  void set_header_names(const record& header) {
    for (const cell& c : header.cells) header_names_.emplace_back(trimmed(c.text));
  }

 private:
  [[nodiscard]] bool has_column(std::string_view key) const {
    return std::find(columns_.begin(), columns_.end(), key) != columns_.end();
  }

  // Where the cell of `key` would be in row `r`: its column if the row has
  // it, else the end of the row.
  [[nodiscard]] int column_of(const record& r, std::string_view key) const {
    const auto it = std::find(columns_.begin(), columns_.end(), key);
    const auto index = static_cast<std::size_t>(it - columns_.begin());
    if (index < r.cells.size()) return r.cells[index].column;
    return r.end_column;
  }

  std::optional<std::string> name_of(const cell& c, std::string_view key) {
    const std::string text = c.quoted ? c.text : std::string(trimmed(c.text));
    if (auto why = detail::name_problem(text)) {
      problems_.add(c.line, c.column, std::string(key),
                    fmt::format("expected a name that shows, got {} {}", shown(text), *why));
      return std::nullopt;
    }
    return text;
  }

  std::optional<date> date_cell(const cell* c, std::string_view key) {
    if (c == nullptr) return std::nullopt;
    const std::string_view text = trimmed(c->text);
    if (auto d = date::parse(text)) {
      if (today_ && *d > *today_) {
        problems_.add(c->line, c->column, std::string(key),
                      fmt::format("{} is after today ({}); the sheet holds what happened up to "
                                  "today (or give --today)",
                                  d->to_string(), today_->to_string()));
      }
      return d;
    }
    std::string message;
    if (text.size() > 10 && date::parse(text.substr(0, 10)) &&
        (text[10] == ' ' || text[10] == 'T')) {
      message = fmt::format("expected a date as YYYY-MM-DD, not a date and time, got {}; format "
                            "the column as a date without the time",
                            shown(text));
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
      message = fmt::format("expected a date that exists, as YYYY-MM-DD, got {}", shown(text));
    } else {
      std::string advice = iso_date_advice(text);
      if (!advice.empty() && advised_at_ > 0) {
        // Once is enough: every date of the sheet is written the same way.
        advice = fmt::format("; line {} says how to make the spreadsheet write ISO dates",
                             advised_at_);
      } else if (!advice.empty()) {
        advised_at_ = c->line;
      }
      message = fmt::format("expected a date as YYYY-MM-DD, got {}{}", shown(text), advice);
    }
    problems_.add(c->line, c->column, std::string(key), std::move(message));
    return std::nullopt;
  }

  std::optional<double> amount(const cell& c, std::string_view key, std::string_view what) {
    const parsed_number n = number_of(c.text, decimal_comma_);
    if (!n.value || *n.value < 0 || *n.value > max_usd) {
      problems_.add(c.line, c.column, std::string(key),
                    fmt::format("expected {}{}, got {}{}", what,
                                n.value && *n.value > max_usd ? " and at most 1e12" : "",
                                shown(trimmed(c.text)), n.problem));
      return std::nullopt;
    }
    return n.value;
  }

  void read_rating(const cell* c, std::string_view key, rating& field, bool ended) {
    if (c == nullptr) return;
    const bool stars = key == "stars";
    const std::string_view text = trimmed(c->text);
    if (lowered(text) == "unknown") {
      field.state = rating::kind::unknown;
    } else {
      const parsed_number n = number_of(text, decimal_comma_);
      const bool whole = n.value && std::floor(*n.value) == *n.value;
      if (stars && n.value && *n.value >= 1 && *n.value <= 5) {
        field = {rating::kind::given, *n.value};
      } else if (!stars && n.value && whole && *n.value >= 0 && *n.value <= 10) {
        field = {rating::kind::given, *n.value};
      } else {
        problems_.add(c->line, c->column, std::string(key),
                      fmt::format("expected {}, got {}{}",
                                  stars ? "stars from 1.0 to 5.0, or `unknown`"
                                        : "a private rating, a whole number from 0 to 10, or "
                                          "`unknown`",
                                  shown(text), n.problem));
        return;
      }
    }
    if (!ended) {
      problems_.add(c->line, c->column, std::string(key),
                    fmt::format("an open contract has no {} rating yet (ratings come at the "
                                "end); give `ended` or empty the cell",
                                stars ? "star" : "private"));
    }
  }

  contracts_sheet& sheet_;
  problem_list& problems_;
  std::optional<date> today_;
  bool decimal_comma_ = false;
  /// The key of each column; empty for a column that is not read.
  std::vector<std::string> columns_;
  std::vector<std::string> header_names_;
  /// The line whose message says how to make a spreadsheet write ISO dates.
  int advised_at_ = 0;
  /// The keys an unknown column most likely meant.
  std::set<std::string, std::less<>> misspelt_;
  std::map<std::string, int, std::less<>> ids_;
  std::map<std::string, std::int32_t, std::less<>> client_ids_;
};

}  // namespace

contracts_sheet read_contracts_csv(std::string_view text, const std::string& file_label,
                                   std::optional<date> today) {
  problem_list problems(file_label);
  if (text.size() > max_csv_bytes) {
    problems.add(0, 0, {},
                 fmt::format("the file is {} bytes, more than the {} a contracts CSV may be",
                             text.size(), max_csv_bytes));
    problems.raise();
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  screen(text, problems);
  problems.raise_if_any();

  contracts_sheet sheet;
  sheet.path = file_label;
  sheet.separator = separator_of(text);
  const std::vector<record> rows = records_of(text, sheet.separator, problems);
  problems.raise_if_any();
  if (rows.empty() || (rows.size() == 1 && rows.front().cells.size() == 1 &&
                       trimmed(rows.front().cells.front().text).empty())) {
    problems.add(0, 0, {},
                 "the file is empty; expected a header row (id, client, started, ...) and one "
                 "contract a row");
    problems.raise();
  }
  sheet_reader reader(sheet, problems, today, sheet.separator == ';');
  reader.set_header_names(rows.front());
  reader.read_header(rows.front());
  for (std::size_t i = 1; i < rows.size(); ++i) reader.read_row(rows[i]);
  problems.raise_if_any();
  return sheet;
}

contracts_sheet read_contracts_csv_file(const std::string& path, std::optional<date> today) {
  std::error_code ec;
  const std::filesystem::path p(path);
  if (std::filesystem::is_directory(p, ec)) {
    throw model::input_error(path + ": cannot read the contracts CSV: it is a directory");
  }
  const auto size = std::filesystem::file_size(p, ec);
  if (!ec && size > max_csv_bytes) {
    throw model::scenario_error(
        {path, 0, 0, {}},
        fmt::format("the file is {} bytes, more than the {} a contracts CSV may be", size,
                    max_csv_bytes));
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    throw model::input_error(
        fmt::format("{}: cannot read the contracts CSV: {}", path, std::strerror(errno)));
  }
  // A device or a pipe has no size: read one byte past the limit at most.
  std::string text;
  text.resize(max_csv_bytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw model::input_error(path + ": cannot read the contracts CSV");
  return read_contracts_csv(text, path, today);
}

}  // namespace jssim::input
