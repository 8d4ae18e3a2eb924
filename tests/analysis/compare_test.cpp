// SPDX-License-Identifier: MIT
// Tests of analysis/compare: the sign of a gain, the paired counts, compare.csv
// and the sentences, by hand and on a scenario whose outcome is known.
#include "analysis/compare.hpp"

#include <catch2/catch.hpp>

#include <algorithm>  // std::min
#include <cstdint>    // std::int64_t
#include <sstream>
#include <string>

#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

using jssim::analysis::censored;
using jssim::analysis::compare_pair;
using jssim::analysis::compare_row;
using jssim::analysis::day_difference;
using jssim::analysis::describe_comparison;
using jssim::analysis::describe_share;
using jssim::analysis::pair_totals;
using jssim::analysis::paired_histogram;

namespace {

/// Seven runs, (days under the strategy, days under the baseline):
/// gains 10 - 5 = 5, 0, +inf, -inf, 0 (neither), 9 - 2 = 7, 12 - 8 = 4.
/// Sorted: -inf, 0, 0, 4, 5, 7, +inf. Recovered within 6 months: 10 runs
/// only under the strategy, 2 only under the baseline.
pair_totals seven_runs() {
  pair_totals p{1, 0, paired_histogram(20), {}};
  p.times.add(5, 10);
  p.times.add(5, 5);
  p.times.add(3, censored);
  p.times.add(censored, 4);
  p.times.add(censored, censored);
  p.times.add(2, 9);
  p.times.add(8, 12);
  p.within_6m[1][1] = 30;
  p.within_6m[1][0] = 10;
  p.within_6m[0][1] = 2;
  p.within_6m[0][0] = 5;
  return p;
}

std::string csv_of(const std::vector<compare_row>& rows) {
  std::ostringstream out;
  jssim::analysis::write_compare_csv(out, rows);
  return out.str();
}

}  // namespace

TEST_CASE("a gain is the baseline's days minus the strategy's, so earlier is positive",
          "[analysis][compare]") {
  const compare_row r = compare_pair(seven_runs(), "close", "wait");
  CHECK(r.strategy == "close");
  CHECK(r.baseline == "wait");
  CHECK(r.runs == 7);
  CHECK(r.earlier == 4);  // 5, +inf, 7, 4
  CHECK(r.same == 2);     // 0 and neither recovered
  CHECK(r.later == 1);    // only the baseline recovered
  CHECK(r.p_earlier == Approx(4.0 / 7.0));
  CHECK(r.p_same == Approx(2.0 / 7.0));
  CHECK(r.p_later == Approx(1.0 / 7.0));
  CHECK(r.p_earlier + r.p_same + r.p_later == Approx(1.0));
  CHECK(r.median_gain == day_difference::finite(4));  // the 4th of 7
  // n = 7: P(B = 0) = 1/128 <= 2.5 % < P(B <= 1) = 8/128, so ranks 1 and 7,
  // which fall on the two runs only one strategy recovered.
  CHECK(r.median_gain_lo == day_difference::minus_infinity());
  CHECK(r.median_gain_hi == day_difference::plus_infinity());
}

TEST_CASE("McNemar's test looks at the runs recovered within 6 months by only one of the two",
          "[analysis][compare]") {
  const compare_row r = compare_pair(seven_runs(), "close", "wait");
  CHECK(r.only_strategy_6m == 10);
  CHECK(r.only_baseline_6m == 2);
  CHECK(r.mcnemar_p == Approx(0.0386).margin(1e-4));  // exact: 2 P(X <= 2), X ~ Bin(12, 1/2)
}

TEST_CASE("compare.csv writes infinite gains as empty fields", "[analysis][compare]") {
  const std::string csv = csv_of({compare_pair(seven_runs(), "close", "wait")});
  CHECK(csv.rfind("strategy,baseline,p_earlier,p_same,p_later,median_gain_days,median_gain_lo,"
                  "median_gain_hi,mcnemar_p,runs,p_earlier_lo,p_earlier_hi,p_same_lo,p_same_hi,"
                  "p_later_lo,p_later_hi,runs_6m_strategy_only,runs_6m_baseline_only\n",
                  0) == 0);
  CHECK_THAT(csv, Catch::Contains("\nclose,wait,0.571429,0.285714,0.142857,4,,,0.038574,7,"));
  CHECK_THAT(csv, Catch::EndsWith(",10,2\n"));
}

TEST_CASE("the sentence says how often the strategy is earlier and later, the median gain and "
          "what McNemar's test means",
          "[analysis][compare]") {
  CHECK(describe_comparison(compare_pair(seven_runs(), "close", "wait")) ==
        "close: earlier than wait in 57 % of futures, later in 14 %, median gain 4 days [-∞, ∞]; "
        "recovery within 6 months is more likely (McNemar p = 0.039).");
}

TEST_CASE("the sentence leads with no difference when most futures end the same",
          "[analysis][compare]") {
  pair_totals p{1, 0, paired_histogram(20), {}};
  p.times.add(10, 10, 19);
  p.times.add(5, 10);
  p.within_6m[1][1] = 20;
  // Ranks 6 and 15 of 20 are both 0 days: a median of 0 in [0, 0] adds nothing.
  CHECK(describe_comparison(compare_pair(p, "tweak", "wait")) ==
        "tweak: no difference from wait in 95 % of futures, earlier in 5 %, later in 0 %; "
        "the same futures recover within 6 months under both.");
}

TEST_CASE("an infinite median gain says which strategy alone recovers", "[analysis][compare]") {
  pair_totals p{1, 0, paired_histogram(20), {}};
  p.times.add(censored, 10, 30);
  p.within_6m[0][1] = 30;
  const compare_row r = compare_pair(p, "close loudly", "wait");
  CHECK(r.p_later == 1.0);
  CHECK_FALSE(r.median_gain.days().has_value());
  CHECK(describe_comparison(r) ==
        "close loudly: earlier than wait in 0 % of futures, later in 100 %, in half of the "
        "futures or more only wait recovers within the horizon; recovery within 6 months is less "
        "likely (McNemar p < 0.001).");
}

TEST_CASE("an infinite median with a finite lower end keeps its interval",
          "[analysis][compare]") {
  // Gains 30 (4 runs) and +inf (6): the 5th of 10 is +inf, ranks 2 and 9 are
  // 30 and +inf. Within 6 months: 3 runs only fast, 1 only wait.
  pair_totals p{1, 0, paired_histogram(100), {}};
  p.times.add(10, 40, 4);
  p.times.add(10, censored, 6);
  p.within_6m[1][0] = 3;
  p.within_6m[0][1] = 1;
  CHECK(describe_comparison(compare_pair(p, "fast", "wait")) ==
        "fast: earlier than wait in 100 % of futures, later in 0 %, median gain ∞ [30, ∞] (in "
        "half of the futures or more only fast recovers within the horizon); no clear difference "
        "in recovery within 6 months (McNemar p = 0.62).");
}

TEST_CASE("shares are never rounded to none or all", "[analysis][compare]") {
  CHECK(describe_share(0, 1000) == "0 %");
  CHECK(describe_share(1, 1000) == "<1 %");
  CHECK(describe_share(5, 1000) == "<1 %");
  CHECK(describe_share(10, 1000) == "1 %");
  CHECK(describe_share(415, 1000) == "42 %");
  CHECK(describe_share(410, 1000) == "41 %");
  CHECK(describe_share(999, 1000) == ">99 %");
  CHECK(describe_share(995, 1000) == ">99 %");
  CHECK(describe_share(5, 1000) == "<1 %");
  CHECK(describe_share(990, 1000) == "99 %");
  // Halves round up, as the JSS does; a double and "{:.0f}" gave 84 and 16.
  CHECK(describe_share(2535, 3000) == "85 %");
  CHECK(describe_share(495, 3000) == "17 %");
  CHECK(describe_share(13, 200) == "7 %");
  CHECK(describe_share(500'000'000'000'000, 1'000'000'000'000'001) == "50 %");
  CHECK(describe_share(1000, 1000) == "100 %");
  CHECK(describe_share(0, 0) == "0 %");
}

TEST_CASE("on a deterministic scenario closing the stale contract is earlier in every run",
          "[analysis][compare]") {
  // tests/reference/scenarios/deterministic-stale-window.yaml: wait recovers on
  // day 38, closing quietly on day 24, closing and hearing back never.
  const jssim::model::scenario sc = jssim::input::load_scenario_file(
      JSSIM_SOURCE_DIR "/tests/reference/scenarios/deterministic-stale-window.yaml");
  const jssim::sim::run_plan plan(sc);
  jssim::analysis::totals t(plan, {.all_pairs = true, .keep_runs = false});
  jssim::sim::mc_options mc;
  mc.threads = 1;
  REQUIRE(jssim::sim::simulate(plan, 0, 40, mc, t));
  const auto rows = jssim::analysis::compare_strategies(t);
  REQUIRE(rows.size() == 10);  // 5 strategies: 4 against wait, then every other pair
  for (const compare_row& r : rows) {
    CHECK(r.earlier + r.same + r.later == 40);
    CHECK(r.p_earlier + r.p_same + r.p_later == Approx(1.0));
  }
  const compare_row& quietly = rows[0];
  CHECK(quietly.strategy == "close quietly");
  CHECK(quietly.baseline == "wait");
  CHECK(quietly.p_earlier == 1.0);
  CHECK(quietly.p_later == 0.0);
  CHECK(quietly.median_gain == day_difference::finite(14));
  CHECK(quietly.median_gain_lo == day_difference::finite(14));
  CHECK(quietly.median_gain_hi == day_difference::finite(14));
  CHECK(quietly.mcnemar_p == 1.0);  // both recover within 6 months in every run
  const compare_row& hear_back = rows[2];
  CHECK(hear_back.strategy == "close and hear back");
  CHECK(hear_back.p_later == 1.0);
  CHECK(hear_back.only_baseline_6m == 40);
  CHECK(hear_back.mcnemar_p < 0.001);
  // Among the other pairs: the stale close against closing quietly, the same day.
  const compare_row& stale_vs_quietly = rows[4];
  CHECK(stale_vs_quietly.strategy == "stale close quietly");
  CHECK(stale_vs_quietly.baseline == "close quietly");
  CHECK(stale_vs_quietly.p_same == 1.0);
}

TEST_CASE("the paired counts agree with each strategy's own recoveries on a random scenario",
          "[analysis][compare]") {
  // The reference simulator cannot check pairs (it does not share our random
  // numbers), so the pairs are checked against the margins they must add up to.
  const jssim::model::scenario sc =
      jssim::input::load_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story.yaml");
  const jssim::sim::run_plan plan(sc);
  jssim::analysis::totals t(plan, {.all_pairs = true, .keep_runs = false});
  jssim::sim::mc_options mc;
  mc.threads = 2;
  REQUIRE(jssim::sim::simulate(plan, 0, 300, mc, t));
  const auto six_months = static_cast<std::size_t>(sc.today.add_months(6) - sc.today);
  const auto rows = jssim::analysis::compare_strategies(t);
  REQUIRE(rows.size() == t.pairs().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const compare_row& r = rows[i];
    const auto& strategy = t.strategies()[t.pairs()[i].strategy].recovery;
    const auto& baseline = t.strategies()[t.pairs()[i].reference].recovery;
    CHECK(r.earlier + r.same + r.later == 300);
    // Recovered within 6 months: the strategy's count minus the baseline's is
    // the difference of the discordant runs.
    CHECK(static_cast<std::int64_t>(strategy.count_at_most(six_months)) -
              static_cast<std::int64_t>(baseline.count_at_most(six_months)) ==
          static_cast<std::int64_t>(r.only_strategy_6m) -
              static_cast<std::int64_t>(r.only_baseline_6m));
    // A run only the strategy recovered is earlier; one only the baseline did, later.
    CHECK(r.earlier >= strategy.total() - strategy.censored() -
                           std::min(strategy.total() - strategy.censored(),
                                    baseline.total() - baseline.censored()));
    CHECK(r.median_gain_lo <= r.median_gain);
    CHECK(r.median_gain <= r.median_gain_hi);
  }
}

TEST_CASE("a McNemar p just under 0.05 is not shown as p = 0.05 beside 'more likely'",
          "[analysis][compare]") {
  // 33 runs recover within 6 months only under the strategy, 18 only under
  // the baseline: p = 0.04995, which two digits round to 0.05.
  pair_totals p{1, 0, paired_histogram(100), {}};
  p.times.add(10, 20, 51);
  p.within_6m[1][0] = 33;
  p.within_6m[0][1] = 18;
  const compare_row r = compare_pair(p, "quick", "wait");
  REQUIRE(r.mcnemar_p < 0.05);
  REQUIRE(r.mcnemar_p > 0.0495);
  CHECK_THAT(describe_comparison(r),
             Catch::EndsWith("recovery within 6 months is more likely (McNemar p < 0.05)."));
  // Just over: not significant, and shown as it is.
  p.within_6m[0][1] = 19;
  CHECK_THAT(
      describe_comparison(compare_pair(p, "quick", "wait")),
      Catch::EndsWith("no clear difference in recovery within 6 months (McNemar p = 0.071)."));
}
