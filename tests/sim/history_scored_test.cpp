// SPDX-License-Identifier: MIT
// A world built by a world_builder holds its history already scored on the
// first recalculation day (world::history_scored), and each strategy's
// scorer starts as a copy of it: every run must come out as from a scorer
// that starts empty, which a runner of another plan of the same scenario
// does (the world was not built for its plan).
#include <catch2/catch.hpp>
#include <string>

#include "input/scenario_loader.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

using namespace jssim;

namespace {

/// Plays `runs` runs of every strategy of `file` from the world's scored
/// history and from an empty scorer, and counts the strategy-runs compared
/// and those that started from the copy; every difference fails a check.
std::size_t compare_starts(const std::string& file, std::uint64_t runs, std::size_t& copied) {
  const model::scenario sc = input::load_scenario_file(file);
  const sim::run_plan plan(sc);
  const sim::run_plan other(sc);
  const sim::world_builder builder(plan);
  sim::runner from_copy(plan);
  sim::runner from_empty(other);
  sim::world w;
  std::size_t compared = 0;
  for (std::uint64_t run = 0; run < runs; ++run) {
    builder.build(run, w);
    REQUIRE(w.history_scored(other) == nullptr);
    if (w.history_scored(plan) != nullptr) ++copied;
    for (std::size_t s = 0; s < sc.strategies.size(); ++s) {
      sim::run_result a;
      sim::run_result b;
      from_copy.play(w, s, a);
      from_empty.play(w, s, b);
      INFO(file << " run " << run << " strategy " << s);
      CHECK(a.jss == b.jss);
      CHECK(a.recovery_slot == b.recovery_slot);
      CHECK(a.jobs_won == b.jobs_won);
      CHECK(a.start_jss == b.start_jss);
      CHECK(a.earned_usd == b.earned_usd);
      ++compared;
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("every strategy starting from the world's scored history plays the run as from an "
          "empty scorer",
          "[sim][run][history_scored]") {
  const std::string file = GENERATE(std::string("/scenarios/seed-story.yaml"),
                                    std::string("/scenarios/seed-story-top-rated.yaml"),
                                    std::string("/scenarios/seed-story-hidden.yaml"),
                                    std::string("/scenarios/agency-veteran.yaml"),
                                    std::string("/tests/reference/scenarios/stale-open-close.yaml"),
                                    std::string("/bench/heavy.yaml"));
  std::size_t copied = 0;
  CHECK(compare_starts(JSSIM_SOURCE_DIR + file, 60, copied) > 0);
  CHECK(copied == 60);
}

TEST_CASE("a world built by hand holds no scored history", "[sim][run][history_scored]") {
  // Built by hand, a world belongs to no plan.
  const model::scenario sc =
      input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) + "/scenarios/seed-story.yaml");
  const sim::run_plan plan(sc);
  const sim::world by_hand;
  CHECK(by_hand.history_scored(plan) == nullptr);
}
