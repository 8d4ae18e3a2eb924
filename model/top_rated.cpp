// SPDX-License-Identifier: MIT
#include "model/top_rated.hpp"

#include <algorithm>  // std::max, std::min

namespace jssim::model {

bool top_rated_rule::met(bool at_jss_now, int weeks_at_jss, double earned_usd,
                         std::optional<day_count> account_days) const {
  // Spread earnings are sums of fractions of a dollar: a millionth of slack
  // keeps $1,000 spread over 7 days from falling a rounding error short.
  return at_jss_now && weeks_at_jss >= weeks_needed && earned_usd >= min_earned_usd - 1e-6 &&
         account_days.has_value() && *account_days > min_account_days;
}

date saturday_on_or_before(date d) { return d - (d.weekday() - saturday + 7) % 7; }

double earned_between(std::span<const contract> history, date from, date to) {
  double usd = 0;
  for (const contract& c : history) {
    if (!c.paid()) continue;
    const date first = std::max(c.first_paid, from + 1);
    const date last = std::min(c.last_paid, to);
    if (last < first) continue;
    const double days = static_cast<double>(last - first + 1);
    const double whole = static_cast<double>(c.last_paid - c.first_paid + 1);
    usd += c.earned * days / whole;
  }
  return usd;
}

std::optional<date> first_start(std::span<const contract> contracts) {
  std::optional<date> first;
  for (const contract& c : contracts) {
    if (!first || c.start < *first) first = c.start;
  }
  return first;
}

}  // namespace jssim::model
