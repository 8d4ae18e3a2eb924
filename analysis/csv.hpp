// SPDX-License-Identifier: MIT
// CSV output: RFC 4180 quoting and locale-independent numbers (MODEL.md section 9).
#pragma once

#include <concepts>  // std::integral
#include <cstddef>   // std::size_t
#include <initializer_list>
#include <iosfwd>    // std::ostream
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace jssim::analysis {

/// Writes CSV rows to a stream: fields separated by `,`, rows ended by `\n`.
///
/// A field is quoted only when it holds `,`, `"`, CR or LF, with its quotes
/// doubled (RFC 4180 section 2); a row of one empty field is written `""` so
/// that it is not a blank line, which readers skip. Rows end with `\n`, not
/// RFC 4180's CRLF: the files are read by scripts and spreadsheets, which
/// accept both, and `\n` keeps golden files and `diff` clean on every system.
/// Every row must have as many fields as the first (the header): a ragged row
/// is a bug in the caller and stops the program.
///
/// The writer only formats; errors of the stream are its owner's to check
/// (atomic_output_file::commit does).
///
///     csv_writer csv(out);
///     csv.write_row({"strategy", "p_recovered"});
///     csv.field("quick wins").field(format_probability(0.5)).end_row();
class csv_writer {
 public:
  /// A writer to `out`, which must outlive it.
  explicit csv_writer(std::ostream& out) : out_(&out) {}

  /// Appends one field (raw text, quoted here if needed) to the current row.
  csv_writer& field(std::string_view text);
  /// Ends the current row.
  void end_row();
  /// Writes a whole row.
  void write_row(std::initializer_list<std::string_view> fields);
  /// Writes a whole row.
  void write_row(std::span<const std::string> fields);

  /// The rows written so far, the header included.
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

 private:
  std::ostream* out_;
  std::size_t fields_in_row_ = 0;
  /// Whether the current row's only field so far is empty.
  bool row_is_one_empty_field_ = false;
  std::size_t rows_ = 0;
  /// The number of fields of the first row, the header; 0 before it ends.
  std::size_t columns_ = 0;
};

/// A CSV file's cells before they are written: the header and the rows, each
/// field already formatted. The CSV writer and report.html's tables both take
/// their numbers from one table, so that the page shows the file's numbers.
///
///     csv_table t = summary_table(rows);
///     write_csv(out, t);                       // summary.csv
///     section.table(select_columns(t, {"strategy", "p_recovered"}), ...);
struct csv_table {
  std::vector<std::string> header;
  /// Each as long as the header.
  std::vector<std::vector<std::string>> rows;

  /// The index of the column named `name`; stops the program when there is
  /// none (a bug in the caller).
  [[nodiscard]] std::size_t column(std::string_view name) const;
};

/// Writes `table` with a csv_writer: the header row, then every row.
void write_csv(std::ostream& out, const csv_table& table);

/// The columns of `table` named in `names`, in that order, their cells as
/// they are.
[[nodiscard]] csv_table select_columns(const csv_table& table,
                                       std::initializer_list<std::string_view> names);

/// `text` as one CSV field: unchanged, or in double quotes with its quotes
/// doubled when it holds `,`, `"`, CR or LF.
///
///     csv_quote("a,b");  // "\"a,b\""
[[nodiscard]] std::string csv_quote(std::string_view text);

/// `value` with exactly `decimals` (0..30) digits after a `.`, whatever the
/// locale, without thousands separators, rounded from the exact binary value.
/// Never "-0.000000": a value that rounds to zero is written unsigned. NaN
/// and infinities, which no column can hold, give the empty field, as for a
/// value that does not exist.
///
///     format_fixed(2.0 / 3.0, 6);  // "0.666667"
///     format_fixed(-1e-9, 6);      // "0.000000"
[[nodiscard]] std::string format_fixed(double value, int decimals);

/// A probability with 6 decimals (MODEL.md section 9).
[[nodiscard]] inline std::string format_probability(double p) { return format_fixed(p, 6); }

/// A p-value: 6 decimals down to 0.0001, below that 3 significant digits in
/// scientific notation, so that a test's strength is not lost as "0.000000".
/// Spreadsheets read both forms as numbers. A p-value below the smallest
/// double (McNemar on thousands of discordant runs) has underflowed to 0 and
/// is written 0.000000.
///
///     format_p_value(0.038574);  // "0.038574"
///     format_p_value(2.5e-9);    // "2.500e-09"
[[nodiscard]] inline std::string format_p_value(double p) {
  return !(p < 1e-4) || p <= 0.0 ? format_fixed(p, 6) : fmt::format("{:.3e}", p);
}

/// An optional real with `decimals` decimals; the empty field for nothing.
[[nodiscard]] inline std::string format_optional_fixed(std::optional<double> value, int decimals) {
  return value ? format_fixed(*value, decimals) : std::string();
}

/// An integer in decimal, without separators.
template <std::integral T>
[[nodiscard]] std::string format_int(T value) {
  return fmt::format("{}", value);
}

/// An optional integer; the empty field for nothing (a censored median, a
/// profile without a score).
///
///     format_optional_int(std::optional<int>());  // ""
template <std::integral T>
[[nodiscard]] std::string format_optional_int(const std::optional<T>& value) {
  return value ? format_int(*value) : std::string();
}

}  // namespace jssim::analysis
