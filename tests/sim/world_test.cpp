// SPDX-License-Identifier: MIT
#include "sim/world.hpp"

#include <algorithm>  // std::sort, std::adjacent_find, std::count
#include <catch2/catch.hpp>
#include <cmath>  // std::ceil
#include <vector>

#include "sim/plan.hpp"
#include "sim/random.hpp"
#include "tiny_scenario.hpp"

using namespace jssim;
using namespace jssim::test;

namespace {

void check_same_draws(const sim::job_draws& got, const sim::job_draws& expected) {
  CHECK(got.keep_u == expected.keep_u);
  CHECK(got.duration == expected.duration);
  CHECK(got.value_usd == expected.value_usd);
  CHECK(got.weekly_usd == expected.weekly_usd);
  CHECK(got.close_delay == expected.close_delay);
  CHECK(got.ghost == expected.ghost);
  CHECK(got.row == expected.row);
  CHECK(got.own_close_u == expected.own_close_u);
  CHECK(got.rehire_u == expected.rehire_u);
}

}  // namespace

TEST_CASE("a history client acts only with a future and unless it is a ghost", "[sim][world]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t none = add_open_contract(sc, "no-future", iso("2026-02-20"));
  const std::uint32_t ghost = add_open_contract(sc, "ghost", iso("2026-02-20"));
  model::contract_future vanishes;
  vanishes.ghost = 1;
  sc.history[ghost].future = vanishes;
  const std::uint32_t acts = add_open_contract(sc, "acts", iso("2026-02-20"));
  model::contract_future active;
  active.outcomes = table_good;
  active.ends_in_days = model::distribution::fixed(20.5);  // rounded half up: day 21
  active.weekly_usd = model::distribution::fixed(50);
  sc.history[acts].future = active;

  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::world w;
  std::vector<double> own_close_draws;
  std::vector<std::uint32_t> rows_seen;
  for (std::uint64_t run = 0; run < 20; ++run) {
    builder.build(run, w);
    INFO("run " << run);
    REQUIRE(w.futures.size() == sc.history.size());
    REQUIRE(w.history.size() == sc.history.size());
    CHECK(w.run == run);
    for (std::uint32_t closed = 0; closed < 3; ++closed) CHECK_FALSE(w.futures[closed].acts);
    CHECK_FALSE(w.futures[none].acts);
    CHECK_FALSE(w.futures[ghost].acts);
    CHECK(w.futures[acts].acts);
    CHECK(w.futures[acts].ends_on == sim::day{21});
    CHECK(w.futures[acts].weekly_usd == 50.0);
    CHECK(w.futures[acts].table == table_good);
    CHECK(w.futures[acts].row == 0);
    // Every contract has a row and an own-close draw, for an own close: the
    // first two numbers of its own stream (MODEL.md section 8), the row by
    // the default table's probabilities (0.7, 0.1, 0.1, 0.1).
    sim::stream s(sc.simulation.seed, run, sim::purpose::future, none);
    const double row_u = s.uniform01();
    const std::uint32_t row = row_u < 0.7 ? 0 : row_u < 0.8 ? 1 : row_u < 0.9 ? 2 : 3;
    CHECK(w.futures[none].table == 0);
    CHECK(w.futures[none].row == row);
    CHECK(w.futures[none].own_close_u == s.uniform01());
    own_close_draws.push_back(w.futures[none].own_close_u);
    rows_seen.push_back(w.futures[none].row);
  }
  // Drawn anew for each run, not left at their defaults.
  std::sort(own_close_draws.begin(), own_close_draws.end());
  CHECK(std::adjacent_find(own_close_draws.begin(), own_close_draws.end()) == own_close_draws.end());
  CHECK(std::count(rows_seen.begin(), rows_seen.end(), 0U) < 20);
}

TEST_CASE("a history client with ghost 0.5 vanishes in about half of the runs", "[sim][world]") {
  model::scenario sc = tiny_scenario();
  const std::uint32_t c = add_open_contract(sc, "maybe", iso("2026-02-20"));
  model::contract_future f;
  f.ghost = 0.5;
  f.ends_in_days = model::distribution::uniform(7, 90);
  sc.history[c].future = f;
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::world w;
  int acting = 0;
  constexpr int runs = 4000;
  for (int run = 0; run < runs; ++run) {
    builder.build(static_cast<std::uint64_t>(run), w);
    if (!w.futures[c].acts) continue;
    ++acting;
    REQUIRE(w.futures[c].ends_on.has_value());
    CHECK(w.futures[c].ends_on->value >= 7);
    CHECK(w.futures[c].ends_on->value <= 90);
  }
  CHECK(acting / double{runs} == Approx(0.5).margin(0.04));  // sd 0.008
}

TEST_CASE("offers arrive as a Poisson process at the largest rate, with their job type's "
          "attributes",
          "[sim][world]") {
  model::scenario sc = tiny_scenario();  // 0.1 offers a day
  model::job_type& quick = sc.pipeline.jobs[job_quick];
  quick.duration_days = model::distribution::fixed(2.5);  // 3 whole days
  quick.value_usd = model::distribution::fixed(120);
  quick.ghost = 1;
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::world w;
  constexpr int runs = 2000;
  std::size_t offers = 0;
  for (int run = 0; run < runs; ++run) {
    builder.build(static_cast<std::uint64_t>(run), w);
    offers += w.offers.size();
    for (std::uint32_t k = 0; k < w.offers.size(); ++k) {
      const sim::offer& o = w.offers[k];
      REQUIRE(o.job == job_quick);
      REQUIRE(o.number == k);
      REQUIRE(o.on.value == static_cast<std::int32_t>(std::ceil(o.time)));
      REQUIRE(o.on.value >= 1);
      REQUIRE(o.on <= plan.horizon());
      const sim::job_draws& d = w.draws(k);
      REQUIRE(d.duration == 3);
      REQUIRE(d.value_usd == 120.0);
      REQUIRE(d.weekly_usd == 0.0);
      REQUIRE(d.ghost);
      REQUIRE(d.close_delay == 0);
      REQUIRE(d.keep_u >= 0.0);
      REQUIRE(d.keep_u < 1.0);
    }
  }
  // 0.1 a day over 61 days: 6.1 offers a run (sd of the mean 0.055).
  CHECK(static_cast<double>(offers) / runs == Approx(6.1).margin(0.2));

  SECTION("no proposals anywhere: no offers") {
    sc.pipeline.proposals_per_week = 0;
    const sim::run_plan idle(sc);
    sim::world_builder(idle).build(0, w);
    CHECK(w.offers.empty());
  }
}

TEST_CASE("an offer's attributes drawn when first taken are those of its own stream, in any "
          "order",
          "[sim][world]") {
  model::scenario sc = tiny_scenario();
  sc.pipeline.proposals_per_week = 40;  // enough offers to draw in a shuffled order
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::world w;
  builder.build(3, w);
  REQUIRE(w.offers.size() >= 10);
  // Nothing is drawn with the world.
  for (const sim::offer& o : w.offers) {
    CHECK_FALSE(o.keep_drawn);
    CHECK_FALSE(o.drawn);
  }
  // Every other offer, then the rest backwards: the order of the first takes
  // must not matter, nor must asking twice. Every third offer is asked for
  // its keep_u first (a strategy below the largest rate), the others are
  // taken at once (a strategy at the largest rate keeps them unasked).
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < w.offers.size(); k += 2) order.push_back(k);
  for (std::size_t k = w.offers.size(); k-- > 0;) {
    if (k % 2 == 1) order.push_back(k);
  }
  for (const std::size_t k : order) {
    const sim::offer& o = w.offers[k];
    INFO("offer " << k);
    sim::stream s(sc.simulation.seed, 3, sim::purpose::offer, o.job, o.number);
    const sim::job_draws expected = sim::draw_job(plan.job(o.job), s);
    if (k % 3 == 0) {
      CHECK(w.keep_u(k) == expected.keep_u);
      CHECK(o.keep_drawn);
      CHECK_FALSE(o.drawn);
      CHECK(w.keep_u(k) == expected.keep_u);  // asked twice, the same
    }
    const sim::job_draws got = w.draws(k);  // a copy: asked again below
    CHECK(o.keep_drawn);
    CHECK(o.drawn);
    CHECK(w.keep_u(k) == expected.keep_u);
    check_same_draws(got, expected);
    // Asked again, the offer keeps what it drew: a second draw would go on
    // along the stream and give other numbers.
    check_same_draws(w.draws(k), got);
  }
  // Building the world again forgets what was drawn.
  builder.build(3, w);
  for (const sim::offer& o : w.offers) {
    CHECK_FALSE(o.keep_drawn);
    CHECK_FALSE(o.drawn);
  }
}

TEST_CASE("the world's start JSS is the history scored on the latest recalculation day on or "
          "before today",
          "[sim][world]") {
  model::scenario sc = tiny_scenario();
  // The latest recalculation on or before today is 2026-02-22: cat's
  // negative contract ended 2026-02-10 counts, a positive one that ended on
  // 2026-02-25 does not yet.
  sc.rules.recalc_anchor = iso("2026-02-22");
  sc.history.push_back(closed_contract("dan-1", 3, 5.0, 10));
  sc.history.back().client = "dan";
  sc.history.back().ended = iso("2026-02-25");
  sc.history.back().last_paid = iso("2026-02-25");
  sc.history.back().first_paid = iso("2026-02-25");
  sc.clients.push_back("dan");
  const sim::run_plan plan(sc);
  sim::world w;
  sim::world_builder(plan).build(0, w);
  // On 2026-02-22: ann +, bob +, cat -, dan open and paid later (unpaid then,
  // excluded): 33.
  CHECK(w.start_jss == 33);
}
