// SPDX-License-Identifier: MIT
#include "app/budget.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"  // point_scenario
#include "app/commands.hpp"
#include "model/assert.hpp"
#include "model/error.hpp"
#include "model/plan_space.hpp"  // grid_size
#include "sim/monte_carlo.hpp"  // worker_threads
#include "sim/plan.hpp"

namespace jssim::app {
namespace {

// About 4 million run-days a second per core, and 20 million offers weighed:
// 1e11 of either is hours on two cores.
constexpr double max_run_days = 1e11;
constexpr double max_offer_visits = 1e11;
// A world's offer and its stream take about 170 bytes, and the contract,
// the run's record and the scorer's entry of a job taken about as much
// again; vectors grow by doubling.
constexpr double bytes_per_offer = 512;
constexpr double max_world_bytes = 1024.0 * 1024 * 1024;

double horizon_days(const model::scenario& sc) {
  return static_cast<double>(sc.horizon() - sc.today);
}

/// The offers a run's world draws on average: the sum over job types of the
/// offer rate at the busiest proposals a week a strategy uses
/// (sim::busiest_proposals_per_week) times the days to the horizon.
double expected_offers(const model::scenario& sc) {
  const double proposals = sim::busiest_proposals_per_week(sc);
  double rate = 0;  // offers a day
  for (const model::job_type& job : sc.pipeline.jobs) rate += sim::offer_rate(job, proposals);
  return rate * horizon_days(sc);
}

}  // namespace

void check_budget(std::string_view command, const model::scenario& sc, const work& w,
                  std::string_view advice) {
  // In doubles: runs x strategies reach 10^13, offers a run 10^9.
  const auto runs = static_cast<double>(w.runs);
  const auto strategies = static_cast<double>(w.strategies);
  const std::string played = counted(w.strategies, "strategy", "strategies");
  const double days = horizon_days(sc);
  const double run_days = runs * strategies * days;
  if (run_days > max_run_days) {
    throw model::input_error(fmt::format(
        "{}: {} runs x {} x {} days = {:.2g} simulated days, more than the {:.0g} a command "
        "may take (that is hours of computing); use {}",
        command, w.runs, played, days, run_days, max_run_days, advice));
  }
  const double offers = expected_offers(sc);
  const double visits = runs * (strategies + 2) * offers;
  if (visits > max_offer_visits) {
    throw model::input_error(fmt::format(
        "{}: about {:.2g} offers a run (the proposals a week at the job types' win rates over "
        "{} days), each drawn once (the cost of 2 strategies) and weighed by {}: {} runs x "
        "({} + 2) x {:.2g} = {:.2g}, more than the {:.0g} a command may take (that is hours "
        "of computing); use {}; fewer proposals_per_week or lower win rates help too",
        command, offers, days, played, w.runs, w.strategies, offers, visits, max_offer_visits,
        advice));
  }
  const double bytes = offers * bytes_per_offer * static_cast<double>(w.threads);
  if (bytes > max_world_bytes) {
    throw model::input_error(fmt::format(
        "{}: about {:.2g} offers a run (the proposals a week at the job types' win rates over "
        "{} days) need about {:.0f} MB of memory on {}, more than the {:.0f} MB allowed; use "
        "fewer proposals_per_week, lower win rates{} a shorter simulation.horizon_months{}",
        command, offers, days, bytes / (1024 * 1024), counted(w.threads, "thread"),
        max_world_bytes / (1024 * 1024), w.threads == 1 ? " or" : ",",
        w.threads == 1 ? "" : " or fewer --threads"));
  }
}

namespace {

// Beyond this a run is refused before it starts (docs/limits.md): the memory
// of the tallies, which grow with the strategies, the recalculation days and
// the threads, not with the runs (but for --per-run's records).
constexpr std::uint64_t max_tally_bytes = std::uint64_t{1} << 30;

/// "a, b or c" of the levers that apply.
std::string either(const std::vector<std::string>& levers) {
  std::string text;
  for (std::size_t i = 0; i < levers.size(); ++i) {
    if (i > 0) text += i + 1 == levers.size() ? " or " : ", ";
    text += levers[i];
  }
  return text;
}

}  // namespace

void check_run_budget(const model::scenario& sc, const sim::run_plan& plan,
                      const run_request& request) {
  const std::uint64_t runs = request.runs;
  const auto strategies = static_cast<std::uint64_t>(sc.strategies.size());
  const std::uint64_t threads = sim::worker_threads(request.threads, runs);
  // The days and offers grow with the runs, the strategies and the horizon:
  // only the levers this scenario has are named.
  std::vector<std::string> levers;
  levers.emplace_back(request.precision
                          ? "fewer --max-runs"
                          : "fewer runs (--runs, or --precision to stop once the answer is "
                            "precise enough)");
  if (strategies > 1) levers.emplace_back("fewer strategies");
  if (sc.simulation.horizon_months > 1) {
    levers.emplace_back("a shorter simulation.horizon_months");
  }
  check_budget("jssim run", sc, {runs, strategies, threads}, either(levers));

  const std::uint64_t recalcs = plan.recalc_count() + 1;
  const std::uint64_t pairs =
      request.all_pairs ? strategies * (strategies - 1) / 2 : strategies - 1;
  // Per thread and for the merge: about 1 KiB per strategy and recalculation
  // day (the counts of each JSS), 16 bytes per pair and day; runs.csv keeps
  // 32 bytes per run and strategy. No overflow: runs <= 1e8, strategies < 1e5
  // (the loader's 200,000 values), recalculation days <= 3,654, threads <= 1024.
  const std::uint64_t tally_bytes = (threads + 1) * recalcs * (strategies * 1024 + pairs * 16);
  const std::uint64_t record_bytes = request.per_run ? runs * strategies * 32 : 0;
  const std::uint64_t bytes = tally_bytes + record_bytes;
  if (bytes <= max_tally_bytes) return;
  levers.clear();
  std::string cause;
  std::string remedy = "use ";
  if (record_bytes >= tally_bytes) {
    // --per-run's records: one per run and strategy.
    cause = fmt::format("--per-run's records of {} runs x {} (32 bytes each)", runs,
                        counted(strategies, "strategy", "strategies"));
    remedy = "leave out --per-run, or use ";
    levers.emplace_back(request.precision ? "fewer --max-runs" : "fewer --runs");
    if (strategies > 1) levers.emplace_back("fewer strategies");
  } else {
    cause = fmt::format("{} x {} recalculation days x {}{}",
                        counted(strategies, "strategy", "strategies"), recalcs - 1,
                        counted(threads, "thread"), request.per_run ? " (and --per-run)" : "");
    if (strategies > 1) levers.emplace_back("fewer strategies");
    if (sc.simulation.horizon_months > 1) {
      levers.emplace_back("a shorter simulation.horizon_months");
    }
    levers.emplace_back("a larger score.recalc_every_days");
    if (threads > 1) levers.emplace_back("fewer --threads");
  }
  throw model::input_error(fmt::format(
      "jssim run: {} need about {} MB of memory, more than the {} MB allowed; {}{}", cause,
      bytes >> 20U, max_tally_bytes >> 20U, remedy, either(levers)));
}

namespace {

/// The study's scenario with every parameter at its high end, or at the base
/// when that combination cannot be made: the point with the most offers and
/// days, for the budget.
model::scenario busiest_point(const model::scenario& sc, const model::sensitivity_spec& spec) {
  std::vector<std::optional<double>> highs;
  for (const auto& p : spec.parameters) highs.emplace_back(p.high);
  try {
    return analysis::point_scenario(sc, spec, highs);
  } catch (const model::input_error&) {
    return analysis::point_scenario(sc, spec, std::vector<std::optional<double>>(highs.size()));
  }
}

}  // namespace

void check_sensitivity_budget(const model::scenario& sc, const model::sensitivity_spec& spec,
                              unsigned threads) {
  // Every point plays the strategy studied. The offers, and the days, grow
  // with every parameter that can change them (proposals a week, win rates,
  // the horizon): estimated with each parameter at its high end.
  const std::uint64_t all_points = 1 + 2 * spec.parameters.size() + spec.points;
  check_budget("jssim sensitivity", busiest_point(sc, spec),
               {all_points * spec.runs, 1, sim::worker_threads(threads, spec.runs)},
               "fewer --points or --runs, or a shorter simulation.horizon_months");
}

void check_plan_budget(const model::scenario& sc, std::uint64_t runs_max, unsigned threads) {
  JSSIM_ASSERT(sc.plan.has_value(), "a plan's budget without a plan");
  const std::uint64_t plans = model::grid_size(*sc.plan);
  // At worst no plan is ever dropped: every plan, the baseline and a pacer
  // play every run.
  check_budget("jssim plan", sc, {runs_max, plans + 2, sim::worker_threads(threads, runs_max)},
               "a smaller --runs-max, fewer values of a lever or a shorter "
               "simulation.horizon_months");
  const std::uint64_t bytes = (plans + 1) * runs_max * 12;
  if (bytes > max_race_bytes) {
    throw model::input_error(fmt::format(
        "jssim plan: {} plans x {} runs x 12 bytes need about {} MB of memory, more than the {} "
        "MB allowed; use a smaller --runs-max or fewer values of a lever",
        plans, runs_max, bytes >> 20U, max_race_bytes >> 20U));
  }
}

}  // namespace jssim::app
