// SPDX-License-Identifier: MIT
#include "sim/sample.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <algorithm>  // std::min
#include <cmath>  // std::log
#include <limits>

namespace jssim::sim {

double sample(const model::distribution& d, stream& s) {
  using kind = model::distribution::kind;
  switch (d.shape) {
    case kind::fixed: return d.a;
    case kind::uniform:
      if (d.a == d.b) return d.a;
      return boost::random::uniform_real_distribution<double>(d.a, d.b)(s);
    case kind::triangular:
      if (d.a == d.c) return d.a;
      return boost::random::triangle_distribution<double>(d.a, d.b, d.c)(s);
    case kind::exponential:
      if (d.a <= 0) return 0;
      return boost::random::exponential_distribution<double>(1.0 / d.a)(s);
    case kind::lognormal: {
      if (d.b <= d.a) return d.a;
      const double mu = std::log(d.a);
      const double sigma = std::log(d.b / d.a) / model::z90;
      // Boost's lognormal takes the underlying normal's mean and sigma.
      return boost::random::lognormal_distribution<double>(mu, sigma)(s);
    }
    case kind::choice: {
      const double u = s.uniform01();
      double cumulative = 0;
      for (const auto& [value, p] : d.choices) {
        cumulative += p;
        if (u < cumulative) return value;
      }
      return d.choices.empty() ? 0.0 : d.choices.back().first;
    }
  }
  return 0;
}

model::day_count whole_days(double days) {
  if (!(days > 0)) return 0;
  // Durations are validated finite; a huge draw of a long-tailed distribution
  // is capped far beyond any horizon rather than overflowing.
  constexpr double cap = 1e8;
  // Half up, as std::round (half away from zero) does for positive values,
  // and exact: the fraction x - trunc(x) of a double below 2^52 is exact,
  // where floor(x + 0.5) would round the largest double below 0.5 up to 1.
  // Without std::round's call into libm.
  const double x = std::min(days, cap);
  const auto whole = static_cast<model::day_count>(x);
  return x - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

std::size_t pick_row(std::span<const model::outcome_row> rows, double u) {
  double cumulative = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cumulative += rows[i].p;
    if (u < cumulative) return i;
  }
  return rows.empty() ? 0 : rows.size() - 1;
}

}  // namespace jssim::sim
