// SPDX-License-Identifier: MIT
// A Top Rated target (simulation.target.top_rated): recovery on the first
// Saturday with a displayed JSS of 90 or more in 13 of the last 16 weeks,
// $1,000 earned in 12 months and a first contract over 90 days old. Hand-made
// histories whose every Saturday is known, and the seed story on many runs.
#include <catch2/catch.hpp>
#include <string>

#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

using namespace jssim;

namespace {

model::date iso(const char* text) { return model::date::parse(text).value(); }

// Two $600 positive contracts of clients a and b that end on 2026-04-05 and
// 2026-04-10, and a negative one of client c ended 2025-09-10: once c leaves
// the 6-month window and both positives are in, the 6-month score is 100, so
// from 2026-04-10 the profile shows 100 (before: none, or 11 with pos1 only).
// No offers (proposals_per_week 0): nothing changes after today.
std::string history_story(const std::string& today, const std::string& rules,
                          const std::string& pos_usd = "600", const std::string& neg_paid =
                              "earned: 100, last_paid: 2025-09-10",
                          const std::string& extra = "") {
  return "freelancer: {name: T, today: " + today + "}\n" + R"(history:
  - {id: neg, client: c, started: 2025-09-01, ended: 2025-09-10, )" + neg_paid +
         R"(, stars: 1.0, private: 0}
  - {id: pos1, client: a, started: 2026-04-01, ended: 2026-04-05, earned: )" +
         pos_usd + R"(, last_paid: 2026-04-05, stars: 5.0, private: 10}
  - {id: pos2, client: b, started: 2026-04-06, ended: 2026-04-10, earned: )" +
         pos_usd + R"(, last_paid: 2026-04-10, stars: 5.0, private: 10}
)" + extra + R"(pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 1, stars: 5.0, private: 10}
simulation:
  runs: 10
  horizon_months: 3
  target: {top_rated: true}
score: )" + rules + "\n";
}

/// Days from today to the recovery of run 0 of the first strategy; -1 when
/// censored.
model::day_count recovery_days(const model::scenario& sc) {
  const sim::run_plan plan(sc);
  sim::world w;
  sim::world_builder(plan).build(0, w);
  sim::runner runner(plan);
  sim::run_result out;
  runner.play(w, 0, out);
  return plan.slot_days(out.recovery_slot);
}

model::scenario load(const std::string& text) {
  return input::load_scenario_string(text, "top-rated.yaml");
}

model::scenario with_jss_target(model::scenario sc) {
  sc.simulation.target.top_rated = false;
  sc.simulation.target.jss = 90;
  return sc;
}

}  // namespace

TEST_CASE("a Top Rated target's recovery days are the Saturdays after today, the curve's stay the "
          "recalculations",
          "[sim][plan][top_rated]") {
  const model::scenario sc = load(history_story("2026-05-20", "{}"));
  const sim::run_plan plan(sc);
  REQUIRE(plan.top_rated() != nullptr);
  // today is a Wednesday: the first Saturday after it is 2026-05-23.
  REQUIRE_FALSE(plan.recovery_days().empty());
  CHECK(plan.recovery_days().front() == iso("2026-05-23"));
  for (const auto d : plan.recovery_days()) CHECK(d.weekday() == model::saturday);
  CHECK(plan.recovery_days().back() <= sc.horizon());
  CHECK(plan.recovery_days().back() + 7 > sc.horizon());
  CHECK(plan.censored_slot() == plan.recovery_days().size() + 1);
  // Recalculations stay every other Sunday from 2023-12-10.
  CHECK(plan.recalc_days().front() == iso("2026-05-24"));
  // The 16 past weeks end on the Saturday before today.
  const auto& past = plan.top_rated()->past_saturdays;
  REQUIRE(past.size() == 16);
  CHECK(past.back() == iso("2026-05-16"));
  CHECK(past.front() == iso("2026-05-16") - 105);
  // Saturday 2026-05-23 shows the recalculation of 2026-05-10, before today.
  CHECK(plan.top_rated()->shown_recalc.front() == -1);
  CHECK(plan.top_rated()->shown_recalc[1] == 0);  // 2026-05-30: that of 2026-05-24

  const sim::run_plan jss_plan(with_jss_target(sc));
  CHECK(jss_plan.recovery_days() == jss_plan.recalc_days());
}

TEST_CASE("Top Rated needs 13 of the last 16 Saturdays at 90, past weeks included",
          "[sim][run][top_rated]") {
  // Daily recalculations: a Saturday shows its own score. Saturdays at 100:
  // 2026-04-11 and later; 2026-03-21, 03-28 and 04-04 are not. The 16 weeks
  // ending 2026-07-04 hold 13 of them (04-11 to 07-04), those ending 06-27
  // only 12. The JSS target is met today already (the profile shows 100).
  const model::scenario sc = load(history_story("2026-05-20", "{recalc_every_days: 1}"));
  CHECK(recovery_days(sc) == iso("2026-07-04") - iso("2026-05-20"));  // 45
  CHECK(recovery_days(with_jss_target(sc)) == 0);
}

TEST_CASE("Top Rated needs 90 on the Saturday itself, not only 13 good weeks of 16",
          "[sim][run][top_rated]") {
  // Every Saturday from 2026-04-11 to 2026-08-01 showed 100; a negative $100
  // contract ended on 2026-08-04 brings the 6-month score to (2.5 - 1) / 3.5
  // = 43 for the rest of the horizon. On Saturday 2026-08-08 15 of the last 16
  // weeks were at 90 or more, but not that one: no Saturday qualifies.
  const std::string late =
      "  - {id: late, client: e, started: 2026-08-01, ended: 2026-08-04, earned: 100, "
      "last_paid: 2026-08-04, stars: 1.0, private: 0}\n";
  const model::scenario sc = load(history_story(
      "2026-08-05", "{recalc_every_days: 1}", "600", "earned: 100, last_paid: 2025-09-10", late));
  CHECK(recovery_days(sc) == -1);
  CHECK(recovery_days(with_jss_target(sc)) == -1);
}

TEST_CASE("with two-weekly recalculations a Saturday shows the latest recalculation before it",
          "[sim][run][top_rated]") {
  // Recalculations on the Sundays 2026-03-29 and 2026-04-12: the first
  // Saturday at 100 is 2026-04-18 (2026-04-11 still shows 2026-03-29's
  // score), so the 13th is 2026-07-11.
  const model::scenario sc = load(history_story("2026-05-20", "{}"));
  CHECK(recovery_days(sc) == iso("2026-07-11") - iso("2026-05-20"));  // 52
}

TEST_CASE("Top Rated waits for $1,000 earned in the last 12 months, payments of the run included",
          "[sim][run][top_rated]") {
  // Two $400 positives and an unpaid negative: $800 in 12 months.
  const std::string unpaid = "earned: 0";
  SECTION("without other income it is never reached") {
    const model::scenario sc =
        load(history_story("2026-05-20", "{recalc_every_days: 1}", "400", unpaid));
    CHECK(recovery_days(sc) == -1);
  }
  SECTION("a retainer paying $20 a week brings the tenth payment on day 70, a Wednesday") {
    // Paid on today + 7, + 14, ...: $1,000 on 2026-07-29, so the first
    // Saturday that qualifies is 2026-08-01. The open contract stays
    // excluded (idle under 90 days, not yet long-term): the score stays 100.
    const std::string retainer =
        "  - {id: retainer, client: d, started: 2026-05-01, future: {outcomes: good, "
        "ends_in_days: 400, weekly_usd: 20}}\n";
    const model::scenario sc =
        load(history_story("2026-05-20", "{recalc_every_days: 1}", "400", unpaid, retainer));
    CHECK(recovery_days(sc) == iso("2026-08-01") - iso("2026-05-20"));  // 73
  }
  SECTION("exactly $1,000 is enough") {
    const model::scenario sc = load(history_story("2026-05-20", "{recalc_every_days: 1}", "450"));
    CHECK(recovery_days(sc) == 45);
  }
}

TEST_CASE("Top Rated waits until the first contract is more than 90 days old",
          "[sim][run][top_rated]") {
  // A new freelancer: two $600 positives from 2026-03-02 to 2026-03-03 show
  // 100 from Tuesday 2026-03-03. The 13th Saturday at 100 is 2026-05-30 (the
  // first is 2026-03-07), but the first contract is then 89 days old; on
  // 2026-06-06 it is 96 days old.
  auto story = [](const std::string& today) {
    return "freelancer: {name: N, today: " + today + "}\n" + R"(history:
  - {id: one, client: a, started: 2026-03-02, ended: 2026-03-03, earned: 600, last_paid: 2026-03-03, private: 10}
  - {id: two, client: b, started: 2026-03-02, ended: 2026-03-03, earned: 600, last_paid: 2026-03-03, private: 10}
pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 1, stars: 5.0, private: 10}
simulation: {runs: 10, horizon_months: 6, target: {top_rated: true}}
score: {recalc_every_days: 1}
)";
  };
  CHECK(recovery_days(load(story("2026-03-10"))) == iso("2026-06-06") - iso("2026-03-10"));  // 88
  SECTION("today, a Saturday that qualifies, is a recovery at day 0") {
    CHECK(recovery_days(load(story("2026-06-06"))) == 0);
  }
  SECTION("today, a Saturday that does not, is not") {
    CHECK(recovery_days(load(story("2026-05-30"))) == 7);
  }
  SECTION("a Friday before a Saturday that qualifies recovers the next day") {
    CHECK(recovery_days(load(story("2026-06-05"))) == 1);
  }
}

TEST_CASE("a Top Rated recovery is never earlier than the JSS 90 recovery of the same run",
          "[sim][run][top_rated]") {
  // Every strategy of the seed story, run by run on the same worlds: a
  // Saturday counts as Top Rated only if it shows 90 or more, which the JSS
  // target sees on the recalculation that Saturday shows, or today.
  model::scenario top = input::load_scenario_file(JSSIM_SOURCE_DIR "/scenarios/seed-story.yaml");
  top.simulation.target = {90, 1, true};
  const model::scenario jss = with_jss_target(top);
  const sim::run_plan top_plan(top);
  const sim::run_plan jss_plan(jss);
  const sim::world_builder top_worlds(top_plan);
  const sim::world_builder jss_worlds(jss_plan);
  sim::runner top_runner(top_plan);
  sim::runner jss_runner(jss_plan);
  sim::world tw;
  sim::world jw;
  sim::run_result tr;
  sim::run_result jr;
  int later = 0;
  int top_recovered = 0;
  for (std::uint64_t run = 0; run < 1500; ++run) {
    top_worlds.build(run, tw);
    jss_worlds.build(run, jw);
    for (std::size_t s = 0; s < top.strategies.size(); ++s) {
      top_runner.play(tw, s, tr);
      jss_runner.play(jw, s, jr);
      const model::day_count t = top_plan.slot_days(tr.recovery_slot);
      const model::day_count j = jss_plan.slot_days(jr.recovery_slot);
      INFO("run " << run << ", strategy " << s << ": Top Rated " << t << ", JSS 90 " << j);
      if (t >= 0) {
        ++top_recovered;
        REQUIRE(j >= 0);
        REQUIRE(t >= j);
        later += t > j ? 1 : 0;
      }
    }
  }
  // The story's weeks before today are below 90: Top Rated takes 12 more
  // weeks at least, so it is later in every run that reaches it.
  CHECK(top_recovered > 1000);
  CHECK(later == top_recovered);
}
