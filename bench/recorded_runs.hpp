// SPDX-License-Identifier: MIT
// Recalculations as they happen in real runs, recorded once and replayed by
// the recalculation benchmarks: the contracts that changed before each one,
// so that a scorer can be timed alone on a realistic stream of changes.
#pragma once

#include <cstdint>  // std::uint32_t, std::uint64_t
#include <optional>
#include <utility>  // std::pair
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "sim/plan.hpp"

namespace jssim::bench {

/// One simulated recalculation of a run and what led to it.
struct recalc_step {
  model::date on;
  /// Its index among the plan's recalculation days.
  std::size_t index = 0;
  /// How many contracts the run has by then.
  std::size_t contracts = 0;
  /// The contracts new or changed since the previous recalculation.
  std::vector<std::pair<std::uint32_t, model::contract>> changed;
  /// The displayed JSS the run saw, to check a replay.
  std::optional<int> displayed;
};

/// The recalculations of one run of one strategy, in order.
using recorded_run = std::vector<recalc_step>;

/// Plays runs 0 to `runs` - 1 of every strategy of `plan` and records their
/// recalculations.
std::vector<recorded_run> record_runs(const sim::run_plan& plan, std::uint64_t runs);

}  // namespace jssim::bench
