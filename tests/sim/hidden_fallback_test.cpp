// SPDX-License-Identifier: MIT
// The last resort of section 10: when the combinations are too many to weigh
// and the search gives up (model/completion_search.hpp, max_search_states),
// runs sample by rejection behind a pilot that refuses, before any run, what
// is too rare to sample (sim/plan.cpp, docs/score-rules.md "Hidden ratings").
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <algorithm>  // std::max
#include <string>

#include "input/scenario_loader.hpp"
#include "model/error.hpp"
#include "model/score.hpp"
#include "sim/plan.hpp"
#include "sim/world.hpp"

using namespace jssim;
using Catch::Matchers::Contains;

namespace {

/// tests/app/timeline-rejection-JSS.yaml: 40 hidden private ratings (10, 8 or
/// 2: about 1.2e19 combinations) on contracts of three weights ended over two
/// years, and 12 known 1-star contracts of weight 8 ended in the last two
/// months: today every completion shows 0 %, so no partial one can be pruned
/// and the search gives up; observed.timeline adds 2026-09-01, before those
/// ended, with JSS `jss`, which the hidden ratings decide.
model::scenario fallback_scenario(int jss) {
  return input::load_scenario_file(
      fmt::format("{}/tests/app/timeline-rejection-{}.yaml", JSSIM_SOURCE_DIR, jss));
}

}  // namespace

TEST_CASE("when the search gives up, each run samples by rejection a history that gives every "
          "observation",
          "[sim][world][inference]") {
  const model::scenario sc = fallback_scenario(90);
  const sim::run_plan plan(sc);
  REQUIRE(plan.hidden() != nullptr);
  const sim::hidden_start& h = *plan.hidden();
  // Neither listed nor searched: the pilot ran.
  CHECK_FALSE(h.exact.has_value());
  CHECK(h.search == nullptr);
  CHECK(h.pilot_draws == sim::hidden_pilot_draws);
  // About one draw in ten gives both scores: far from refused (one in 1,000).
  CHECK(h.pilot_accepted > h.pilot_draws / 50);
  CHECK(h.pilot_accepted < h.pilot_draws / 4);
  CHECK_FALSE(h.pilot.empty());

  const sim::world_builder builder(plan);
  sim::world w;
  const model::date shown = sc.rules.recalc_on_or_before(sc.today);
  const model::date then = sc.rules.recalc_on_or_before(model::date::parse("2026-09-01").value());
  std::uint32_t most_draws = 0;
  for (std::uint64_t run = 0; run < 30; ++run) {
    builder.build(run, w);
    INFO("run " << run);
    CHECK(w.start_jss == 0);
    CHECK(model::score_as_of(w.history, shown, sc.rules).displayed == 0);
    CHECK(model::score_as_of(w.history, then, sc.rules).displayed == 90);
    most_draws = std::max(most_draws, w.hidden_draws);
  }
  // Rejection, not a lucky first draw each time.
  CHECK(most_draws > 1);
}

TEST_CASE("when the search gives up and draws from the priors give the observations too rarely, "
          "the plan is refused before any run, with the pilot's count",
          "[sim][world][inference]") {
  const model::scenario sc = fallback_scenario(70);
  try {
    const sim::run_plan plan(sc);
    FAIL("a plan was made");
  } catch (const model::scenario_error& e) {
    REQUIRE(e.problems().size() == 1);
    const auto& p = e.problems().front();
    CHECK(p.where.key == "observed.jss");
    CHECK_THAT(p.message, Contains("too many to weigh one by one or to search"));
    CHECK_THAT(p.message, Contains("give the observed scores (70 % on 2026-09-01, 0 % on "
                                   "2026-11-26) too rarely"));
    CHECK_THAT(p.message, Contains(" of 20000 draws"));
  }
}
