// SPDX-License-Identifier: MIT
// The simulation's clock: whole days since the start of a run.
#pragma once

#include <compare>  // operator<=>
#include <cstdint>  // std::int32_t

namespace jssim::sim {

/// A simulated day, counted from the start of the run (day 0 is "today").
/// A type of its own so that a day is never confused with a count or a price.
struct day {
  std::int32_t value = 0;

  friend constexpr auto operator<=>(day, day) = default;
  friend constexpr day operator+(day d, std::int32_t n) { return day{d.value + n}; }
  friend constexpr std::int32_t operator-(day a, day b) { return a.value - b.value; }
};

}  // namespace jssim::sim
