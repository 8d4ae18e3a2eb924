// SPDX-License-Identifier: MIT
// The comparison a person reads on the terminal after `jssim run`.
#pragma once

#include <cstddef>  // std::size_t
#include <iterator>  // std::size
#include <string>
#include <string_view>
#include <vector>

#include "analysis/summary.hpp"
#include "model/scenario.hpp"

namespace jssim::analysis {

/// A table with one line per strategy: P(recovered) by 3, 6, 12 months and by
/// the horizon with their uncertainty, the median time to recover with its
/// 95 % interval, p10 and p90 ("not within the horizon" where a quantile is
/// not reached).
std::string comparison_table(const model::scenario& scenario, const std::vector<summary_row>& rows);

/// The table's first line: "Katarina: back to JSS 90 by 2028-11-26 (24 months),
/// 10000 runs, seed 1".
std::string run_heading(const model::scenario& scenario, const std::vector<summary_row>& rows);
/// Its second: "JSS today: 60 %", with a note when the runs draw hidden
/// ratings; empty without rows.
std::string start_sentence(const model::scenario& scenario, const std::vector<summary_row>& rows);
/// What the table's columns mean, ending with a full stop; broken into lines
/// for a terminal.
std::string comparison_footnote(const model::scenario& scenario,
                                const std::vector<summary_row>& rows);

/// The names as a person lists them: "a", "a and b", "a, b and c". Any range
/// of strings or string views.
template <class Names>
std::string joined(const Names& names) {
  std::string text;
  std::size_t i = 0;
  const std::size_t n = std::size(names);
  for (const auto& name : names) {
    if (i > 0) text += i + 1 == n ? " and " : ", ";
    text += std::string_view(name);
    ++i;
  }
  return text;
}

/// "in 41 days", "not within the horizon".
std::string describe_days(const std::optional<model::day_count>& days);

}  // namespace jssim::analysis
