// SPDX-License-Identifier: MIT
// Calendar dates at day resolution (MODEL.md section 2).
#pragma once

#include <compare>   // operator<=>
#include <cstdint>   // std::int32_t
#include <optional>
#include <string>
#include <string_view>

namespace jssim::model {

/// A number of whole days: the difference of two dates, or a delay.
using day_count = std::int32_t;

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
/// Cheap to copy and compare; the only way to make one from text is the strict
/// ISO parser, so a date that does not exist cannot be represented.
///
///     auto d = date::parse("2026-08-31").value();
///     d.sub_months(6).to_string();  // "2026-02-28"
class date {
 public:
  constexpr date() = default;
  /// The date `days` days after 1970-01-01 (negative: before).
  static constexpr date from_days(day_count days) { return date(days); }
  /// The date for a year, month (1-12) and day (1-31); nothing if it does not exist.
  static std::optional<date> from_ymd(int year, int month, int day);
  /// Parses exactly `YYYY-MM-DD`; nothing for anything else (a date-time, a
  /// missing zero, 2026-02-30, trailing text).
  static std::optional<date> parse(std::string_view text);

  [[nodiscard]] constexpr day_count days_since_epoch() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  /// 0 = Sunday ... 6 = Saturday.
  [[nodiscard]] int weekday() const;
  /// `YYYY-MM-DD`.
  [[nodiscard]] std::string to_string() const;

  /// The same day of the month `m` calendar months later, clamped to the
  /// length of that month (2026-01-31 plus 1 month is 2026-02-28).
  [[nodiscard]] date add_months(int m) const;
  /// The same day of the month `m` calendar months earlier, clamped.
  [[nodiscard]] date sub_months(int m) const { return add_months(-m); }

  friend constexpr date operator+(date d, day_count n) { return date(d.days_ + n); }
  friend constexpr date operator-(date d, day_count n) { return date(d.days_ - n); }
  friend constexpr day_count operator-(date a, date b) { return a.days_ - b.days_; }
  constexpr date& operator+=(day_count n) {
    days_ += n;
    return *this;
  }
  friend constexpr auto operator<=>(date, date) = default;

 private:
  constexpr explicit date(day_count days) : days_(days) {}
  day_count days_ = 0;
};

/// True for the years with a 29 February.
bool is_leap_year(int year);
/// The number of days of a month (1-12) of a year.
int days_in_month(int year, int month);

/// The day before any simulated date, for "never" in comparisons.
inline constexpr date date_min = date::from_days(-1'000'000'000);
/// The day after any simulated date.
inline constexpr date date_max = date::from_days(1'000'000'000);

}  // namespace jssim::model
