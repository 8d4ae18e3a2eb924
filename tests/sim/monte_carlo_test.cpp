// SPDX-License-Identifier: MIT
#include "sim/monte_carlo.hpp"

#include <algorithm>  // std::max
#include <array>
#include <atomic>
#include <chrono>
#include <catch2/catch.hpp>
#include <cmath>    // std::llround, std::ceil
#include <map>
#include <memory>
#include <numeric>  // std::accumulate
#include <span>
#include <string>
#include <thread>
#include <utility>  // std::pair
#include <vector>

#include "sim/plan.hpp"
#include "sim/world.hpp"
#include "tiny_scenario.hpp"

using namespace jssim;
using namespace jssim::test;

namespace {

/// The tiny scenario with real random offers over 6 months: two job types, an
/// open history contract whose client may close it, and four strategies.
model::scenario random_scenario() {
  model::scenario sc = tiny_scenario();
  sc.simulation.horizon_months = 6;
  sc.simulation.seed = 42;
  sc.simulation.target.jss = 60;
  sc.pipeline.proposals_per_week = 10;
  model::job_type& quick = sc.pipeline.jobs[job_quick];
  quick.win_rate = 0.2;
  quick.duration_days = model::distribution::lognormal(6, 15);
  quick.value_usd = model::distribution::uniform(40, 250);
  quick.close_delay_days = model::distribution::exponential(4);
  quick.ghost = 0.05;
  quick.rehire = 0.1;
  const std::uint32_t hourly = add_hourly_job(sc);
  sc.pipeline.jobs[hourly].win_rate = 0.02;
  sc.pipeline.jobs[hourly].duration_days = model::distribution::uniform(30, 150);
  sc.pipeline.jobs[hourly].weekly_usd = model::distribution::triangular(100, 300, 600);
  sc.pipeline.jobs[hourly].outcomes = table_good;

  const std::uint32_t dud = add_open_contract(sc, "dud", iso("2026-01-10"));
  model::contract_future future;
  future.outcomes = table_mixed;
  future.ends_in_days = model::distribution::uniform(7, 90);
  future.ghost = 0.5;
  future.weekly_usd = model::distribution::fixed(20);
  sc.history[dud].future = future;

  model::strategy quick_wins;
  quick_wins.name = "quick wins";
  quick_wins.proposals_per_week = 15;
  quick_wins.accept = std::vector<std::size_t>{job_quick};
  quick_wins.close_stale_after_days = 30;
  quick_wins.until_recovered = true;
  sc.strategies.push_back(quick_wins);

  model::strategy slow;
  slow.name = "slow";
  slow.proposals_per_week = 4;
  slow.max_parallel = 2;
  sc.strategies.push_back(slow);

  model::strategy closer;
  closer.name = "close the dud";
  closer.close = {model::scheduled_close{dud, tiny_today + 1}};
  sc.strategies.push_back(closer);
  return sc;
}

/// A collector for tests: every run of every strategy, whole, by run index,
/// and integer histograms like the ones analysis/ keeps.
class test_collector final : public sim::run_collector {
 public:
  explicit test_collector(const sim::run_plan& plan) : plan_(&plan) {
    const std::size_t n = plan.scenario().strategies.size();
    recovery.assign(n, std::vector<std::uint64_t>(plan.censored_slot() + 1, 0));
    jss.assign(n, std::vector<counts>(plan.recalc_count(), counts{}));
    start_jss.assign(n, counts{});
    jobs_won.assign(n, 0);
    earned_cents.assign(n, 0);
  }

  // Called on the worker threads: no Catch2 assertion here (Catch2 is not
  // thread-safe); a run of the wrong shape is counted and checked afterwards.
  void add(std::uint64_t run, std::span<const sim::run_result> played) override {
    ++runs;
    results[run].assign(played.begin(), played.end());
    if (played.size() != recovery.size()) {
      ++misshapen;
      return;
    }
    for (std::size_t s = 0; s < played.size(); ++s) {
      const sim::run_result& r = played[s];
      if (r.recovery_slot >= recovery[s].size() || r.jss.size() != jss[s].size()) {
        ++misshapen;
        continue;
      }
      ++recovery[s][r.recovery_slot];
      for (std::size_t i = 0; i < r.jss.size(); ++i) ++jss[s][i][bin(r.jss[i])];
      ++start_jss[s][bin(r.start_jss)];
      jobs_won[s] += r.jobs_won;
      earned_cents[s] += std::llround(r.earned_usd * 100.0);
    }
  }
  [[nodiscard]] std::unique_ptr<sim::run_collector> empty_copy() const override {
    return std::make_unique<test_collector>(*plan_);
  }
  void merge(const sim::run_collector& other) override {
    const auto& o = dynamic_cast<const test_collector&>(other);
    runs += o.runs;
    misshapen += o.misshapen;
    for (const auto& [run, r] : o.results) {
      REQUIRE(results.count(run) == 0);  // every run is played once
      results[run] = r;
    }
    for (std::size_t s = 0; s < recovery.size(); ++s) {
      for (std::size_t i = 0; i < recovery[s].size(); ++i) recovery[s][i] += o.recovery[s][i];
      for (std::size_t i = 0; i < jss[s].size(); ++i) {
        for (std::size_t b = 0; b < 102; ++b) jss[s][i][b] += o.jss[s][i][b];
      }
      for (std::size_t b = 0; b < 102; ++b) start_jss[s][b] += o.start_jss[s][b];
      jobs_won[s] += o.jobs_won[s];
      earned_cents[s] += o.earned_cents[s];
    }
  }

  using counts = std::array<std::uint64_t, 102>;
  static std::size_t bin(sim::jss_value v) {
    return v == sim::no_score ? 0 : static_cast<std::size_t>(v) + 1;
  }

  std::uint64_t runs = 0;
  std::uint64_t misshapen = 0;  ///< runs whose results do not fit the plan
  std::map<std::uint64_t, std::vector<sim::run_result>> results;
  std::vector<std::vector<std::uint64_t>> recovery;  ///< per strategy, per slot
  std::vector<std::vector<counts>> jss;              ///< per strategy, per recalculation
  std::vector<counts> start_jss;
  std::vector<std::uint64_t> jobs_won;
  std::vector<std::int64_t> earned_cents;

 private:
  const sim::run_plan* plan_;
};

test_collector simulate_runs(const sim::run_plan& plan, std::uint64_t first, std::uint64_t count,
                             unsigned threads) {
  test_collector c(plan);
  sim::mc_options options;
  options.threads = threads;
  REQUIRE(sim::simulate(plan, first, count, options, c));
  CHECK(c.misshapen == 0);
  return c;
}

bool same_run(const sim::run_result& a, const sim::run_result& b) {
  return a.recovery_slot == b.recovery_slot && a.jss == b.jss && a.start_jss == b.start_jss &&
         a.jobs_won == b.jobs_won && a.earned_usd == b.earned_usd;
}

/// How many runs of strategy `s` differ from strategy `t`'s (of a and b).
std::size_t differing_runs(const test_collector& a, std::size_t s, const test_collector& b,
                           std::size_t t) {
  REQUIRE(a.results.size() == b.results.size());
  std::size_t n = 0;
  for (const auto& [run, r] : a.results) {
    const auto it = b.results.find(run);
    REQUIRE(it != b.results.end());
    n += same_run(r.at(s), it->second.at(t)) ? 0U : 1U;
  }
  return n;
}

void check_same_totals(const test_collector& a, const test_collector& b) {
  CHECK(a.runs == b.runs);
  CHECK(a.recovery == b.recovery);
  CHECK(a.jss == b.jss);
  CHECK(a.start_jss == b.start_jss);
  CHECK(a.jobs_won == b.jobs_won);
  CHECK(a.earned_cents == b.earned_cents);
  REQUIRE(a.recovery.size() == b.recovery.size());
  for (std::size_t s = 0; s < a.recovery.size(); ++s) {
    INFO("strategy " << s);
    CHECK(differing_runs(a, s, b, s) == 0);
  }
}

template <class Counts>
std::uint64_t total(const Counts& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

/// The (day, days of work) of each job start in a trace.
std::vector<std::pair<std::int32_t, int>> starts(const recording_sink& trace) {
  std::vector<std::pair<std::int32_t, int>> out;
  for (const auto& e : trace.events) {
    if (e.kind != "start") continue;
    const auto at = e.detail.find("starts, ");
    REQUIRE(at != std::string::npos);
    out.emplace_back(e.day, std::stoi(e.detail.substr(at + 8)));
  }
  return out;
}

}  // namespace

TEST_CASE("the runs are the same for one thread, two threads and two batches",
          "[sim][monte_carlo]") {
  const model::scenario sc = random_scenario();
  const sim::run_plan plan(sc);

  const test_collector one = simulate_runs(plan, 0, 1000, 1);
  const test_collector two = simulate_runs(plan, 0, 1000, 2);
  test_collector batches = simulate_runs(plan, 0, 500, 2);
  batches.merge(simulate_runs(plan, 500, 500, 1));

  // The scenario is not trivial: jobs are won, some runs recover, some not.
  REQUIRE(one.runs == 1000);
  CHECK(one.jobs_won[0] > 1000);
  CHECK(one.earned_cents[0] > 0);
  CHECK(one.recovery[0].back() > 0);
  CHECK(one.recovery[0].back() < 1000);

  SECTION("two threads") { check_same_totals(one, two); }
  SECTION("runs 0..499 and 500..999") { check_same_totals(one, batches); }
  SECTION("a batch added to a collector that already holds runs") {
    test_collector c(plan);
    sim::mc_options options;
    options.threads = 2;
    REQUIRE(sim::simulate(plan, 0, 700, options, c));
    REQUIRE(sim::simulate(plan, 700, 300, options, c));
    CHECK(c.misshapen == 0);
    check_same_totals(one, c);
  }
}

TEST_CASE("every run is collected once, with its own index, and the counts agree",
          "[sim][monte_carlo]") {
  const model::scenario sc = random_scenario();
  const sim::run_plan plan(sc);
  constexpr std::uint64_t first = 100;
  constexpr std::uint64_t n = 300;  // not a multiple of the threads' blocks
  const test_collector t = simulate_runs(plan, first, n, 2);
  CHECK(t.runs == n);
  REQUIRE(t.results.size() == n);
  CHECK(t.results.begin()->first == first);
  CHECK(t.results.rbegin()->first == first + n - 1);
  for (std::size_t s = 0; s < sc.strategies.size(); ++s) {
    CHECK(total(t.recovery[s]) == n);
    CHECK(total(t.start_jss[s]) == n);
    for (const auto& h : t.jss[s]) CHECK(total(h) == n);
  }
  // Run 150 is the same whichever batch plays it.
  const test_collector alone = simulate_runs(plan, 150, 1, 1);
  REQUIRE(alone.results.size() == 1);
  for (std::size_t s = 0; s < sc.strategies.size(); ++s) {
    CHECK(same_run(alone.results.at(150).at(s), t.results.at(150).at(s)));
  }
}

TEST_CASE("two identical strategies give identical runs (common random numbers)",
          "[sim][monte_carlo]") {
  model::scenario sc = random_scenario();
  model::strategy twin = sc.strategies[1];
  twin.name = "quick wins again";
  sc.strategies.push_back(twin);
  const sim::run_plan plan(sc);
  const test_collector t = simulate_runs(plan, 0, 500, 2);
  CHECK(differing_runs(t, 1, t, 4) == 0);
  CHECK(t.recovery[1] == t.recovery[4]);
  CHECK(t.jss[1] == t.jss[4]);
  CHECK(t.earned_cents[1] == t.earned_cents[4]);
  // The other strategies do differ from it.
  CHECK(differing_runs(t, 1, t, 2) > 0);
  CHECK(t.jobs_won[1] != t.jobs_won[2]);
}

TEST_CASE("the k-th offer of a job type has the same attributes whatever the offer rate",
          "[sim][monte_carlo]") {
  model::scenario base = random_scenario();
  base.strategies.resize(1);
  model::scenario faster = base;
  model::strategy twice;
  twice.name = "twice the proposals";
  twice.proposals_per_week = 20;
  faster.strategies.push_back(twice);
  const sim::run_plan plan_a(base);
  const sim::run_plan plan_b(faster);
  REQUIRE(plan_b.max_rate(job_quick) == Approx(2 * plan_a.max_rate(job_quick)));

  sim::world a;
  sim::world b;
  sim::world_builder(plan_a).build(7, a);
  sim::world_builder(plan_b).build(7, b);

  std::size_t compared = 0;
  for (std::size_t i = 0; i < a.offers.size(); ++i) {
    for (std::size_t j = 0; j < b.offers.size(); ++j) {
      const sim::offer& x = a.offers[i];
      const sim::offer& y = b.offers[j];
      if (y.job != x.job || y.number != x.number) continue;
      INFO("job " << x.job << " offer " << x.number);
      const sim::job_draws& dx = a.draws(i);
      const sim::job_draws& dy = b.draws(j);
      CHECK(dy.keep_u == dx.keep_u);
      CHECK(dy.duration == dx.duration);
      CHECK(dy.value_usd == dx.value_usd);
      CHECK(dy.weekly_usd == dx.weekly_usd);
      CHECK(dy.close_delay == dx.close_delay);
      CHECK(dy.ghost == dx.ghost);
      CHECK(dy.row == dx.row);
      CHECK(dy.own_close_u == dx.own_close_u);
      CHECK(dy.rehire_u == dx.rehire_u);
      // The same arrival stream at twice the rate: half the time.
      CHECK(y.time == Approx(x.time / 2));
      ++compared;
    }
  }
  CHECK(compared >= 20);
  // The futures of the history do not depend on the rates either.
  REQUIRE(a.futures.size() == b.futures.size());
  for (std::size_t i = 0; i < a.futures.size(); ++i) {
    CHECK(a.futures[i].acts == b.futures[i].acts);
    CHECK(a.futures[i].ends_on == b.futures[i].ends_on);
    CHECK(a.futures[i].row == b.futures[i].row);
    CHECK(a.futures[i].own_close_u == b.futures[i].own_close_u);
  }
}

TEST_CASE("a strategy with fewer proposals takes exactly the offers it keeps, with their "
          "attributes",
          "[sim][monte_carlo]") {
  model::scenario sc = random_scenario();
  sc.strategies.resize(1);
  for (auto& job : sc.pipeline.jobs) job.rehire = 0;  // only offers start jobs
  model::strategy half;
  half.name = "half the proposals";
  half.proposals_per_week = 5;  // the pipeline's 10 is the largest
  sc.strategies.push_back(half);
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::runner runner(plan);

  for (std::uint64_t run = 0; run < 5; ++run) {
    INFO("run " << run);
    sim::world w;
    builder.build(run, w);
    std::vector<std::pair<std::int32_t, int>> all;
    std::vector<std::pair<std::int32_t, int>> kept;
    for (std::size_t k = 0; k < w.offers.size(); ++k) {
      const sim::job_draws& d = w.draws(k);
      all.emplace_back(w.offers[k].on.value, d.duration);
      if (d.keep_u < 0.5) kept.emplace_back(w.offers[k].on.value, d.duration);
    }
    REQUIRE(kept.size() < all.size());
    REQUIRE_FALSE(kept.empty());

    recording_sink full(sc.today);
    recording_sink thin(sc.today);
    sim::run_result out;
    runner.play(w, 0, out, &full);
    CHECK(out.jobs_won == all.size());
    runner.play(w, 1, out, &thin);
    CHECK(out.jobs_won == kept.size());
    CHECK(starts(full) == all);
    CHECK(starts(thin) == kept);
  }
}

TEST_CASE("a strategy with no proposals wins no job", "[sim][monte_carlo]") {
  model::scenario sc = random_scenario();
  model::strategy idle;
  idle.name = "idle";
  idle.proposals_per_week = 0;
  sc.strategies.push_back(idle);
  const std::size_t s = sc.strategies.size() - 1;
  const sim::run_plan plan(sc);
  const test_collector t = simulate_runs(plan, 0, 300, 2);
  CHECK(t.jobs_won[s] == 0);
  for (const auto& [run, r] : t.results) REQUIRE(r.at(s).jobs_won == 0);
  CHECK(t.jobs_won[0] > 0);
}

TEST_CASE("a run's world is the same however often and in whatever order it is built",
          "[sim][monte_carlo]") {
  const model::scenario sc = random_scenario();
  const sim::run_plan plan(sc);
  const sim::world_builder builder(plan);
  sim::world a;
  sim::world b;
  builder.build(3, a);
  builder.build(9, b);  // reusing b's memory for another run first
  builder.build(3, b);
  REQUIRE(a.offers.size() == b.offers.size());
  for (std::size_t i = 0; i < a.offers.size(); ++i) {
    CHECK(a.offers[i].time == b.offers[i].time);
    CHECK(a.offers[i].on == b.offers[i].on);
    CHECK(a.offers[i].job == b.offers[i].job);
    CHECK(a.offers[i].number == b.offers[i].number);
  }
  // Offers are in time order and land on day ceil(time), within the horizon.
  for (std::size_t i = 0; i < a.offers.size(); ++i) {
    CHECK(a.offers[i].on.value == static_cast<std::int32_t>(std::ceil(a.offers[i].time)));
    CHECK(a.offers[i].on <= plan.horizon());
    if (i > 0) CHECK(a.offers[i - 1].time <= a.offers[i].time);
  }
  CHECK(a.start_jss == 33);
}

TEST_CASE("a cancelled simulation returns false and leaves the collector alone",
          "[sim][monte_carlo]") {
  const model::scenario sc = random_scenario();
  const sim::run_plan plan(sc);
  test_collector c(plan);
  std::atomic<bool> cancel{true};
  sim::mc_options options;
  options.threads = 2;
  options.cancel = &cancel;
  CHECK_FALSE(sim::simulate(plan, 0, 500, options, c));
  CHECK(c.runs == 0);
  CHECK(c.results.empty());

  SECTION("progress is reported up to the number of runs") {
    cancel = false;
    std::uint64_t last = 0;
    options.progress = [&last](std::uint64_t done) { last = done; };
    CHECK(sim::simulate(plan, 0, 200, options, c));
    CHECK(last == 200);
    CHECK(c.runs == 200);
    CHECK(c.misshapen == 0);
  }
}

TEST_CASE("a simulation that reports progress returns when its runs are done, not at its next "
          "report",
          "[sim][monte_carlo]") {
  // Reports an hour apart: a simulation that waited for the next one would
  // outlast the test's time limit.
  const model::scenario sc = random_scenario();
  const sim::run_plan plan(sc);
  for (const unsigned threads : {1U, 2U}) {
    test_collector c(plan);
    sim::mc_options options;
    options.threads = threads;
    options.progress_every = std::chrono::hours(1);
    std::vector<std::uint64_t> reported;
    options.progress = [&reported](std::uint64_t done) { reported.push_back(done); };
    const auto began = std::chrono::steady_clock::now();
    CHECK(sim::simulate(plan, 0, 300, options, c));
    CHECK(std::chrono::steady_clock::now() - began < std::chrono::minutes(30));
    CHECK(c.runs == 300);
    // One report as the runs start, none while the hour did not pass, and the last.
    REQUIRE(reported.size() == 2);
    CHECK(reported.back() == 300);
  }
}

TEST_CASE("the workers are as many as asked, one per core for 0, and no more than the blocks",
          "[sim][monte_carlo]") {
  using jssim::sim::worker_threads;
  CHECK(worker_threads(2, 1000) == 2);
  CHECK(worker_threads(8, 10) == 1);   // one block of 64 runs
  CHECK(worker_threads(8, 64) == 1);
  CHECK(worker_threads(8, 65) == 2);
  CHECK(worker_threads(3, 0) == 1);
  CHECK(worker_threads(0, 1'000'000) ==
        std::max(1U, std::thread::hardware_concurrency()));
}
