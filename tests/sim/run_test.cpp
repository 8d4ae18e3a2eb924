// SPDX-License-Identifier: MIT
// Each dynamic rule of MODEL.md section 7, alone, on the tiny scenario
// (tiny_scenario.hpp) with a hand-made world and a hand-computed answer.
//
// Reminder of the tiny scenario: today is day 0, recalculations on days 14,
// 28, 42 and 56, the horizon is day 61. The history (ann +, bob +, cat -, $100
// each) shows 33; one more positive $100 contract gives 50, two give 60, one
// more neutral gives 25, one more negative gives 0.
#include "sim/run.hpp"

#include <catch2/catch.hpp>
#include <cmath>   // std::ldexp, std::nextafter
#include <random>  // std::mt19937_64
#include <string>
#include <vector>

#include "tiny_scenario.hpp"

using namespace jssim;
using namespace jssim::test;
using Days = std::vector<std::int32_t>;
using Kinds = std::vector<std::string>;

// --- a won job ---------------------------------------------------------------

TEST_CASE("an accepted offer's client closes duration plus close_delay days after its start "
          "with the outcome row of its draws",
          "[sim][run]") {
  const model::scenario sc = tiny_scenario();
  sim::world w = hand_world(sc);
  REQUIRE(w.start_jss == 33);
  // Offer on day 3, 5 days of work: the work ends on day 8; a close delay of
  // 10 days: the client closes on day 18, after the recalculation of day 14.
  sim::job_draws d = job(5);
  d.close_delay = 10;

  SECTION("a positive row") {
    add_offer(w, 3, d);
    const auto r = play(sc, w);
    INFO(r.trace.story());
    CHECK(r.result.start_jss == 33);
    CHECK(r.result.jobs_won == 1);
    CHECK(r.trace.days("start") == Days{3});
    CHECK(r.trace.days("work end") == Days{8});
    CHECK(r.trace.days("close") == Days{18});
    // Day 14: the contract is open, unpaid and 11 days old: excluded, 33.
    // Day 28 on: (3 - 1) / 4 = 50.
    CHECK(r.result.jss == scores({33, 50, 50, 50}));
    CHECK(r.result.final_jss() == 50);
    CHECK(r.result.earned_usd == 100.0);
  }
  SECTION("a neutral row") {
    d.row = row_neutral;
    add_offer(w, 3, d);
    // (2 - 1) / (2 + 1 + 1) = 25.
    CHECK(play(sc, w).result.jss == scores({33, 25, 25, 25}));
  }
  SECTION("a negative row") {
    d.row = row_negative;
    add_offer(w, 3, d);
    // (2 - 2) / 4 = 0.
    CHECK(play(sc, w).result.jss == scores({33, 0, 0, 0}));
  }
  SECTION("a row without feedback") {
    d.row = row_silent;
    add_offer(w, 3, d);
    // Ended without feedback, not long-term: excluded, 33.
    const auto r = play(sc, w);
    CHECK(r.trace.days("close") == Days{18});
    CHECK(r.result.jss == scores({33, 33, 33, 33}));
  }
}

TEST_CASE("a fixed job is paid its value once, on the day its client closes", "[sim][run]") {
  const model::scenario sc = tiny_scenario();
  sim::world w = hand_world(sc);
  // Offer on day 1, 5 days of work, 2 days of close delay: closes on day 8.
  sim::job_draws d = job(5, 500);
  d.close_delay = 2;
  add_offer(w, 1, d);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.trace.days("payment") == Days{8});
  CHECK(r.trace.days("payment", "$500.00") == Days{8});
  CHECK(r.trace.days("close") == Days{8});
  CHECK(r.result.earned_usd == 500.0);
  // $500 weighs 1.25 (first_paid = last_paid: no span bonus):
  // (2 + 1.25 - 1) / (3 + 1.25) = 52.94, shown 53.
  CHECK(r.result.jss == scores({53, 53, 53, 53}));
}

TEST_CASE("an hourly job is paid every 7 days from its start and the last partial week pro "
          "rata at the work end",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);
  sim::world w = hand_world(sc);

  SECTION("10 days of work at $70 a week: 70 on start + 7, 30 at the work end") {
    // Start day 2: $70 on day 9, 3/7 of $70 = $30 on day 12 (the work end).
    sim::job_draws d = hourly_job(10, 70);
    d.close_delay = 3;
    add_offer(w, 2, d, hourly);
    const auto r = play(sc, w);
    INFO(r.trace.story());
    CHECK(r.trace.days("payment") == Days{9, 12});
    CHECK(r.trace.days("payment", "$70.00") == Days{9});
    CHECK(r.trace.days("payment", "$30.00") == Days{12});
    // The client closes on day 15 and pays nothing more there.
    CHECK(r.trace.days("close") == Days{15});
    CHECK(r.result.earned_usd == Approx(100.0).margin(1e-9));
    CHECK(r.result.jss == scores({33, 50, 50, 50}));
  }
  SECTION("14 days of work: two whole weeks, no partial week") {
    add_offer(w, 2, hourly_job(14, 70), hourly);
    const auto r = play(sc, w);
    INFO(r.trace.story());
    CHECK(r.trace.days("payment", "$70.00") == Days{9, 16});
    CHECK(r.trace.days("payment") == Days{9, 16});
    CHECK(r.result.earned_usd == Approx(140.0).margin(1e-9));
  }
  SECTION("3 days of work: only the partial week, 3/7 of $70") {
    add_offer(w, 2, hourly_job(3, 70), hourly);
    const auto r = play(sc, w);
    CHECK(r.trace.days("payment", "$30.00") == Days{5});
    CHECK(r.trace.days("payment") == Days{5});
    CHECK(r.result.earned_usd == Approx(30.0).margin(1e-9));
  }
}

TEST_CASE("a ghost client never closes and never pays a fixed job", "[sim][run]") {
  const model::scenario sc = tiny_scenario();
  sim::world w = hand_world(sc);
  sim::job_draws d = job(5, 200);
  d.ghost = true;
  add_offer(w, 1, d);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.result.jobs_won == 1);
  CHECK(r.trace.days("work end") == Days{6});
  CHECK(r.trace.days("close").empty());
  CHECK(r.trace.days("payment").empty());
  CHECK(r.result.earned_usd == 0.0);
  // Open, unpaid, at most 55 days idle: excluded throughout.
  CHECK(r.result.jss == scores({33, 33, 33, 33}));
}

TEST_CASE("a ghost client of an hourly job still pays every week until the work ends",
          "[sim][run]") {
  // MODEL.md: a ghost "never closes and never pays a fixed job"; the weekly
  // payments of an hourly job are not the close's and go on to the work end.
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);
  sim::world w = hand_world(sc);
  sim::job_draws d = hourly_job(10, 70);
  d.ghost = true;
  add_offer(w, 2, d, hourly);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.trace.days("payment") == Days{9, 12});
  CHECK(r.trace.days("close").empty());
  CHECK(r.result.earned_usd == Approx(100.0).margin(1e-9));
  CHECK(r.result.jss == scores({33, 33, 33, 33}));
}

// --- declining offers --------------------------------------------------------

TEST_CASE("an offer of a job type the strategy does not accept is declined", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);
  model::strategy picky;
  picky.name = "picky";
  picky.accept = std::vector<std::size_t>{job_quick};
  sc.strategies.push_back(picky);

  sim::world w = hand_world(sc);
  add_offer(w, 1, hourly_job(10, 70), hourly);
  add_offer(w, 2, job(5));

  const auto baseline = play(sc, w, 0);
  CHECK(baseline.result.jobs_won == 2);
  CHECK(baseline.trace.days("decline").empty());

  const auto r = play(sc, w, 1);
  INFO(r.trace.story());
  CHECK(r.result.jobs_won == 1);
  CHECK(r.trace.days("decline") == Days{1});
  CHECK(r.trace.days("start") == Days{2});
  CHECK(r.result.earned_usd == 100.0);
}

TEST_CASE("max_parallel declines offers while that many won jobs run", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  // An open history contract: history contracts take no slot.
  add_open_contract(sc, "old", iso("2026-02-20"));
  model::strategy one;
  one.name = "one at a time";
  one.max_parallel = 1;
  sc.strategies.push_back(one);

  sim::world w = hand_world(sc);
  add_offer(w, 1, job(5));  // A: runs days 1..5, work end 6: taken
  add_offer(w, 3, job(5));  // B: A runs: declined
  add_offer(w, 6, job(0));  // C: A's work ended this morning; 0 days: takes no slot
  add_offer(w, 6, job(3));  // D: C takes no slot: taken, runs days 6..8
  add_offer(w, 8, job(1));  // E: D runs: declined
  add_offer(w, 9, job(1));  // F: D's work ended on day 9: taken

  const auto r = play(sc, w, 1);
  INFO(r.trace.story());
  CHECK(r.trace.days("start") == Days{1, 6, 6, 9});
  CHECK(r.trace.days("decline") == Days{3, 8});
  CHECK(r.result.jobs_won == 4);

  // The pipeline's default is unlimited.
  CHECK(play(sc, w, 0).result.jobs_won == 6);

  SECTION("max_parallel 0 declines everything") {
    sc.strategies[1].max_parallel = 0;
    CHECK(play(sc, w, 1).result.jobs_won == 0);
  }
}

TEST_CASE("a strategy with fewer proposals keeps an offer when keep_u is below its rate over "
          "the largest rate",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  // The pipeline's 7 proposals a week is the largest rate; half as many keep
  // an offer when keep_u < 0.5.
  model::strategy slow;
  slow.name = "slow";
  slow.proposals_per_week = 3.5;
  sc.strategies.push_back(slow);

  sim::world w = hand_world(sc);
  const std::vector<double> keep{0.1, 0.49, 0.51, 0.9, 0.3};
  const std::vector<model::day_count> durations{1, 2, 3, 4, 6};
  for (std::size_t k = 0; k < keep.size(); ++k) {
    sim::job_draws d = job(durations[k]);
    d.keep_u = keep[k];
    add_offer(w, static_cast<std::int32_t>(1 + 5 * k), d);  // days 1, 6, 11, 16, 21
  }

  const auto all = play(sc, w, 0);
  CHECK(all.result.jobs_won == 5);

  const auto r = play(sc, w, 1);
  INFO(r.trace.story());
  // Kept: offers 0 (day 1, 1 day), 1 (day 6, 2 days) and 4 (day 21, 6 days),
  // with their own durations: work ends on days 2, 8 and 27.
  CHECK(r.trace.days("start") == Days{1, 6, 21});
  CHECK(r.trace.days("work end") == Days{2, 8, 27});
  CHECK(r.trace.days("decline").empty());  // thinned offers are not offers at all
  CHECK(r.result.jobs_won == 3);

  SECTION("no proposals: no offer is kept") {
    sc.strategies[1].proposals_per_week = 0;
    CHECK(play(sc, w, 1).result.jobs_won == 0);
  }

  SECTION("at the largest rate every offer is kept, keep_u as close to 1 as it gets") {
    // The runner keeps offers at the largest rate without drawing keep_u:
    // keep_u * rate < rate for every keep_u below 1 and every rate.
    for (sim::offer& o : w.offers) o.draws.keep_u = std::nextafter(1.0, 0.0);
    CHECK(play(sc, w, 0).result.jobs_won == 5);
    CHECK(play(sc, w, 1).result.jobs_won == 0);
    std::mt19937_64 bits(7);
    for (int i = 0; i < 100'000; ++i) {
      // Rates from 2^-20 to 2^20 a day, powers of two among them.
      const double rate = std::ldexp(1.0 + static_cast<double>(bits() % 4096) / 4096.0,
                                     static_cast<int>(bits() % 41) - 20);
      REQUIRE(std::nextafter(1.0, 0.0) * rate < rate);
    }
  }
}

// --- rehires -----------------------------------------------------------------

TEST_CASE("a positive close brings a rehire by the same client that day, counted as won",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  clear_history(sc);
  // Every job of the type ends positive (table `good`) and is rehired.
  sc.pipeline.jobs[job_quick].outcomes = table_good;
  sc.pipeline.jobs[job_quick].rehire = 1;
  sc.pipeline.jobs[job_quick].duration_days = model::distribution::fixed(20);
  sim::world w = hand_world(sc);
  REQUIRE_FALSE(w.start_jss.has_value());

  SECTION("the rehires chain while they close positive") {
    sim::job_draws d = job(20);
    d.rehire_u = 0.5;
    add_offer(w, 1, d);
    const auto r = play(sc, w);
    INFO(r.trace.story());
    // Day 1: start, closes day 21; rehired on day 21, closes day 41; rehired
    // on 41, closes 61 (the horizon); rehired on day 61, whose work would end
    // after the horizon.
    CHECK(r.trace.days("start") == Days{1, 21, 41, 61});
    CHECK(r.trace.days("close") == Days{21, 41, 61});
    CHECK(r.result.jobs_won == 4);
    // One client only: no window has min_clients = 2, no score is shown.
    CHECK(r.result.jss == scores({-1, -1, -1, -1}));
    CHECK(r.result.earned_usd == 300.0);
  }
  SECTION("two offers are two clients") {
    sc.pipeline.jobs[job_quick].rehire = 0;
    add_offer(w, 1, job(20));
    add_offer(w, 2, job(20));
    const auto r = play(sc, w);
    CHECK(r.result.jobs_won == 2);
    // Closes on days 21 and 22: two clients, two positives: 100.
    CHECK(r.result.jss == scores({-1, 100, 100, 100}));
  }
  SECTION("rehire_u at or above the job type's rehire: no rehire") {
    sc.pipeline.jobs[job_quick].rehire = 0.4;
    sim::job_draws d = job(20);
    d.rehire_u = 0.4;
    add_offer(w, 1, d);
    CHECK(play(sc, w).result.jobs_won == 1);
  }
}

TEST_CASE("a close that is not positive brings no rehire", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sc.pipeline.jobs[job_quick].rehire = 1;
  sim::world w = hand_world(sc);
  sim::job_draws d = job(5);
  d.rehire_u = 0;
  SECTION("neutral") { d.row = row_neutral; }
  SECTION("negative") { d.row = row_negative; }
  SECTION("no feedback: excluded") { d.row = row_silent; }
  add_offer(w, 1, d);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.trace.days("close") == Days{6});
  CHECK(r.result.jobs_won == 1);
}

TEST_CASE("a rehire is declined like any offer", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sc.pipeline.jobs[job_quick].outcomes = table_good;
  sc.pipeline.jobs[job_quick].rehire = 1;
  sc.pipeline.jobs[job_quick].duration_days = model::distribution::fixed(20);
  sc.pipeline.max_parallel = 1;
  sim::world w = hand_world(sc);
  sim::job_draws a = job(2);  // A: work ends day 3, the client closes day 13
  a.close_delay = 10;
  a.rehire_u = 0;
  add_offer(w, 1, a);
  sim::job_draws b = job(20);  // B: runs days 5..24
  b.rehire_u = 0;
  add_offer(w, 5, b);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  // Day 13: A's client rehires, B runs: declined. Day 25: B closes, its
  // client rehires (20 days: closes day 45, rehires again on day 45, whose
  // work would end after the horizon).
  CHECK(r.trace.days("decline") == Days{13});
  CHECK(r.trace.days("start") == Days{1, 5, 25, 45});
  CHECK(r.result.jobs_won == 4);
}

// --- the history's clients ---------------------------------------------------

TEST_CASE("an open history contract's client pays weekly from today and closes ends_in_days "
          "after today with its row",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t c = add_open_contract(sc, "dud", iso("2026-02-20"));
  sim::world w = hand_world(sc);
  REQUIRE(w.start_jss == 33);  // open, unpaid, 9 days idle: excluded
  sim::future_draws& f = w.futures[c];
  f.acts = true;
  f.weekly_usd = 50;
  f.table = table_mixed;
  f.row = row_positive;

  SECTION("closes on day 20") {
    f.ends_on = sim::day{20};
    const auto r = play(sc, w);
    INFO(r.trace.story());
    // Paid on days 7 and 14; day 21 is after its end.
    CHECK(r.trace.days("payment") == Days{7, 14});
    CHECK(r.trace.days("close") == Days{20});
    CHECK(r.result.earned_usd == 100.0);
    // Day 14: open, paid that day, span 7: excluded, 33. Day 28: positive,
    // $100 weighs 1: 50.
    CHECK(r.result.jss == scores({33, 50, 50, 50}));
  }
  SECTION("closes with a negative row") {
    f.ends_on = sim::day{20};
    f.row = row_negative;
    CHECK(play(sc, w).result.jss == scores({33, 0, 0, 0}));
  }
  SECTION("never ends within the horizon: pays every week to the horizon") {
    f.ends_on = std::nullopt;
    const auto r = play(sc, w);
    CHECK(r.trace.days("payment") == Days{7, 14, 21, 28, 35, 42, 49, 56});
    CHECK(r.trace.days("close").empty());
    CHECK(r.result.earned_usd == 400.0);
  }
}

TEST_CASE("a ghost history client, or a contract without future, never acts", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t c = add_open_contract(sc, "dud", iso("2026-02-20"));
  sim::world w = hand_world(sc);
  // Everything a client could do, but acts is false.
  sim::future_draws& f = w.futures[c];
  f.acts = false;
  f.ends_on = sim::day{20};
  f.weekly_usd = 50;
  f.row = row_positive;
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.trace.events.empty());
  CHECK(r.result.earned_usd == 0.0);
  CHECK(r.result.jss == scores({33, 33, 33, 33}));
}

// --- own closes --------------------------------------------------------------

TEST_CASE("a scheduled own close ends a history contract on its day, with the client's row "
          "when own_close_u is below own_close_feedback",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  // Stale after 30 days, so that the dead contract counts (neutral) today.
  sc.rules.stale_after_days = 30;
  const std::uint32_t c = add_open_contract(sc, "dead", iso("2026-01-20"));
  model::strategy closer;
  closer.name = "close the dead contract";
  closer.close = {model::scheduled_close{c, tiny_today + 10}};
  sc.strategies.push_back(closer);

  sim::world w = hand_world(sc);
  // Open, unpaid, 40 days idle: stale, neutral. (2 - 1) / (2 + 1 + 1) = 25.
  REQUIRE(w.start_jss == 25);
  // A ghost: own closes are answered all the same.
  w.futures[c].acts = false;
  w.futures[c].table = table_mixed;
  w.futures[c].row = row_positive;

  SECTION("answered: the client's row applies") {
    w.futures[c].own_close_u = 0.1;  // < 0.3, the default own_close_feedback
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("close") == Days{10});
    CHECK(r.trace.days("close", "feedback given") == Days{10});
    // (3 - 1) / 4 = 50.
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("not answered: a $0 contract without feedback, not long-term, is excluded") {
    w.futures[c].own_close_u = 0.5;
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("close", "no feedback") == Days{10});
    // (2 - 1) / 3 = 33.
    CHECK(r.result.jss == scores({33, 33, 33, 33}));
  }
  SECTION("answered with the client's silent row: the story says no feedback was given") {
    w.futures[c].own_close_u = 0.1;
    w.futures[c].row = row_silent;
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("close", "no feedback") == Days{10});
    CHECK(r.trace.days("close", "feedback given").empty());
    CHECK(r.result.jss == scores({33, 33, 33, 33}));
  }
  SECTION("own_close_feedback is the strategy's") {
    w.futures[c].own_close_u = 0.5;
    sc.strategies[1].own_close_feedback = 0.6;
    CHECK(play(sc, w, 1).result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("the baseline does not close it") {
    const auto r = play(sc, w, 0);
    CHECK(r.trace.days("close").empty());
    // Still stale: neutral while its reference (2026-01-20) is in the
    // windows; on day 56 (2026-04-26) it has left the 3-month window, whose
    // score 33 lifts the trending score to (33.3 + 25) / 2 = 29.2, shown 29.
    CHECK(r.result.jss == scores({25, 25, 25, 29}));
  }
  SECTION("a contract the client closed first is not closed again") {
    w.futures[c].acts = true;
    w.futures[c].ends_on = sim::day{5};
    w.futures[c].row = row_negative;
    w.futures[c].own_close_u = 0.1;
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("close") == Days{5});
    CHECK(r.result.jss == scores({0, 0, 0, 0}));
  }
}

TEST_CASE("close_stale_after_days closes a contract on the first day at or after its work end "
          "that is that many days past its last activity",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);
  model::strategy tidy;
  tidy.name = "tidy";
  sc.strategies.push_back(tidy);

  SECTION("a history contract: its work is done") {
    const std::uint32_t c = add_open_contract(sc, "dud", iso("2026-02-19"));  // day -10
    sc.strategies[1].close_stale_after_days = 30;
    sim::world w = hand_world(sc);
    w.futures[c].own_close_u = 0.9;  // no feedback
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    // Last activity day -10: 30 days idle on day 20.
    CHECK(r.trace.days("close", "stale") == Days{20});
    CHECK(r.trace.days("close", "no feedback") == Days{20});
    CHECK(play(sc, w, 0).trace.days("close").empty());
  }
  SECTION("a history contract already that idle today is closed today") {
    const std::uint32_t c = add_open_contract(sc, "dud", iso("2025-12-01"));
    sc.strategies[1].close_stale_after_days = 30;
    sim::world w = hand_world(sc);
    w.futures[c].own_close_u = 0.9;
    CHECK(play(sc, w, 1).trace.days("close", "stale") == Days{0});
  }
  SECTION("a won fixed job of a ghost: from its work end, idle since its start") {
    sim::world w = hand_world(sc);
    sim::job_draws d = job(10);
    d.ghost = true;
    add_offer(w, 1, d);  // work end day 11, last activity day 1
    sc.strategies[1].close_stale_after_days = 5;
    CHECK(play(sc, w, 1).trace.days("close", "stale") == Days{11});
    sc.strategies[1].close_stale_after_days = 20;
    CHECK(play(sc, w, 1).trace.days("close", "stale") == Days{21});
  }
  SECTION("a won hourly job of a ghost: idle since its last payment") {
    sim::world w = hand_world(sc);
    sim::job_draws d = hourly_job(10, 70);
    d.ghost = true;
    add_offer(w, 1, d, hourly);  // paid on days 8 and 11 (the work end)
    sc.strategies[1].close_stale_after_days = 5;
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("payment") == Days{8, 11});
    CHECK(r.trace.days("close", "stale") == Days{16});
  }
  SECTION("the stale close answers with the job's row when own_close_u is low") {
    sim::world w = hand_world(sc);
    sim::job_draws d = job(10);
    d.ghost = true;
    d.own_close_u = 0.1;
    add_offer(w, 1, d);
    sc.strategies[1].close_stale_after_days = 5;
    const auto r = play(sc, w, 1);
    CHECK(r.trace.days("close", "feedback given") == Days{11});
    // Positive, unpaid ($0 weighs 1): (3 - 1) / 4 = 50.
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("a client who keeps paying keeps its contract fresh") {
    const std::uint32_t c = add_open_contract(sc, "steady", iso("2026-02-26"));  // day -3
    sc.strategies[1].close_stale_after_days = 10;
    sim::world w = hand_world(sc);
    w.futures[c].acts = true;
    w.futures[c].weekly_usd = 50;
    w.futures[c].ends_on = sim::day{40};
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    // Paid every 7 days (< 10): never stale; the client closes on day 40.
    CHECK(r.trace.days("close", "stale").empty());
    CHECK(r.trace.days("close", "the client closes") == Days{40});
  }
}

// --- until_recovered ---------------------------------------------------------

TEST_CASE("until_recovered reverts every setting at recovery and cancels the closes not yet done",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);
  const std::uint32_t dud = add_open_contract(sc, "dud", iso("2026-02-25"));  // day -4
  sc.simulation.target.jss = 50;
  model::strategy sprint;
  sprint.name = "sprint";
  sprint.proposals_per_week = 3.5;  // keeps keep_u < 0.5
  sprint.accept = std::vector<std::size_t>{job_quick};
  sprint.max_parallel = 1;
  sprint.close = {model::scheduled_close{dud, tiny_today + 20}};
  sprint.close_stale_after_days = 30;  // the dud on day 26, a ghost job on day 46
  sprint.until_recovered = true;
  sc.strategies.push_back(sprint);

  sim::world w = hand_world(sc);
  w.futures[dud].own_close_u = 0.9;  // an own close gets no feedback
  sim::job_draws o0 = job(5);        // day 1, kept, closes positive on day 6
  o0.keep_u = 0.1;
  add_offer(w, 1, o0);
  sim::job_draws o1 = hourly_job(5, 70);  // day 2: hourly, not accepted
  o1.keep_u = 0.1;
  add_offer(w, 2, o1, hourly);
  sim::job_draws o2 = job(5);  // day 7: thinned (keep_u >= 0.5)
  o2.keep_u = 0.9;
  add_offer(w, 7, o2);
  // Day 14: (3 - 1) / 4 = 50 >= 50: recovered; the pipeline's settings from now.
  sim::job_draws o3 = hourly_job(30, 70);  // day 15: hourly, full rate: taken
  o3.keep_u = 0.9;
  add_offer(w, 15, o3, hourly);
  sim::job_draws o4 = job(5);  // day 16: o3 runs, but max_parallel is unlimited again
  o4.keep_u = 0.9;
  o4.ghost = true;
  add_offer(w, 16, o4);

  SECTION("with until_recovered") {
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.result.recovery_slot == 1);
    CHECK(r.recovery_days == 14);
    CHECK(r.trace.days("start") == Days{1, 15, 16});
    CHECK(r.result.jobs_won == 3);
    // No own close of the dud on day 20, no stale close of the dud (day 26)
    // or of the ghost job (day 46): only the clients' closes of o0 and o3
    // (work end 45, no delay).
    CHECK(r.trace.days("close") == Days{6, 45});
    // o3: $70 on days 22, 29, 36, 43, 2/7 of $70 on day 45: $300.
    CHECK(r.result.earned_usd == Approx(400.0).margin(1e-9));
    // Day 56: o3 is positive and weighs 1.25 ($300):
    // (2 + 1 + 1.25 - 1) / (4 + 1.25) = 61.9, shown 62.
    CHECK(r.result.jss == scores({50, 50, 50, 62}));
  }
  SECTION("without until_recovered the strategy's settings stay") {
    sc.strategies[1].until_recovered = false;
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.result.recovery_slot == 1);
    CHECK(r.trace.days("start") == Days{1});
    // Day 2: hourly, not accepted. Days 7, 15 and 16: thinned, silently.
    CHECK(r.trace.days("decline") == Days{2});
    CHECK(r.trace.days("close") == Days{6, 20});
    CHECK(r.result.jobs_won == 1);
  }
}

// --- recovery ----------------------------------------------------------------

TEST_CASE("a run recovers on the first recalculation day whose displayed JSS meets the target",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sim::world w = hand_world(sc);
  add_offer(w, 1, job(5));   // closes day 6
  add_offer(w, 20, job(5));  // closes day 25
  // 33 today, 50 on day 14, 60 from day 28.

  SECTION("target 50: day 14, slot 1") {
    sc.simulation.target.jss = 50;
    const auto r = play(sc, w);
    CHECK(r.result.jss == scores({50, 60, 60, 60}));
    CHECK(r.result.recovery_slot == 1);
    CHECK(r.recovery_days == 14);
    REQUIRE(r.trace.recalculations.size() == 4);
    CHECK(r.trace.recalculations[0].day == 14);
    CHECK(r.trace.recalculations[0].recovered);
  }
  SECTION("target 60: day 28, slot 2") {
    sc.simulation.target.jss = 60;
    const auto r = play(sc, w);
    CHECK(r.result.recovery_slot == 2);
    CHECK(r.recovery_days == 28);
    REQUIRE(r.trace.recalculations.size() == 4);
    CHECK_FALSE(r.trace.recalculations[0].recovered);
    CHECK(r.trace.recalculations[1].recovered);
    CHECK(r.trace.recalculations[3].recovered);  // once recovered, stays so
  }
  SECTION("a fractional target: 59.5 is not met by 50, met by 60") {
    sc.simulation.target.jss = 59.5;
    CHECK(play(sc, w).result.recovery_slot == 2);
  }
}

TEST_CASE("with hold 2 a run recovers on the second of two consecutive recalculations at the "
          "target",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sc.simulation.target.jss = 50;
  sim::world w = hand_world(sc);
  add_offer(w, 1, job(5));  // closes day 6: 50 on day 14
  sim::job_draws bad = job(5);
  bad.row = row_negative;
  add_offer(w, 15, bad);  // closes day 20: (3 - 2) / 5 = 20 on day 28
  add_offer(w, 29, job(5));  // three positives close on days 34, 35, 36:
  add_offer(w, 30, job(5));  // (6 - 2) / 8 = 50 on days 42 and 56
  add_offer(w, 31, job(5));

  SECTION("hold 1") {
    const auto r = play(sc, w);
    CHECK(r.result.jss == scores({50, 20, 50, 50}));
    CHECK(r.result.recovery_slot == 1);
  }
  SECTION("hold 2: day 14 alone is not enough; days 42 and 56 are") {
    sc.simulation.target.hold = 2;
    const auto r = play(sc, w);
    CHECK(r.result.jss == scores({50, 20, 50, 50}));
    CHECK(r.result.recovery_slot == 4);
    CHECK(r.recovery_days == 56);
  }
  SECTION("hold 3: censored") {
    sc.simulation.target.hold = 3;
    const auto r = play(sc, w);
    CHECK(r.result.recovery_slot == r.censored_slot);
    CHECK(r.recovery_days == -1);
  }
}

TEST_CASE("a run whose start JSS meets the target recovers at day 0", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sc.simulation.target.jss = 33;
  const std::uint32_t hourly = add_hourly_job(sc);
  model::strategy picky;
  picky.name = "picky until recovered";
  picky.accept = std::vector<std::size_t>{job_quick};
  picky.until_recovered = true;
  sc.strategies.push_back(picky);
  sim::world w = hand_world(sc);
  add_offer(w, 1, hourly_job(5, 70), hourly);

  const auto r = play(sc, w, 0);
  CHECK(r.result.recovery_slot == 0);
  CHECK(r.recovery_days == 0);

  SECTION("whatever the hold") {
    sc.simulation.target.hold = 3;
    CHECK(play(sc, w, 0).result.recovery_slot == 0);
  }
  SECTION("until_recovered settings revert at once: the hourly offer is taken") {
    const auto p = play(sc, w, 1);
    CHECK(p.result.recovery_slot == 0);
    CHECK(p.result.jobs_won == 1);
  }
  SECTION("a run without a score today does not recover at day 0") {
    clear_history(sc);
    sc.simulation.target.jss = 0;
    const sim::world empty = hand_world(sc);
    REQUIRE_FALSE(empty.start_jss.has_value());
    const auto e = play(sc, empty, 0);
    CHECK(e.result.start_jss == sim::no_score);
    CHECK(e.result.recovery_slot == e.censored_slot);
  }
}

TEST_CASE("a run that does not meet the target by the horizon is censored", "[sim][run]") {
  const model::scenario sc = tiny_scenario();  // target 90
  sim::world w = hand_world(sc);
  add_offer(w, 1, job(5));
  // Work ends on day 60, the client would close on day 62, after the horizon.
  sim::job_draws late = job(5);
  late.close_delay = 2;
  add_offer(w, 55, late);
  const auto r = play(sc, w);
  INFO(r.trace.story());
  CHECK(r.censored_slot == 5);  // 4 recalculations
  CHECK(r.result.recovery_slot == 5);
  CHECK(r.recovery_days == -1);
  CHECK(r.result.jss == scores({50, 50, 50, 50}));
  CHECK(r.result.final_jss() == 50);
  CHECK(r.trace.days("close") == Days{6});
  CHECK(r.result.earned_usd == 100.0);
  CHECK(r.result.jobs_won == 2);
}

// --- the same-day order ------------------------------------------------------

TEST_CASE("events of one day happen in MODEL.md's order and the recalculation sees them all",
          "[sim][run]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t hourly = add_hourly_job(sc);

  SECTION("a close on a recalculation day is seen by that recalculation") {
    sim::world w = hand_world(sc);
    add_offer(w, 9, job(5));  // closes on day 14
    const auto r = play(sc, w);
    CHECK(r.trace.days("close") == Days{14});
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("a job offered on a recalculation day that ends and closes that day is seen") {
    sim::world w = hand_world(sc);
    add_offer(w, 14, job(0));
    const auto r = play(sc, w);
    CHECK(r.trace.days("close") == Days{14});
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("an hourly job's last payment comes before its work end and its close") {
    sim::world w = hand_world(sc);
    add_offer(w, 4, hourly_job(10, 70), hourly);  // $70 on day 11, $30 and the close on day 14
    const auto r = play(sc, w);
    INFO(r.trace.story());
    CHECK(r.trace.kinds_on(14) == Kinds{"payment", "work end", "close"});
    CHECK(r.result.earned_usd == Approx(100.0).margin(1e-9));
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("a history client's payment on its close day comes before the close") {
    const std::uint32_t c = add_open_contract(sc, "dud", iso("2026-02-20"));
    sim::world w = hand_world(sc);
    w.futures[c].acts = true;
    w.futures[c].weekly_usd = 50;
    w.futures[c].ends_on = sim::day{14};
    const auto r = play(sc, w);
    CHECK(r.trace.kinds_on(14) == Kinds{"payment", "close"});
    CHECK(r.result.earned_usd == 100.0);
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("the client's close comes before a scheduled own close of the same day") {
    const std::uint32_t c = add_open_contract(sc, "dud", iso("2026-02-20"));
    model::strategy closer;
    closer.name = "closer";
    closer.close = {model::scheduled_close{c, tiny_today + 10}};
    sc.strategies.push_back(closer);
    sim::world w = hand_world(sc);
    w.futures[c].acts = true;
    w.futures[c].ends_on = sim::day{10};
    w.futures[c].row = row_positive;
    w.futures[c].own_close_u = 0.9;  // an own close would get no feedback
    const auto r = play(sc, w, 1);
    INFO(r.trace.story());
    CHECK(r.trace.days("close", "the client closes") == Days{10});
    CHECK(r.trace.days("close", "she closes").empty());
    CHECK(r.result.jss == scores({50, 50, 50, 50}));
  }
  SECTION("a work end frees its slot for an offer of the same day; a rehire comes before it") {
    sc.pipeline.max_parallel = 1;
    sc.pipeline.jobs[job_quick].rehire = 1;
    sc.pipeline.jobs[job_quick].outcomes = table_good;
    sim::world w = hand_world(sc);
    sim::job_draws a = job(5);  // closes day 6 and is rehired that day
    a.rehire_u = 0;
    add_offer(w, 1, a);
    add_offer(w, 6, job(3));  // day 6: the rehire took the slot: declined
    const auto r = play(sc, w);
    INFO(r.trace.story());
    // The fixed job is paid at its close, before the close itself.
    CHECK(r.trace.kinds_on(6) == Kinds{"work end", "payment", "close", "start", "decline"});
    CHECK(r.trace.days("decline") == Days{6});
  }
}

TEST_CASE("playing twice on one runner gives the same result", "[sim][run]") {
  model::scenario sc = tiny_scenario();
  sim::world w = hand_world(sc);
  add_offer(w, 1, job(5));
  const sim::run_plan plan(sc);
  sim::runner runner(plan);
  sim::run_result a;
  sim::run_result b;
  runner.play(w, 0, a);
  runner.play(hand_world(sc), 0, b);  // a world without offers in between
  runner.play(w, 0, b);
  CHECK(a.jss == b.jss);
  CHECK(a.jobs_won == b.jobs_won);
  CHECK(a.earned_usd == b.earned_usd);
  CHECK(a.recovery_slot == b.recovery_slot);
}
