// SPDX-License-Identifier: MIT
// Counts of runs per integer bin, with censored runs, and their order statistics.
#include "analysis/histogram.hpp"

#include <algorithm>  // std::min
#include <cmath>      // std::ceil, std::round, std::fabs

#include "model/assert.hpp"

namespace jssim::analysis {

std::uint64_t quantile_rank(double q, std::uint64_t n) {
  JSSIM_ASSERT(q >= 0.0 && q <= 1.0, "a quantile is in [0, 1]");
  const double product = q * static_cast<double>(n);
  const double nearest = std::round(product);
  const bool integral = std::fabs(product - nearest) <= 1e-12 * std::max(1.0, nearest);
  const double rank = integral ? nearest : std::ceil(product);
  // q <= 1 keeps the rank <= n, up to the tolerance above, which `min` absorbs.
  const auto k = std::min(static_cast<std::uint64_t>(rank), n);
  return std::max<std::uint64_t>(k, 1);
}

histogram::histogram(std::size_t bins) : counts_(bins, 0) {}

void histogram::add(std::size_t bin, std::uint64_t count) {
  JSSIM_ASSERT(bin < counts_.size(), "histogram bin out of range");
  counts_[bin] += count;
  total_ += count;
}

void histogram::add_censored(std::uint64_t count) {
  censored_ += count;
  total_ += count;
}

histogram& histogram::operator+=(const histogram& other) {
  JSSIM_ASSERT(other.counts_.size() == counts_.size(), "merging histograms of different sizes");
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  censored_ += other.censored_;
  total_ += other.total_;
  return *this;
}

std::uint64_t histogram::count(std::size_t bin) const {
  JSSIM_ASSERT(bin < counts_.size(), "histogram bin out of range");
  return counts_[bin];
}

std::uint64_t histogram::count_at_most(std::size_t bin) const {
  // Written so that bin == SIZE_MAX ("everything") cannot overflow.
  const std::size_t end = bin < counts_.size() ? bin + 1 : counts_.size();
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < end; ++i) sum += counts_[i];
  return sum;
}

std::optional<std::size_t> histogram::kth_smallest(std::uint64_t k) const {
  if (k == 0 || k > total_) return std::nullopt;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= k) return i;
  }
  return std::nullopt;  // k falls on a censored run
}

std::optional<std::size_t> histogram::quantile_bin(double q) const {
  return kth_smallest(quantile_rank(q, total_));
}

}  // namespace jssim::analysis
