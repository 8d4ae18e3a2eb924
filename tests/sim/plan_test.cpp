// SPDX-License-Identifier: MIT
#include "sim/plan.hpp"

#include <catch2/catch.hpp>

#include "tiny_scenario.hpp"

using namespace jssim;
using namespace jssim::test;

TEST_CASE("the simulated recalculations are the recalculation days after today up to the "
          "horizon",
          "[sim][plan]") {
  model::scenario sc = tiny_scenario();

  SECTION("today is a recalculation day: it is not simulated") {
    const sim::run_plan plan(sc);
    REQUIRE(plan.recalc_count() == 4);
    CHECK(plan.recalc_days()[0] == tiny_today + 14);
    CHECK(plan.recalc_days()[3] == tiny_today + 56);
    CHECK(plan.horizon() == sim::day{61});  // 2026-05-01
    CHECK(plan.censored_slot() == 5);
    CHECK(plan.slot_days(0) == 0);
    CHECK(plan.slot_days(1) == 14);
    CHECK(plan.slot_days(4) == 56);
    CHECK(plan.slot_days(5) == -1);
  }
  SECTION("a recalculation on the horizon is simulated") {
    sc.rules.recalc_anchor = tiny_today + 61 - 14 * 10;
    const sim::run_plan plan(sc);
    REQUIRE(plan.recalc_count() == 5);
    CHECK(plan.recalc_days().front() == tiny_today + 5);
    CHECK(plan.recalc_days().back() == tiny_today + 61);
  }
  SECTION("the default anchor, 2023-12-10") {
    sc.rules.recalc_anchor = iso("2023-12-10");
    const sim::run_plan plan(sc);
    REQUIRE(plan.recalc_count() > 0);
    for (const model::date d : plan.recalc_days()) {
      CHECK(d > sc.today);
      CHECK(d <= sc.horizon());
      CHECK(sc.rules.is_recalc_day(d));
    }
    CHECK(plan.recalc_days().front() - sc.today <= 14);
    CHECK(plan.recalc_days().back() + 14 > sc.horizon());
  }
  SECTION("a daily update") {
    sc.rules.recalc_every_days = 1;
    const sim::run_plan plan(sc);
    CHECK(plan.recalc_count() == 61);
    CHECK(plan.slot_days(1) == 1);
  }
}

TEST_CASE("the shared world's offer rate is the largest any strategy uses", "[sim][plan]") {
  model::scenario sc = tiny_scenario();  // 7 proposals a week, win rate 0.1
  CHECK(sim::offer_rate(sc.pipeline.jobs[0], 7) == Approx(0.1));
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(0.1));
  model::strategy slow;
  slow.name = "slow";
  slow.proposals_per_week = 3;
  sc.strategies.push_back(slow);
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(0.1));
  model::strategy fast;
  fast.name = "fast";
  fast.proposals_per_week = 21;
  sc.strategies.push_back(fast);
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(0.3));
}

TEST_CASE("a pipeline rate that no strategy uses does not set the world's offer rate",
          "[sim][plan]") {
  model::scenario sc = tiny_scenario();  // 7 proposals a week, win rate 0.1
  sc.pipeline.proposals_per_week = 70;
  for (auto& s : sc.strategies) s.proposals_per_week = 14;
  model::strategy slow;
  slow.name = "slow";
  slow.proposals_per_week = 3;
  sc.strategies.push_back(slow);
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(0.2));
  // A strategy that reverts to the pipeline at recovery uses its rate then.
  sc.strategies.back().until_recovered = true;
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(1.0));
  // So does one that sets no rate of its own.
  sc.strategies.back().until_recovered = false;
  sc.strategies.back().proposals_per_week.reset();
  CHECK(sim::run_plan(sc).max_rate(0) == Approx(1.0));
}
