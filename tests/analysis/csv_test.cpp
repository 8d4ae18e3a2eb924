// SPDX-License-Identifier: MIT
// Tests of analysis/csv: RFC 4180 quoting and numbers that ignore the locale.
#include "analysis/csv.hpp"

#include <cmath>
#include <limits>
#include <locale>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using jssim::analysis::csv_quote;
using jssim::analysis::csv_writer;
using jssim::analysis::format_fixed;
using jssim::analysis::format_int;
using jssim::analysis::format_optional_fixed;
using jssim::analysis::format_optional_int;
using jssim::analysis::format_probability;

namespace {
/// A German-style numeric punctuation: ',' decimals, '.' thousands, groups of 3.
class comma_decimals : public std::numpunct<char> {
 protected:
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

/// Sets the global C++ locale for the scope of a test, then restores it.
class global_locale {
 public:
  explicit global_locale(const std::locale& l) : previous_(std::locale::global(l)) {}
  ~global_locale() { std::locale::global(previous_); }
  global_locale(const global_locale&) = delete;
  global_locale& operator=(const global_locale&) = delete;

 private:
  std::locale previous_;
};
}  // namespace

TEST_CASE("a field is quoted only when it holds a comma, a quote or a line break",
          "[analysis][csv]") {
  CHECK(csv_quote("quick wins") == "quick wins");
  CHECK(csv_quote(" padded ") == " padded ");
  CHECK(csv_quote("") == "");
  CHECK(csv_quote("wait, then close") == "\"wait, then close\"");
  CHECK(csv_quote("the \"best\" one") == "\"the \"\"best\"\" one\"");
  CHECK(csv_quote("\"") == "\"\"\"\"");
  CHECK(csv_quote("two\nlines") == "\"two\nlines\"");
  CHECK(csv_quote("carriage\rreturn") == "\"carriage\rreturn\"");
}

TEST_CASE("rows are comma-separated and end with a line feed", "[analysis][csv]") {
  std::ostringstream out;
  csv_writer csv(out);
  csv.write_row({"strategy", "runs", "median_days"});
  csv.field("close, then wait").field(format_int(10000)).field(format_optional_int(std::optional<int>())).end_row();
  const std::vector<std::string> row{"wait", "10", "42"};
  csv.write_row(row);
  CHECK(out.str() ==
        "strategy,runs,median_days\n"
        "\"close, then wait\",10000,\n"
        "wait,10,42\n");
  CHECK(csv.rows() == 3);
}

TEST_CASE("a row of one empty field is not written as a blank line", "[analysis][csv]") {
  std::ostringstream out;
  csv_writer csv(out);
  csv.write_row({"jss"});
  csv.write_row({""});
  csv.write_row({"90"});
  CHECK(out.str() == "jss\n\"\"\n90\n");
}

TEST_CASE("a p-value keeps its significant digits when it is tiny", "[analysis][csv]") {
  CHECK(jssim::analysis::format_p_value(0.038574) == "0.038574");
  CHECK(jssim::analysis::format_p_value(1.0) == "1.000000");
  CHECK(jssim::analysis::format_p_value(0.0001) == "0.000100");
  CHECK(jssim::analysis::format_p_value(2.5e-9) == "2.500e-09");
  CHECK(jssim::analysis::format_p_value(0.0) == "0.000000");
}

TEST_CASE("fixed-point numbers have exactly the decimals asked for", "[analysis][csv]") {
  CHECK(format_fixed(0.5, 6) == "0.500000");
  CHECK(format_fixed(2.0 / 3.0, 6) == "0.666667");
  CHECK(format_fixed(89.5, 4) == "89.5000");
  CHECK(format_fixed(-0.5, 1) == "-0.5");
  CHECK(format_fixed(42.0, 0) == "42");
  CHECK(format_probability(1.0) == "1.000000");
  CHECK(format_probability(0.0) == "0.000000");
}

TEST_CASE("a value that rounds to zero is never written as minus zero", "[analysis][csv]") {
  CHECK(format_fixed(-0.0, 6) == "0.000000");
  CHECK(format_fixed(-1e-9, 6) == "0.000000");
  CHECK(format_fixed(-0.0000004, 6) == "0.000000");
  CHECK(format_fixed(-0.4, 0) == "0");
  CHECK(format_fixed(-0.0000006, 6) == "-0.000001");
}

TEST_CASE("NaN and infinities are written as the empty field", "[analysis][csv]") {
  CHECK(format_fixed(std::numeric_limits<double>::quiet_NaN(), 6).empty());
  CHECK(format_fixed(std::numeric_limits<double>::infinity(), 6).empty());
  CHECK(format_fixed(-std::numeric_limits<double>::infinity(), 6).empty());
  CHECK(format_optional_fixed(std::nullopt, 4).empty());
  CHECK(format_optional_fixed(12.25, 4) == "12.2500");
}

TEST_CASE("integers have no thousands separators and nothing is the empty field",
          "[analysis][csv]") {
  CHECK(format_int(1234567) == "1234567");
  CHECK(format_int(-42L) == "-42");
  CHECK(format_int(std::uint64_t{18446744073709551615U}) == "18446744073709551615");
  CHECK(format_optional_int(std::optional<int>(42)) == "42");
  CHECK(format_optional_int(std::optional<long>(-7)) == "-7");
  CHECK(format_optional_int(std::optional<int>()).empty());
}

TEST_CASE("numbers use a point and no separators whatever the global locale",
          "[analysis][csv]") {
  const global_locale german(std::locale(std::locale::classic(), new comma_decimals));
  CHECK(format_fixed(1234567.25, 2) == "1234567.25");
  CHECK(format_int(1234567) == "1234567");
  std::ostringstream out;  // takes the global locale
  csv_writer csv(out);
  csv.write_row({format_probability(0.125), format_int(10000)});
  CHECK(out.str() == "0.125000,10000\n");
}
