// SPDX-License-Identifier: MIT
// A random quantity of days or USD, as a scenario describes it (MODEL.md
// section 6). Only the description: sampling lives in sim/, which owns the
// random numbers.
#pragma once

#include <cstdint>  // std::uint8_t
#include <string>
#include <utility>  // std::pair
#include <vector>

namespace jssim::model {

/// A distribution of non-negative values.
///
///     distribution d = distribution::lognormal(6, 15);  // median 6, p90 15
struct distribution {
  enum class kind : std::uint8_t { fixed, uniform, triangular, exponential, lognormal, choice };

  kind shape = kind::fixed;
  /// fixed: a. uniform: [a, b]. triangular: a = min, b = mode, c = max.
  /// exponential: a = mean. lognormal: a = median, b = p90.
  double a = 0;
  double b = 0;
  double c = 0;
  /// choice: (value, probability) pairs; the probabilities sum to 1.
  std::vector<std::pair<double, double>> choices;

  static distribution fixed(double value) { return {kind::fixed, value, 0, 0, {}}; }
  static distribution uniform(double lo, double hi) { return {kind::uniform, lo, hi, 0, {}}; }
  static distribution triangular(double lo, double mode, double hi) {
    return {kind::triangular, lo, mode, hi, {}};
  }
  static distribution exponential(double mean) { return {kind::exponential, mean, 0, 0, {}}; }
  static distribution lognormal(double median, double p90) {
    return {kind::lognormal, median, p90, 0, {}};
  }
  static distribution choice(std::vector<std::pair<double, double>> value_p) {
    return {kind::choice, 0, 0, 0, std::move(value_p)};
  }

  /// The expected value.
  [[nodiscard]] double mean() const;
  /// The largest value it can take (infinity for exponential and lognormal).
  [[nodiscard]] double max() const;
  /// The form a scenario would write, such as `{uniform: [7, 90]}`.
  [[nodiscard]] std::string to_string() const;
};

/// z such that P(Z <= z) = 0.9 for a standard normal Z: the lognormal's
/// sigma is ln(p90 / median) / z90.
inline constexpr double z90 = 1.2815515655446004;

}  // namespace jssim::model
