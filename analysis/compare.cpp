// SPDX-License-Identifier: MIT
#include "analysis/compare.hpp"

#include <fmt/format.h>

#include <cstdint>  // UINT64_MAX

#include "analysis/csv.hpp"
#include "analysis/summary.hpp"  // share
#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

/// The level below which a McNemar p makes a sentence say "more" or "less likely".
constexpr double significance = 0.05;

/// A gain for a sentence: "28", "-14", "∞", "-∞".
std::string gain_text(const day_difference& d) {
  if (const auto days = d.days()) return fmt::format("{}", *days);
  return d.infinity() > 0 ? std::string("∞") : std::string("-∞");
}

/// "p = 0.039", "p < 0.001": two significant digits are all a p-value carries.
/// A p just under the 0.05 the sentence tests, which two digits would show as
/// "p = 0.05", is "p < 0.05".
std::string p_value_text(double p) {
  if (p < 0.001) return "p < 0.001";
  const std::string digits = fmt::format("{:.2g}", p);
  if (p < significance && digits == "0.05") return "p < 0.05";
  return "p = " + digits;
}

std::string median_clause(const compare_row& r) {
  const std::string bracket =
      fmt::format("[{}, {}]", gain_text(r.median_gain_lo), gain_text(r.median_gain_hi));
  if (const auto days = r.median_gain.days()) {
    return fmt::format("median gain {} {} {}", *days, *days == 1 || *days == -1 ? "day" : "days",
                       bracket);
  }
  // An infinite median: in at least half of the runs only one of the two
  // recovered within the horizon, so no number of days describes the middle run.
  const std::string& only = r.median_gain.infinity() > 0 ? r.strategy : r.baseline;
  if (r.median_gain_lo == r.median_gain && r.median_gain_hi == r.median_gain) {
    return fmt::format("in half of the futures or more only {} recovers within the horizon", only);
  }
  return fmt::format(
      "median gain {} {} (in half of the futures or more only {} recovers within the horizon)",
      gain_text(r.median_gain), bracket, only);
}

std::string mcnemar_clause(const compare_row& r) {
  if (r.only_strategy_6m + r.only_baseline_6m == 0) {
    return "the same futures recover within 6 months under both";
  }
  if (r.mcnemar_p < significance) {
    return fmt::format("recovery within 6 months is {} likely (McNemar {})",
                       r.only_strategy_6m > r.only_baseline_6m ? "more" : "less",
                       p_value_text(r.mcnemar_p));
  }
  return fmt::format("no clear difference in recovery within 6 months (McNemar {})",
                     p_value_text(r.mcnemar_p));
}

}  // namespace

compare_row compare_pair(const pair_totals& pair, std::string strategy, std::string baseline) {
  compare_row r;
  r.strategy = std::move(strategy);
  r.baseline = std::move(baseline);
  const paired_histogram& times = pair.times;
  r.runs = times.total();
  // pair_totals keeps B - A with A the strategy and B the baseline: A earlier
  // is a positive difference, a gain.
  r.earlier = times.a_earlier();
  r.same = times.same();
  r.later = times.b_earlier();
  r.p_earlier = share(r.earlier, r.runs);
  r.p_same = share(r.same, r.runs);
  r.p_later = share(r.later, r.runs);
  r.p_earlier_ci = wilson_interval(r.earlier, r.runs);
  r.p_same_ci = wilson_interval(r.same, r.runs);
  r.p_later_ci = wilson_interval(r.later, r.runs);
  if (const auto median = times.median_difference(0.95)) {
    r.median_gain = median->median;
    r.median_gain_lo = median->lower;
    r.median_gain_hi = median->upper;
  }
  r.only_strategy_6m = pair.within_6m[1][0];
  r.only_baseline_6m = pair.within_6m[0][1];
  r.mcnemar_p = mcnemar_test(r.only_strategy_6m, r.only_baseline_6m);
  return r;
}

std::vector<compare_row> compare_strategies(const totals& t) {
  const model::scenario& sc = t.plan().scenario();
  std::vector<compare_row> rows;
  rows.reserve(t.pairs().size());
  for (const pair_totals& p : t.pairs()) {
    rows.push_back(
        compare_pair(p, sc.strategies[p.strategy].name, sc.strategies[p.reference].name));
    rows.back().six_months_known = within_horizon(sc, 6);
  }
  return rows;
}

csv_table compare_table(const std::vector<compare_row>& rows) {
  csv_table t;
  t.header = {"strategy", "baseline", "p_earlier", "p_same", "p_later", "median_gain_days",
              "median_gain_lo", "median_gain_hi", "mcnemar_p", "runs", "p_earlier_lo",
              "p_earlier_hi", "p_same_lo", "p_same_hi", "p_later_lo", "p_later_hi",
              "runs_6m_strategy_only", "runs_6m_baseline_only"};
  for (const compare_row& r : rows) {
    t.rows.push_back({r.strategy, r.baseline, format_probability(r.p_earlier),
                      format_probability(r.p_same), format_probability(r.p_later),
                      format_optional_int(r.median_gain.days()),
                      format_optional_int(r.median_gain_lo.days()),
                      format_optional_int(r.median_gain_hi.days()),
                      r.six_months_known ? format_p_value(r.mcnemar_p) : std::string(),
                      format_int(r.runs), format_probability(r.p_earlier_ci.lo),
                      format_probability(r.p_earlier_ci.hi), format_probability(r.p_same_ci.lo),
                      format_probability(r.p_same_ci.hi), format_probability(r.p_later_ci.lo),
                      format_probability(r.p_later_ci.hi),
                      r.six_months_known ? format_int(r.only_strategy_6m) : std::string(),
                      r.six_months_known ? format_int(r.only_baseline_6m) : std::string()});
  }
  return t;
}

void write_compare_csv(std::ostream& out, const std::vector<compare_row>& rows) {
  write_csv(out, compare_table(rows));
}

std::string describe_share(std::uint64_t count, std::uint64_t n) {
  if (count == 0 || n == 0) return "0 %";
  if (count == n) return "100 %";
  // In integers, exact: the counts are runs, at most 10^8, far below where
  // 200 n overflows.
  JSSIM_ASSERT(count <= n && n <= UINT64_MAX / 200, "a count of runs out of a number of runs");
  // Rounding must not claim "none" or "all" of a share that is neither.
  if (100 * count < n) return "<1 %";
  if (100 * (n - count) < n) return ">99 %";
  // Half up: 84.5 % is 85 %, as the JSS rounds, where a double and fmt's
  // "{:.0f}" gave the even neighbour.
  return fmt::format("{} %", (200 * count + n) / (2 * n));
}

std::string describe_comparison(const compare_row& r) {
  std::string text;
  if (2 * r.same >= r.runs && r.same > 0) {
    text = fmt::format("{}: no difference from {} in {} of futures, earlier in {}, later in {}",
                       r.strategy, r.baseline, describe_share(r.same, r.runs),
                       describe_share(r.earlier, r.runs), describe_share(r.later, r.runs));
  } else {
    text = fmt::format("{}: earlier than {} in {} of futures, later in {}", r.strategy,
                       r.baseline, describe_share(r.earlier, r.runs),
                       describe_share(r.later, r.runs));
  }
  const day_difference zero = day_difference::finite(0);
  if (!(r.median_gain == zero && r.median_gain_lo == zero && r.median_gain_hi == zero)) {
    text += ", " + median_clause(r);
  }
  // Past a horizon before 6 months, nothing is known of recovery within 6.
  if (r.six_months_known) text += "; " + mcnemar_clause(r);
  return text + ".";
}

}  // namespace jssim::analysis
