// SPDX-License-Identifier: MIT
// Tests of analysis/runs: runs.csv, one line per run and strategy.
#include "analysis/runs.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

TEST_CASE("runs.csv has a line per strategy and run, dates only for runs that recovered",
          "[analysis][runs]") {
  // Wait recovers on day 38 (2027-01-03), closing and hearing back never;
  // no offer is ever won.
  const jssim::model::scenario sc = jssim::input::load_scenario_file(
      JSSIM_SOURCE_DIR "/tests/reference/scenarios/deterministic-stale-window.yaml");
  const jssim::sim::run_plan plan(sc);
  jssim::analysis::totals t(plan, {.all_pairs = false, .keep_runs = true});
  jssim::sim::mc_options mc;
  mc.threads = 2;
  REQUIRE(jssim::sim::simulate(plan, 0, 3, mc, t));
  std::ostringstream out;
  jssim::analysis::write_runs_csv(out, t);
  const std::string csv = out.str();
  CHECK(csv.rfind("strategy,run,recovered,recovery_date,days,jobs_won,earned_usd,final_jss\n", 0) ==
        0);
  CHECK_THAT(csv, Catch::Contains("\nwait,0,true,2027-01-03,38,0,0.00,"));
  CHECK_THAT(csv, Catch::Contains("\nwait,2,true,2027-01-03,38,0,0.00,"));
  CHECK_THAT(csv, Catch::Contains("\nclose quietly,1,true,2026-12-20,24,0,0.00,"));
  CHECK_THAT(csv, Catch::Contains("\nclose and hear back,0,false,,,0,0.00,"));
  std::size_t lines = 0;
  for (const char c : csv) lines += c == '\n' ? 1 : 0;
  CHECK(lines == 1 + 5 * 3);
}
