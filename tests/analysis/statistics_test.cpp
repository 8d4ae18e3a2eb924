// SPDX-License-Identifier: MIT
// Tests of analysis/statistics against values computed by hand (exact fractions).
#include "analysis/statistics.hpp"

#include <cmath>

#include <catch2/catch.hpp>

using jssim::analysis::binomial_order_statistic_interval;
using jssim::analysis::histogram;
using jssim::analysis::mcnemar_test;
using jssim::analysis::restricted_mean_time;
using jssim::analysis::wilson_interval;

TEST_CASE("the Wilson interval of 5 in 10 is 0.2366 to 0.7634", "[analysis][statistics]") {
  const auto ci = wilson_interval(5, 10);
  CHECK(ci.lo == Approx(0.236593090512564).epsilon(1e-12));
  CHECK(ci.hi == Approx(0.7634069094874361).epsilon(1e-12));
}

TEST_CASE("the Wilson interval starts at exactly 0 for no successes and ends at exactly 1 for all",
          "[analysis][statistics]") {
  const auto none = wilson_interval(0, 10);
  CHECK(none.lo == 0.0);
  CHECK(none.hi == Approx(0.2775327998628892).epsilon(1e-12));
  const auto all = wilson_interval(10, 10);
  CHECK(all.lo == Approx(0.7224672001371107).epsilon(1e-12));
  CHECK(all.hi == 1.0);
  const auto one = wilson_interval(1, 1);
  CHECK(one.lo == Approx(0.20654931437723745).epsilon(1e-12));
  CHECK(one.hi == 1.0);
}

TEST_CASE("the Wilson interval of no trials is everything", "[analysis][statistics]") {
  CHECK(wilson_interval(0, 0) == jssim::analysis::interval{0.0, 1.0});
}

TEST_CASE("the Wilson interval narrows with a smaller z", "[analysis][statistics]") {
  const auto wide = wilson_interval(3, 7);
  const auto narrow = wilson_interval(3, 7, 1.0);
  CHECK(wide.lo == Approx(0.15821985525146975).epsilon(1e-12));
  CHECK(wide.hi == Approx(0.7495416354723428).epsilon(1e-12));
  CHECK(narrow.lo > wide.lo);
  CHECK(narrow.hi < wide.hi);
  const auto point = wilson_interval(3, 7, 0.0);
  CHECK(point.lo == Approx(3.0 / 7.0));
  CHECK(point.hi == Approx(3.0 / 7.0));
}

TEST_CASE("the median of 10 runs lies between the 2nd and the 9th with 97.85 % coverage",
          "[analysis][statistics]") {
  const auto r = binomial_order_statistic_interval(10);
  CHECK(r.n == 10);
  CHECK(r.lower_rank == 2);
  CHECK(r.upper_rank == 9);
  CHECK(r.coverage == Approx(0.978515625).epsilon(1e-12));  // 1 - 22/1024
  CHECK(r.lower_bounded());
  CHECK(r.upper_bounded());
}

TEST_CASE("the median of 20 runs lies between the 6th and the 15th", "[analysis][statistics]") {
  const auto r = binomial_order_statistic_interval(20);
  CHECK(r.lower_rank == 6);
  CHECK(r.upper_rank == 15);
  CHECK(r.coverage == Approx(0.9586105346679688).epsilon(1e-12));  // 1 - 2 * 21700 / 2^20
}

TEST_CASE("the median of 100 runs lies between the 40th and the 61st", "[analysis][statistics]") {
  const auto r = binomial_order_statistic_interval(100);
  CHECK(r.lower_rank == 40);
  CHECK(r.upper_rank == 61);
  CHECK(r.coverage == Approx(0.9647997997822951).epsilon(1e-10));
}

TEST_CASE("the median of 1000 runs lies between the 469th and the 532nd",
          "[analysis][statistics]") {
  const auto r = binomial_order_statistic_interval(1000);
  CHECK(r.lower_rank == 469);
  CHECK(r.upper_rank == 532);
  CHECK(r.coverage == Approx(0.9537088026395019).epsilon(1e-9));
}

TEST_CASE("the interval for a tail quantile has equal tails, not a symmetric rank",
          "[analysis][statistics]") {
  const auto p90 = binomial_order_statistic_interval(100, 0.9);
  CHECK(p90.lower_rank == 84);
  CHECK(p90.upper_rank == 96);
  CHECK(p90.coverage == Approx(0.955690107191223).epsilon(1e-10));
  const auto p10 = binomial_order_statistic_interval(100, 0.1);
  CHECK(p10.lower_rank == 5);
  CHECK(p10.upper_rank == 17);
}

TEST_CASE("a higher confidence widens the interval", "[analysis][statistics]") {
  const auto r = binomial_order_statistic_interval(100, 0.5, 0.99);
  CHECK(r.lower_rank == 37);
  CHECK(r.upper_rank == 64);
  CHECK(r.coverage >= 0.99);
}

TEST_CASE("with too few runs an end is unbounded rather than claimed", "[analysis][statistics]") {
  // P(B = 0) = 1/32 > 2.5 %: not even the smallest of 5 runs bounds the median.
  const auto five = binomial_order_statistic_interval(5);
  CHECK(five.lower_rank == 0);
  CHECK(five.upper_rank == 6);
  CHECK_FALSE(five.lower_bounded());
  CHECK_FALSE(five.upper_bounded());
  CHECK(five.coverage == 1.0);

  // P(B = 0) = 1/64 <= 2.5 %: 6 runs are the fewest that bound it.
  const auto six = binomial_order_statistic_interval(6);
  CHECK(six.lower_rank == 1);
  CHECK(six.upper_rank == 6);
  CHECK(six.coverage == Approx(0.96875).epsilon(1e-12));

  // The 90th percentile of 10 runs: bounded below (7th) but not above.
  const auto p90 = binomial_order_statistic_interval(10, 0.9);
  CHECK(p90.lower_rank == 7);
  CHECK(p90.upper_rank == 11);
  CHECK(p90.lower_bounded());
  CHECK_FALSE(p90.upper_bounded());
  CHECK(p90.coverage == Approx(0.9872048016).epsilon(1e-9));
}

TEST_CASE("no runs and one run give an unbounded interval", "[analysis][statistics]") {
  const auto none = binomial_order_statistic_interval(0);
  CHECK(none.lower_rank == 0);
  CHECK(none.upper_rank == 1);
  const auto one = binomial_order_statistic_interval(1);
  CHECK(one.lower_rank == 0);
  CHECK(one.upper_rank == 2);
}

TEST_CASE("the interval always covers at least the confidence asked for",
          "[analysis][statistics]") {
  for (std::uint64_t n = 1; n <= 300; n += 7) {
    for (const double q : {0.1, 0.5, 0.9}) {
      const auto r = binomial_order_statistic_interval(n, q);
      CHECK(r.lower_rank < r.upper_rank);
      CHECK(r.coverage >= 0.95);
    }
  }
}

TEST_CASE("McNemar with 10 against 2 discordant pairs is exact: p = 79/2048",
          "[analysis][statistics]") {
  CHECK(mcnemar_test(10, 2) == Approx(0.03857421875).epsilon(1e-12));
  CHECK(mcnemar_test(2, 10) == Approx(0.03857421875).epsilon(1e-12));
  CHECK(mcnemar_test(0, 5) == Approx(0.0625).epsilon(1e-12));  // 2 / 32
  CHECK(mcnemar_test(20, 4) == Approx(0.001543879508972168).epsilon(1e-10));  // b + c = 24
}

TEST_CASE("McNemar without discordant pairs or with a balance gives p = 1",
          "[analysis][statistics]") {
  CHECK(mcnemar_test(0, 0) == 1.0);
  CHECK(mcnemar_test(5, 5) == 1.0);    // exact: 2 P(X <= 5) > 1
  CHECK(mcnemar_test(30, 30) == 1.0);  // chi-square: the correction stops at 0
  CHECK(mcnemar_test(13, 12) == 1.0);  // |b - c| - 1 = 0
}

TEST_CASE("McNemar from 25 discordant pairs on is chi-square with continuity correction",
          "[analysis][statistics]") {
  // (|20 - 5| - 1)^2 / 25 = 7.84
  CHECK(mcnemar_test(20, 5) == Approx(0.005110260660855864).epsilon(1e-9));
  // (|25 - 10| - 1)^2 / 35 = 5.6
  CHECK(mcnemar_test(25, 10) == Approx(0.017960477526078766).epsilon(1e-9));
  CHECK(mcnemar_test(30, 70) == Approx(9.61926880352055e-05).epsilon(1e-8));
}

TEST_CASE("the restricted mean is the area under the survival curve up to the horizon",
          "[analysis][statistics]") {
  histogram days(10);
  days.add(2);
  days.add(4);
  days.add_censored(2);
  const auto r = restricted_mean_time(days, 10);
  REQUIRE(r.has_value());
  // S = 1, 1, .75, .75, .5 x 6: area 6.5 = mean of 2, 4, 10, 10.
  CHECK(r->mean == Approx(6.5));
  // Sample variance 51 / 3 = 17 over N = 4.
  REQUIRE(r->standard_error.has_value());
  CHECK(*r->standard_error == Approx(std::sqrt(17.0 / 4.0)));
  REQUIRE(r->confidence_interval.has_value());
  CHECK(r->confidence_interval->lo == Approx(2.459430734667449));
  CHECK(r->confidence_interval->hi == 10.0);  // 10.54 clipped to the horizon
}

TEST_CASE("a run past the horizon counts as the horizon", "[analysis][statistics]") {
  histogram days(100);
  days.add(3);
  days.add(50);
  days.add_censored();
  const auto r = restricted_mean_time(days, 20);
  REQUIRE(r.has_value());
  CHECK(r->mean == Approx((3.0 + 20.0 + 20.0) / 3.0));
}

TEST_CASE("the restricted mean of one run has no standard error", "[analysis][statistics]") {
  histogram days(10);
  days.add(7);
  const auto r = restricted_mean_time(days, 9);
  REQUIRE(r.has_value());
  CHECK(r->mean == 7.0);
  CHECK_FALSE(r->standard_error.has_value());
  CHECK_FALSE(r->confidence_interval.has_value());
}

TEST_CASE("when no run recovers the restricted mean is the horizon, without spread",
          "[analysis][statistics]") {
  histogram days(731);
  days.add_censored(10000);
  const auto r = restricted_mean_time(days, 730);
  REQUIRE(r.has_value());
  CHECK(r->mean == 730.0);
  CHECK(*r->standard_error == 0.0);
  CHECK(r->confidence_interval->lo == 730.0);
  CHECK(r->confidence_interval->hi == 730.0);
}

TEST_CASE("runs recovered on day 0 give a restricted mean of 0", "[analysis][statistics]") {
  histogram days(731);
  days.add(0, 3);
  const auto r = restricted_mean_time(days, 730);
  REQUIRE(r.has_value());
  CHECK(r->mean == 0.0);
  CHECK(r->confidence_interval->lo == 0.0);
  CHECK(r->confidence_interval->hi == 0.0);
}

TEST_CASE("no runs have no restricted mean", "[analysis][statistics]") {
  CHECK_FALSE(restricted_mean_time(histogram(10), 9).has_value());
}
