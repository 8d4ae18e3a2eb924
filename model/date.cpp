// SPDX-License-Identifier: MIT
#include "model/date.hpp"

#include <algorithm>  // std::min
#include <array>

namespace jssim::model {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days, exact for the whole
// range of int32 days.
constexpr day_count days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct ymd {
  int y, m, d;
};

constexpr ymd civil_from_days(day_count z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> lengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : lengths.at(static_cast<std::size_t>(month - 1));
}

std::optional<date> date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return date(days_from_civil(year, month, day));
}

std::optional<date> date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (std::size_t f = 0; f < 3; ++f) {
    for (std::size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  return from_ymd(fields[0], fields[1], fields[2]);
}

int date::year() const { return civil_from_days(days_).y; }
int date::month() const { return civil_from_days(days_).m; }
int date::day() const { return civil_from_days(days_).d; }

int date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int w = (days_ + 4) % 7;
  return w < 0 ? w + 7 : w;
}

std::string date::to_string() const {
  const ymd c = civil_from_days(days_);
  char buf[16];
  const int y = c.y < 0 ? 0 : (c.y > 9999 ? 9999 : c.y);
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + c.m / 10);
  buf[6] = static_cast<char>('0' + c.m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + c.d / 10);
  buf[9] = static_cast<char>('0' + c.d % 10);
  return std::string(buf, 10);
}

date date::add_months(int m) const {
  const ymd c = civil_from_days(days_);
  const int total = c.y * 12 + (c.m - 1) + m;
  const int y = total >= 0 ? total / 12 : (total - 11) / 12;
  const int mo = total - y * 12 + 1;
  const int d = std::min(c.d, days_in_month(y, mo));
  return date(days_from_civil(y, mo, d));
}

}  // namespace jssim::model
