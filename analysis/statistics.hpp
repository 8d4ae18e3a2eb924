// SPDX-License-Identifier: MIT
// Intervals and tests over counts of runs: Wilson, order-statistic, McNemar, restricted mean.
#pragma once

#include <cstdint>  // std::uint64_t
#include <optional>

#include "analysis/histogram.hpp"
#include "model/date.hpp"  // model::day_count

namespace jssim::analysis {

/// The standard normal quantile for a two-sided 95 % interval.
inline constexpr double z_95 = 1.959963984540054;

/// A closed interval of reals.
struct interval {
  double lo = 0;
  double hi = 0;

  friend bool operator==(const interval&, const interval&) = default;
};

/// The Wilson score interval for a proportion of `successes` out of `n`
/// (successes <= n), at the two-sided normal quantile `z`. Unlike the Wald
/// interval it stays inside [0, 1] and is not empty at 0 or n successes; its
/// ends are exactly 0 at 0 successes and exactly 1 at n. With n == 0 nothing is
/// known: {0, 1}.
///
///     wilson_interval(5, 10);  // {0.2366, 0.7634}
[[nodiscard]] interval wilson_interval(std::uint64_t successes, std::uint64_t n, double z = z_95);

/// The ranks of a distribution-free confidence interval for a quantile:
/// [X_(lower_rank), X_(upper_rank)] of n sorted runs. Rank 0 stands for minus
/// infinity and rank n + 1 for plus infinity (an end that the data cannot
/// bound at this confidence, as with few runs); histogram::kth_smallest
/// answers nothing for both, which a CSV writes as an empty field.
struct order_statistic_interval {
  std::uint64_t n = 0;
  /// 0..n; 0: unbounded below.
  std::uint64_t lower_rank = 0;
  /// 1..n+1; n+1: unbounded above.
  std::uint64_t upper_rank = 1;
  /// The exact coverage P(X_(lower) <= xi_q <= X_(upper)) for a continuous
  /// distribution, >= the confidence asked for (ties only raise it).
  double coverage = 1;

  /// False when the lower end is minus infinity.
  [[nodiscard]] bool lower_bounded() const noexcept { return lower_rank >= 1; }
  /// False when the upper end is plus infinity.
  [[nodiscard]] bool upper_bounded() const noexcept { return upper_rank <= n; }
  friend bool operator==(const order_statistic_interval&,
                         const order_statistic_interval&) = default;
};

/// The exact binomial (distribution-free) confidence interval for the
/// q-quantile xi_q of n runs, with equal tails. With B ~ Binomial(n, q) the
/// number of runs at or below xi_q, P(X_(l) > xi_q) = P(B <= l-1) and
/// P(X_(u) < xi_q) = P(B >= u), so:
///   - l is the largest rank in 0..n with P(B <= l-1) <= (1-confidence)/2,
///   - u is the smallest rank in 1..n+1 with P(B >= u) <= (1-confidence)/2,
/// each tail holding at most half of the error, and coverage
/// P(l <= B <= u-1) >= confidence. When even the extreme run leaves more than
/// half the error in a tail (n = 5 at q = 0.5: P(B = 0) = 3.1 % > 2.5 %) that
/// end is unbounded (rank 0 or n+1), not clamped to 1 or n, which would claim
/// a coverage it does not have. 0 < q < 1, 0 < confidence < 1.
///
///     binomial_order_statistic_interval(100);  // ranks 40 and 61, coverage 96.5 %
///     binomial_order_statistic_interval(10);   // ranks 2 and 9, coverage 97.85 %
[[nodiscard]] order_statistic_interval binomial_order_statistic_interval(
    std::uint64_t n, double q = 0.5, double confidence = 0.95);

/// McNemar's test uses the exact binomial test when b + c is below this, and
/// the chi-square approximation from it on.
inline constexpr std::uint64_t mcnemar_exact_below = 25;

/// The two-sided p-value of McNemar's test that two paired proportions are
/// equal, from the discordant pairs: b runs where only the first succeeds, c
/// where only the second does.
///   - b + c == 0: 1 (no evidence either way).
///   - b + c < 25: the exact binomial test, min(1, 2 P(X <= min(b, c))) with
///     X ~ Binomial(b + c, 1/2) (not the mid-p variant).
///   - otherwise: chi-square with 1 degree of freedom and Edwards' continuity
///     correction, (max(0, |b - c| - 1))^2 / (b + c); the max keeps b == c at
///     p = 1 instead of a statistic of 1 / (b + c).
///
///     mcnemar_test(10, 2);  // 0.0386 (exact)
[[nodiscard]] double mcnemar_test(std::uint64_t b, std::uint64_t c);

/// The restricted mean time to recover up to a horizon, with its uncertainty.
struct restricted_mean {
  /// RMST, in days: the area under S(t) = P(T > t) from 0 to the horizon.
  double mean = 0;
  /// The standard error of `mean`; nothing with a single run.
  std::optional<double> standard_error;
  /// mean +- z standard errors, clipped to [0, horizon]; nothing with a single run.
  std::optional<interval> confidence_interval;
};

/// The restricted mean of the times to recover in `times` (bins are days),
/// runs censored at `horizon_days` (>= 0). For a step function on whole days
/// the area under S(t) up to h is sum_{d=0}^{h-1} P(T > d) = E[min(T, h)], so
/// a censored run, and a run whose bin is past the horizon, counts h. Every
/// run is observed up to the horizon (no censoring before it), so the standard
/// error is the sample standard deviation of min(T, h) (divisor N - 1) over
/// sqrt(N). Nothing when `times` is empty.
///
///     restricted_mean_time(days, 731);  // mean days to recover, capped at 731
[[nodiscard]] std::optional<restricted_mean> restricted_mean_time(const histogram& times,
                                                                  model::day_count horizon_days,
                                                                  double z = z_95);

}  // namespace jssim::analysis
