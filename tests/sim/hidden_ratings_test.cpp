// SPDX-License-Identifier: MIT
// Each run starts from a history whose hidden ratings are drawn given the
// observed score (MODEL.md section 10): from the exact posterior when the
// combinations are few, by rejection otherwise.
#include <catch2/catch.hpp>
#include <cmath>  // std::sqrt, std::pow
#include <map>
#include <memory>
#include <span>
#include <string>

#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

using namespace jssim;
using Catch::Matchers::Contains;

namespace {

model::scenario seed_story_hidden() {
  return input::load_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story-hidden.yaml");
}

/// `n` closed $100 contracts of n clients, every private rating hidden, drawn
/// from {10: 0.9, 2: 0.1} (the weights are all 1: the score is 100 (P - N) / n).
std::string many_hidden(int n, const std::string& observed) {
  std::string text = "freelancer: {name: T, today: 2026-03-01}\nhistory:\n";
  for (int i = 0; i < n; ++i) {
    text += "  - {id: c" + std::to_string(i) + ", client: k" + std::to_string(i) +
            ", started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, "
            "private: unknown}\n";
  }
  text += observed + R"(pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 0.9, private: 10}
      - {p: 0.1, private: 2}
simulation: {runs: 50}
score: {recalc_anchor: 2026-03-01}
)";
  return text;
}

/// Keeps nothing: for runs whose only interest is whether they throw.
class null_collector final : public sim::run_collector {
 public:
  void add(std::uint64_t /*run*/, std::span<const sim::run_result> /*results*/) override {}
  [[nodiscard]] std::unique_ptr<sim::run_collector> empty_copy() const override {
    return std::make_unique<null_collector>();
  }
  void merge(const sim::run_collector& /*other*/) override {}
};

}  // namespace

TEST_CASE("every run of the hidden seed story starts from a history that shows the observed 60",
          "[sim][world][inference]") {
  const model::scenario sc = seed_story_hidden();
  const sim::run_plan plan(sc);
  REQUIRE(plan.hidden() != nullptr);
  REQUIRE(plan.hidden()->exact.has_value());
  CHECK(plan.hidden()->exact->combinations == 4096);
  const sim::world_builder builder(plan);
  sim::world w;
  const model::date shown = sc.rules.recalc_on_or_before(sc.today);
  for (std::uint64_t run = 0; run < 200; ++run) {
    builder.build(run, w);
    CHECK(w.start_jss == 60);
    CHECK(w.hidden_draws == 1);
    // The drawn ratings are in the history, and score to what the run says.
    CHECK(model::score_as_of(w.history, shown, sc.rules).displayed == 60);
    for (std::size_t i = 0; i < 6; ++i) CHECK(w.history[i].has_private());
  }
}

TEST_CASE("runs draw the completions with their posterior probabilities", "[sim][world][inference]") {
  const model::scenario sc = seed_story_hidden();
  const sim::run_plan plan(sc);
  const auto& explaining = plan.hidden()->exact->explaining;
  std::map<model::completion_choice, int> seen;
  constexpr int runs = 20000;
  for (std::uint64_t run = 0; run < runs; ++run) ++seen[sim::draw_hidden(plan, run).choice];
  for (const auto& c : explaining) {
    // Within 5 standard deviations of a binomial count.
    const double expected = c.probability * runs;
    const double sd = std::sqrt(expected * (1 - c.probability));
    INFO("completion with probability " << c.probability);
    CHECK(std::abs(seen[c.choice] - expected) <= 5 * sd + 1);
  }
  int total = 0;
  for (const auto& [choice, count] : seen) total += count;
  CHECK(total == runs);
  CHECK(seen.size() <= explaining.size());
}

TEST_CASE("a run's hidden ratings depend on the seed and the run only", "[sim][world][inference]") {
  const model::scenario sc = seed_story_hidden();
  const sim::run_plan plan(sc);
  CHECK(sim::draw_hidden(plan, 17).choice == sim::draw_hidden(plan, 17).choice);
  model::scenario other = sc;
  other.simulation.seed = 2;
  const sim::run_plan other_plan(other);
  int same = 0;
  for (std::uint64_t run = 0; run < 50; ++run) {
    same += sim::draw_hidden(plan, run).choice == sim::draw_hidden(other_plan, run).choice ? 1 : 0;
  }
  CHECK(same < 50);
}

TEST_CASE("too many combinations to weigh are searched, and the few that explain are listed",
          "[sim][world][inference]") {
  // 18 hidden ratings of two values: 262,144 combinations. 100 (P - N) / 18
  // = 78 (rounded from 77.8) needs exactly two ratings of 2: 153 completions,
  // few enough to list, each drawn exactly (one draw a run).
  const model::scenario sc = input::load_scenario_string(many_hidden(18, "observed: {jss: 78}\n"),
                                                         "many.yaml");
  const sim::run_plan plan(sc);
  REQUIRE(plan.hidden() != nullptr);
  CHECK(plan.hidden()->ratings.combinations() == 262144);
  REQUIRE(plan.hidden()->exact.has_value());
  CHECK(plan.hidden()->exact->explaining.size() == 153);
  CHECK(plan.hidden()->exact->evidence == Approx(153 * std::pow(0.9, 16) * 0.01));
  for (std::uint64_t run = 0; run < 300; ++run) {
    const sim::hidden_draw d = sim::draw_hidden(plan, run);
    CHECK(d.start_jss == 78);
    int low = 0;
    for (auto v : d.choice) low += v == 1 ? 1 : 0;
    CHECK(low == 2);
    CHECK(d.draws == 1);
  }
}

TEST_CASE("without an observed score the first draw from the priors is kept",
          "[sim][world][inference]") {
  const model::scenario sc = input::load_scenario_string(many_hidden(18, ""), "many.yaml");
  const sim::run_plan plan(sc);
  for (std::uint64_t run = 0; run < 20; ++run) CHECK(sim::draw_hidden(plan, run).draws == 1);
}

TEST_CASE("a score no completion of many hidden ratings gives stops before the first run",
          "[sim][world][inference]") {
  // 18 ratings of 10 or 2 give 100 (P - N) / 18 with P + N = 18: never 50.
  // observed: {jss: 50} is line 21 (after 2 lines and the 18 contracts), the 50 in column 17.
  // The 262,144 combinations are too many to weigh one by one; the search shows that none
  // gives 50 when the plan is made, as `jssim check` makes it.
  const model::scenario sc = input::load_scenario_string(many_hidden(18, "observed: {jss: 50}\n"),
                                                         "many.yaml");
  CHECK_THROWS_AS(sim::run_plan(sc), model::scenario_error);
  CHECK_THROWS_WITH(sim::run_plan(sc),
                    Contains("many.yaml:21:17: observed.jss: the profile shows 50 %, but no "
                             "combination of the 18 unknown ratings gives it") &&
                        Contains("the 262144 combinations give"));
}

TEST_CASE("an observed score the history without hidden ratings does not show stops the plan",
          "[sim][plan][inference]") {
  model::scenario sc = input::load_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story.yaml");
  const auto shown =
      model::score_as_of(sc.history_contracts(), sc.rules.recalc_on_or_before(sc.today), sc.rules)
          .displayed;
  REQUIRE(shown.has_value());
  sc.observed_jss = *shown;
  CHECK_NOTHROW(sim::run_plan(sc));
  sc.observed_jss = *shown + 1;
  CHECK_THROWS_WITH(sim::run_plan(sc), Contains("observed.jss: the profile shows") &&
                                           Contains("none of its ratings is `unknown`"));
}

TEST_CASE("the monte carlo counts the draws of the hidden ratings", "[sim][monte_carlo][inference]") {
  const model::scenario sc = input::load_scenario_string(many_hidden(18, "observed: {jss: 78}\n"),
                                                         "many.yaml");
  const sim::run_plan plan(sc);
  std::uint64_t expected = 0;
  for (std::uint64_t run = 0; run < 100; ++run) expected += sim::draw_hidden(plan, run).draws;
  for (unsigned threads : {1U, 2U}) {
    null_collector sink;
    std::atomic<std::uint64_t> draws{0};
    sim::mc_options options;
    options.threads = threads;
    options.hidden_draws = &draws;
    REQUIRE(sim::simulate(plan, 0, 100, options, sink));
    CHECK(draws.load() == expected);
  }
}
