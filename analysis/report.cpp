// SPDX-License-Identifier: MIT
#include "analysis/report.hpp"

#include <algorithm>  // std::max, std::any_of
#include <fmt/format.h>

#include "model/utf8.hpp"

namespace jssim::analysis {
namespace {

std::string percent(double p) { return fmt::format("{:.1f}%", 100.0 * p); }
/// A share past the horizon is not known: '-'.
std::string percent(const std::optional<double>& p) { return p ? percent(*p) : "-"; }

std::string days_or_dash(const std::optional<model::day_count>& d) {
  return d ? fmt::format("{}", *d) : std::string("-");
}

}  // namespace

std::string describe_days(const std::optional<model::day_count>& days) {
  return days ? fmt::format("in {} days", *days) : std::string("not within the horizon");
}

std::string run_heading(const model::scenario& sc, const std::vector<summary_row>& rows) {
  const auto& target = sc.simulation.target;
  const std::uint64_t runs = rows.empty() ? 0 : rows.front().runs;
  return fmt::format("{}: back to {}{} by {} ({} months), {} runs, seed {}",
                     model::visible(sc.name.empty() ? sc.path : sc.name),
                     target.top_rated ? std::string("Top Rated") : fmt::format("JSS {}", target.jss),
                     // The rule counts what the target checks: Saturdays for Top
                     // Rated, recalculations for a JSS.
                     target.hold <= 1   ? std::string()
                     : target.top_rated ? fmt::format(" for {} weeks in a row", target.hold)
                                        : fmt::format(" on {} recalculations in a row",
                                                      target.hold),
                     sc.horizon().to_string(), sc.simulation.horizon_months, runs,
                     sc.simulation.seed);
}

std::string start_sentence(const model::scenario& sc, const std::vector<summary_row>& rows) {
  if (rows.empty()) return {};
  // Hidden ratings drawn without an observed score start each run at its
  // own score: the line gives their median.
  const auto hidden = [](const model::history_contract& h) { return h.has_unknown(); };
  const bool drawn = !sc.observed_jss && std::any_of(sc.history.begin(), sc.history.end(), hidden);
  return fmt::format("JSS today: {}{}",
                     rows.front().start_jss ? fmt::format("{} %", *rows.front().start_jss)
                                            : std::string("no score shown"),
                     drawn ? " (the median over the runs, which draw the hidden ratings; "
                             "jssim explain shows them)"
                           : "");
}

std::string comparison_footnote(const model::scenario& sc, const std::vector<summary_row>& rows) {
  std::string text =
      "P(recovered) is the share of runs back at the target by then (± a 95% Wilson\n"
      "half-width); days count from today; '-' marks a quantile not reached within the\n"
      "horizon";
  if (!within_horizon(sc, 12)) {
    text += ", and a share past it, where the runs stop";
  }
  // A median reached with no lower end: too few runs for a 95 % interval.
  if (std::any_of(rows.begin(), rows.end(),
                  [](const summary_row& r) { return r.median_days && !r.median_days_lo; })) {
    text += ", or an end of the median's interval that so few runs cannot bound";
  }
  return text + ".";
}

std::string comparison_table(const model::scenario& sc, const std::vector<summary_row>& rows) {
  std::string text = run_heading(sc, rows);
  text += '\n';
  if (!rows.empty()) {
    text += start_sentence(sc, rows);
    text += "\n\n";
  }
  std::size_t name_width = 8;
  for (const auto& r : rows) name_width = std::max(name_width, model::display_width(r.strategy));
  // Names are padded by their columns in a terminal, not by fmt, which counts
  // a joiner or a combining accent as one.
  text += fmt::format("{}  {:>7} {:>7} {:>7} {:>15}  {:>20}  {:>5} {:>5}\n",
                      model::left_aligned("strategy", name_width), "by 3m", "by 6m", "by 12m",
                      "by horizon", "median days [95% CI]", "p10", "p90");
  for (const auto& r : rows) {
    const double half = (r.p_recovered_ci.hi - r.p_recovered_ci.lo) / 2;
    // The recovery curve stays below one half: the median is not reached.
    std::string median = "not reached";
    if (r.median_days) {
      median = fmt::format("{} [{}, {}]", *r.median_days, days_or_dash(r.median_days_lo),
                           days_or_dash(r.median_days_hi));
    }
    text += fmt::format("{}  {:>7} {:>7} {:>7} {:>15}  {:>20}  {:>5} {:>5}\n",
                        model::left_aligned(r.strategy, name_width), percent(r.p_recovered_3m),
                        percent(r.p_recovered_6m), percent(r.p_recovered_12m),
                        fmt::format("{} ±{:.1f}", percent(r.p_recovered), 100.0 * half), median,
                        days_or_dash(r.p10_days), days_or_dash(r.p90_days));
  }
  text += '\n';
  text += comparison_footnote(sc, rows);
  text += '\n';
  return text;
}

}  // namespace jssim::analysis
