// SPDX-License-Identifier: MIT
// The rule sets end to end: `score.rules: upwork-2026` and
// `recalc_every_days: 1` from the YAML to the recalculations of a run.
#include <catch2/catch.hpp>
#include <string>

#include "input/scenario_loader.hpp"
#include "tiny_scenario.hpp"

using namespace jssim;
using namespace jssim::test;

namespace {

// The tiny scenario with cat's contract rated 5 stars in public and 0 in
// private, recalculated every day, and a table whose rows give a private
// rating alone (10) or public stars alone (2.0).
model::scenario split_scenario(const char* rules) {
  model::scenario sc = tiny_scenario();
  sc.rules = model::rule_set_named(rules).value();
  sc.rules.recalc_anchor = tiny_today;
  sc.rules.recalc_every_days = 1;
  sc.history[2].stars = {model::rating::kind::given, 5.0};
  model::outcome_table split;
  split.name = "split";
  split.rows = {{0.5, -1, 10}, {0.5, 2.0, -1}};
  sc.pipeline.outcomes.push_back(split);
  sc.pipeline.jobs[job_quick].outcomes = sc.pipeline.outcomes.size() - 1;
  return sc;
}

/// Two $100 jobs of 5 days: one on day 3 whose client gives a private 10
/// alone (closed day 8), one on day 10 whose client gives 2 stars alone
/// (closed day 15).
sim::world split_world(const model::scenario& sc) {
  sim::world w = hand_world(sc);
  sim::job_draws private_only = job(5);
  private_only.row = 0;
  sim::job_draws stars_only = job(5);
  stars_only.row = 1;
  add_offer(w, 3, private_only);
  add_offer(w, 10, stars_only);
  return w;
}

}  // namespace

TEST_CASE("upwork-2024 and upwork-2026 score the same run differently, day by day",
          "[sim][run][rules]") {
  SECTION("upwork-2024: private ratings decide") {
    // ann +, bob +, cat - (private 0): 33. Day 8: + a private 10: (3 - 1) / 4
    // = 50. Day 15: - 2 stars alone: (3 - 2) / 5 = 20.
    const model::scenario sc = split_scenario("upwork-2024");
    const auto r = play(sc, split_world(sc));
    INFO(r.trace.story());
    REQUIRE(r.result.jss.size() == 61);  // one recalculation a day to the horizon
    CHECK(r.result.start_jss == 33);
    CHECK(r.result.jss[6] == 33);   // day 7
    CHECK(r.result.jss[7] == 50);   // day 8
    CHECK(r.result.jss[13] == 50);  // day 14
    CHECK(r.result.jss[14] == 20);  // day 15
    CHECK(r.result.final_jss() == 20);
  }
  SECTION("upwork-2026: public stars alone") {
    // cat counts by its 5 stars: 100. Day 8: a private rating alone is no
    // feedback, and a short contract without feedback is excluded: 100.
    // Day 15: 2 stars: (3 - 1) / 4 = 50.
    const model::scenario sc = split_scenario("upwork-2026");
    const auto r = play(sc, split_world(sc));
    INFO(r.trace.story());
    CHECK(r.result.start_jss == 100);
    CHECK(r.result.recovery_slot == 0);  // 100 today meets the target
    CHECK(r.result.jss[7] == 100);
    CHECK(r.result.jss[13] == 100);
    CHECK(r.result.jss[14] == 50);
  }
}

TEST_CASE("a scenario file with rules upwork-2026 and a daily update runs end to end",
          "[sim][run][rules]") {
  const model::scenario sc = input::load_scenario_string(R"(freelancer: {name: R, today: 2026-03-01}
history:
  - {id: a, client: ann, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, stars: 5.0, private: 2}
  - {id: b, client: bob, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, stars: 4.0, private: 10}
  - {id: c, client: cat, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, stars: 3.0}
pipeline:
  proposals_per_week: 5
  jobs:
    - {name: job, win_rate: 0.2, type: fixed, duration_days: 3, value_usd: 100}
  outcomes:
    good:
      - {p: 1, stars: 5.0, private: 0}
simulation: {runs: 20, horizon_months: 2, target: {jss: 60}}
score: {rules: upwork-2026, recalc_every_days: 1}
)",
                                                         "r.yaml");
  REQUIRE(sc.rules.name == "upwork-2026");
  REQUIRE_FALSE(sc.rules.private_ratings_count);
  const sim::run_plan plan(sc);
  // Every day after today to the horizon (2026-05-01) is a recalculation.
  CHECK(plan.recalc_count() == static_cast<std::size_t>(sc.horizon() - sc.today));
  CHECK(plan.recalc_days().front() == sc.today + 1);
  const sim::world_builder builder(plan);
  sim::runner runner(plan);
  sim::world w;
  sim::run_result out;
  int recovered = 0;
  for (std::uint64_t run = 0; run < 20; ++run) {
    builder.build(run, w);
    // Stars alone: a 5 positive, b 4.0 neutral, c 3.0 negative: (1 - 1) / 3 = 0.
    REQUIRE(w.start_jss == 0);
    runner.play(w, 0, out);
    // Every job closes with 5 stars, and its private 0 does not count: the
    // score never falls, and it rises once a job has closed.
    for (std::size_t i = 1; i < out.jss.size(); ++i) CHECK(out.jss[i] >= out.jss[i - 1]);
    // Recovery is the first daily recalculation at 60 or more.
    if (out.recovery_slot > 0 && out.recovery_slot < plan.censored_slot()) {
      ++recovered;
      CHECK(out.jss[out.recovery_slot - 1] >= 60);
      if (out.recovery_slot > 1) CHECK(out.jss[out.recovery_slot - 2] < 60);
    }
  }
  // With k jobs closed, P = 1 + k, U = 1, N = 1: 100 k / (k + 3), 60 from the
  // fifth, about five weeks at one offer a week.
  CHECK(recovered > 0);
}
