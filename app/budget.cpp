// SPDX-License-Identifier: MIT
#include "app/budget.hpp"

#include <fmt/format.h>

#include "app/commands.hpp"
#include "model/error.hpp"
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

}  // namespace jssim::app
