// SPDX-License-Identifier: MIT
// Tests of analysis/race: `jssim plan`'s race on scenarios whose best plan is
// known by construction.
#include "analysis/race.hpp"

#include <limits>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "model/scenario.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim;
using Catch::Matchers::Contains;

namespace {

std::string seed_story_text() {
  return input::read_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story.yaml");
}

model::scenario seed_story_with(const std::string& plan) {
  return input::load_scenario_string(seed_story_text() + plan, "plan.yaml");
}

// More proposals of the quick fixed jobs (92 % five stars, one win in 17
// proposals) bring more good outcomes sooner; the hourly projects are won
// once in 100 proposals and last months. The best plan is the most proposals
// of quick fixed jobs.
const char* const known_best = R"(
plan:
  objective: median_days
  levers:
    proposals_per_week: [2, 8, 30]
    accept: [[hourly project], [quick fixed]]
)";

analysis::race_options options(std::uint64_t first_runs, std::uint64_t max_runs,
                               unsigned threads) {
  analysis::race_options o;
  o.first_runs = first_runs;
  o.max_runs = max_runs;
  o.threads = threads;
  return o;
}

std::string csv_of(const analysis::race_result& r) {
  std::ostringstream out;
  analysis::write_plan_csv(out, r);
  return out.str();
}

}  // namespace

TEST_CASE("the race names the plan that is best by construction on several seeds",
          "[analysis][race]") {
  model::scenario sc = seed_story_with(known_best);
  for (const std::uint64_t seed : {1U, 2U, 3U}) {
    sc.simulation.seed = seed;
    const auto r = analysis::run_race(sc, options(200, 1600, 2));
    REQUIRE(r);
    INFO("seed " << seed << "\n" << csv_of(*r));
    REQUIRE(r->plans.size() == 6);
    CHECK(r->plans.front().strategy.name == "proposals_per_week=30; accept=[quick fixed]");
    CHECK_FALSE(r->plans.front().dropped_after_runs);
    // The others are dropped, or shown no better than the best by more than
    // a day, before the runs run out.
    CHECK(r->stopped != analysis::race_result::stop::max_runs);
    CHECK(r->runs < 1600);
    if (r->stopped == analysis::race_result::stop::one_left) {
      for (std::size_t i = 1; i < r->plans.size(); ++i) CHECK(r->plans[i].dropped_after_runs);
    }
    // The baseline (wait) is slower than the best, run by run.
    REQUIRE(r->plans.front().vs_baseline);
    CHECK(r->plans.front().vs_baseline->hi < 0);
  }
}

TEST_CASE("a share objective names the plan that is best by construction", "[analysis][race]") {
  model::scenario sc = seed_story_with(R"(
plan:
  objective: p_recovered_6m
  levers:
    proposals_per_week: [2, 30]
    accept: [[hourly project], [quick fixed]]
)");
  const auto r = analysis::run_race(sc, options(200, 1600, 2));
  REQUIRE(r);
  INFO(csv_of(*r));
  CHECK(r->plans.front().strategy.name == "proposals_per_week=30; accept=[quick fixed]");
  REQUIRE(r->plans.front().objective);
  CHECK(r->plans.front().objective->value > r->plans.back().objective->value);
}

TEST_CASE("the race gives the same numbers on one thread and on two", "[analysis][race]") {
  const model::scenario sc = seed_story_with(R"(
plan:
  objective: rmst_days
  levers:
    proposals_per_week: [none, 12, 15]
    close_stale_after_days: [none, 30]
)");
  const auto one = analysis::run_race(sc, options(100, 400, 1));
  const auto two = analysis::run_race(sc, options(100, 400, 2));
  REQUIRE(one);
  REQUIRE(two);
  CHECK(csv_of(*one) == csv_of(*two));
  CHECK(one->plays == two->plays);
}

TEST_CASE("plans that send more proposals than allowed are never played", "[analysis][race]") {
  const model::scenario sc = seed_story_with(R"(
plan:
  levers:
    proposals_per_week: [none, 12, 20]
  constraints: {max_proposals_per_week: 12}
)");
  const auto r = analysis::run_race(sc, options(100, 200, 2));
  REQUIRE(r);
  REQUIRE(r->plans.size() == 3);
  const auto& last = r->plans.back();
  CHECK(last.strategy.name == "proposals_per_week=20");
  CHECK(last.runs == 0);
  CHECK_FALSE(last.objective);
  CHECK_FALSE(last.meets_constraints);
  CHECK_THAT(csv_of(*r), Contains("3,proposals_per_week=20,median_days,,,,,,,0,,false\n"));
}

TEST_CASE("a race where no plan meets the proposals constraint is refused", "[analysis][race]") {
  const model::scenario sc = seed_story_with(R"(
plan:
  levers:
    proposals_per_week: [20, 30]
  constraints: {max_proposals_per_week: 10}
)");
  CHECK_THROWS_WITH(analysis::run_race(sc, options(100, 200, 0)),
                    Contains("no plan of the grid sends at most 10 proposals a week"));
}

TEST_CASE("a plan that earns less than the minimum with confidence is dropped for it",
          "[analysis][race]") {
  // Two proposals a week of quick fixed jobs earn about $1,900 over the two
  // years; the other plans $9,000 to $75,000.
  const model::scenario sc = seed_story_with(R"(
plan:
  levers:
    proposals_per_week: [2, 30]
    accept: [[hourly project], [quick fixed]]
  constraints: {min_earned_usd: 5000}
)");
  const auto r = analysis::run_race(sc, options(200, 800, 2));
  REQUIRE(r);
  INFO(csv_of(*r));
  const auto& best = r->plans.front();
  CHECK(best.meets_constraints);
  CHECK(best.mean_earned_usd >= 5000);
  for (const auto& p : r->plans) {
    const bool q2 = p.strategy.name == "proposals_per_week=2; accept=[quick fixed]";
    CHECK(p.dropped_for_earnings == q2);
    if (q2) CHECK_FALSE(p.meets_constraints);
  }
}

TEST_CASE("best.yaml is a strategy block that the loader reads back", "[analysis][race]") {
  const model::scenario sc = seed_story_with(R"(
plan:
  levers:
    proposals_per_week: [12.5]
    accept: [[quick fixed]]
    close: [[{contract: audiobook-intro, on: 2026-11-27}]]
    close_stale_after_days: [30]
    until_recovered: [true]
)");
  const auto r = analysis::run_race(sc, options(50, 50, 2));
  REQUIRE(r);
  const std::string yaml = analysis::best_yaml(sc, *r, "plan.yaml", 1);
  std::string text = seed_story_text();
  const auto at = text.find("strategies:\n");
  REQUIRE(at != std::string::npos);
  text.insert(at + 12, yaml);
  const model::scenario back = input::load_scenario_string(text, "best.yaml");
  const auto index = back.strategy_index(r->plans.front().strategy.name);
  REQUIRE(index);
  CHECK(model::same_settings(back.strategies[*index], r->plans.front().strategy));
}

TEST_CASE("a plan that recovers in fewer than half of its runs has no median and ranks last",
          "[analysis][race]") {
  // Thirty proposals a week for bad gigs alone: most runs never recover.
  const model::scenario sc =
      input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) + "/tests/app/plan-pacer.yaml");
  const auto r = analysis::run_race(sc, options(200, 400, 2));
  REQUIRE(r);
  INFO(csv_of(*r));
  REQUIRE(r->plans.size() == 3);
  const auto& last = r->plans.back();
  CHECK(last.strategy.name == "proposals_per_week=30; accept=[bad gig]");
  REQUIRE(last.objective);
  CHECK(last.objective->value == std::numeric_limits<double>::infinity());
  CHECK(last.p_recovered < 0.5);
  CHECK(last.dropped_after_runs == 200u);
  CHECK_THAT(csv_of(*r), Contains("3,proposals_per_week=30; accept=[bad gig],median_days,,,,"));
  for (std::size_t i = 0; i + 1 < r->plans.size(); ++i) {
    CHECK(r->plans[i].objective->value < r->plans.back().objective->value);
  }
}
