// SPDX-License-Identifier: MIT
// The last resort of section 10: when the combinations are too many to weigh
// and the search gives up (model/completion_search.hpp, max_search_states),
// runs sample by rejection behind a pilot that refuses, before any run, what
// is too rare to sample (sim/plan.cpp, docs/score-rules.md "Hidden ratings").
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <algorithm>  // std::max
#include <array>
#include <string>

#include "input/scenario_loader.hpp"
#include "model/error.hpp"
#include "model/score.hpp"
#include "sim/plan.hpp"
#include "sim/world.hpp"

using namespace jssim;
using Catch::Matchers::Contains;

namespace {

/// 40 hidden private ratings (10, 8 or 2: about 1.2e19 combinations) on
/// contracts of three weights ended over two years, and 12 known 1-star
/// contracts of weight 8 ended in the last two months: today every
/// completion shows 0 %, so no partial one can be pruned and the search
/// gives up; `timeline` adds a day before those ended, which the hidden
/// ratings decide.
std::string fallback_scenario(const std::string& timeline) {
  const model::date today = model::date::parse("2026-11-26").value();
  std::string text = "freelancer: {name: R, today: 2026-11-26}\nhistory:\n";
  for (int i = 0; i < 40; ++i) {
    const model::date end = today - (20 + (i * 37) % 680);
    const model::date start = end - (i * 53) % 300;
    text += fmt::format(
        "  - {{id: c{0}, client: k{0}, started: {1}, ended: {2}, earned: {3}, first_paid: {1}, "
        "last_paid: {2}, stars: 5.0, private: unknown}}\n",
        i, start.to_string(), end.to_string(), std::array{100, 400, 1500}[static_cast<std::size_t>(i % 3)]);
  }
  for (int i = 0; i < 12; ++i) {
    const model::date end = today - (5 + i * 5);
    text += fmt::format(
        "  - {{id: bad{0}, client: b{0}, started: {1}, ended: {2}, earned: 20000, first_paid: "
        "{1}, last_paid: {2}, stars: 1.0, private: 0}}\n",
        i, (end - 700).to_string(), end.to_string());
  }
  text += "observed: {jss: 0, timeline: [" + timeline + "]}\n" + R"(pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 0.6, private: 10}
      - {p: 0.2, private: 8}
      - {p: 0.2, private: 2}
simulation: {runs: 20}
)";
  return text;
}

}  // namespace

TEST_CASE("when the search gives up, each run samples by rejection a history that gives every "
          "observation",
          "[sim][world][inference]") {
  const model::scenario sc =
      input::load_scenario_string(fallback_scenario("{on: 2026-09-01, jss: 90}"), "fallback.yaml");
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
  const std::string text = fallback_scenario("{on: 2026-09-01, jss: 70}");
  try {
    const sim::run_plan plan(input::load_scenario_string(text, "rare.yaml"));
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
