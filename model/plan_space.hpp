// SPDX-License-Identifier: MIT
// The `plan:` section of a scenario (MODEL.md section 11.3, docs/plan.md): the
// levers a freelancer may pull, each a strategy key with the values to try;
// the grid of every combination, each a `strategy`; the objective to optimise
// and the constraints a plan must meet.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint64_t
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jssim::model {

struct scenario;
struct strategy;

/// What `jssim plan` optimises, computed for each plan from its runs.
enum class plan_objective : std::uint8_t {
  median_days,      ///< the median days to recover (lower is better; censored runs infinite)
  p_recovered_3m,   ///< the share of runs recovered within 3 months (higher is better)
  p_recovered_6m,   ///< ... within 6 months
  p_recovered_12m,  ///< ... within 12 months
  rmst_days,        ///< the restricted mean days to recover, up to the horizon (lower is better)
};

/// The names `objective:` accepts, in the order above.
inline constexpr std::string_view plan_objective_names[] = {
    "median_days", "p_recovered_3m", "p_recovered_6m", "p_recovered_12m", "rmst_days"};
/// `median_days`, `p_recovered_3m`, ...
std::string_view to_string(plan_objective o);
/// The objective named by `text`, or nothing.
std::optional<plan_objective> plan_objective_from_string(std::string_view text);
/// True for the probabilities, false for the day counts.
bool higher_is_better(plan_objective o);
/// The months of a p_recovered_Xm objective; 0 for the others.
int objective_months(plan_objective o);

/// The strategy keys a lever may pull (MODEL.md section 6), in the order a
/// plan's name lists them.
enum class lever_key : std::uint8_t {
  proposals_per_week,
  max_parallel,
  accept,
  close,
  close_stale_after_days,
  own_close_feedback,
  until_recovered,
};
inline constexpr std::string_view lever_key_names[] = {
    "proposals_per_week",     "max_parallel",       "accept",          "close",
    "close_stale_after_days", "own_close_feedback", "until_recovered"};
std::string_view to_string(lever_key k);

/// One strategy key and the values to try. Each value is a strategy that sets
/// that key alone (or leaves it unset: `none`), and how a plan's name shows it.
struct lever {
  lever_key key = lever_key::proposals_per_week;
  std::vector<strategy> values;
  std::vector<std::string> texts;  ///< "12", "none", "[quick fixed, hourly project]"
  int line = 0;                    ///< where it is in the file, for messages
};

/// Limits a plan must meet (optional).
struct plan_constraints {
  /// The most proposals a week the plan ever sends: its own, and the
  /// pipeline's when it sets none or reverts to it at recovery.
  std::optional<double> max_proposals_per_week;
  /// The least mean USD earned over the horizon, over the runs.
  std::optional<double> min_earned_usd;
};

/// The `plan:` section.
///
///     plan:
///       objective: median_days
///       levers:
///         proposals_per_week: [5, 8, 12, 16]
///         close_stale_after_days: [none, 30]
///       constraints: {max_proposals_per_week: 15}
struct plan_spec {
  plan_objective objective = plan_objective::median_days;
  /// In lever_key order, each at most once, each with at least one value.
  std::vector<lever> levers;
  plan_constraints constraints;
  int line = 0;
};

/// The most plans a grid may have: beyond, even a few hundred runs of each
/// take hours, and so many plans cannot all be told apart.
inline constexpr std::uint64_t max_plan_grid = 1000;
/// The most values one lever may list.
inline constexpr std::size_t max_lever_values = 1000;

/// The number of plans, the product of the levers' value counts (saturating
/// at UINT64_MAX, never overflowing).
std::uint64_t grid_size(const plan_spec& spec);

/// The value index of each lever for plan `index` of the grid, the last lever
/// varying fastest. `index` < grid_size(spec).
std::vector<std::size_t> plan_choices(const plan_spec& spec, std::uint64_t index);

/// Plan `index` as a readable name: "proposals_per_week=12; close=[]".
std::string plan_name(const plan_spec& spec, std::uint64_t index);

/// Plan `index` as a strategy: the defaults (the pipeline's settings), with
/// each lever's value; named plan_name(spec, index).
strategy plan_strategy(const plan_spec& spec, std::uint64_t index);

/// The most proposals a week `st` ever sends in `sc`: its own, and the
/// pipeline's when it sets none or reverts to it at recovery.
double most_proposals_per_week(const scenario& sc, const strategy& st);

/// Whether `a` and `b` set the same things (names aside): a hand-written
/// strategy that the grid holds.
bool same_settings(const strategy& a, const strategy& b);

}  // namespace jssim::model
