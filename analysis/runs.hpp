// SPDX-License-Identifier: MIT
// runs.csv: one line per run and strategy, so that any number in summary.csv
// can be traced to the runs behind it.
#pragma once

#include <ostream>

#include "analysis/totals.hpp"

namespace jssim::analysis {

/// Writes runs.csv from totals collected with `keep_runs`:
/// `strategy,run,recovered,recovery_date,days,jobs_won,earned_usd,final_jss`,
/// strategy by strategy in the scenario's order, runs in order from 0.
/// `recovered` is true/false; recovery_date and days are empty for a run that
/// did not recover by the horizon, final_jss (the displayed JSS on the last
/// simulated recalculation day) when the profile shows no score; earned_usd
/// has 2 decimals.
///
///     totals t(plan, {.keep_runs = true});
///     ...
///     write_runs_csv(out, t);
void write_runs_csv(std::ostream& out, const totals& t);

}  // namespace jssim::analysis
