// SPDX-License-Identifier: MIT
// What `jssim sensitivity` writes: tornado.csv, design.csv, tornado.svg and
// the table on the terminal (docs/sensitivity.md).
#pragma once

#include <iosfwd>  // std::ostream
#include <string>
#include <vector>

#include "analysis/csv.hpp"
#include "analysis/sensitivity.hpp"

namespace jssim::analysis {

/// The cells of tornado.csv, as write_tornado_csv writes them and
/// report.html shows them.
csv_table tornado_table(const study_result& r);

/// tornado.csv: one row per parameter, largest |swing| first:
/// `rank,tier,parameter,label,base,low,high,outcome_low,outcome_high,swing,swing_lo,
/// swing_hi,effect,src,src_lo,src_hi,prcc,prcc_lo,prcc_hi,outcome,base_outcome,
/// r2,rank_r2`. `parameter` is the path as written, `label` the name shown
/// (the label, else the path), `effect` `true` when the swing's interval
/// excludes 0; the last four columns are the study's, repeated on each row.
/// Shares have 6 decimals, days 2, coefficients 4; `base` is empty when the
/// scenario leaves the number unset, r2 when the outcome did not vary.
void write_tornado_csv(std::ostream& out, const study_result& r);

/// design.csv: `point`, one column per parameter (named by its path, in the
/// section's order) with the value set at that point, and `outcome`.
void write_design_csv(std::ostream& out, const study_result& r);

/// tornado.svg: a self-contained SVG 1.1 tornado chart. One row per
/// parameter, largest |swing| first, labelled in the scenario's words (a
/// label wraps between words and between the parts of a path, at most three
/// lines; one longer ends in an ellipsis, and a note says so; the full path
/// is every row's tooltip); a bar from the base outcome to the outcome at the
/// parameter's low end and one to its high end; the base outcome as a dashed
/// vertical line; beside the bars the swing and, on its own axis with a zero
/// line, the swing's 95 % interval as an error bar (its dot hollow when the
/// interval holds 0); an axis in the outcome's units; `title` (the
/// freelancer's name) in the heading, which wraps.
std::string tornado_svg(const study_result& r, const std::string& title);

/// The table a person reads on the terminal: the parameters by swing, with
/// the outcome at each end, the swing, SRC and PRCC with their intervals, the
/// R^2 and what it means for reading SRC; a name cut short to fit the column
/// is said to be whole in tornado.csv and report.html.
std::string sensitivity_table(const study_result& r, const std::string& title);

/// The table's first three lines: what is studied, the design, the outcome as
/// written.
std::vector<std::string> sensitivity_heading(const study_result& r, const std::string& title);
/// The sentences after the table: what R^2 says, what a swing and a tier
/// mean, which levers showed no effect. A sentence may hold a line break
/// for the terminal.
std::vector<std::string> sensitivity_notes(const study_result& r);

/// How an outcome reads for a person: "41.2 %", "212 days".
std::string describe_outcome(model::sensitivity_outcome o, double value);

}  // namespace jssim::analysis
