// SPDX-License-Identifier: MIT
// compare.csv and its sentences: each strategy against a baseline, run by run
// on the same luck (MODEL.md section 8), so that "which is faster?" is answered
// by the futures themselves rather than by two medians side by side.
#pragma once

#include <cstdint>  // std::uint64_t
#include <ostream>
#include <string>
#include <vector>

#include "analysis/csv.hpp"
#include "analysis/paired.hpp"
#include "analysis/statistics.hpp"
#include "analysis/totals.hpp"

namespace jssim::analysis {

/// One line of compare.csv: `strategy` against `baseline` over the same runs.
///
/// A gain is the baseline's days to recover minus the strategy's, so a
/// positive gain means the strategy recovered earlier. A run that did not
/// recover counts as later than any recovery: a gain is plus infinity when
/// only the strategy recovered, minus infinity when only the baseline did, and
/// 0 when neither did.
struct compare_row {
  std::string strategy;
  std::string baseline;
  std::uint64_t runs = 0;
  /// Runs where the strategy recovered strictly earlier, on the same day
  /// (or neither recovered), strictly later.
  std::uint64_t earlier = 0;
  std::uint64_t same = 0;
  std::uint64_t later = 0;
  double p_earlier = 0;
  double p_same = 0;
  double p_later = 0;
  interval p_earlier_ci;  ///< Wilson 95 %
  interval p_same_ci;     ///< Wilson 95 %
  interval p_later_ci;    ///< Wilson 95 %
  /// The median gain and the ends of its exact 95 % order-statistic interval.
  day_difference median_gain;
  day_difference median_gain_lo;
  day_difference median_gain_hi;
  /// Discordant runs of "recovered within 6 months": only the strategy, only
  /// the baseline. McNemar's test looks at these alone.
  std::uint64_t only_strategy_6m = 0;
  std::uint64_t only_baseline_6m = 0;
  /// McNemar's two-sided p-value that both recover within 6 months equally often.
  double mcnemar_p = 1;
  /// Whether the runs reach 6 months from today; when they stop before, the
  /// three fields above mean nothing and are written empty.
  bool six_months_known = true;
};

/// The comparison of one pair of the totals, named `strategy` (A) and
/// `baseline` (B). pair_totals keeps B - A, which is the gain as defined above.
///
///     compare_pair(t.pairs()[0], "close", "wait");
[[nodiscard]] compare_row compare_pair(const pair_totals& pair, std::string strategy,
                                       std::string baseline);

/// Every pair the totals kept, in their order: each strategy against the first
/// one, then (with totals::options::all_pairs) against the second, and so on;
/// six_months_known says whether the horizon reaches 6 months.
[[nodiscard]] std::vector<compare_row> compare_strategies(const totals& t);

/// The cells of compare.csv (the columns below), as write_compare_csv writes
/// them and report.html shows them.
[[nodiscard]] csv_table compare_table(const std::vector<compare_row>& rows);

/// Writes compare.csv: strategy, baseline, p_earlier, p_same, p_later,
/// median_gain_days, median_gain_lo, median_gain_hi, mcnemar_p, then runs,
/// the Wilson ends of the three probabilities and the two discordant counts.
/// An infinite gain (or interval end) is written empty, and so are mcnemar_p
/// and the discordant counts when the horizon comes before 6 months.
void write_compare_csv(std::ostream& out, const std::vector<compare_row>& rows);

/// One sentence that a person can act on:
///
///     close the dead contract: earlier than wait in 41 % of futures, later in 3 %,
///     median gain 28 days [14, 42]; recovery within 6 months is more likely
///     (McNemar p = 0.001).
///
/// When the strategy and the baseline recover on the same day in most runs,
/// the sentence leads with that ("no difference from wait in 95 % of
/// futures"), and a median gain of 0 with the interval [0, 0] is left out as
/// it says nothing more.
[[nodiscard]] std::string describe_comparison(const compare_row& row);

/// A share of runs for a sentence: "41 %", never "0 %" or "100 %" unless it
/// is exactly so ("<1 %", ">99 %").
[[nodiscard]] std::string describe_share(std::uint64_t count, std::uint64_t n);

}  // namespace jssim::analysis
