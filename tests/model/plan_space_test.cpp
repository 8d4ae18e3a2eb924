// SPDX-License-Identifier: MIT
// Tests of model/plan_space and the `plan:` section as the loader reads it
// (model/detail/plan_reader).
#include "model/plan_space.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "model/error.hpp"
#include "model/scenario.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim::model;
using namespace jssim::input;
using Catch::Matchers::Contains;

namespace {

std::string seed_story_text() {
  return jssim::input::read_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story.yaml");
}

// The seed story has 117 lines; a section appended starts on line 118.
scenario with_section(const std::string& section) {
  return load_scenario_string(seed_story_text() + section, "plan.yaml");
}

std::string problem_with(const std::string& section) {
  try {
    with_section(section);
  } catch (const scenario_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the loader reads a plan section into levers in the order of the strategy keys",
          "[model][plan_space]") {
  const scenario s = with_section(R"(
plan:
  objective: p_recovered_6m
  levers:
    until_recovered: [false, true]
    proposals_per_week: [none, 12.5, 15]
    accept: [none, [quick fixed], [hourly project, quick fixed]]
    close: [[], [{contract: audiobook-intro}], [{contract: site-copy, on: 2026-12-01}]]
  constraints: {max_proposals_per_week: 15, min_earned_usd: 3000}
)");
  REQUIRE(s.plan);
  const plan_spec& p = *s.plan;
  CHECK(p.objective == plan_objective::p_recovered_6m);
  REQUIRE(p.levers.size() == 4);
  CHECK(p.levers[0].key == lever_key::proposals_per_week);
  CHECK(p.levers[1].key == lever_key::accept);
  CHECK(p.levers[2].key == lever_key::close);
  CHECK(p.levers[3].key == lever_key::until_recovered);
  CHECK(grid_size(p) == 3 * 3 * 3 * 2);
  CHECK(p.constraints.max_proposals_per_week == 15);
  CHECK(p.constraints.min_earned_usd == 3000);
  // The last lever varies fastest.
  CHECK(plan_name(p, 0) ==
        "proposals_per_week=none; accept=none; close=[]; until_recovered=false");
  CHECK(plan_name(p, 53) == "proposals_per_week=15; accept=[hourly project, quick fixed]; "
                            "close=[site-copy on 2026-12-01]; until_recovered=true");
  const strategy st = plan_strategy(p, 53);
  CHECK(st.name == plan_name(p, 53));
  CHECK(st.proposals_per_week == 15);
  REQUIRE(st.accept);
  CHECK(*st.accept == std::vector<std::size_t>{1, 0});
  REQUIRE(st.close.size() == 1);
  CHECK(st.close[0].contract == *s.contract_index("site-copy"));
  CHECK(st.close[0].on == date::from_ymd(2026, 12, 1));
  CHECK(st.until_recovered);
  const strategy none = plan_strategy(p, 0);
  CHECK_FALSE(none.proposals_per_week);
  CHECK_FALSE(none.accept);
  CHECK(none.close.empty());
  CHECK(same_settings(none, s.strategies[0]));  // `wait` is in the grid
  CHECK_FALSE(same_settings(st, s.strategies[0]));
  // A close of `audiobook-intro` today.
  CHECK(plan_strategy(p, 2).close.at(0).on == s.today);
}

TEST_CASE("a plan's proposals a week count the pipeline's when it sets none or reverts to it",
          "[model][plan_space]") {
  const scenario s = with_section("plan: {levers: {proposals_per_week: [5]}}\n");
  strategy st;
  CHECK(most_proposals_per_week(s, st) == 8);
  st.proposals_per_week = 5;
  CHECK(most_proposals_per_week(s, st) == 5);
  st.until_recovered = true;
  CHECK(most_proposals_per_week(s, st) == 8);
  st.proposals_per_week = 20;
  CHECK(most_proposals_per_week(s, st) == 20);
}

TEST_CASE("an unknown lever is refused with its line and the key it may have meant",
          "[model][plan_space]") {
  const auto message = problem_with("plan:\n  levers:\n    proposal_per_week: [5, 10]\n");
  CHECK_THAT(message, Contains("plan.yaml:120"));
  CHECK_THAT(message, Contains("plan.levers"));
  CHECK_THAT(message, Contains("did you mean `proposals_per_week`"));
}

TEST_CASE("a job type that does not exist is refused with a suggestion", "[model][plan_space]") {
  const auto message =
      problem_with("plan:\n  levers:\n    accept: [none, [quick fix]]\n");
  CHECK_THAT(message, Contains("plan.yaml:120"));
  CHECK_THAT(message, Contains("plan.levers.accept[1][0]"));
  CHECK_THAT(message, Contains("no job type named `quick fix`"));
  CHECK_THAT(message, Contains("did you mean `quick fixed`"));
}

TEST_CASE("closing an ended contract or one that does not exist is refused",
          "[model][plan_space]") {
  CHECK_THAT(problem_with("plan:\n  levers:\n    close: [[{contract: logo}]]\n"),
             Contains("contract `logo` ended on 2026-06-12; only an open contract can be closed"));
  CHECK_THAT(problem_with("plan:\n  levers:\n    close: [[{contract: audiobok-intro}]]\n"),
             Contains("did you mean `audiobook-intro`"));
  CHECK_THAT(
      problem_with("plan:\n  levers:\n    close: [[{contract: site-copy, on: 2026-01-01}]]\n"),
      Contains("a day on or after today (2026-11-26)"));
}

TEST_CASE("a value listed twice in a lever is refused", "[model][plan_space]") {
  const auto message = problem_with("plan:\n  levers:\n    proposals_per_week: [5, 8, 5.0]\n");
  CHECK_THAT(message, Contains("plan.levers.proposals_per_week[2]"));
  CHECK_THAT(message, Contains("`5` is already tried by plan.levers.proposals_per_week[0]"));
}

TEST_CASE("a value of the wrong kind says what the lever takes", "[model][plan_space]") {
  CHECK_THAT(problem_with("plan:\n  levers:\n    proposals_per_week: [many]\n"),
             Contains("expected a number of proposals per week from 0 to 10000, or none"));
  CHECK_THAT(problem_with("plan:\n  levers:\n    until_recovered: [yes]\n"),
             Contains("plan.levers.until_recovered[0]"));
  CHECK_THAT(problem_with("plan:\n  levers:\n    close_stale_after_days: 30\n"),
             Contains("expected a list of values of close_stale_after_days to try"));
  CHECK_THAT(problem_with("plan:\n  levers:\n    max_parallel: []\n"),
             Contains("expected 1 to 1000 values to try, got 0"));
}

TEST_CASE("an unknown objective is refused with the names it may be", "[model][plan_space]") {
  const auto message =
      problem_with("plan:\n  objective: median_day\n  levers: {proposals_per_week: [5]}\n");
  CHECK_THAT(message, Contains("plan.yaml:119"));
  CHECK_THAT(message, Contains("did you mean `median_days`"));
}

TEST_CASE("a p_recovered objective beyond the horizon is refused", "[model][plan_space]") {
  std::string text = seed_story_text();
  const auto at = text.find("horizon_months: 24");
  REQUIRE(at != std::string::npos);
  text.replace(at, 18, "horizon_months: 6");
  text += "plan:\n  objective: p_recovered_12m\n  levers: {proposals_per_week: [5]}\n";
  CHECK_THROWS_WITH(load_scenario_string(text, "plan.yaml"),
                    Contains("p_recovered_12m needs runs of 12 months or more"));
}

TEST_CASE("a plan without levers is refused", "[model][plan_space]") {
  CHECK_THAT(problem_with("plan:\n  objective: median_days\n"),
             Contains("levers: missing"));
  CHECK_THAT(problem_with("plan:\n  levers: {}\n"), Contains("expected at least one lever"));
}

TEST_CASE("a grid too large is refused with its arithmetic and the lever to narrow",
          "[model][plan_space]") {
  std::string values;
  for (int i = 1; i <= 100; ++i) values += (i > 1 ? ", " : "") + std::to_string(i);
  const auto message = problem_with("plan:\n  levers:\n    proposals_per_week: [" + values +
                                    "]\n    close_stale_after_days: [none, 10, 20, 30, 40, 50, "
                                    "60, 70, 80, 90, 100]\n");
  CHECK_THAT(message, Contains("plan.yaml:120"));
  CHECK_THAT(message, Contains("the grid has 100 (proposals_per_week) x 11 "
                               "(close_stale_after_days) = 1100 plans, more than the 1000 that "
                               "can be evaluated"));
  CHECK_THAT(message, Contains("narrow a lever, such as proposals_per_week (line 120), which "
                               "lists 100 values"));
}

TEST_CASE("the constraints are checked like the keys they limit", "[model][plan_space]") {
  CHECK_THAT(problem_with("plan:\n  levers: {proposals_per_week: [5]}\n  constraints: "
                          "{max_proposal_per_week: 10}\n"),
             Contains("did you mean `max_proposals_per_week`"));
  CHECK_THAT(problem_with("plan:\n  levers: {proposals_per_week: [5]}\n  constraints: "
                          "{min_earned_usd: -5}\n"),
             Contains("an amount in USD, 0 or more"));
}
