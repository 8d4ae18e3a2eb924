// SPDX-License-Identifier: MIT
// Tests of analysis/histogram: ranks, quantiles with censored runs, merging.
#include "analysis/histogram.hpp"

#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

using jssim::analysis::histogram;
using jssim::analysis::quantile_rank;

TEST_CASE("the rank of a quantile is ceil(q N), exact when q N is an integer on paper",
          "[analysis][histogram]") {
  CHECK(quantile_rank(0.5, 10000) == 5000);
  CHECK(quantile_rank(0.1, 10000) == 1000);
  CHECK(quantile_rank(0.9, 10000) == 9000);
  CHECK(quantile_rank(0.07, 100) == 7);  // 0.07 * 100 is 7.000000000000001 in doubles
  CHECK(quantile_rank(0.9, 10) == 9);
  CHECK(quantile_rank(0.5, 3) == 2);
  CHECK(quantile_rank(0.25, 10) == 3);
  CHECK(quantile_rank(0.95, 10) == 10);
  CHECK(quantile_rank(0.5, 10001) == 5001);
}

TEST_CASE("the rank of a quantile is at least 1 and at most N", "[analysis][histogram]") {
  CHECK(quantile_rank(0.0, 10) == 1);
  CHECK(quantile_rank(0.01, 10) == 1);
  CHECK(quantile_rank(1.0, 10) == 10);
  CHECK(quantile_rank(0.5, 1) == 1);
  CHECK(quantile_rank(0.5, 0) == 1);
}

TEST_CASE("a histogram counts runs per bin and censored runs apart", "[analysis][histogram]") {
  histogram h(5);
  h.add(0);
  h.add(3, 4);
  h.add_censored(2);
  CHECK(h.bins() == 5);
  CHECK(h.total() == 7);
  CHECK(h.count(0) == 1);
  CHECK(h.count(1) == 0);
  CHECK(h.count(3) == 4);
  CHECK(h.censored() == 2);
  CHECK(h.count_at_most(0) == 1);
  CHECK(h.count_at_most(2) == 1);
  CHECK(h.count_at_most(3) == 5);
  CHECK(h.count_at_most(4) == 5);
  CHECK(h.count_at_most(std::numeric_limits<std::size_t>::max()) == 5);
}

TEST_CASE("the median of three runs with one censored is the middle recovery",
          "[analysis][histogram]") {
  histogram days(731);
  days.add(14);
  days.add(28);
  days.add_censored();
  CHECK(days.quantile_bin(0.5) == 28u);
  CHECK(days.quantile_bin(0.1) == 14u);
  CHECK_FALSE(days.quantile_bin(0.9).has_value());
}

TEST_CASE("the k-th smallest run counts censored runs as infinite", "[analysis][histogram]") {
  histogram h(10);
  h.add(2, 2);
  h.add(7);
  h.add_censored(2);
  CHECK(h.kth_smallest(1) == 2u);
  CHECK(h.kth_smallest(2) == 2u);
  CHECK(h.kth_smallest(3) == 7u);
  CHECK_FALSE(h.kth_smallest(4).has_value());
  CHECK_FALSE(h.kth_smallest(5).has_value());
}

TEST_CASE("ranks 0 and N + 1 have no value, as the ends of an unbounded interval",
          "[analysis][histogram]") {
  histogram h(3);
  h.add(1, 3);
  CHECK_FALSE(h.kth_smallest(0).has_value());
  CHECK(h.kth_smallest(3) == 1u);
  CHECK_FALSE(h.kth_smallest(4).has_value());
}

TEST_CASE("the median of ten runs is the 5th smallest, not an average", "[analysis][histogram]") {
  histogram h(10);
  for (std::size_t day = 0; day < 10; ++day) h.add(day);
  CHECK(h.quantile_bin(0.5) == 4u);
  CHECK(h.quantile_bin(0.1) == 0u);
  CHECK(h.quantile_bin(0.9) == 8u);
  CHECK(h.quantile_bin(1.0) == 9u);
}

TEST_CASE("a single run is every quantile of itself", "[analysis][histogram]") {
  histogram h(30);
  h.add(12);
  CHECK(h.quantile_bin(0.1) == 12u);
  CHECK(h.quantile_bin(0.5) == 12u);
  CHECK(h.quantile_bin(0.9) == 12u);

  histogram lost(30);
  lost.add_censored();
  CHECK_FALSE(lost.quantile_bin(0.1).has_value());
}

TEST_CASE("when every run is censored no quantile exists", "[analysis][histogram]") {
  histogram h(731);
  h.add_censored(10000);
  CHECK(h.total() == 10000);
  CHECK(h.count_at_most(730) == 0);
  CHECK_FALSE(h.quantile_bin(0.1).has_value());
  CHECK_FALSE(h.quantile_bin(0.5).has_value());
}

TEST_CASE("an empty histogram has no quantile", "[analysis][histogram]") {
  const histogram h(5);
  CHECK(h.total() == 0);
  CHECK_FALSE(h.quantile_bin(0.5).has_value());
  CHECK_FALSE(h.kth_smallest(1).has_value());
}

TEST_CASE("the median falls on a censored run exactly when half or more are censored",
          "[analysis][histogram]") {
  histogram h(100);
  h.add(50, 5000);
  h.add_censored(5000);
  CHECK(h.quantile_bin(0.5) == 50u);  // the 5000th smallest is the last recovery
  h.add_censored();
  CHECK_FALSE(h.quantile_bin(0.5).has_value());  // ceil(10001 / 2) = 5001 is censored
}

TEST_CASE("merged histograms equal one histogram of all runs, in any order",
          "[analysis][histogram]") {
  histogram a(4);
  histogram b(4);
  histogram all(4);
  a.add(0);
  a.add(3, 2);
  b.add(1);
  b.add_censored(3);
  all.add(0);
  all.add(3, 2);
  all.add(1);
  all.add_censored(3);

  histogram ab = a;
  ab += b;
  histogram ba = b;
  ba += a;
  CHECK(ab == all);
  CHECK(ba == all);
  CHECK(ab.total() == 7);
  CHECK(ab.censored() == 3);
}

TEST_CASE("a quantile just above an integer rank of many runs still rounds up",
          "[analysis][histogram]") {
  CHECK(quantile_rank(0.5000001, 1000000000) == 500000100);
  CHECK(quantile_rank(0.50000001, 1000000000) == 500000010);
  CHECK(quantile_rank(0.123456789, 1000000000) == 123456789);
  CHECK(quantile_rank(0.500000000001, 1000000000) == 500000001);  // q n = 500000000.001
}
