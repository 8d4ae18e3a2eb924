// SPDX-License-Identifier: MIT
#include "model/date.hpp"

#include <catch2/catch.hpp>

using jssim::model::date;
using jssim::model::days_in_month;
using jssim::model::is_leap_year;

namespace {
date d(const char* text) { return date::parse(text).value(); }
}  // namespace

TEST_CASE("a month is subtracted with clamping to the shorter month", "[model][date]") {
  CHECK(d("2026-08-31").sub_months(6).to_string() == "2026-02-28");
  CHECK(d("2024-08-31").sub_months(6).to_string() == "2024-02-29");
  CHECK(d("2026-03-31").sub_months(1).to_string() == "2026-02-28");
  CHECK(d("2026-01-15").sub_months(24).to_string() == "2024-01-15");
  CHECK(d("2026-01-31").add_months(1).to_string() == "2026-02-28");
  CHECK(d("2025-11-30").add_months(3).to_string() == "2026-02-28");
}

TEST_CASE("a well-formed ISO date parses and prints back unchanged", "[model][date]") {
  for (const char* text : {"2026-11-26", "2024-02-29", "2000-02-29", "1970-01-01", "0001-01-01",
                           "9999-12-31", "2026-04-30", "2026-12-31"}) {
    const auto parsed = date::parse(text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->to_string() == text);
  }
  CHECK(d("1970-01-01").days_since_epoch() == 0);
  CHECK(d("2023-12-10").days_since_epoch() == 19701);
  CHECK(d("1969-12-31").days_since_epoch() == -1);
  CHECK(d("2026-11-26").year() == 2026);
  CHECK(d("2026-11-26").month() == 11);
  CHECK(d("2026-11-26").day() == 26);
}

TEST_CASE("the parser rejects anything but an existing YYYY-MM-DD", "[model][date]") {
  // Missing zeros.
  CHECK_FALSE(date::parse("2026-2-3"));
  CHECK_FALSE(date::parse("2026-02-3"));
  CHECK_FALSE(date::parse("26-02-03"));
  // Days that do not exist.
  CHECK_FALSE(date::parse("2026-02-30"));
  CHECK_FALSE(date::parse("2026-02-29"));  // 2026 is not a leap year
  CHECK_FALSE(date::parse("1900-02-29"));  // divisible by 100, not by 400
  CHECK_FALSE(date::parse("2026-04-31"));
  CHECK_FALSE(date::parse("2026-13-01"));
  CHECK_FALSE(date::parse("2026-00-10"));
  CHECK_FALSE(date::parse("2026-01-00"));
  CHECK_FALSE(date::parse("0000-01-01"));
  // Date-times and trailing or leading text.
  CHECK_FALSE(date::parse("2026-02-03T10:00:00"));
  CHECK_FALSE(date::parse("2026-02-03T10:00:00Z"));
  CHECK_FALSE(date::parse("2026-02-03 10:00"));
  CHECK_FALSE(date::parse("2026-02-03x"));
  CHECK_FALSE(date::parse("2026-02-03 "));
  CHECK_FALSE(date::parse(" 2026-02-03"));
  // Other separators, signs, empty text.
  CHECK_FALSE(date::parse("2026/02/03"));
  CHECK_FALSE(date::parse("20260203"));
  CHECK_FALSE(date::parse("+026-02-03"));
  CHECK_FALSE(date::parse("2026-+2-03"));
  CHECK_FALSE(date::parse(""));
}

TEST_CASE("from_ymd makes only dates that exist", "[model][date]") {
  CHECK(date::from_ymd(2024, 2, 29).has_value());
  CHECK_FALSE(date::from_ymd(2026, 2, 29));
  CHECK_FALSE(date::from_ymd(2026, 6, 31));
  CHECK_FALSE(date::from_ymd(2026, 0, 1));
  CHECK_FALSE(date::from_ymd(2026, 13, 1));
  CHECK(date::from_ymd(2026, 11, 26) == d("2026-11-26"));
}

TEST_CASE("leap years are every fourth year except centuries not divisible by 400",
          "[model][date]") {
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2028));
  CHECK_FALSE(is_leap_year(2026));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2100));
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(2400));
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2026, 2) == 28);
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 12) == 31);
}

TEST_CASE("the weekday counts from Sunday as 0", "[model][date]") {
  CHECK(d("2023-12-10").weekday() == 0);  // the recalculation anchor, a Sunday
  CHECK(d("1970-01-01").weekday() == 4);  // a Thursday
  CHECK(d("1969-12-31").weekday() == 3);  // before the epoch: a Wednesday
  CHECK(d("2026-11-26").weekday() == 4);  // a Thursday
  CHECK(d("2026-11-22").weekday() == 0);
  CHECK(d("2000-02-29").weekday() == 2);  // a Tuesday
  CHECK(d("1900-03-01").weekday() == 4);
}

TEST_CASE("day arithmetic crosses month, year and leap-day boundaries", "[model][date]") {
  CHECK((d("2024-02-28") + 1).to_string() == "2024-02-29");
  CHECK((d("2026-02-28") + 1).to_string() == "2026-03-01");
  CHECK((d("2026-12-31") + 1).to_string() == "2027-01-01");
  CHECK((d("2026-01-01") - 1).to_string() == "2025-12-31");
  CHECK(d("2024-03-01") - d("2024-02-28") == 2);
  CHECK(d("2026-03-01") - d("2026-02-28") == 1);
  CHECK(d("2026-11-26") - d("2023-12-10") == 1082);
  date x = d("2026-11-26");
  x += 14;
  CHECK(x.to_string() == "2026-12-10");
  CHECK(d("2026-01-01") < d("2026-01-02"));
  CHECK(d("2025-12-31") < d("2026-01-01"));
}

TEST_CASE("months are added and subtracted across year boundaries", "[model][date]") {
  CHECK(d("2026-01-15").sub_months(1).to_string() == "2025-12-15");
  CHECK(d("2025-12-15").add_months(1).to_string() == "2026-01-15");
  CHECK(d("2025-12-31").add_months(1).to_string() == "2026-01-31");
  CHECK(d("2026-11-26").add_months(24).to_string() == "2028-11-26");
  CHECK(d("2026-11-26").sub_months(24).to_string() == "2024-11-26");
  CHECK(d("2026-02-10").sub_months(14).to_string() == "2024-12-10");
  CHECK(d("2026-11-26").add_months(0) == d("2026-11-26"));
}

TEST_CASE("a negative month count goes back in time", "[model][date]") {
  CHECK(d("2026-11-26").add_months(-3) == d("2026-11-26").sub_months(3));
  CHECK(d("2026-11-26").add_months(-3).to_string() == "2026-08-26");
  CHECK(d("2026-02-15").sub_months(-11).to_string() == "2027-01-15");
  CHECK(d("2026-03-31").add_months(-1).to_string() == "2026-02-28");
}

TEST_CASE("the day of the month is clamped to the length of the target month",
          "[model][date]") {
  CHECK(d("2026-05-31").add_months(1).to_string() == "2026-06-30");
  CHECK(d("2026-03-31").sub_months(6).to_string() == "2025-09-30");
  CHECK(d("2024-02-29").add_months(12).to_string() == "2025-02-28");
  CHECK(d("2024-02-29").add_months(48).to_string() == "2028-02-29");
  CHECK(d("2024-02-29").sub_months(12).to_string() == "2023-02-28");
  CHECK(d("2000-03-31").sub_months(1).to_string() == "2000-02-29");
  CHECK(d("1900-03-31").sub_months(1).to_string() == "1900-02-28");
  // Clamping is not undone: going there and back can land earlier.
  CHECK(d("2026-01-31").add_months(1).add_months(1).to_string() == "2026-03-28");
}
