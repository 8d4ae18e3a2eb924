// SPDX-License-Identifier: MIT
// The work a command is about to do, estimated from the scenario before it
// starts, and the refusal of what would take hours or more memory than a
// laptop has (docs/limits.md, "Running").
#pragma once

#include <cstdint>  // std::uint64_t
#include <string_view>

#include "sim/plan.hpp"

namespace jssim::app {

/// What `runs` runs of `strategies` strategies each ask of the machine.
struct work {
  std::uint64_t runs = 0;
  /// Strategies played on each run's world.
  std::uint64_t strategies = 0;
  /// Worker threads, each with a world of its own.
  std::uint64_t threads = 1;
};

/// Throws model::input_error, naming `command` and what to lower (`lower`,
/// e.g. "--runs"), when `w` on the scenario of `plan` would simulate more
/// days or offers than a few hours allow, or when the offers of one run's
/// world, one world per thread, would take more memory than allowed:
///
///   - run-days: runs x strategies x horizon days <= 10^11;
///   - offers: runs x (strategies + 2) x the expected offers of a run <= 10^11
///     (a world draws each offer, and each strategy looks at it);
///   - memory: the expected offers of a run x 512 bytes x threads <= 1 GiB.
///
///     check_budget("jssim run", plan, {runs, strategies, threads}, "--runs");
void check_budget(std::string_view command, const sim::run_plan& plan, const work& w,
                  std::string_view lower);

/// The offers a run's world draws on average: the sum over job types of the
/// largest offer rate a strategy uses times the days to the horizon.
double expected_offers(const sim::run_plan& plan);

}  // namespace jssim::app
