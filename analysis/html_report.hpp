// SPDX-License-Identifier: MIT
// report.html (MODEL.md section 11.4): the page `jssim run` and `jssim
// sensitivity` write beside their CSV files, built from the same cells, and
// the sections every command's page shares (the assumptions, the provenance).
#pragma once

#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/html.hpp"
#include "analysis/manifest.hpp"
#include "analysis/race.hpp"
#include "analysis/sensitivity.hpp"
#include "analysis/summary.hpp"
#include "model/scenario.hpp"

namespace jssim::analysis {

/// Adds "What the answer assumes": each history contract with its class,
/// weight and reference date on the latest recalculation day on or before
/// today (model's scorer, as `jssim score` shows them) and the score they
/// give; the pipeline (job types, outcome tables, open contracts' futures);
/// each strategy's settings; the target and the rule set.
void add_assumptions(html_document& page, const model::scenario& scenario);

/// Adds "Where this comes from": the fields of the manifest (program version,
/// scenario path and SHA-256, seed, runs, threads, times, command line,
/// precision, files).
void add_provenance(html_document& page, const run_manifest& manifest);

/// Everything `jssim run` shows, for its page.
struct run_report {
  const model::scenario* scenario = nullptr;
  std::vector<summary_row> summary;
  std::vector<curve_row> curve;
  std::vector<compare_row> comparisons;
  std::string recovery_svg;
  std::string jss_svg;
  /// The same charts drawn for a phone (chart_context::width 420), shown
  /// instead on a narrow screen; none when empty.
  std::string recovery_svg_narrow;
  std::string jss_svg_narrow;
  /// Sentences the terminal prints after the table (how hidden ratings were
  /// drawn, what --precision did), each shown as a paragraph.
  std::vector<std::string> notes;
  run_manifest manifest;
};

/// report.html of `jssim run`: the terminal's heading and sentences, the
/// recovery and JSS charts with their text alternatives, the tables of
/// summary.csv and compare.csv (their cells, from summary_table and
/// compare_table), the assumptions and the provenance.
///
///     files.add(out / "report.html") << run_report_html(report);
[[nodiscard]] std::string run_report_html(const run_report& report);

/// Everything `jssim sensitivity` shows, for its page.
struct sensitivity_report {
  const model::scenario* scenario = nullptr;
  const study_result* result = nullptr;
  std::string tornado_svg;
  run_manifest manifest;
};

/// report.html of `jssim sensitivity`: the terminal's heading, table and
/// sentences, the tornado chart, the table of tornado.csv (its cells, from
/// tornado_table), the assumptions and the provenance.
[[nodiscard]] std::string sensitivity_report_html(const sensitivity_report& report);

/// Everything `jssim plan` shows, for its page.
struct plan_report {
  const model::scenario* scenario = nullptr;
  const race_result* result = nullptr;
  /// best.yaml as written.
  std::string best_yaml;
  run_manifest manifest;
};

/// report.html of `jssim plan`: the terminal's heading, table of the leading
/// plans and its closing sentence, the table of plan.csv (its cells, from
/// plan_table), best.yaml, the assumptions and the provenance.
[[nodiscard]] std::string plan_report_html(const plan_report& report);

}  // namespace jssim::analysis
