// SPDX-License-Identifier: MIT
// Drawing the scenario's distributions with Boost.Random, whose algorithms are
// the same on every platform (the standard library's are not).
#pragma once

#include <cstddef>  // std::size_t
#include <span>

#include "model/date.hpp"
#include "model/distribution.hpp"
#include "model/scenario.hpp"
#include "sim/random.hpp"

namespace jssim::sim {

/// One value of `d`, drawn from `s`.
double sample(const model::distribution& d, stream& s);

/// A drawn number of days, rounded half up to a whole day (MODEL.md section 7).
model::day_count whole_days(double days);

/// The row of `rows` that a uniform `u` in [0, 1) picks: the first whose
/// cumulative probability exceeds u (the last row if rounding leaves a gap).
std::size_t pick_row(std::span<const model::outcome_row> rows, double u);

}  // namespace jssim::sim
