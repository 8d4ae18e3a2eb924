// SPDX-License-Identifier: MIT
// The work a command is about to do, estimated from the scenario before it
// starts, and the refusal of what would take hours or more memory than a
// laptop has (docs/limits.md, "Running").
#pragma once

#include <cstdint>  // std::uint64_t
#include <string_view>

#include "model/scenario.hpp"
#include "sim/plan.hpp"

namespace jssim::app {

/// What `runs` runs of `strategies` strategies each ask of the machine.
struct work {
  std::uint64_t runs = 0;
  /// Strategies played on each run's world.
  std::uint64_t strategies = 0;
  /// Worker threads that will run (sim::worker_threads), each with a world.
  std::uint64_t threads = 1;
};

/// Throws model::input_error, naming `command` ("jssim run"), when `w` on
/// scenario `sc` would simulate more days or offers than a few hours allow,
/// saying to use `advice` ("fewer --points or --runs"), or when the offers of
/// one run's world, one world per thread, would take more memory than
/// allowed:
///
///   - run-days: runs x strategies x horizon days <= 10^11;
///   - offers: runs x (strategies + 2) x the offers a run expects <= 10^11: a
///     world draws each offer, which costs about as much as two strategies
///     weighing it;
///   - memory: the offers a run expects x 512 bytes x threads <= 1 GiB.
///
///     check_budget("jssim run", sc, {runs, strategies, threads}, "fewer runs");
void check_budget(std::string_view command, const model::scenario& sc, const work& w,
                  std::string_view advice);

/// What `jssim run` is asked to do, as its options say.
struct run_request {
  /// --runs, or the scenario's simulation.runs; with --precision, --max-runs.
  std::uint64_t runs = 0;
  /// --threads; 0: one per core.
  unsigned threads = 0;
  bool precision = false;
  bool all_pairs = false;
  bool per_run = false;
};

/// `jssim run`'s refusal before its first run (docs/limits.md, "Running"):
/// check_budget, then the memory of the tallies, which grows with the
/// strategies, the recalculation days and the threads, and with --per-run
/// with the runs. The advice names what drives the cost in this scenario and
/// request: never "fewer strategies" to a scenario with one, and
/// `--per-run` when its records are most of the memory. `jssim check` asks
/// the same of a scenario's defaults, so that it refuses what run would.
///
///     check_run_budget(sc, plan, {.runs = sc.simulation.runs});  // throws model::input_error
void check_run_budget(const model::scenario& sc, const sim::run_plan& plan,
                      const run_request& request);

/// `jssim sensitivity`'s refusal before its first point: check_budget of
/// every point (the base, two a parameter, `spec.points`) times `spec.runs`
/// on the busiest point (every parameter at its high end). `jssim check`
/// asks it of a scenario's `sensitivity:` as written.
///
///     check_sensitivity_budget(sc, *sc.sensitivity, 0);  // throws model::input_error
void check_sensitivity_budget(const model::scenario& sc, const model::sensitivity_spec& spec,
                              unsigned threads);

/// The most memory a plan's race keeps: 12 bytes a run of each plan.
inline constexpr std::uint64_t max_race_bytes = std::uint64_t{1} << 30;

/// `jssim plan`'s refusal before its first run: check_budget with every plan,
/// the baseline and a pacer playing `runs_max` runs (no plan dropped), then
/// the race's memory (max_race_bytes). `jssim check` asks it of a scenario's
/// `plan:` with simulation.runs.
void check_plan_budget(const model::scenario& sc, std::uint64_t runs_max, unsigned threads);

}  // namespace jssim::app
