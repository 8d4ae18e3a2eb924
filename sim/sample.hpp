// SPDX-License-Identifier: MIT
// Drawing the scenario's distributions with Boost.Random, whose algorithms are
// the same on every platform (the standard library's are not).
#pragma once

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t
#include <span>

#include "model/date.hpp"
#include "model/distribution.hpp"
#include "model/scenario.hpp"
#include "sim/random.hpp"

namespace jssim::sim {

/// A distribution made ready to draw: Boost's distribution object is built
/// once, with what its constructor works out (a lognormal's two logarithms,
/// a triangle's square roots), rather than on every draw. Drawing from it
/// gives the same values as sample(). Keeps a reference to the distribution
/// for `choice`, which must outlive it.
class sampler {
 public:
  explicit sampler(const model::distribution& d);

  /// One value, drawn from `s`.
  double operator()(stream& s) const;

 private:
  enum class how : std::uint8_t { constant, uniform, triangular, exponential, lognormal, choice };
  how how_ = how::constant;
  /// A shape whose ends meet: it draws as the standard form of its shape
  /// and gives constant_.
  bool degenerate_ = false;
  double constant_ = 0;
  const model::distribution* choice_ = nullptr;
  boost::random::uniform_real_distribution<double> uniform_;
  boost::random::triangle_distribution<double> triangle_;
  boost::random::exponential_distribution<double> exponential_;
  boost::random::lognormal_distribution<double> lognormal_;
};

/// One value of `d`, drawn from `s`: sampler(d)(s).
double sample(const model::distribution& d, stream& s);

/// A drawn number of days, rounded half up to a whole day (MODEL.md section 7).
model::day_count whole_days(double days);

/// std::ceil(t) for a time `t` >= 0 (or NaN), without the call into libm
/// (22 instructions an offer in callgrind): an offer drawn at time t lands on
/// day ceil(t) (MODEL.md section 8). Exact: below 2^52 the conversion
/// truncates, which for t >= 0 is the floor; from 2^52 on every double is
/// whole.
inline double ceil_time(double t) {
  if (!(t < 0x1p52)) return t;
  const double whole = static_cast<double>(static_cast<std::int64_t>(t));
  return whole < t ? whole + 1 : whole;
}

/// The row of `rows` that a uniform `u` in [0, 1) picks: the first whose
/// cumulative probability exceeds u (the last row if rounding leaves a gap).
std::size_t pick_row(std::span<const model::outcome_row> rows, double u);

}  // namespace jssim::sim
