// SPDX-License-Identifier: MIT
// The numbers of summary.csv and curve.csv (MODEL.md section 9), computed from
// the totals of the runs, each with its uncertainty.
#pragma once

#include <cstdint>  // std::uint64_t
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/csv.hpp"
#include "analysis/statistics.hpp"
#include "analysis/totals.hpp"
#include "model/date.hpp"

namespace jssim::analysis {

/// One strategy's line of summary.csv.
struct summary_row {
  std::string strategy;
  std::uint64_t runs = 0;
  /// The median start JSS over the runs (they differ only when hidden ratings
  /// are drawn); nothing when no score shows.
  std::optional<int> start_jss;
  double p_recovered = 0;  ///< by the horizon
  interval p_recovered_ci;  ///< Wilson 95 %
  /// Recovered on or before add_months(today, X); nothing when that day is
  /// after the horizon, where the runs stop and the share is not known.
  std::optional<double> p_recovered_3m;
  std::optional<double> p_recovered_6m;
  std::optional<double> p_recovered_12m;
  /// Days to recover: the median with its exact 95 % interval, p10 and p90;
  /// nothing where the quantile falls on a run that did not recover.
  std::optional<model::day_count> median_days;
  std::optional<model::day_count> median_days_lo;
  std::optional<model::day_count> median_days_hi;
  std::optional<model::day_count> p10_days;
  std::optional<model::day_count> p90_days;
  /// The restricted mean time to recover up to the horizon.
  std::optional<restricted_mean> rmst;
  double mean_jobs_won = 0;
  double mean_earned_usd = 0;
};

/// One line of curve.csv: a strategy on a simulated recalculation day.
struct curve_row {
  std::string strategy;
  model::date on;
  model::day_count days = 0;
  double p_recovered = 0;   ///< recovered on or before this day
  interval p_recovered_ci;  ///< Wilson 95 %
  /// Quantiles of the displayed JSS, runs with no score counted lowest;
  /// nothing where the quantile falls on a run with no score.
  std::optional<int> jss_p10;
  std::optional<int> jss_p50;
  std::optional<int> jss_p90;
  double p_no_score = 0;  ///< runs whose profile shows no score that day
};

/// Whether the runs reach `months` months from today: a share recovered by
/// then is known only if add_months(today, months) is not after the horizon.
[[nodiscard]] bool within_horizon(const model::scenario& sc, int months);

/// The summary of every strategy, in the scenario's order.
std::vector<summary_row> summarize(const totals& t);
/// The recovery curve and JSS fan of every strategy.
std::vector<curve_row> recovery_curve(const totals& t);

/// The cells of summary.csv (the columns below), as write_summary_csv writes
/// them and report.html shows them.
csv_table summary_table(const std::vector<summary_row>& rows);
/// The cells of curve.csv.
csv_table curve_table(const std::vector<curve_row>& rows);

/// Writes summary.csv: the columns of MODEL.md section 9, then p_recovered_lo,
/// p_recovered_hi, rmst_days, rmst_lo, rmst_hi, mean_jobs_won, mean_earned_usd.
void write_summary_csv(std::ostream& out, const std::vector<summary_row>& rows);
/// Writes curve.csv: the columns of MODEL.md section 9, then p_recovered_lo,
/// p_recovered_hi, p_no_score.
void write_curve_csv(std::ostream& out, const std::vector<curve_row>& rows);

/// count / n as a probability (0 when n is 0).
double share(std::uint64_t count, std::uint64_t n);

}  // namespace jssim::analysis
