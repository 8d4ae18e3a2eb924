// SPDX-License-Identifier: MIT
#include "analysis/summary.hpp"

#include "analysis/csv.hpp"

namespace jssim::analysis {
namespace {

std::optional<model::day_count> as_days(std::optional<std::size_t> bin) {
  if (!bin) return std::nullopt;
  return static_cast<model::day_count>(*bin);
}

/// The displayed-JSS counts as a histogram whose bin 0 ("no score") ranks lowest.
histogram jss_histogram(const jss_counts& counts) {
  histogram h(counts.size());
  for (std::size_t b = 0; b < counts.size(); ++b) {
    if (counts[b] > 0) h.add(b, counts[b]);
  }
  return h;
}

std::optional<int> jss_quantile(const histogram& h, double q) {
  const auto bin = h.quantile_bin(q);
  if (!bin || *bin == 0) return std::nullopt;
  return static_cast<int>(*bin) - 1;
}

/// A share, or an empty field for one not known.
std::string optional_probability(const std::optional<double>& p) {
  return p ? format_probability(*p) : std::string();
}

}  // namespace

double share(std::uint64_t count, std::uint64_t n) {
  return n == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(n);
}

bool within_horizon(const model::scenario& sc, int months) {
  return months <= sc.simulation.horizon_months;
}

std::vector<summary_row> summarize(const totals& t) {
  const sim::run_plan& plan = t.plan();
  const model::scenario& sc = plan.scenario();
  auto days_to = [&](int months) {
    return static_cast<std::size_t>(sc.today.add_months(months) - sc.today);
  };
  std::vector<summary_row> rows;
  for (std::size_t s = 0; s < t.strategies().size(); ++s) {
    const strategy_totals& st = t.strategies()[s];
    const histogram& h = st.recovery;
    const std::uint64_t n = h.total();
    summary_row r;
    r.strategy = sc.strategies[s].name;
    r.runs = n;
    r.start_jss = jss_quantile(jss_histogram(st.start_jss), 0.5);
    const std::uint64_t recovered = n - h.censored();
    r.p_recovered = share(recovered, n);
    r.p_recovered_ci = wilson_interval(recovered, n);
    auto by = [&](int months) -> std::optional<double> {
      if (!within_horizon(sc, months)) return std::nullopt;
      return share(h.count_at_most(days_to(months)), n);
    };
    r.p_recovered_3m = by(3);
    r.p_recovered_6m = by(6);
    r.p_recovered_12m = by(12);
    r.median_days = as_days(h.quantile_bin(0.5));
    if (n > 0) {
      const order_statistic_interval ci = binomial_order_statistic_interval(n, 0.5);
      r.median_days_lo = as_days(h.kth_smallest(ci.lower_rank));
      r.median_days_hi = as_days(h.kth_smallest(ci.upper_rank));
    }
    r.p10_days = as_days(h.quantile_bin(0.1));
    r.p90_days = as_days(h.quantile_bin(0.9));
    r.rmst = restricted_mean_time(h, plan.horizon().value);
    r.mean_jobs_won = share(st.jobs_won, n);
    r.mean_earned_usd = n == 0 ? 0.0 : static_cast<double>(st.earned_cents) / 100.0 / static_cast<double>(n);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<curve_row> recovery_curve(const totals& t) {
  const sim::run_plan& plan = t.plan();
  const model::scenario& sc = plan.scenario();
  std::vector<curve_row> rows;
  for (std::size_t s = 0; s < t.strategies().size(); ++s) {
    const strategy_totals& st = t.strategies()[s];
    const std::uint64_t n = st.recovery.total();
    for (std::size_t i = 0; i < plan.recalc_count(); ++i) {
      curve_row r;
      r.strategy = sc.strategies[s].name;
      r.on = plan.recalc_days()[i];
      r.days = r.on - sc.today;
      const std::uint64_t recovered = st.recovery.count_at_most(static_cast<std::size_t>(r.days));
      r.p_recovered = share(recovered, n);
      r.p_recovered_ci = wilson_interval(recovered, n);
      const histogram jss = jss_histogram(st.jss[i]);
      r.jss_p10 = jss_quantile(jss, 0.1);
      r.jss_p50 = jss_quantile(jss, 0.5);
      r.jss_p90 = jss_quantile(jss, 0.9);
      r.p_no_score = share(st.jss[i][0], n);
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

csv_table summary_table(const std::vector<summary_row>& rows) {
  csv_table t;
  t.header = {"strategy", "runs", "start_jss", "p_recovered", "p_recovered_3m",
              "p_recovered_6m", "p_recovered_12m", "median_days", "median_days_lo",
              "median_days_hi", "p10_days", "p90_days", "p_recovered_lo", "p_recovered_hi",
              "rmst_days", "rmst_lo", "rmst_hi", "mean_jobs_won", "mean_earned_usd"};
  for (const summary_row& r : rows) {
    std::string rmst_mean, rmst_lo, rmst_hi;
    if (r.rmst) {
      rmst_mean = format_fixed(r.rmst->mean, 2);
      if (const auto& ci = r.rmst->confidence_interval) {
        rmst_lo = format_fixed(ci->lo, 2);
        rmst_hi = format_fixed(ci->hi, 2);
      }
    }
    t.rows.push_back({r.strategy, format_int(r.runs), format_optional_int(r.start_jss),
                      format_probability(r.p_recovered), optional_probability(r.p_recovered_3m),
                      optional_probability(r.p_recovered_6m),
                      optional_probability(r.p_recovered_12m), format_optional_int(r.median_days),
                      format_optional_int(r.median_days_lo), format_optional_int(r.median_days_hi),
                      format_optional_int(r.p10_days), format_optional_int(r.p90_days),
                      format_probability(r.p_recovered_ci.lo),
                      format_probability(r.p_recovered_ci.hi), rmst_mean, rmst_lo, rmst_hi,
                      format_fixed(r.mean_jobs_won, 4), format_fixed(r.mean_earned_usd, 2)});
  }
  return t;
}

csv_table curve_table(const std::vector<curve_row>& rows) {
  csv_table t;
  t.header = {"strategy", "date", "days", "p_recovered", "jss_p10", "jss_p50", "jss_p90",
              "p_recovered_lo", "p_recovered_hi", "p_no_score"};
  for (const curve_row& r : rows) {
    t.rows.push_back({r.strategy, r.on.to_string(), format_int(r.days),
                      format_probability(r.p_recovered), format_optional_int(r.jss_p10),
                      format_optional_int(r.jss_p50), format_optional_int(r.jss_p90),
                      format_probability(r.p_recovered_ci.lo),
                      format_probability(r.p_recovered_ci.hi), format_probability(r.p_no_score)});
  }
  return t;
}

void write_summary_csv(std::ostream& out, const std::vector<summary_row>& rows) {
  write_csv(out, summary_table(rows));
}

void write_curve_csv(std::ostream& out, const std::vector<curve_row>& rows) {
  write_csv(out, curve_table(rows));
}

}  // namespace jssim::analysis
