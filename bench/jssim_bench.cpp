// SPDX-License-Identifier: MIT
// jssim's speed, measured (bench/README.md): strategy-runs per second as
// `jssim run` plays them, on one thread and on every core, for the seed story
// and a heavy scenario; the cost of building a run's world, of an event and of
// a recalculation, incremental and by full rescan.
//
//     build/release/bench/jssim_bench --benchmark_repetitions=5
//         --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>  // std::max
#include <cstdint>    // std::uint64_t, std::int64_t
#include <ctime>      // clock_gettime, CLOCK_PROCESS_CPUTIME_ID
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "analysis/totals.hpp"
#include "bench/recorded_runs.hpp"
#include "model/assert.hpp"
#include "input/scenario_loader.hpp"
#include "model/score.hpp"
#include "model/window_sums.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

namespace jssim::bench {
namespace {

/// A scenario of the benchmark and its plan, loaded once.
struct loaded {
  model::scenario scenario;
  std::unique_ptr<sim::run_plan> plan;
};

struct scenario_spec {
  const char* name;  ///< as the benchmarks are named
  const char* path;  ///< from the source tree
  /// Runs per iteration of the throughput benchmarks: about a second on one core.
  std::uint64_t runs;
  /// Runs whose worlds are built ahead for the event benchmark, and recorded
  /// for the recalculation benchmarks.
  std::uint64_t sample_runs;
};

constexpr scenario_spec seed_story{"seed-story", "/scenarios/seed-story.yaml", 20'000, 500};
constexpr scenario_spec heavy{"heavy", "/bench/heavy.yaml", 2'000, 100};

const loaded& load(const scenario_spec& spec) {
  static std::map<std::string, loaded> cache;
  auto it = cache.find(spec.name);
  if (it == cache.end()) {
    loaded l;
    l.scenario = input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) + spec.path);
    it = cache.emplace(spec.name, std::move(l)).first;
    // The plan keeps a reference to the scenario: made once it has its place.
    it->second.plan = std::make_unique<sim::run_plan>(it->second.scenario);
  }
  return it->second;
}

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// A rate per second of CPU time of the whole process (every thread): what
/// the machine's other load does not change much, unlike the wall clock.
benchmark::Counter per_cpu_second(double count, double cpu_seconds) {
  return benchmark::Counter(cpu_seconds > 0 ? count / cpu_seconds : 0.0);
}

/// `jssim run` without its files: every strategy of `spec.runs` runs into the
/// totals that `jssim run` keeps, on `threads` threads.
void strategy_runs(benchmark::State& state, const scenario_spec& spec, unsigned threads) {
  const loaded& l = load(spec);
  const auto strategies = static_cast<double>(l.scenario.strategies.size());
  sim::mc_options options;
  options.threads = threads;
  double cpu = 0;
  std::uint64_t runs = 0;
  for (auto _ : state) {
    analysis::totals totals(*l.plan, {});
    const double start = process_cpu_seconds();
    sim::simulate(*l.plan, 0, spec.runs, options, totals);
    cpu += process_cpu_seconds() - start;
    runs += spec.runs;
    benchmark::DoNotOptimize(totals.runs());
  }
  const double strategy_runs_done = static_cast<double>(runs) * strategies;
  state.SetItemsProcessed(static_cast<std::int64_t>(strategy_runs_done));
  state.counters["strategy_runs/s"] =
      benchmark::Counter(strategy_runs_done, benchmark::Counter::kIsRate);
  state.counters["strategy_runs/cpu_s"] = per_cpu_second(strategy_runs_done, cpu);
}

/// Building the shared world of a run: its offers and their draws, and the
/// futures of the history's open contracts.
void world_building(benchmark::State& state, const scenario_spec& spec) {
  const loaded& l = load(spec);
  const sim::world_builder builder(*l.plan);
  sim::world w;
  std::uint64_t run = 0;
  std::uint64_t offers = 0;
  for (auto _ : state) {
    builder.build(run++, w);
    offers += w.offers.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(run));
  state.counters["time/world"] = benchmark::Counter(
      static_cast<double>(run), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["offers/world"] =
      benchmark::Counter(static_cast<double>(offers) / static_cast<double>(run));
}

/// Playing strategies on worlds built ahead: the event loop and the
/// recalculations, without the world building.
void events(benchmark::State& state, const scenario_spec& spec) {
  const loaded& l = load(spec);
  const sim::world_builder builder(*l.plan);
  std::vector<sim::world> worlds(spec.sample_runs);
  for (std::uint64_t run = 0; run < worlds.size(); ++run) builder.build(run, worlds[run]);
  sim::runner runner(*l.plan);
  sim::run_result result;
  const std::size_t strategies = l.scenario.strategies.size();
  const std::uint64_t events_before = runner.events_handled();
  std::uint64_t plays = 0;
  for (auto _ : state) {
    for (const sim::world& w : worlds) {
      for (std::size_t s = 0; s < strategies; ++s) runner.play(w, s, result);
    }
    plays += worlds.size() * strategies;
  }
  const auto handled = static_cast<double>(runner.events_handled() - events_before);
  state.SetItemsProcessed(static_cast<std::int64_t>(handled));
  state.counters["time/event"] =
      benchmark::Counter(handled, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["events/strategy_run"] =
      benchmark::Counter(handled / static_cast<double>(plays));
  state.counters["strategy_runs/s"] =
      benchmark::Counter(static_cast<double>(plays), benchmark::Counter::kIsRate);
}

const std::vector<recorded_run>& recorded(const scenario_spec& spec) {
  static std::map<std::string, std::vector<recorded_run>> cache;
  auto it = cache.find(spec.name);
  if (it == cache.end()) {
    it = cache.emplace(spec.name, record_runs(*load(spec).plan, spec.sample_runs)).first;
  }
  return it->second;
}

/// Replays the recorded recalculations: the changed contracts are copied in,
/// then `score_one` scores the day. Returns the recalculations scored.
template <class Score>
std::uint64_t replay(const std::vector<recorded_run>& runs, std::vector<model::contract>& contracts,
                     model::window_sums* sums, Score&& score_one) {
  std::uint64_t steps = 0;
  for (const recorded_run& run : runs) {
    contracts.clear();
    if (sums != nullptr) sums->clear();
    for (const recalc_step& step : run) {
      contracts.resize(step.contracts);
      for (const auto& [id, c] : step.changed) {
        contracts[id] = c;
        if (sums != nullptr) sums->touch(id);
      }
      const std::optional<int> displayed = score_one(step);
      JSSIM_ASSERT(displayed == step.displayed, "a replayed recalculation shows what the run saw");
      benchmark::DoNotOptimize(displayed);
    }
    steps += run.size();
  }
  return steps;
}

/// A recalculation as the runs make it: model::window_sums, told of the
/// contracts that changed.
void recalculation_incremental(benchmark::State& state, const scenario_spec& spec) {
  const loaded& l = load(spec);
  const auto& runs = recorded(spec);
  model::window_sums sums(l.scenario.rules);
  std::vector<model::contract> contracts;
  std::uint64_t steps = 0;
  for (auto _ : state) {
    steps += replay(runs, contracts, &sums, [&](const recalc_step& step) {
      return sums.score(contracts, step.on, l.plan->window_starts(step.index)).displayed;
    });
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(steps));
  state.counters["time/recalc"] = benchmark::Counter(
      static_cast<double>(steps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// The same recalculations by model::score, rescanning every contract: what
/// the runs did before window_sums.
void recalculation_full(benchmark::State& state, const scenario_spec& spec) {
  const loaded& l = load(spec);
  const auto& runs = recorded(spec);
  std::vector<model::contract> contracts;
  std::uint64_t steps = 0;
  for (auto _ : state) {
    steps += replay(runs, contracts, nullptr, [&](const recalc_step& step) {
      return model::score(contracts, step.on, l.scenario.rules).displayed;
    });
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(steps));
  state.counters["time/recalc"] = benchmark::Counter(
      static_cast<double>(steps), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return in ? one + " " + five + " " + fifteen : "unknown";
}

void register_all() {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  for (const scenario_spec* spec : {&seed_story, &heavy}) {
    const std::string name = spec->name;
    std::vector<unsigned> thread_counts{1};
    if (cores > 1) thread_counts.push_back(cores);
    for (const unsigned threads : thread_counts) {
      benchmark::RegisterBenchmark(
          ("strategy_runs/" + name + "/threads:" + std::to_string(threads)).c_str(),
          [spec, threads](benchmark::State& s) { strategy_runs(s, *spec, threads); })
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond)
          ->MinTime(2.0);
    }
    benchmark::RegisterBenchmark(("world/" + name).c_str(),
                                 [spec](benchmark::State& s) { world_building(s, *spec); })
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("events/" + name).c_str(),
                                 [spec](benchmark::State& s) { events(s, *spec); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(
        ("recalculation/incremental/" + name).c_str(),
        [spec](benchmark::State& s) { recalculation_incremental(s, *spec); })
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("recalculation/full/" + name).c_str(),
                                 [spec](benchmark::State& s) { recalculation_full(s, *spec); })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::AddCustomContext("load_average_at_start", load_average());
  benchmark::AddCustomContext("hardware_threads", std::to_string(cores));
}

}  // namespace
}  // namespace jssim::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  jssim::bench::register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
