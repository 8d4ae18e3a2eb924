// SPDX-License-Identifier: MIT
// Tests of analysis/paired: who recovered first, and the median difference.
#include "analysis/paired.hpp"

#include <catch2/catch.hpp>

using jssim::analysis::censored;
using jssim::analysis::day_difference;
using jssim::analysis::paired_histogram;

namespace {
/// One run of each kind: B - A = -5, 0, -inf, +inf, tie (both censored), +7.
paired_histogram six_runs() {
  paired_histogram pairs(20);
  pairs.add(10, 5);
  pairs.add(5, 5);
  pairs.add(censored, 3);
  pairs.add(3, censored);
  pairs.add(censored, censored);
  pairs.add(2, 9);
  return pairs;
}
}  // namespace

TEST_CASE("differences are ordered as extended reals", "[analysis][paired]") {
  CHECK(day_difference::minus_infinity() < day_difference::finite(-1000));
  CHECK(day_difference::finite(-1000) < day_difference::finite(0));
  CHECK(day_difference::finite(0) < day_difference::finite(5));
  CHECK(day_difference::finite(5) < day_difference::plus_infinity());
  CHECK(day_difference::finite(3) == day_difference::finite(3));
  CHECK(day_difference::finite(-4).days() == -4);
  CHECK_FALSE(day_difference::plus_infinity().days().has_value());
  CHECK(day_difference::minus_infinity().infinity() == -1);
}

TEST_CASE("a censored run is later than any recovery and two censored runs are the same",
          "[analysis][paired]") {
  const auto pairs = six_runs();
  CHECK(pairs.total() == 6);
  CHECK(pairs.a_earlier() == 2);  // +7 and B censored
  CHECK(pairs.same() == 2);       // 0 and both censored
  CHECK(pairs.b_earlier() == 2);  // -5 and A censored
  const auto p = pairs.probabilities();
  REQUIRE(p.has_value());
  CHECK(p->a_earlier == Approx(1.0 / 3.0));
  CHECK(p->same == Approx(1.0 / 3.0));
  CHECK(p->b_earlier == Approx(1.0 / 3.0));
}

TEST_CASE("the k-th smallest difference puts censored runs at the infinities",
          "[analysis][paired]") {
  const auto pairs = six_runs();
  CHECK(pairs.kth_smallest_difference(0) == day_difference::minus_infinity());
  CHECK(pairs.kth_smallest_difference(1) == day_difference::minus_infinity());
  CHECK(pairs.kth_smallest_difference(2) == day_difference::finite(-5));
  CHECK(pairs.kth_smallest_difference(3) == day_difference::finite(0));
  CHECK(pairs.kth_smallest_difference(4) == day_difference::finite(0));  // both censored: a tie
  CHECK(pairs.kth_smallest_difference(5) == day_difference::finite(7));
  CHECK(pairs.kth_smallest_difference(6) == day_difference::plus_infinity());
  CHECK(pairs.kth_smallest_difference(7) == day_difference::plus_infinity());
}

TEST_CASE("the median difference of 6 runs has an unbounded interval", "[analysis][paired]") {
  const auto m = six_runs().median_difference();
  REQUIRE(m.has_value());
  CHECK(m->median == day_difference::finite(0));
  CHECK(m->ranks.lower_rank == 1);
  CHECK(m->ranks.upper_rank == 6);
  CHECK(m->lower == day_difference::minus_infinity());
  CHECK(m->upper == day_difference::plus_infinity());
}

TEST_CASE("a strategy 3 days faster in 70 of 100 runs has a median difference of -3 days",
          "[analysis][paired]") {
  paired_histogram pairs(100);
  pairs.add(30, 27, 70);
  pairs.add(30, 32, 30);
  const auto m = pairs.median_difference();
  REQUIRE(m.has_value());
  CHECK(m->median.days() == -3);
  CHECK(m->ranks.lower_rank == 40);
  CHECK(m->ranks.upper_rank == 61);
  CHECK(m->lower.days() == -3);
  CHECK(m->upper.days() == -3);
  CHECK(pairs.probabilities()->b_earlier == Approx(0.7));
}

TEST_CASE("the median difference is empty when it falls on a run only one strategy recovered",
          "[analysis][paired]") {
  paired_histogram pairs(50);
  pairs.add(10, 10, 40);
  pairs.add(10, censored, 60);
  const auto m = pairs.median_difference();
  REQUIRE(m.has_value());
  CHECK(m->median == day_difference::plus_infinity());
  CHECK_FALSE(m->median.days().has_value());
  CHECK(m->lower.days() == 0);  // the 40th smallest is the last tie
  CHECK_FALSE(m->upper.days().has_value());
}

TEST_CASE("paired times may span the whole range of bins", "[analysis][paired]") {
  paired_histogram pairs(731);
  pairs.add(730, 0);
  pairs.add(0, 730);
  CHECK(pairs.kth_smallest_difference(1) == day_difference::finite(-730));
  CHECK(pairs.kth_smallest_difference(2) == day_difference::finite(730));
}

TEST_CASE("a single bin compares only ties and censored runs", "[analysis][paired]") {
  paired_histogram pairs(1);
  pairs.add(0, 0);
  pairs.add(0, censored);
  CHECK(pairs.same() == 1);
  CHECK(pairs.a_earlier() == 1);
  CHECK(pairs.b_earlier() == 0);
}

TEST_CASE("no runs have no probabilities and no median", "[analysis][paired]") {
  const paired_histogram pairs(10);
  CHECK_FALSE(pairs.probabilities().has_value());
  CHECK_FALSE(pairs.median_difference().has_value());
}

TEST_CASE("merged paired histograms equal one of all runs", "[analysis][paired]") {
  paired_histogram first(20);
  first.add(10, 5);
  first.add(5, 5);
  first.add(censored, 3);
  paired_histogram second(20);
  second.add(3, censored);
  second.add(censored, censored);
  second.add(2, 9);
  first += second;
  CHECK(first == six_runs());
}
