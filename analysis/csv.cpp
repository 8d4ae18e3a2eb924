// SPDX-License-Identifier: MIT
// CSV output: RFC 4180 quoting and locale-independent numbers (MODEL.md section 9).
#include "analysis/csv.hpp"

#include <cmath>    // std::isfinite
#include <ostream>
#include <utility>  // std::move

#include "model/assert.hpp"

namespace jssim::analysis {

csv_writer& csv_writer::field(std::string_view text) {
  if (fields_in_row_ > 0) *out_ << ',';
  *out_ << csv_quote(text);
  row_is_one_empty_field_ = fields_in_row_ == 0 && text.empty();
  ++fields_in_row_;
  return *this;
}

void csv_writer::end_row() {
  JSSIM_ASSERT(fields_in_row_ > 0, "a CSV row has at least one field");
  if (columns_ == 0) columns_ = fields_in_row_;
  JSSIM_ASSERT(fields_in_row_ == columns_, "every CSV row has as many fields as the header");
  // One empty field alone would be a blank line, which readers skip.
  if (row_is_one_empty_field_) *out_ << "\"\"";
  *out_ << '\n';
  fields_in_row_ = 0;
  row_is_one_empty_field_ = false;
  ++rows_;
}

void csv_writer::write_row(std::initializer_list<std::string_view> fields) {
  for (const auto text : fields) field(text);
  end_row();
}

void csv_writer::write_row(std::span<const std::string> fields) {
  for (const auto& text : fields) field(text);
  end_row();
}

std::size_t csv_table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  JSSIM_ASSERT(false, "a column the table has");
  return 0;
}

void write_csv(std::ostream& out, const csv_table& table) {
  csv_writer csv(out);
  csv.write_row(table.header);
  for (const auto& row : table.rows) csv.write_row(row);
}

csv_table select_columns(const csv_table& table, std::initializer_list<std::string_view> names) {
  std::vector<std::size_t> columns;
  csv_table out;
  for (const std::string_view name : names) {
    columns.push_back(table.column(name));
    out.header.emplace_back(name);
  }
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const std::size_t c : columns) cells.push_back(row[c]);
    out.rows.push_back(std::move(cells));
  }
  return out;
}

std::string csv_quote(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string format_fixed(double value, int decimals) {
  JSSIM_ASSERT(decimals >= 0 && decimals <= 30, "decimals in 0..30");
  if (!std::isfinite(value)) return {};
  // fmt ignores the locale unless asked ('L'), so the point is always '.'.
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.front() == '-' && text.find_first_not_of("0.", 1) == std::string::npos) {
    text.erase(0, 1);
  }
  return text;
}

}  // namespace jssim::analysis
