// SPDX-License-Identifier: MIT
// Tests of model/sensitivity: the paths that name a scenario's numbers, and
// the `sensitivity:` section as the loader reads it.
#include "model/sensitivity.hpp"

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

const scenario& seed_story() {
  static const scenario s = load_scenario_string(seed_story_text(), "seed-story.yaml");
  return s;
}

scenario with_section(const std::string& section) {
  return load_scenario_string(seed_story_text() + section, "study.yaml");
}

// The message of loading the seed story with `section` appended.
std::string problem_with(const std::string& section) {
  try {
    with_section(section);
  } catch (const scenario_error& e) {
    return e.what();
  }
  return "no error";
}

parameter_target target(std::string_view path) {
  auto found = resolve_parameter(seed_story(), path);
  INFO(found.problem);
  REQUIRE(found.target);
  return *found.target;
}

}  // namespace

TEST_CASE("a job type is found by its name or by its index", "[model][sensitivity]") {
  const auto by_name = target("pipeline.jobs[quick fixed].win_rate");
  const auto by_index = target("pipeline.jobs[0].win_rate");
  CHECK(by_name.canonical == "pipeline.jobs[quick fixed].win_rate");
  CHECK(by_index.canonical == by_name.canonical);
  CHECK(by_name.get(seed_story()) == 0.06);
  scenario copy = seed_story();
  by_index.set(copy, 0.1);
  CHECK(copy.pipeline.jobs[0].win_rate == 0.1);
  CHECK(copy.pipeline.jobs[1].win_rate == 0.01);
}

TEST_CASE("setting the p of an outcome row rescales the other rows so that the table sums to 1",
          "[model][sensitivity]") {
  const auto t = target("pipeline.outcomes.good[0].p");
  CHECK(target("pipeline.outcomes[good][0].p").canonical == t.canonical);
  scenario copy = seed_story();
  t.set(copy, 0.8);
  const auto& rows = copy.pipeline.outcomes[0].rows;
  double sum = 0;
  for (const auto& row : rows) sum += row.p;
  CHECK(sum == Approx(1.0).epsilon(1e-12));
  CHECK(rows[0].p == 0.8);
  // The others keep their proportions: 0.03 : 0.01 stays 3 : 1.
  CHECK(rows[1].p / rows[2].p == Approx(3.0));
  CHECK(rows[1].p == Approx(0.03 * 0.2 / 0.08));
}

TEST_CASE("a whole-number parameter is rounded half up when set", "[model][sensitivity]") {
  const auto t = target("score.stale_after_days");
  CHECK(t.domain.whole);
  scenario copy = seed_story();
  t.set(copy, 74.5);
  CHECK(copy.rules.stale_after_days == 75);
  CHECK(t.get(seed_story()) == 90);
}

TEST_CASE("a distribution that is not a fixed number is varied by its scale",
          "[model][sensitivity]") {
  const auto t = target("pipeline.jobs[quick fixed].value_usd.scale");
  CHECK(t.get(seed_story()) == 1.0);
  scenario copy = seed_story();
  t.set(copy, 2);
  CHECK(copy.pipeline.jobs[0].value_usd.a == 80);
  CHECK(copy.pipeline.jobs[0].value_usd.b == 500);
  const auto found = resolve_parameter(seed_story(), "pipeline.jobs[quick fixed].value_usd");
  CHECK_FALSE(found.target);
  CHECK_THAT(found.problem, Contains("vary `pipeline.jobs[quick fixed].value_usd.scale`"));
}

TEST_CASE("a strategy setting it leaves unset reads as the pipeline's", "[model][sensitivity]") {
  CHECK(target("strategies[wait].proposals_per_week").get(seed_story()) == 8);
  CHECK(target("strategies[quick wins].proposals_per_week").get(seed_story()) == 15);
  CHECK_FALSE(target("strategies[wait].close_stale_after_days").get(seed_story()));
  CHECK(target("history[site-copy].future.ghost").get(seed_story()) == 0.5);
  CHECK(target("history[6].future.ghost").canonical == "history[audiobook-intro].future.ghost");
}

TEST_CASE("a misspelt key is answered with the path it most likely meant",
          "[model][sensitivity]") {
  const auto found = resolve_parameter(seed_story(), "pipeline.proposal_per_week");
  CHECK_FALSE(found.target);
  CHECK_THAT(found.problem, Contains("names no number of the scenario"));
  CHECK_THAT(found.problem, Contains("did you mean `pipeline.proposals_per_week`?"));
  CHECK_THAT(found.problem, Contains("? The paths under `pipeline` are"));
}

TEST_CASE("an unknown job type is answered with the closest name and the paths near it",
          "[model][sensitivity]") {
  const auto found = resolve_parameter(seed_story(), "pipeline.jobs[quick fixd].win_rate");
  CHECK_FALSE(found.target);
  CHECK_THAT(found.problem, Contains("no job type named `quick fixd` in pipeline.jobs"));
  CHECK_THAT(found.problem, Contains("did you mean `quick fixed`?"));
  CHECK_THAT(found.problem, Contains("`pipeline.jobs[quick fixed].win_rate`"));
}

TEST_CASE("an index past the end names the range of indexes", "[model][sensitivity]") {
  const auto found = resolve_parameter(seed_story(), "strategies[7].proposals_per_week");
  CHECK_FALSE(found.target);
  CHECK_THAT(found.problem, Contains("no strategy named `7`"));
  CHECK_THAT(found.problem, Contains("indexes go from 0 to 2"));
}

TEST_CASE("an unknown leaf lists the valid paths with the same prefix", "[model][sensitivity]") {
  const auto found = resolve_parameter(seed_story(), "history[site-copy].future.ghosts");
  CHECK_FALSE(found.target);
  CHECK_THAT(found.problem, Contains("did you mean `history[site-copy].future.ghost`?"));
  CHECK_THAT(found.problem,
             Contains("? The paths under `history[site-copy].future` are "
                      "`history[site-copy].future.ghost`"));
}

TEST_CASE("a malformed path says what a path looks like", "[model][sensitivity]") {
  for (const char* bad : {"", "pipeline..jobs", "pipeline.jobs[0", "pipeline.jobs[]", "a.[0]"}) {
    const auto found = resolve_parameter(seed_story(), bad);
    INFO(bad);
    CHECK_FALSE(found.target);
    CHECK_THAT(found.problem, Contains("is not a path"));
  }
}

TEST_CASE("every path listed resolves to itself", "[model][sensitivity]") {
  const auto paths = parameter_paths(seed_story());
  CHECK(paths.size() > 40);
  for (const auto& path : paths) {
    INFO(path);
    const auto found = resolve_parameter(seed_story(), path);
    REQUIRE(found.target);
    CHECK(found.target->canonical == path);
  }
}

TEST_CASE("the loader reads a sensitivity section with its defaults", "[model][sensitivity]") {
  const scenario s = with_section(R"yaml(
sensitivity:
  strategy: quick wins
  parameters:
    - {path: pipeline.proposals_per_week, low: 4, high: 16, label: "proposals a week"}
    - {path: score.stale_after_days, low: 60, high: 120}
)yaml");
  REQUIRE(s.sensitivity);
  CHECK(s.sensitivity->outcome == sensitivity_outcome::p_recovered_6m);
  CHECK(s.sensitivity->strategy == 2);
  CHECK(s.sensitivity->points == 64);
  CHECK(s.sensitivity->runs == 2000);
  REQUIRE(s.sensitivity->parameters.size() == 2);
  CHECK(s.sensitivity->parameters[0].name() == "proposals a week");
  CHECK(s.sensitivity->parameters[1].name() == "score.stale_after_days");
  CHECK(s.sensitivity->parameters[1].low == 60);
}

TEST_CASE("a path that names nothing is reported with its line and key", "[model][sensitivity]") {
  const std::string message = problem_with(R"yaml(
sensitivity:
  parameters:
    - path: pipeline.jobs[quick fixed].win_rat
      low: 0.01
      high: 0.1
)yaml");
  CHECK_THAT(message, Contains("study.yaml:"));
  CHECK_THAT(message, Contains("sensitivity.parameters[0].path"));
  CHECK_THAT(message, Contains("did you mean `pipeline.jobs[quick fixed].win_rate`?"));
}

TEST_CASE("a range must be valid for its parameter and have low below high",
          "[model][sensitivity]") {
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  parameters:
    - {path: "pipeline.jobs[0].ghost", low: 0.1, high: 1.5}
)yaml"),
             Contains("sensitivity.parameters[0].high: expected a probability between 0 and 1"));
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  parameters:
    - {path: pipeline.proposals_per_week, low: 16, high: 4}
)yaml"),
             Contains("expected a value above low (16), got 4"));
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  parameters:
    - {path: score.stale_after_days, low: 60.5, high: 120}
)yaml"),
             Contains("expected a whole number of days"));
}

TEST_CASE("a number varied twice, or two rows of one table, is refused", "[model][sensitivity]") {
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  parameters:
    - {path: "pipeline.jobs[0].win_rate", low: 0.01, high: 0.1}
    - {path: "pipeline.jobs[quick fixed].win_rate", low: 0.02, high: 0.2}
)yaml"),
             Contains("is already varied by parameters[0]"));
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  parameters:
    - {path: "pipeline.outcomes.good[0].p", low: 0.8, high: 0.9}
    - {path: "pipeline.outcomes.good[1].p", low: 0.01, high: 0.1}
)yaml"),
             Contains("one row per outcome table"));
}

TEST_CASE("an unknown strategy, outcome or key of the section is reported",
          "[model][sensitivity]") {
  const std::string message = problem_with(R"yaml(
sensitivity:
  outcome: median_day
  strategy: quik wins
  point: 10
  parameters:
    - {path: pipeline.proposals_per_week, low: 4, high: 16}
)yaml");
  CHECK_THAT(message, Contains("did you mean `median_days`?"));
  CHECK_THAT(message, Contains("no strategy named `quik wins`; did you mean `quick wins`?"));
  CHECK_THAT(message, Contains("sensitivity.point"));
}

TEST_CASE("too few points for the parameters are refused", "[model][sensitivity]") {
  CHECK_THAT(problem_with(R"yaml(
sensitivity:
  points: 4
  parameters:
    - {path: pipeline.proposals_per_week, low: 4, high: 16}
    - {path: score.stale_after_days, low: 60, high: 120}
)yaml"),
             Contains("4 points cannot fit 2 parameters; expected at least 5 points"));
}

TEST_CASE("a study needs two runs a point or more: one has no interval for its swing",
          "[model][sensitivity]") {
  const auto section = [](const char* runs) {
    return std::string("sensitivity:\n  runs: ") + runs +
           "\n  parameters:\n    - {path: pipeline.proposals_per_week, low: 4, high: 16}\n";
  };
  CHECK_THROWS_WITH(load_scenario_string(seed_story_text() + section("1"), "one.yaml"),
                    Contains("sensitivity.runs: expected a whole number of runs from 2 to "
                             "1000000 (a swing's interval needs two runs or more), got 1"));
  const scenario two = load_scenario_string(seed_story_text() + section("2"), "two.yaml");
  REQUIRE(two.sensitivity);
  CHECK(two.sensitivity->runs == 2);
}

TEST_CASE("p_recovered_6m, written or by default, needs runs of 6 months or more",
          "[model][sensitivity]") {
  std::string text = seed_story_text();
  const auto at = text.find("horizon_months: 24");
  REQUIRE(at != std::string::npos);
  text.replace(at, 18, "horizon_months: 4");
  const std::string parameters =
      "  parameters:\n    - {path: pipeline.proposals_per_week, low: 4, high: 16}\n";
  const auto refusal = [&](const std::string& section) {
    try {
      load_scenario_string(text + section, "short.yaml");
    } catch (const scenario_error& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  CHECK_THAT(refusal("sensitivity:\n  outcome: p_recovered_6m\n" + parameters),
             Contains("sensitivity.outcome: p_recovered_6m needs runs of 6 months or more, and "
                      "simulation.horizon_months is 4"));
  CHECK_THAT(refusal("sensitivity:\n" + parameters),
             Contains("sensitivity: the default outcome p_recovered_6m needs runs of 6 months"));
  // The other outcomes are fine.
  const scenario s = load_scenario_string(
      text + "sensitivity:\n  outcome: median_days\n" + parameters, "short.yaml");
  REQUIRE(s.sensitivity);
  CHECK(s.sensitivity->outcome == sensitivity_outcome::median_days);
}
