// SPDX-License-Identifier: MIT
// Counts of runs per integer bin, with censored runs, and their order statistics.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <optional>
#include <vector>

namespace jssim::analysis {

/// The 1-based rank of the q-quantile of `n` values: ceil(q n), at least 1
/// (MODEL.md section 9). `q` is in [0, 1].
///
/// q n is computed in floating point, so a product that is an integer on paper
/// can land a hair above it (0.07 * 100 is 7.000000000000001). A product
/// within 1e-12 (relative) of an integer is taken as that integer: rounding
/// errs by about 1e-16, and a q with 12 significant digits is not a quantile
/// anyone asks for. So decimal quantiles behave as written:
/// quantile_rank(0.5, 10000) == 5000,
/// quantile_rank(0.07, 100) == 7, quantile_rank(0.5, 3) == 2. For n == 0 the
/// rank is 1, which no value has.
[[nodiscard]] std::uint64_t quantile_rank(double q, std::uint64_t n);

/// A count of runs per bin 0..K-1 (a bin is a number of days, or a score),
/// plus a count of censored runs, which rank after every bin: a run that did
/// not recover by the horizon has an infinite time to recover.
///
/// Censored runs are a separate counter rather than a last bin so that a bin
/// index always means a value, and no caller has to remember that bin K-1 is
/// special. Histograms of the same size add up (`+=`), so threads can count
/// their own runs and merge at the end in any order with the same result.
///
///     histogram days(731);
///     days.add(14);
///     days.add(28);
///     days.add_censored();
///     days.quantile_bin(0.5);  // 28: the 2nd smallest of 3
///     days.quantile_bin(0.9);  // nothing: the 3rd smallest is censored
class histogram {
 public:
  /// An empty histogram over bins 0..bins-1.
  explicit histogram(std::size_t bins);

  /// Counts `count` runs with value `bin` (< bins()).
  void add(std::size_t bin, std::uint64_t count = 1);
  /// Counts `count` censored runs.
  void add_censored(std::uint64_t count = 1);
  /// Adds the counts of `other`, which must have as many bins.
  histogram& operator+=(const histogram& other);

  /// K, the number of bins (censored runs not included).
  [[nodiscard]] std::size_t bins() const noexcept { return counts_.size(); }
  /// The runs with value `bin`.
  [[nodiscard]] std::uint64_t count(std::size_t bin) const;
  /// The censored runs.
  [[nodiscard]] std::uint64_t censored() const noexcept { return censored_; }
  /// Every run, censored ones included: N.
  [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
  /// The runs with a value <= `bin` (censored runs never); `bin` may be
  /// bins() or more, which counts every uncensored run.
  [[nodiscard]] std::uint64_t count_at_most(std::size_t bin) const;
  /// The counts per bin, 0..K-1.
  [[nodiscard]] const std::vector<std::uint64_t>& counts() const noexcept { return counts_; }

  /// The bin of the k-th smallest run (1-based), censored runs ranking last;
  /// nothing when that run is censored, when k is 0 (the conventional
  /// X_(0) = minus infinity of an unbounded interval) or when k > total()
  /// (X_(N+1) = plus infinity).
  [[nodiscard]] std::optional<std::size_t> kth_smallest(std::uint64_t k) const;
  /// The q-quantile: the bin of the quantile_rank(q, total())-th smallest
  /// run; nothing when it is censored or the histogram is empty.
  [[nodiscard]] std::optional<std::size_t> quantile_bin(double q) const;

  friend bool operator==(const histogram&, const histogram&) = default;

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t censored_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace jssim::analysis
