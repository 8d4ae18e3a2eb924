// SPDX-License-Identifier: MIT
// What a valid scenario says that means nothing, or that will mislead once its
// answers are opened in a spreadsheet. Not refused: said, by `jssim check`
// (which still exits 0) and before `jssim run` starts.
#pragma once

#include <string_view>
#include <vector>

#include "model/error.hpp"  // diagnostic

namespace jssim::model {

struct scenario;

/// The warnings of a loaded scenario, each at its key path (and its line
/// where the scenario keeps it), naming `sc.path`:
///
///   - no recalculation day within the horizon: the score never changes;
///   - `simulation.target.jss` given with `top_rated: true`, which uses its
///     own 90 and never reads it;
///   - a strategy that plays exactly as the first one (the baseline): the
///     same proposals, parallel jobs, accepted job types, closes and stale
///     closes, once the pipeline's settings stand in for those it leaves out;
///   - a `close` dated after the horizon, which no run reaches;
///   - a strategy name or a contract id that a spreadsheet reads as something
///     else when it opens the CSV files (looks_like_spreadsheet_value).
///
///     for (const diagnostic& w : scenario_warnings(sc)) print(w.to_string());
[[nodiscard]] std::vector<diagnostic> scenario_warnings(const scenario& sc);

/// Why a spreadsheet (LibreOffice Calc, Excel) would not keep `text` as
/// written in a CSV field, or nothing: it reads a formula (`=1+1`, `+x`,
/// `-x`, `@x`), a number (`007`, `0042`, `1,5`, `50%`, `$3`, `1e5`), a
/// fraction or a date (`1/2`, `Oct 1`, `jan-12`, `2026-01-05`), a time
/// (`12:30`) or a truth value (`TRUE`).
///
///     looks_like_spreadsheet_value("Oct 1");       // "a date"
///     looks_like_spreadsheet_value("quick wins");  // nothing (nullptr)
[[nodiscard]] const char* looks_like_spreadsheet_value(std::string_view text);

}  // namespace jssim::model
