// SPDX-License-Identifier: MIT
#include "model/distribution.hpp"

#include <cmath>  // std::log, std::exp
#include <limits>

#include <fmt/format.h>

namespace jssim::model {

double distribution::mean() const {
  switch (shape) {
    case kind::fixed: return a;
    case kind::uniform: return (a + b) / 2;
    case kind::triangular: return (a + b + c) / 3;
    case kind::exponential: return a;
    case kind::lognormal: {
      if (a <= 0) return 0;
      const double sigma = std::log(b / a) / z90;
      return a * std::exp(sigma * sigma / 2);
    }
    case kind::choice: {
      double m = 0;
      for (const auto& [value, p] : choices) m += value * p;
      return m;
    }
  }
  return 0;
}

double distribution::max() const {
  switch (shape) {
    case kind::fixed: return a;
    case kind::uniform: return b;
    case kind::triangular: return c;
    case kind::exponential: return a > 0 ? std::numeric_limits<double>::infinity() : 0;
    case kind::lognormal: return b > a ? std::numeric_limits<double>::infinity() : a;
    case kind::choice: {
      double m = 0;
      for (const auto& [value, p] : choices) {
        if (p > 0 && value > m) m = value;
      }
      return m;
    }
  }
  return 0;
}

std::string distribution::to_string() const {
  switch (shape) {
    case kind::fixed: return fmt::format("{}", a);
    case kind::uniform: return fmt::format("{{uniform: [{}, {}]}}", a, b);
    case kind::triangular: return fmt::format("{{triangular: [{}, {}, {}]}}", a, b, c);
    case kind::exponential: return fmt::format("{{exponential: {{mean: {}}}}}", a);
    case kind::lognormal: return fmt::format("{{lognormal: {{median: {}, p90: {}}}}}", a, b);
    case kind::choice: {
      std::string text = "{choice: {";
      for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) text += ", ";
        text += fmt::format("{}: {}", choices[i].first, choices[i].second);
      }
      return text + "}}";
    }
  }
  return "?";
}

}  // namespace jssim::model
