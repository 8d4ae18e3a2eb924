// SPDX-License-Identifier: MIT
// Two strategies compared run by run on the same random draws (MODEL.md section 8).
#include "analysis/paired.hpp"

#include <limits>  // std::numeric_limits

#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

/// The number of finite differences b - a of two bins: -(bins-1)..bins-1.
std::size_t difference_slots(std::size_t bins) {
  // Checked here, before the vector is sized, as 2 * 0 - 1 would wrap around.
  JSSIM_ASSERT(bins >= 1, "a paired histogram has at least one time bin");
  JSSIM_ASSERT(bins <= static_cast<std::size_t>(std::numeric_limits<model::day_count>::max()),
               "a difference of two bins fits a day count");
  return 2 * bins - 1;
}

}  // namespace

paired_histogram::paired_histogram(std::size_t bins)
    : bins_(bins), finite_(difference_slots(bins), 0) {}

void paired_histogram::add(std::optional<std::size_t> a, std::optional<std::size_t> b,
                           std::uint64_t count) {
  JSSIM_ASSERT(!a || *a < bins_, "paired histogram bin out of range");
  JSSIM_ASSERT(!b || *b < bins_, "paired histogram bin out of range");
  if (a && b) {
    // b - a + (bins - 1), rearranged so that no intermediate is negative.
    finite_[*b + (bins_ - 1) - *a] += count;
  } else if (a) {
    only_b_censored_ += count;
  } else if (b) {
    only_a_censored_ += count;
  } else {
    both_censored_ += count;
  }
  total_ += count;
}

paired_histogram& paired_histogram::operator+=(const paired_histogram& other) {
  JSSIM_ASSERT(other.bins_ == bins_, "merging paired histograms of different sizes");
  for (std::size_t i = 0; i < finite_.size(); ++i) finite_[i] += other.finite_[i];
  only_a_censored_ += other.only_a_censored_;
  only_b_censored_ += other.only_b_censored_;
  both_censored_ += other.both_censored_;
  total_ += other.total_;
  return *this;
}

std::uint64_t paired_histogram::a_earlier() const {
  std::uint64_t sum = only_b_censored_;
  for (std::size_t i = bins_; i < finite_.size(); ++i) sum += finite_[i];
  return sum;
}

std::uint64_t paired_histogram::same() const { return finite_[bins_ - 1] + both_censored_; }

std::uint64_t paired_histogram::b_earlier() const {
  std::uint64_t sum = only_a_censored_;
  for (std::size_t i = 0; i + 1 < bins_; ++i) sum += finite_[i];
  return sum;
}

std::optional<paired_probabilities> paired_histogram::probabilities() const {
  if (total_ == 0) return std::nullopt;
  const double n = static_cast<double>(total_);
  return paired_probabilities{static_cast<double>(a_earlier()) / n,
                              static_cast<double>(same()) / n,
                              static_cast<double>(b_earlier()) / n};
}

day_difference paired_histogram::kth_smallest_difference(std::uint64_t k) const {
  JSSIM_ASSERT(k <= total_ + 1, "rank beyond N + 1");
  if (k == 0) return day_difference::minus_infinity();
  std::uint64_t seen = only_a_censored_;
  if (k <= seen) return day_difference::minus_infinity();
  const std::size_t zero = bins_ - 1;
  for (std::size_t i = 0; i < finite_.size(); ++i) {
    seen += finite_[i];
    if (i == zero) seen += both_censored_;
    if (k <= seen) {
      return day_difference::finite(static_cast<model::day_count>(i) -
                                    static_cast<model::day_count>(zero));
    }
  }
  return day_difference::plus_infinity();
}

std::optional<paired_median> paired_histogram::median_difference(double confidence) const {
  if (total_ == 0) return std::nullopt;
  paired_median result;
  result.median = kth_smallest_difference(quantile_rank(0.5, total_));
  result.ranks = binomial_order_statistic_interval(total_, 0.5, confidence);
  result.lower = kth_smallest_difference(result.ranks.lower_rank);
  result.upper = kth_smallest_difference(result.ranks.upper_rank);
  return result;
}

}  // namespace jssim::analysis
