// SPDX-License-Identifier: MIT
// The `sensitivity:` section of a scenario (docs/sensitivity.md): which of the
// scenario's numbers to vary, over which ranges, and which outcome to watch;
// and the paths that name those numbers, such as `pipeline.jobs[quick
// fixed].win_rate`, resolved to something that reads and writes them.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint64_t
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jssim::model {

struct scenario;

/// What a sensitivity study watches, computed for one strategy from its runs.
enum class sensitivity_outcome : std::uint8_t {
  p_recovered_6m,  ///< the share of runs recovered within 6 months
  median_days,     ///< the median days to recover, the horizon where it is not reached
  rmst_days,       ///< the restricted mean days to recover, up to the horizon
};

/// `p_recovered_6m`, `median_days` or `rmst_days`.
std::string_view to_string(sensitivity_outcome o);
/// The outcome named by `text`, or nothing.
std::optional<sensitivity_outcome> sensitivity_outcome_from_string(std::string_view text);
/// The names `outcome:` accepts, in the order above.
inline constexpr std::string_view sensitivity_outcome_names[] = {"p_recovered_6m", "median_days",
                                                                 "rmst_days"};

/// The values a parameter may take: the loader's validation of the key it
/// names (a probability in [0, 1], a whole number of days, ...).
struct parameter_domain {
  double lo = 0;
  double hi = 0;
  bool lo_open = false;  ///< lo itself is not allowed
  bool whole = false;    ///< whole numbers only
  /// "a probability between 0 and 1", for messages.
  std::string what;

  [[nodiscard]] bool contains(double x) const;
};

/// A number of a scenario, found by its path: reads it, writes it into a copy.
///
///     const auto t = resolve_parameter(s, "pipeline.proposals_per_week").target.value();
///     scenario copy = s;
///     t.set(copy, 12);
struct parameter_target {
  /// The path with names in brackets where the user may have written an index:
  /// `pipeline.jobs[quick fixed].win_rate`.
  std::string canonical;
  parameter_domain domain;
  /// The value in `s`; nothing when the scenario leaves it unset (a strategy
  /// setting that falls back on the pipeline's is read as the pipeline's;
  /// `max_parallel` unlimited and `close_stale_after_days` off read nothing).
  std::function<std::optional<double>(const scenario& s)> get;
  /// Sets the value in `s` (a whole-number parameter is rounded half up);
  /// `x` is within `domain`.
  std::function<void(scenario& s, double x)> set;
};

/// What resolving a path found: a target, or why there is none (with a
/// did-you-mean and the valid paths near it).
struct parameter_lookup {
  std::optional<parameter_target> target;
  std::string problem;
};

/// Finds the number `path` names in `s`. The paths (docs/sensitivity.md):
///
///     pipeline.proposals_per_week, pipeline.max_parallel
///     pipeline.jobs[NAME or INDEX].win_rate | ghost | rehire
///     pipeline.jobs[...].duration_days | close_delay_days | value_usd | weekly_usd
///         (when a fixed number; `.scale` multiplies any distribution, base 1)
///     pipeline.outcomes.TABLE[ROW].p   (the other rows rescaled to sum to 1 - p)
///     score.KEY                        (any number of MODEL.md section 4; tier_limits[0], ...)
///     strategies[NAME or INDEX].proposals_per_week | max_parallel |
///         close_stale_after_days | own_close_feedback
///     history[ID or INDEX].future.ghost | ends_in_days | weekly_usd  (and `.scale`)
parameter_lookup resolve_parameter(const scenario& s, std::string_view path);

/// Every path that resolves in `s`, names in brackets, in the order of the
/// list above: for messages that list the valid paths.
std::vector<std::string> parameter_paths(const scenario& s);

/// Every number of `s` a study may vary, listed once, for resolving many
/// paths: a history of thousands of open contracts has many paths. `s` must
/// outlive it.
///
///     const parameter_catalogue paths(s);
///     const auto found = paths.resolve("pipeline.proposals_per_week");
class parameter_catalogue {
 public:
  explicit parameter_catalogue(const scenario& s);
  /// What resolve_parameter(s, path) finds.
  [[nodiscard]] parameter_lookup resolve(std::string_view path) const;

 private:
  const scenario* scenario_;
  std::vector<parameter_target> targets_;
};

/// One number varied by a study.
struct sensitivity_parameter {
  std::string path;  ///< as written
  double low = 0;
  double high = 0;
  /// The scenario's own words for it; empty: show the path.
  std::string label;
  parameter_target target;
  int line = 0;  ///< where it is in the file, for messages

  /// The label, or the path when there is none.
  [[nodiscard]] const std::string& name() const { return label.empty() ? path : label; }
};

/// The `sensitivity:` section of a scenario.
///
///     sensitivity:
///       outcome: p_recovered_6m
///       strategy: wait
///       points: 64
///       runs: 2000
///       parameters:
///         - {path: pipeline.proposals_per_week, low: 4, high: 16, label: "proposals a week"}
struct sensitivity_spec {
  sensitivity_outcome outcome = sensitivity_outcome::p_recovered_6m;
  /// The strategy studied, an index into scenario::strategies (default the first).
  std::size_t strategy = 0;
  /// Latin hypercube points.
  std::size_t points = 64;
  /// Runs per point.
  std::uint64_t runs = 2000;
  std::vector<sensitivity_parameter> parameters;
};

/// The most parameters, points and runs per point a study may have: beyond,
/// the design's matrices, the runs kept per point and the wait grow without
/// telling more.
inline constexpr std::size_t max_sensitivity_parameters = 64;
inline constexpr std::size_t max_sensitivity_points = 100'000;
inline constexpr std::uint64_t max_sensitivity_runs = 1'000'000;
/// The fewest runs per point: a swing's interval needs the spread of at least
/// two runs (one run would show its one difference as a certain effect).
inline constexpr std::uint64_t min_sensitivity_runs = 2;
/// The longest path accepted, in bytes.
inline constexpr std::size_t max_parameter_path = 300;

}  // namespace jssim::model
