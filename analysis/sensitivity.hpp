// SPDX-License-Identifier: MIT
// Which of a scenario's numbers moves the time to recover most (`jssim
// sensitivity`, docs/sensitivity.md): a Latin hypercube over the ranges of a
// `sensitivity:` section, every point on the same random numbers (MODEL.md
// section 8); a one-at-a-time swing of each number from its low to its high
// end; standardised regression coefficients (SRC) and partial rank
// correlation coefficients (PRCC) over the hypercube, with bootstrap
// intervals and the R^2 that says whether a linear summary holds.
#pragma once

#include <atomic>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analysis/statistics.hpp"  // interval
#include "analysis/summary.hpp"
#include "model/scenario.hpp"
#include "model/sensitivity.hpp"

namespace jssim::analysis {

/// Points by rows, one value per dimension: what a design and its fits take.
using sample_matrix = std::vector<std::vector<double>>;

/// A Latin hypercube of `points` points in [0, 1)^dims: in every dimension,
/// each of the `points` strata [k / points, (k + 1) / points) holds exactly one
/// point, placed uniformly within it. With `candidates` above 1, the best of
/// that many hypercubes: the one whose largest correlation between two
/// dimensions is smallest, so that no parameter stands in for another in the
/// fits. A pure function of its arguments, the same bytes on every platform
/// (its generator is SplitMix64, not the standard library's distributions).
///
///     latin_hypercube(64, 8, 1);  // 64 rows of 8 values
[[nodiscard]] sample_matrix latin_hypercube(std::size_t points, std::size_t dims,
                                            std::uint64_t seed, std::size_t candidates = 1);

/// The largest absolute Pearson correlation between two columns of `x`; 0
/// with fewer than 2 columns or 3 rows.
[[nodiscard]] double max_column_correlation(const sample_matrix& x);

/// The ranks 1..n of `values`, ties given their average rank.
[[nodiscard]] std::vector<double> ranks(std::span<const double> values);

/// A least-squares fit of `y` on the columns of `x` (with an intercept), in
/// standardised units.
struct linear_fit {
  /// The standardised regression coefficients: the change of y, in standard
  /// deviations of y, for one standard deviation of each column. 0 for a
  /// column that does not vary.
  std::vector<double> src;
  /// The share of the variance of y the fit explains; NaN when y does not vary.
  double r2 = 0;
};

/// Standardised regression coefficients of `y` on `x` (rows of x are points).
/// Needs more rows than columns.
///
///     standardized_regression(x, y).src[0];  // 1 for y = 3 x0 when x has one column
[[nodiscard]] linear_fit standardized_regression(const sample_matrix& x, std::span<const double> y);

/// Partial rank correlation coefficients: for each column j, the correlation
/// of the ranks of x_j and of y once the ranks of the other columns are
/// regressed out of both. In [-1, 1]; 0 for a column that does not vary or
/// when y does not vary.
[[nodiscard]] std::vector<double> partial_rank_correlations(const sample_matrix& x,
                                                            std::span<const double> y);

/// An estimate with its 95 % interval.
struct estimate {
  double value = 0;
  interval ci;
};

/// SRC and PRCC of every column, with percentile-bootstrap intervals over the
/// points (resampled with replacement `bootstrap` times, seeded by `seed`):
/// they hold both the runs' sampling error in y and the design's finite size.
struct sensitivity_indices {
  std::vector<estimate> src;
  std::vector<estimate> prcc;
  double r2 = 0;       ///< of the linear fit on the values
  double rank_r2 = 0;  ///< of the linear fit on the ranks (monotone, not linear)
};

[[nodiscard]] sensitivity_indices fit_sensitivity(const sample_matrix& x, std::span<const double> y,
                                                  std::size_t bootstrap, std::uint64_t seed);

/// The outcome of one point's runs. `times[i]` is run i's days to recover,
/// -1 when it did not within the horizon; `six_months` and `horizon` are the
/// days from today to add_months(today, 6) and to the horizon.
///   - p_recovered_6m: the share of runs with 0 <= time <= six_months;
///   - median_days: the ceil(n / 2)-th smallest time, runs that did not
///     recover counting as the horizon (so it is the horizon when fewer than
///     half recover);
///   - rmst_days: the mean of min(time, horizon), those runs counting as the
///     horizon (the restricted mean time of analysis/statistics.hpp).
[[nodiscard]] double outcome_of(model::sensitivity_outcome o,
                                std::span<const model::day_count> times,
                                model::day_count six_months, model::day_count horizon);

/// The 95 % interval of outcome(high) - outcome(low) when both come from the
/// same runs (common random numbers): for a share or a mean, the mean of the
/// run-by-run differences plus or minus 1.96 of their standard errors; for
/// the median, a paired percentile bootstrap over runs (`bootstrap`
/// resamples, seeded by `seed`). [0, 0] when every run gives the same at both
/// ends.
[[nodiscard]] interval paired_difference_interval(model::sensitivity_outcome o,
                                                  std::span<const model::day_count> low,
                                                  std::span<const model::day_count> high,
                                                  model::day_count six_months,
                                                  model::day_count horizon, std::size_t bootstrap,
                                                  std::uint64_t seed);

/// The runs of one point of a study.
struct point_runs {
  /// Days to recover per run, in run order; -1 where it did not.
  std::vector<model::day_count> times;
  summary_row summary;
  double outcome = 0;
};

/// How to run a study.
struct study_options {
  /// The scenario's sensitivity section, with the command line's overrides.
  model::sensitivity_spec spec;
  /// Seeds the runs of every point and the design.
  std::uint64_t seed = 1;
  unsigned threads = 0;  ///< 0: one per core
  std::size_t bootstrap = 1000;
  /// Called from the calling thread after each point with the runs done so
  /// far of all points.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

/// What a study found about one parameter.
struct parameter_effect {
  std::size_t parameter = 0;  ///< index into spec.parameters
  /// Its value in the scenario as written; nothing when unset there.
  std::optional<double> base;
  /// The outcome with this parameter at its low and high end, every other at
  /// its base value, on the same runs as the base point.
  double outcome_low = 0;
  double outcome_high = 0;
  double swing = 0;  ///< outcome_high - outcome_low
  interval swing_ci;
  estimate src;
  estimate prcc;
  /// 1 for the largest swings, then 2, ...: a parameter starts a new tier
  /// when its |swing| interval lies wholly below that of the first of the
  /// tier above, so that levers whose swings the runs cannot tell apart
  /// share a tier (their order within it may change with the seed).
  std::size_t tier = 0;

  /// Whether the swing's interval excludes 0: moving this number from low to
  /// high changes the outcome beyond the runs' sampling error.
  [[nodiscard]] bool has_effect() const { return swing_ci.lo > 0 || swing_ci.hi < 0; }
};

/// A whole study.
struct study_result {
  model::sensitivity_spec spec;
  std::string strategy;  ///< the name of the strategy studied
  std::uint64_t seed = 1;
  /// The outcome of the scenario as written.
  double base_outcome = 0;
  summary_row base_summary;
  /// The values set at each design point (rows), by parameter (columns),
  /// whole-number parameters rounded.
  sample_matrix design;
  std::vector<double> outcomes;  ///< per design point
  /// In the order of spec.parameters.
  std::vector<parameter_effect> effects;
  double r2 = 0;
  double rank_r2 = 0;

  /// The effects, largest |swing| first (ties in the scenario's order).
  [[nodiscard]] std::vector<parameter_effect> by_swing() const;
};

/// Sets the tier of each effect (see parameter_effect::tier).
void assign_tiers(std::vector<parameter_effect>& effects);

/// `base` with parameter i of `spec` set to values[i] (applied in order), and
/// only strategy spec.strategy kept: the scenario a study simulates.
[[nodiscard]] model::scenario point_scenario(const model::scenario& base,
                                             const model::sensitivity_spec& spec,
                                             std::span<const std::optional<double>> values);

/// Plays runs 0..runs-1 of the one strategy of `sc` and measures `outcome`.
/// Nothing when cancelled.
[[nodiscard]] std::optional<point_runs> simulate_point(const model::scenario& sc,
                                                       model::sensitivity_outcome outcome,
                                                       std::uint64_t runs, unsigned threads,
                                                       const std::atomic<bool>* cancel);

/// Runs the study: the base point, the swing's 2 points per parameter, then
/// the design's points, every one on runs 0..runs-1 of `options.seed`, then
/// the fits. Nothing when cancelled. Throws model::input_error naming the
/// point when a point's scenario cannot be simulated (hidden ratings that no
/// longer explain the observed score).
///
///     study_options o{*scenario.sensitivity, scenario.simulation.seed};
///     const auto result = run_study(scenario, o);
[[nodiscard]] std::optional<study_result> run_study(const model::scenario& scenario,
                                                    const study_options& options);

}  // namespace jssim::analysis
