// SPDX-License-Identifier: MIT
// A strategy that wins the same jobs as an earlier one and treats them alike
// (sim::same_won_contracts) follows it: on each run it plays only its history
// contracts and reads the won ones from the leader's tape (runner::follow).
// Every run it plays so must come out as when played in full.
#include <catch2/catch.hpp>
#include <cmath>  // std::abs, std::llround
#include <string>

#include "input/scenario_loader.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

using namespace jssim;

namespace {

model::scenario seed_story() {
  return input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) + "/scenarios/seed-story.yaml");
}

model::date d(const char* text) { return model::date::parse(text).value(); }

/// Plays `runs` runs of `sc`: each follower both ways, in full and from its
/// leader's tape; returns the strategy-runs compared. Every difference fails.
std::size_t compare_followers(const model::scenario& sc, std::uint64_t runs) {
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::runner full(plan);
  sim::runner following(plan);
  sim::world w;
  std::vector<sim::won_tape> tapes(sc.strategies.size());
  std::size_t compared = 0;
  for (std::uint64_t run = 0; run < runs; ++run) {
    builder.build(run, w);
    for (std::size_t s = 0; s < sc.strategies.size(); ++s) {
      const std::size_t leader = plan.leader(s);
      sim::run_result a;
      if (leader == s) {
        following.play(w, s, a, nullptr, plan.leads(s) ? &tapes[s] : nullptr);
        continue;
      }
      REQUIRE(leader < s);
      following.follow(w, s, tapes[leader], a);
      sim::run_result b;
      full.play(w, s, b);
      INFO(sc.strategies[s].name << " after " << sc.strategies[leader].name << ", run " << run);
      CHECK(a.jss == b.jss);
      CHECK(a.recovery_slot == b.recovery_slot);
      CHECK(a.jobs_won == b.jobs_won);
      CHECK(a.start_jss == b.start_jss);
      // Summed in another order: the last bits may differ, never a cent.
      CHECK(std::abs(a.earned_usd - b.earned_usd) <= 1e-9 * (1 + b.earned_usd));
      CHECK(std::llround(a.earned_usd * 100) == std::llround(b.earned_usd * 100));
      ++compared;
    }
  }
  return compared;
}

model::strategy named(const char* name) {
  model::strategy s;
  s.name = name;
  return s;
}

}  // namespace

TEST_CASE("in the seed story, closing the dead contract follows waiting, and quick wins, which "
          "reverts when recovered, follows nobody",
          "[sim][follow]") {
  const model::scenario sc = seed_story();
  const sim::run_plan plan(sc);
  REQUIRE(sc.strategies.size() == 3);
  CHECK(plan.leader(0) == 0);
  CHECK(plan.leads(0));
  CHECK(plan.leader(1) == 0);
  CHECK_FALSE(plan.leads(1));
  CHECK(plan.leader(2) == 2);
  CHECK_FALSE(plan.leads(2));
}

TEST_CASE("strategies share their won contracts only when they take the same offers and treat "
          "them alike, whatever the score shows",
          "[sim][follow]") {
  model::scenario sc = seed_story();
  const model::strategy wait = named("wait");
  model::strategy closes = named("closes");
  closes.close.push_back(model::scheduled_close{0, d("2027-01-01")});
  CHECK(sim::same_won_contracts(sc, wait, closes));

  model::strategy busier = named("busier");
  busier.proposals_per_week = sc.pipeline.proposals_per_week + 1;
  CHECK_FALSE(sim::same_won_contracts(sc, wait, busier));
  model::strategy same_rate = named("same rate, written");
  same_rate.proposals_per_week = sc.pipeline.proposals_per_week;
  same_rate.max_parallel = sc.pipeline.max_parallel;
  CHECK(sim::same_won_contracts(sc, wait, same_rate));

  model::strategy all_listed = named("every job type listed");
  all_listed.accept = std::vector<std::size_t>{1, 0};
  CHECK(sim::same_won_contracts(sc, wait, all_listed));
  model::strategy fewer = named("quick ones only");
  fewer.accept = std::vector<std::size_t>{0};
  CHECK_FALSE(sim::same_won_contracts(sc, wait, fewer));

  model::strategy reverts = closes;
  reverts.until_recovered = true;
  CHECK_FALSE(sim::same_won_contracts(sc, wait, reverts));

  // The own-close feedback matters where she closes won contracts: stale ones.
  model::strategy kinder = closes;
  kinder.own_close_feedback = 0.9;
  CHECK(sim::same_won_contracts(sc, wait, kinder));
  model::strategy stale = named("stale");
  stale.close_stale_after_days = 60;
  model::strategy stale_kinder = stale;
  stale_kinder.own_close_feedback = 0.9;
  CHECK_FALSE(sim::same_won_contracts(sc, stale, stale_kinder));
  CHECK_FALSE(sim::same_won_contracts(sc, wait, stale));

  // A Top Rated target reads every payment: nobody follows.
  sc.simulation.target.top_rated = true;
  CHECK_FALSE(sim::same_won_contracts(sc, wait, closes));
}

TEST_CASE("a follower plays every run as in full: the seed story and variants that close paid, "
          "paused and ended contracts, with and without feedback and stale closes",
          "[sim][follow]") {
  model::scenario sc = seed_story();
  // History: 6 audiobook-intro (paused, $0), 7 site-copy (paid once, idle).
  REQUIRE(sc.history[6].id == "audiobook-intro");
  REQUIRE(sc.history[7].id == "site-copy");
  model::strategy site = named("close site-copy later, with feedback");
  site.close.push_back(model::scheduled_close{7, d("2027-02-10")});
  site.own_close_feedback = 1;
  model::strategy both = named("close both, an ended one too");
  both.close = {{6, d("2026-12-24")}, {7, d("2026-11-27")}, {0, d("2027-01-05")}};
  model::strategy stale = named("stale closes");
  stale.close_stale_after_days = 45;
  stale.own_close_feedback = 0.5;
  model::strategy stale_close = stale;
  stale_close.name = "stale closes and the dead one";
  stale_close.close.push_back(model::scheduled_close{6, d("2026-11-27")});
  sc.strategies.push_back(site);
  sc.strategies.push_back(both);
  sc.strategies.push_back(stale);
  sc.strategies.push_back(stale_close);
  const sim::run_plan plan(sc);
  CHECK(plan.leader(3) == 0);
  CHECK(plan.leader(4) == 0);
  CHECK(plan.leader(5) == 5);
  CHECK(plan.leader(6) == 5);
  CHECK(compare_followers(sc, 150) == 150 * 4);
}

TEST_CASE("a follower plays every run as in full on scenarios with paying history contracts",
          "[sim][follow]") {
  const std::string file = GENERATE(std::string("/scenarios/agency-veteran.yaml"),
                                    std::string("/scenarios/seed-story-hidden.yaml"),
                                    std::string("/tests/reference/scenarios/stale-open-close.yaml"),
                                    std::string("/tests/reference/scenarios/hourly-longterm.yaml"),
                                    std::string("/bench/heavy.yaml"));
  model::scenario sc = input::load_scenario_file(JSSIM_SOURCE_DIR + file);
  // A follower of the first strategy closing each open history contract in
  // turn, a month apart from the second week on, with feedback.
  model::strategy closer = sc.strategies.front();
  closer.name = "closes every open one";
  closer.until_recovered = false;
  closer.own_close_feedback = 1;
  if (!closer.close_stale_after_days) {
    model::date on = sc.today + 7;
    for (std::size_t c = 0; c < sc.history.size(); ++c) {
      if (!sc.history[c].is_open()) continue;
      closer.close.push_back(model::scheduled_close{c, on});
      on += 30;
    }
  }
  INFO(file);
  sc.strategies.front().until_recovered = false;
  sc.strategies.push_back(closer);
  const sim::run_plan plan(sc);
  REQUIRE(plan.leader(sc.strategies.size() - 1) == 0);
  CHECK(compare_followers(sc, 60) >= 60);
}
