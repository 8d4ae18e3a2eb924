// SPDX-License-Identifier: MIT
// `jssim plan`'s race (docs/plan.md): every plan of a scenario's `plan:` grid
// played on the same runs (MODEL.md section 8), plans worse than the leader
// with paired confidence dropped, survivors given twice the runs, until one
// is left, the survivors are within the indifference zone, or the runs run out.
#pragma once

#include <atomic>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t, std::int32_t
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/csv.hpp"
#include "model/plan_space.hpp"
#include "model/scenario.hpp"

namespace jssim::analysis {

/// How to race.
struct race_options {
  /// The runs every plan starts with (the first stage); at most max_runs.
  std::uint64_t first_runs = 500;
  /// The most runs any plan gets (`--runs-max`).
  std::uint64_t max_runs = 10000;
  /// The chance, over the whole race, that the plan named best is worse than
  /// the true best by more than the indifference zone (docs/plan.md).
  double alpha = 0.05;
  /// Worker threads; 0: one per core. The results do not depend on it.
  unsigned threads = 0;
  /// Called now and then from the calling thread with the runs of the stage
  /// being played done so far (the baseline's runs, which all survivors share).
  std::function<void(std::uint64_t runs_done)> progress;
  /// Set from elsewhere (a signal handler) to stop early.
  const std::atomic<bool>* cancel = nullptr;
};

/// The indifference zone of an objective: 1 day, or 0.01 of a probability.
double indifference_zone(model::plan_objective o);

/// A number with its 95 % interval; an end or the value may be infinite (a
/// median that falls on runs that never recovered), which a CSV writes empty.
struct plan_estimate {
  double value = 0;
  double lo = 0;
  double hi = 0;
};

/// One plan of the grid and what the race found of it.
struct raced_plan {
  std::uint64_t index = 0;  ///< in the grid (model::plan_choices)
  model::strategy strategy;  ///< named model::plan_name
  /// Its proposals a week stay within constraints.max_proposals_per_week; a
  /// plan that does not is never played.
  bool proposals_ok = true;
  /// The runs it was played on: runs 0 to runs - 1 of the seed.
  std::uint64_t runs = 0;
  /// The runs after which it was dropped; nothing for a survivor.
  std::optional<std::uint64_t> dropped_after_runs;
  /// Dropped because its earnings fell short of min_earned_usd with confidence.
  bool dropped_for_earnings = false;
  /// The objective over its runs, and the paired difference from the baseline
  /// (the scenario's first strategy) on the same runs: for median_days the
  /// median of the run-by-run differences in days, for the probabilities the
  /// difference of the shares, for rmst_days the mean difference in days.
  std::optional<plan_estimate> objective;
  std::optional<plan_estimate> vs_baseline;
  /// The share of its runs that recovered within the horizon; breaks ties of
  /// infinite medians.
  double p_recovered = 0;
  /// Mean USD earned over the horizon.
  double mean_earned_usd = 0;
  /// Played, and meeting every constraint by its estimates.
  bool meets_constraints = false;
};

/// What the race found.
struct race_result {
  model::plan_objective objective = model::plan_objective::median_days;
  /// Every plan of the grid, best first: rank i + 1 is plans[i]. The survivors
  /// come first by their estimates, then the dropped plans, the later dropped
  /// first, then the plans never played.
  std::vector<raced_plan> plans;
  /// The baseline's objective over the most runs played.
  std::string baseline_name;
  plan_estimate baseline;
  /// The most runs played (the survivors' and the baseline's).
  std::uint64_t runs = 0;
  /// The stages played.
  std::size_t stages = 0;
  /// Why it stopped: one_left, indifferent, max_runs.
  enum class stop : std::uint8_t { one_left, indifferent, max_runs } stopped = stop::max_runs;
  /// The error allowed to each paired test: alpha / (stages x (2 plans - 1)).
  double alpha_per_test = 0;
  /// Runs x strategies played in all, the pacer included (docs/plan.md).
  std::uint64_t plays = 0;
};

/// Races the plans of `sc.plan` (which must be set) on seed
/// `sc.simulation.seed`. Nothing when cancelled. Throws model::input_error
/// when no plan meets max_proposals_per_week, or when a run's hidden ratings
/// cannot explain the observed score.
///
///     auto r = run_race(scenario, {.max_runs = 8000});
///     r->plans.front().strategy.name;  // the best plan
std::optional<race_result> run_race(const model::scenario& sc, const race_options& options);

/// plan.csv's cells: rank,plan,objective,estimate,estimate_lo,estimate_hi,
/// vs_baseline,vs_baseline_lo,vs_baseline_hi,runs,dropped_after_runs,
/// meets_constraints; a row a plan, best first. report.html shows these cells.
[[nodiscard]] csv_table plan_table(const race_result& r);

/// Writes plan.csv: plan_table(r).
void write_plan_csv(std::ostream& out, const race_result& r);

/// The best plan as a strategy block to paste under `strategies:`, with a
/// comment saying where it comes from.
std::string best_yaml(const model::scenario& sc, const race_result& r,
                      const std::string& scenario_path, std::uint64_t seed);

/// The terminal's table of the leading plans (at most `rows`) and its closing
/// sentence naming the best plan and its gain over the baseline.
std::string race_table(const race_result& r, std::size_t rows = 10);

}  // namespace jssim::analysis
