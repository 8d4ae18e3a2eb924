// SPDX-License-Identifier: MIT
// The history's part of the Top Rated rule: Saturdays, earnings spread
// between the first and the latest payment, the thresholds.
#include "model/top_rated.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace jssim::model;

namespace {

date iso(const char* text) { return date::parse(text).value(); }

contract paid(const char* first, const char* last, double usd) {
  contract c;
  c.start = iso(first);
  c.end = iso(last);
  c.earned = usd;
  c.first_paid = iso(first);
  c.last_paid = iso(last);
  return c;
}

}  // namespace

TEST_CASE("the Saturday on or before a day is that day for a Saturday and the one before otherwise",
          "[model][top_rated]") {
  CHECK(saturday_on_or_before(iso("2026-03-07")) == iso("2026-03-07"));  // a Saturday
  CHECK(saturday_on_or_before(iso("2026-03-08")) == iso("2026-03-07"));  // Sunday
  CHECK(saturday_on_or_before(iso("2026-03-13")) == iso("2026-03-07"));  // Friday
  CHECK(iso("2026-03-07").weekday() == saturday);
}

TEST_CASE("a history contract's earnings count by the days of its payment span inside the window",
          "[model][top_rated]") {
  // $1,000 paid over the 10 days 2026-01-01 to 2026-01-10: $100 a day.
  const std::vector<contract> h{paid("2026-01-01", "2026-01-10", 1000)};
  CHECK(earned_between(h, iso("2025-12-01"), iso("2026-02-01")) == Approx(1000));
  // (2026-01-05, 2026-01-07]: the 6th and the 7th.
  CHECK(earned_between(h, iso("2026-01-05"), iso("2026-01-07")) == Approx(200));
  // The window excludes its first day: (2026-01-10, ...] holds nothing.
  CHECK(earned_between(h, iso("2026-01-10"), iso("2026-03-01")) == 0);
  CHECK(earned_between(h, iso("2025-12-01"), iso("2026-01-01")) == Approx(100));
  // A payment on a single day counts whole on that day.
  const std::vector<contract> once{paid("2026-02-01", "2026-02-01", 450)};
  CHECK(earned_between(once, iso("2026-01-31"), iso("2026-02-01")) == 450);
  CHECK(earned_between(once, iso("2026-02-01"), iso("2026-03-01")) == 0);
}

TEST_CASE("the rule needs 90 now and in 13 of 16 weeks, $1,000 and a first contract more than 90 "
          "days old",
          "[model][top_rated]") {
  const top_rated_rule rule;
  CHECK(rule.met(true, 13, 1000, 91));
  CHECK_FALSE(rule.met(false, 15, 1000, 91));  // 15 good weeks, but not this one
  CHECK_FALSE(rule.met(true, 12, 1000, 91));
  CHECK_FALSE(rule.met(true, 13, 999.99, 91));
  CHECK_FALSE(rule.met(true, 13, 1000, 90));
  CHECK_FALSE(rule.met(true, 16, 5000, std::nullopt));  // no contract at all
  // A spread $1,000 may come out a rounding error short; it still counts.
  CHECK(rule.met(true, 13, 1000 - 1e-9, 91));
}

TEST_CASE("the earliest start of the contracts is the account's first contract",
          "[model][top_rated]") {
  std::vector<contract> h{paid("2026-02-01", "2026-02-02", 1), paid("2025-11-30", "2025-12-01", 1)};
  CHECK(first_start(h) == iso("2025-11-30"));
  CHECK_FALSE(first_start(std::vector<contract>{}).has_value());
}
