// SPDX-License-Identifier: MIT
// Tests of analysis/precision: the batch sizes, when the rule stops, and that
// the batches leave no trace in the results.
#include "analysis/precision.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <utility>  // std::pair
#include <vector>

#include "analysis/compare.hpp"
#include "analysis/report.hpp"
#include "analysis/runs.hpp"
#include "analysis/summary.hpp"
#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

using jssim::analysis::next_run_total;
using jssim::analysis::precision_options;
using jssim::analysis::run_until_precise;
using jssim::analysis::totals;

namespace {

jssim::model::scenario load(const char* relative) {
  return jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) + "/" + relative);
}

/// Everything `jssim run --per-run` writes from the totals, CSVs only.
std::string all_csv(const totals& t) {
  std::ostringstream out;
  jssim::analysis::write_summary_csv(out, jssim::analysis::summarize(t));
  jssim::analysis::write_curve_csv(out, jssim::analysis::recovery_curve(t));
  jssim::analysis::write_compare_csv(out, jssim::analysis::compare_strategies(t));
  jssim::analysis::write_runs_csv(out, t);
  return out.str();
}

jssim::sim::mc_options one_thread() {
  jssim::sim::mc_options mc;
  mc.threads = 1;
  return mc;
}

}  // namespace

TEST_CASE("batches start at the first size and double up to the cap", "[analysis][precision]") {
  const precision_options o{.half_width = 0.01, .first_runs = 1000, .max_runs = 5000, .growth = 2};
  CHECK(next_run_total(0, o) == 1000);
  CHECK(next_run_total(1000, o) == 2000);
  CHECK(next_run_total(2000, o) == 4000);
  CHECK(next_run_total(4000, o) == 5000);
  CHECK(next_run_total(5000, o) == 5000);
  CHECK(next_run_total(0, {.half_width = 0.01, .first_runs = 1000, .max_runs = 300}) == 300);
  // No overflow near the top of the range.
  const precision_options huge{.half_width = 0.01, .first_runs = 1, .max_runs = UINT64_MAX};
  CHECK(next_run_total(UINT64_MAX / 2 + 1, huge) == UINT64_MAX);
}

TEST_CASE("the rule stops at the first batch whose every half-width is below the target",
          "[analysis][precision]") {
  // Every probability of the deterministic scenario is 0 or 1, whose Wilson
  // half-width is z^2 / (2 (n + z^2)): 0.0185 at 100 runs, 0.0094 at 200.
  const auto sc = load("tests/reference/scenarios/deterministic-stale-window.yaml");
  const jssim::sim::run_plan plan(sc);
  totals t(plan, {.all_pairs = true, .keep_runs = false});
  std::vector<std::pair<std::uint64_t, std::uint64_t>> batches;
  const auto outcome = run_until_precise(
      t, {.half_width = 0.01, .first_runs = 100, .max_runs = 100000},
      [&](std::uint64_t first, std::uint64_t count) {
        batches.emplace_back(first, count);
        return jssim::sim::simulate(plan, first, count, one_thread(), t);
      });
  REQUIRE(outcome.has_value());
  CHECK(outcome->runs == 200);
  CHECK(outcome->reached);
  REQUIRE(outcome->widest.has_value());
  CHECK(outcome->widest->half_width() == Approx(0.0094).margin(1e-4));
  CHECK(batches == std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 100}, {100, 100}});
  CHECK(t.runs() == 200);
}

TEST_CASE("the rule stops at max_runs and says the target was not reached",
          "[analysis][precision]") {
  const auto sc = load("tests/reference/scenarios/deterministic-stale-window.yaml");
  const jssim::sim::run_plan plan(sc);
  totals t(plan, {});
  const auto outcome = run_until_precise(
      t, {.half_width = 0.001, .first_runs = 100, .max_runs = 300},
      [&](std::uint64_t first, std::uint64_t count) {
        return jssim::sim::simulate(plan, first, count, one_thread(), t);
      });
  REQUIRE(outcome.has_value());
  CHECK(outcome->runs == 300);
  CHECK_FALSE(outcome->reached);
  CHECK(outcome->widest->half_width() >= 0.001);
}

TEST_CASE("a cancelled batch stops the rule with nothing", "[analysis][precision]") {
  const auto sc = load("tests/reference/scenarios/deterministic-stale-window.yaml");
  const jssim::sim::run_plan plan(sc);
  totals t(plan, {});
  const auto outcome = run_until_precise(t, {.half_width = 0.01},
                                         [](std::uint64_t, std::uint64_t) { return false; });
  CHECK_FALSE(outcome.has_value());
}

TEST_CASE("the reported probabilities are those of summary.csv and compare.csv",
          "[analysis][precision]") {
  // The seed story, where the 3, 6 and 12-month shares and the three ways a
  // pair compares all differ: a mix-up of horizons or of pairs shows.
  const auto sc = load("scenarios/seed-story.yaml");
  const jssim::sim::run_plan plan(sc);
  totals t(plan, {});
  constexpr std::uint64_t runs = 400;
  REQUIRE(jssim::sim::simulate(plan, 0, runs, one_thread(), t));
  const auto reported = jssim::analysis::reported_probabilities(t);
  const auto summary = jssim::analysis::summarize(t);
  const auto pairs = jssim::analysis::compare_strategies(t);
  REQUIRE(summary.size() == 3);
  REQUIRE(pairs.size() == 2);
  REQUIRE(reported.size() == 4 * summary.size() + 3 * pairs.size());
  for (const auto& p : reported) CHECK(p.runs == runs);
  const auto share = [&](std::size_t i) {
    return static_cast<double>(reported[i].successes) / static_cast<double>(runs);
  };

  for (std::size_t s = 0; s < summary.size(); ++s) {
    const auto& row = summary[s];
    INFO(row.strategy);
    CHECK(reported[4 * s].name == "p_recovered of " + row.strategy);
    CHECK(share(4 * s) == row.p_recovered);
    CHECK(reported[4 * s + 1].name == "p_recovered_3m of " + row.strategy);
    CHECK(share(4 * s + 1) == row.p_recovered_3m);
    CHECK(reported[4 * s + 2].name == "p_recovered_6m of " + row.strategy);
    CHECK(share(4 * s + 2) == row.p_recovered_6m);
    CHECK(reported[4 * s + 3].name == "p_recovered_12m of " + row.strategy);
    CHECK(share(4 * s + 3) == row.p_recovered_12m);
    // The horizons differ here, so each line above tells them apart.
    CHECK(row.p_recovered_3m < row.p_recovered_6m);
    CHECK(row.p_recovered_6m < row.p_recovered_12m);
  }
  const std::size_t first_pair = 4 * summary.size();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto& row = pairs[i];
    const std::string pair_name = row.strategy + " vs " + row.baseline;
    INFO(pair_name);
    const std::size_t at = first_pair + 3 * i;
    CHECK(reported[at].name == "p_earlier of " + pair_name);
    CHECK(share(at) == row.p_earlier);
    CHECK(reported[at + 1].name == "p_same of " + pair_name);
    CHECK(share(at + 1) == row.p_same);
    CHECK(reported[at + 2].name == "p_later of " + pair_name);
    CHECK(share(at + 2) == row.p_later);
    CHECK(row.p_earlier != row.p_later);
  }
}

TEST_CASE("runs played in batches give the same files as the same runs played at once",
          "[analysis][precision]") {
  const auto sc = load("scenarios/seed-story.yaml");
  const jssim::sim::run_plan plan(sc);
  totals batched(plan, {.all_pairs = true, .keep_runs = true});
  // A target no 300 runs reach: batches of 50, 50, 100 and 100.
  const auto outcome = run_until_precise(
      batched, {.half_width = 1e-4, .first_runs = 50, .max_runs = 300, .growth = 2},
      [&](std::uint64_t first, std::uint64_t count) {
        jssim::sim::mc_options mc;
        mc.threads = 2;
        return jssim::sim::simulate(plan, first, count, mc, batched);
      });
  REQUIRE(outcome.has_value());
  REQUIRE(outcome->runs == 300);
  totals at_once(plan, {.all_pairs = true, .keep_runs = true});
  REQUIRE(jssim::sim::simulate(plan, 0, outcome->runs, one_thread(), at_once));
  CHECK(all_csv(batched) == all_csv(at_once));
}

TEST_CASE("shares past a horizon shorter than 6 or 12 months are not known, nor reported",
          "[analysis][precision]") {
  // In deterministic-stale-window.yaml every run recovers on day 24 or 38, or never.
  auto sc = load("tests/reference/scenarios/deterministic-stale-window.yaml");
  sc.simulation.horizon_months = 4;
  const jssim::sim::run_plan plan(sc);
  totals t(plan, {});
  REQUIRE(jssim::sim::simulate(plan, 0, 20, one_thread(), t));

  const auto summary = jssim::analysis::summarize(t);
  REQUIRE_FALSE(summary.empty());
  for (const auto& row : summary) {
    INFO(row.strategy);
    CHECK(row.p_recovered_3m.has_value());
    CHECK(*row.p_recovered_3m == row.p_recovered);  // days 24 and 38 are within 3 months
    CHECK_FALSE(row.p_recovered_6m.has_value());
    CHECK_FALSE(row.p_recovered_12m.has_value());
  }
  std::ostringstream csv;
  jssim::analysis::write_summary_csv(csv, summary);
  // wait: p_recovered and _3m are 1, _6m and _12m empty.
  CHECK_THAT(csv.str(), Catch::Contains("\nwait,20,69,1.000000,1.000000,,,38,"));
  const std::string table = jssim::analysis::comparison_table(sc, summary);
  CHECK_THAT(table, Catch::Contains("100.0%       -       -"));
  CHECK_THAT(table, Catch::Contains("a share past it, where the runs stop"));

  for (const auto& p : jssim::analysis::reported_probabilities(t)) {
    CHECK(p.name.find("_6m") == std::string::npos);
    CHECK(p.name.find("_12m") == std::string::npos);
  }

  const auto pairs = jssim::analysis::compare_strategies(t);
  REQUIRE_FALSE(pairs.empty());
  std::ostringstream compare_csv;
  jssim::analysis::write_compare_csv(compare_csv, pairs);
  for (const auto& row : pairs) {
    CHECK_FALSE(row.six_months_known);
    CHECK(jssim::analysis::describe_comparison(row).find("6 months") == std::string::npos);
  }
  // close quietly against wait: always 14 days earlier; mcnemar_p, then the counts, empty.
  CHECK_THAT(compare_csv.str(),
             Catch::Contains("\nclose quietly,wait,1.000000,0.000000,0.000000,14,14,14,,20,"));
  CHECK_THAT(compare_csv.str(), Catch::EndsWith(",,\n"));

  // At 6 months, the 6-month share is known and the 12-month one is not.
  sc.simulation.horizon_months = 6;
  const jssim::sim::run_plan six(sc);
  totals t6(six, {});
  REQUIRE(jssim::sim::simulate(six, 0, 20, one_thread(), t6));
  const auto summary6 = jssim::analysis::summarize(t6);
  CHECK(summary6.front().p_recovered_6m.has_value());
  CHECK_FALSE(summary6.front().p_recovered_12m.has_value());
  CHECK(jssim::analysis::compare_strategies(t6).front().six_months_known);
}
