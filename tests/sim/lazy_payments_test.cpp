// SPDX-License-Identifier: MIT
// Weekly payments are applied lazily in a run without a trace and queued as
// events in a run with one (run.hpp, runner::pay_until): both must leave the
// same contracts and the same results, run by run.
#include <catch2/catch.hpp>
#include <cmath>  // std::abs
#include <string>
#include <vector>

#include "input/scenario_loader.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

using namespace jssim;

namespace {

/// A trace sink that keeps nothing: with it the runner queues payments.
class silent_sink final : public sim::trace_sink {
 public:
  void event(model::date, std::string_view, const std::string&) override {}
  void recalculation(const model::score_result&, bool) override {}
};

/// Plays `runs` runs of every strategy of `file` both ways and counts the
/// strategy-runs compared; every difference fails a check.
std::size_t compare_both_ways(const std::string& file, std::uint64_t runs) {
  const model::scenario sc = input::load_scenario_file(file);
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::runner lazy(plan);
  sim::runner queued(plan);
  silent_sink sink;
  sim::world w;
  std::size_t compared = 0;
  for (std::uint64_t run = 0; run < runs; ++run) {
    builder.build(run, w);
    for (std::size_t s = 0; s < sc.strategies.size(); ++s) {
      sim::run_result a;
      sim::run_result b;
      lazy.play(w, s, a);
      queued.play(w, s, b, &sink);
      INFO(file << " run " << run << " strategy " << s);
      CHECK(a.jss == b.jss);
      CHECK(a.recovery_slot == b.recovery_slot);
      CHECK(a.jobs_won == b.jobs_won);
      CHECK(a.start_jss == b.start_jss);
      // The order of summation may move the last bits, never a cent.
      CHECK(std::abs(a.earned_usd - b.earned_usd) < 1e-6);
      const auto ca = lazy.contracts();
      const auto cb = queued.contracts();
      REQUIRE(ca.size() == cb.size());
      for (std::size_t c = 0; c < ca.size(); ++c) {
        INFO("contract " << c);
        CHECK(ca[c].earned == cb[c].earned);
        CHECK(ca[c].first_paid == cb[c].first_paid);
        CHECK(ca[c].last_paid == cb[c].last_paid);
        CHECK(ca[c].end == cb[c].end);
        CHECK(ca[c].stars == cb[c].stars);
        CHECK(ca[c].private_rating == cb[c].private_rating);
      }
      ++compared;
    }
  }
  return compared;
}

}  // namespace

TEST_CASE("payments applied when a contract is looked at leave every run as payments queued "
          "day by day",
          "[sim][run][lazy_payments]") {
  const std::string file = GENERATE(std::string("/scenarios/seed-story.yaml"),
                                    std::string("/scenarios/seed-story-top-rated.yaml"),
                                    std::string("/scenarios/agency-veteran.yaml"),
                                    std::string("/bench/heavy.yaml"));
  CHECK(compare_both_ways(JSSIM_SOURCE_DIR + file, 60) > 0);
}
