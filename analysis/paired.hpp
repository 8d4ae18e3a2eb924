// SPDX-License-Identifier: MIT
// Two strategies compared run by run on the same random draws (MODEL.md section 8).
#pragma once

#include <compare>  // operator<=>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <optional>
#include <vector>

#include "analysis/statistics.hpp"
#include "model/date.hpp"  // model::day_count

namespace jssim::analysis {

/// A run's time under a strategy that did not recover by the horizon, for
/// paired_histogram::add: `pairs.add(12, censored)`.
inline constexpr std::optional<std::size_t> censored{};

/// A paired difference of times to recover, B - A, in days, where a censored
/// time is infinite: A censored and B not gives minus infinity (B was
/// earlier), B censored and A not plus infinity. Both censored is a tie, 0,
/// as in paired_histogram::same(). Ordered as the extended reals.
class day_difference {
 public:
  constexpr day_difference() = default;
  /// `days` days (negative: B was earlier).
  static constexpr day_difference finite(model::day_count days) { return {0, days}; }
  /// Minus infinity: B recovered and A did not.
  static constexpr day_difference minus_infinity() { return {-1, 0}; }
  /// Plus infinity: A recovered and B did not.
  static constexpr day_difference plus_infinity() { return {+1, 0}; }

  [[nodiscard]] constexpr bool is_finite() const noexcept { return infinity_ == 0; }
  /// The number of days; nothing when infinite, which a CSV writes empty.
  [[nodiscard]] constexpr std::optional<model::day_count> days() const noexcept {
    return is_finite() ? std::optional<model::day_count>(days_) : std::nullopt;
  }
  /// -1 for minus infinity, +1 for plus infinity, 0 when finite.
  [[nodiscard]] constexpr int infinity() const noexcept { return infinity_; }

  // (infinity, days) in lexicographic order is the order of the extended
  // reals, because an infinite difference always has days == 0.
  friend constexpr auto operator<=>(const day_difference&, const day_difference&) = default;

 private:
  constexpr day_difference(int infinity, model::day_count days) : infinity_(infinity), days_(days) {}
  int infinity_ = 0;
  model::day_count days_ = 0;
};

/// Which strategy recovered first, over the runs: fractions summing to 1.
struct paired_probabilities {
  /// A strictly earlier than B (B censored and A not counts here).
  double a_earlier = 0;
  /// The same day, or both censored.
  double same = 0;
  /// B strictly earlier than A.
  double b_earlier = 0;
};

/// The median of the paired differences B - A with its confidence interval.
struct paired_median {
  /// The ceil(N/2)-th smallest difference; infinite when it falls on a run
  /// that only one strategy recovered, and then `median.days()` is empty.
  day_difference median;
  /// The interval's ends X_(l) and X_(u); an end the data cannot bound
  /// (rank 0 or N + 1) is minus or plus infinity.
  day_difference lower;
  day_difference upper;
  /// The ranks l and u and the interval's exact coverage.
  order_statistic_interval ranks;
};

/// The joint outcome of the runs under two strategies A and B, each run's
/// time to recover a bin 0..K-1 (days) or censored.
///
/// Everything asked of a pair (who was earlier, the median difference and its
/// interval) is a function of the difference B - A, so that is what is kept:
/// 2K - 1 finite differences and three counters, O(K) memory per pair and per
/// thread, rather than a K x K table (535,824 counters for a 24-month horizon).
///
///     paired_histogram pairs(731);
///     pairs.add(40, 26);        // B 14 days earlier
///     pairs.add(40, censored);  // only A recovered
///     pairs.probabilities();    // a_earlier 0.5, same 0, b_earlier 0.5
class paired_histogram {
 public:
  /// An empty comparison of times 0..bins-1 (bins >= 1).
  explicit paired_histogram(std::size_t bins);

  /// Counts `count` runs with time `a` under A and `b` under B (`censored`
  /// for a run that did not recover).
  void add(std::optional<std::size_t> a, std::optional<std::size_t> b, std::uint64_t count = 1);
  /// Adds the runs of `other`, which must have as many bins.
  paired_histogram& operator+=(const paired_histogram& other);

  /// K, the number of time bins.
  [[nodiscard]] std::size_t bins() const noexcept { return bins_; }
  /// Every run: N.
  [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
  /// The runs where A recovered strictly earlier than B (B censored included).
  [[nodiscard]] std::uint64_t a_earlier() const;
  /// The runs where both recovered on the same day or neither recovered.
  [[nodiscard]] std::uint64_t same() const;
  /// The runs where B recovered strictly earlier than A (A censored included).
  [[nodiscard]] std::uint64_t b_earlier() const;
  /// The three counts over N; nothing when there are no runs.
  [[nodiscard]] std::optional<paired_probabilities> probabilities() const;

  /// The k-th smallest difference B - A (1-based); by the usual convention
  /// X_(0) is minus infinity and X_(N+1) plus infinity, so any rank of an
  /// order_statistic_interval has a value. k <= total() + 1.
  [[nodiscard]] day_difference kth_smallest_difference(std::uint64_t k) const;
  /// The median difference (the quantile_rank(0.5, N)-th smallest) and its
  /// exact binomial order-statistic interval at `confidence`; nothing when
  /// there are no runs. Differences take few values, so ties make the interval
  /// conservative: its coverage is at least `ranks.coverage`.
  [[nodiscard]] std::optional<paired_median> median_difference(double confidence = 0.95) const;

  friend bool operator==(const paired_histogram&, const paired_histogram&) = default;

 private:
  std::size_t bins_;
  /// Runs with both times finite, at index (b - a) + (bins - 1).
  std::vector<std::uint64_t> finite_;
  std::uint64_t only_a_censored_ = 0;  ///< B - A = minus infinity
  std::uint64_t only_b_censored_ = 0;  ///< B - A = plus infinity
  std::uint64_t both_censored_ = 0;    ///< a tie, ranked with the zero differences
  std::uint64_t total_ = 0;
};

}  // namespace jssim::analysis
