// SPDX-License-Identifier: MIT
// The stopping rule of `jssim run --precision E`: more runs, in growing
// batches, until every probability the run reports is known to within E.
#pragma once

#include <cstdint>  // std::uint64_t
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/totals.hpp"

namespace jssim::analysis {

/// A probability that `jssim run` reports, as a count of runs, with its name
/// for messages: "p_recovered_6m of wait", "p_earlier of close vs wait".
struct reported_probability {
  std::string name;
  std::uint64_t successes = 0;
  std::uint64_t runs = 0;

  /// Half the width of its 95 % Wilson interval.
  [[nodiscard]] double half_width() const;
};

/// Every probability the run reports: per strategy p_recovered and
/// p_recovered_3m, _6m, _12m (summary.csv), per pair p_earlier, p_same and
/// p_later (compare.csv).
[[nodiscard]] std::vector<reported_probability> reported_probabilities(const totals& t);

/// The probability with the widest interval; nothing when there is none.
[[nodiscard]] std::optional<reported_probability> least_precise(const totals& t);

/// How the runs grow.
struct precision_options {
  /// Stop once every reported probability has a 95 % Wilson half-width below this.
  double half_width = 0.01;
  /// The runs of the first batch.
  std::uint64_t first_runs = 1000;
  /// Never more runs than this, precise or not.
  std::uint64_t max_runs = 1'000'000;
  /// Each batch brings the total to this many times the runs so far (>= 2).
  std::uint64_t growth = 2;
};

/// The total number of runs after the next batch, when `done` are done:
/// first_runs, then growth times as many each batch, capped at max_runs.
///
///     next_run_total(0, {});     // 1000
///     next_run_total(1000, {});  // 2000
[[nodiscard]] std::uint64_t next_run_total(std::uint64_t done, const precision_options& options);

/// What the stopping rule did.
struct precision_outcome {
  std::uint64_t runs = 0;
  /// Whether every half-width went below the target (false: max_runs stopped it).
  bool reached = false;
  /// The least precise probability at the end.
  std::optional<reported_probability> widest;
};

/// Plays runs `first` .. `first + count - 1` into the totals; false when
/// cancelled, leaving the totals as they were.
using play_runs = std::function<bool(std::uint64_t first, std::uint64_t count)>;

/// Grows `t` batch by batch with `play` (starting from the runs it already
/// holds) until every probability of reported_probabilities(t) has a 95 %
/// Wilson half-width below `options.half_width`, or max_runs are done.
/// Nothing when `play` was cancelled.
///
/// Runs are numbered on from the ones already done and each run is a pure
/// function of its index, so the totals after N runs are the same whichever
/// batches made them: a run that stops at N runs writes what `--runs N`
/// writes. The intervals reported at the end do not account for the number
/// of runs having been chosen by looking at them; with the geometric batches
/// the stop is checked only a handful of times, so the effect is small.
///
///     run_until_precise(t, {.half_width = 0.005}, [&](std::uint64_t first, std::uint64_t count) {
///       return sim::simulate(plan, first, count, {}, t);
///     });
[[nodiscard]] std::optional<precision_outcome> run_until_precise(
    totals& t, const precision_options& options, const play_runs& play);

/// One sentence on what the rule did, for the terminal:
///
///     Precision: 16000 runs put every reported probability within ±0.005 (95 % Wilson);
///     the least precise, p_same of close vs wait, is within ±0.0049.
[[nodiscard]] std::string describe_precision(const precision_outcome& outcome,
                                             const precision_options& options);

}  // namespace jssim::analysis
