// SPDX-License-Identifier: MIT
// Intervals and tests over counts of runs: Wilson, order-statistic, McNemar, restricted mean.
#include "analysis/statistics.hpp"

#include <algorithm>  // std::min, std::max
#include <cmath>      // std::sqrt
#include <cstddef>    // std::size_t

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>

#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

using binomial = boost::math::binomial_distribution<double>;

/// P(B <= k) for k >= -1 (P(B <= -1) = 0).
double cdf_at_most(const binomial& b, std::int64_t k) {
  if (k < 0) return 0.0;
  return boost::math::cdf(b, static_cast<double>(k));
}

/// P(B >= k) for k <= n + 1 (P(B >= n + 1) = 0), from the upper tail directly
/// rather than 1 - cdf, which would lose the small tail to cancellation.
double cdf_at_least(const binomial& b, std::uint64_t n, std::uint64_t k) {
  if (k == 0) return 1.0;
  if (k > n) return 0.0;
  return boost::math::cdf(boost::math::complement(b, static_cast<double>(k - 1)));
}

}  // namespace

interval wilson_interval(std::uint64_t successes, std::uint64_t n, double z) {
  JSSIM_ASSERT(successes <= n, "more successes than trials");
  JSSIM_ASSERT(z >= 0.0, "a normal quantile for a two-sided interval is >= 0");
  if (n == 0) return {0.0, 1.0};
  const double trials = static_cast<double>(n);
  const double p = static_cast<double>(successes) / trials;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / trials;
  const double center = (p + z2 / (2.0 * trials)) / denominator;
  const double half =
      z * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
  // At 0 and n the formula gives 0 and 1 only up to rounding; a -1e-17 would
  // otherwise reach a report.
  const double lo = successes == 0 ? 0.0 : std::max(0.0, center - half);
  const double hi = successes == n ? 1.0 : std::min(1.0, center + half);
  return {lo, hi};
}

order_statistic_interval binomial_order_statistic_interval(std::uint64_t n, double q,
                                                           double confidence) {
  JSSIM_ASSERT(q > 0.0 && q < 1.0, "the quantile of an order-statistic interval is in (0, 1)");
  JSSIM_ASSERT(confidence > 0.0 && confidence < 1.0, "a confidence is in (0, 1)");
  order_statistic_interval result;
  result.n = n;
  result.lower_rank = 0;
  result.upper_rank = n + 1;
  result.coverage = 1.0;
  if (n == 0) return result;

  const double half_error = (1.0 - confidence) / 2.0;
  const binomial b(static_cast<double>(n), q);

  // Both tails are monotone in the rank, so bisection needs O(log n) CDFs
  // instead of one per rank (n is the number of runs, 10000 by default).
  // Largest l in [0, n] with P(B <= l - 1) <= half_error; l = 0 always qualifies.
  std::uint64_t lo = 0;
  std::uint64_t hi = n;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo + 1) / 2;
    if (cdf_at_most(b, static_cast<std::int64_t>(mid) - 1) <= half_error) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  result.lower_rank = lo;

  // Smallest u in [1, n + 1] with P(B >= u) <= half_error; u = n + 1 always qualifies.
  lo = 1;
  hi = n + 1;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (cdf_at_least(b, n, mid) <= half_error) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  result.upper_rank = lo;

  result.coverage = 1.0 - cdf_at_most(b, static_cast<std::int64_t>(result.lower_rank) - 1) -
                    cdf_at_least(b, n, result.upper_rank);
  JSSIM_ASSERT(result.lower_rank < result.upper_rank, "an order-statistic interval is not empty");
  return result;
}

double mcnemar_test(std::uint64_t b, std::uint64_t c) {
  const std::uint64_t discordant = b + c;
  if (discordant == 0) return 1.0;
  if (discordant < mcnemar_exact_below) {
    const binomial fair(static_cast<double>(discordant), 0.5);
    const double tail = boost::math::cdf(fair, static_cast<double>(std::min(b, c)));
    return std::min(1.0, 2.0 * tail);
  }
  const std::uint64_t gap = b > c ? b - c : c - b;
  const double corrected = gap > 0 ? static_cast<double>(gap - 1) : 0.0;
  const double statistic = corrected * corrected / static_cast<double>(discordant);
  const boost::math::chi_squared_distribution<double> chi2(1.0);
  return boost::math::cdf(boost::math::complement(chi2, statistic));
}

std::optional<restricted_mean> restricted_mean_time(const histogram& times,
                                                    model::day_count horizon_days, double z) {
  JSSIM_ASSERT(horizon_days >= 0, "a horizon is not in the past");
  JSSIM_ASSERT(z >= 0.0, "a normal quantile for a two-sided interval is >= 0");
  const std::uint64_t runs = times.total();
  if (runs == 0) return std::nullopt;

  const auto horizon = static_cast<std::size_t>(horizon_days);
  const auto capped = [horizon](std::size_t bin) { return std::min(bin, horizon); };
  const auto& counts = times.counts();

  // Whole days and run counts: the sum is exact in integers.
  std::uint64_t sum = times.censored() * horizon;
  for (std::size_t bin = 0; bin < counts.size(); ++bin) sum += counts[bin] * capped(bin);
  const double n = static_cast<double>(runs);
  const double mean = static_cast<double>(sum) / n;

  restricted_mean result;
  result.mean = mean;
  if (runs < 2) return result;

  // Two passes (mean, then squared deviations) rather than E[X^2] - E[X]^2,
  // which cancels badly when most runs share one value.
  const auto squared_deviation = [mean](std::size_t value) {
    const double d = static_cast<double>(value) - mean;
    return d * d;
  };
  double squares = static_cast<double>(times.censored()) * squared_deviation(horizon);
  for (std::size_t bin = 0; bin < counts.size(); ++bin) {
    if (counts[bin] != 0) squares += static_cast<double>(counts[bin]) * squared_deviation(capped(bin));
  }
  const double variance = squares / (n - 1.0);
  const double standard_error = std::sqrt(variance / n);
  result.standard_error = standard_error;
  result.confidence_interval =
      interval{std::max(0.0, mean - z * standard_error),
               std::min(static_cast<double>(horizon_days), mean + z * standard_error)};
  return result;
}

}  // namespace jssim::analysis
