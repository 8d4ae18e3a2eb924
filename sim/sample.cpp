// SPDX-License-Identifier: MIT
#include "sim/sample.hpp"

#include <algorithm>  // std::min
#include <cmath>  // std::log

namespace jssim::sim {

sampler::sampler(const model::distribution& d) {
  // The degenerate cases Boost would refuse (a uniform from 5 to 5, an
  // exponential of mean 0, which a sensitivity study's `.scale` of 0 makes)
  // give a constant, but still draw what their shape draws, from a standard
  // one: the draws after them, of the same offer, stay the same (MODEL.md
  // section 8). Boost's algorithms take the same draws whatever the
  // parameters.
  using kind = model::distribution::kind;
  constant_ = d.a;
  switch (d.shape) {
    case kind::fixed: break;
    case kind::uniform:
      how_ = how::uniform;
      degenerate_ = d.a == d.b;
      if (!degenerate_) uniform_ = boost::random::uniform_real_distribution<double>(d.a, d.b);
      break;
    case kind::triangular:
      how_ = how::triangular;
      degenerate_ = d.a == d.c;
      if (!degenerate_) triangle_ = boost::random::triangle_distribution<double>(d.a, d.b, d.c);
      break;
    case kind::exponential:
      how_ = how::exponential;
      degenerate_ = d.a <= 0;
      if (degenerate_) {
        constant_ = 0;
      } else {
        exponential_ = boost::random::exponential_distribution<double>(1.0 / d.a);
      }
      break;
    case kind::lognormal: {
      how_ = how::lognormal;
      degenerate_ = d.b <= d.a;
      if (degenerate_) break;
      const double mu = std::log(d.a);
      const double sigma = std::log(d.b / d.a) / model::z90;
      // Boost's lognormal takes the underlying normal's mean and sigma.
      lognormal_ = boost::random::lognormal_distribution<double>(mu, sigma);
      break;
    }
    case kind::choice:
      how_ = how::choice;
      choice_ = &d;
      break;
  }
}

double sampler::operator()(stream& s) const {
  // A degenerate shape draws from its standard form (the members' defaults:
  // uniform on [0, 1), triangle (0, 0.5, 1), exponential of rate 1, lognormal
  // of the standard normal) and gives its constant.
  const auto given = [&](double drawn) { return degenerate_ ? constant_ : drawn; };
  switch (how_) {
    case how::constant: return constant_;
    case how::uniform: return given(uniform_(s));
    case how::triangular: {
      // Boost's operator() is not const, though drawing changes nothing.
      auto triangle = triangle_;
      return given(triangle(s));
    }
    case how::exponential: return given(exponential_(s));
    case how::lognormal: {
      auto lognormal = lognormal_;
      return given(lognormal(s));
    }
    case how::choice: {
      const double u = s.uniform01();
      double cumulative = 0;
      for (const auto& [value, p] : choice_->choices) {
        cumulative += p;
        if (u < cumulative) return value;
      }
      return choice_->choices.empty() ? 0.0 : choice_->choices.back().first;
    }
  }
  return 0;
}

double sample(const model::distribution& d, stream& s) { return sampler(d)(s); }

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
