// SPDX-License-Identifier: MIT
#include "app/budget.hpp"

#include <fmt/format.h>

#include "model/error.hpp"

namespace jssim::app {
namespace {

// About 4 million run-days a second per core, and 20 million offers looked
// at: 1e11 of either is hours on two cores.
constexpr double max_run_days = 1e11;
constexpr double max_offer_visits = 1e11;
// A world's offer and its stream take about 170 bytes, and the contract,
// the run's record and the scorer's entry of a job taken about as much
// again; vectors grow by doubling.
constexpr double bytes_per_offer = 512;
constexpr double max_world_bytes = 1024.0 * 1024 * 1024;

}  // namespace

double expected_offers(const sim::run_plan& plan) {
  double rate = 0;  // offers a day
  for (std::size_t j = 0; j < plan.scenario().pipeline.jobs.size(); ++j) rate += plan.max_rate(j);
  return rate * static_cast<double>(plan.horizon().value);
}

void check_budget(std::string_view command, const sim::run_plan& plan, const work& w,
                  std::string_view lower) {
  // In doubles: runs x strategies reach 10^13, offers a run 10^9.
  const auto runs = static_cast<double>(w.runs);
  const auto strategies = static_cast<double>(w.strategies);
  const auto days = static_cast<double>(plan.horizon().value);
  const double run_days = runs * strategies * days;
  if (run_days > max_run_days) {
    throw model::input_error(fmt::format(
        "{}: {} runs x {} strateg{} x {} days = {:.2g} simulated days, more than the {:.0g} a "
        "run may take (that is hours of computing); use {}, fewer strategies or a shorter "
        "simulation.horizon_months",
        command, w.runs, w.strategies, w.strategies == 1 ? "y" : "ies", days, run_days,
        max_run_days, lower));
  }
  const double offers = expected_offers(plan);
  const double visits = runs * (strategies + 2) * offers;
  if (visits > max_offer_visits) {
    throw model::input_error(fmt::format(
        "{}: about {:.2g} offers a run (the proposals a week at the job types' win rates over "
        "{} days) x {} runs x {} strateg{}: {:.2g} offers to draw and weigh, more than the "
        "{:.0g} a run may take (that is hours of computing); use {}, fewer strategies, fewer "
        "proposals_per_week or lower win rates, or a shorter simulation.horizon_months",
        command, offers, days, w.runs, w.strategies, w.strategies == 1 ? "y" : "ies", visits,
        max_offer_visits, lower));
  }
  const double bytes = offers * bytes_per_offer * static_cast<double>(w.threads);
  if (bytes > max_world_bytes) {
    throw model::input_error(fmt::format(
        "{}: about {:.2g} offers a run (the proposals a week at the job types' win rates over "
        "{} days) need about {:.0f} MB of memory on {} thread{}, more than the {:.0f} MB "
        "allowed; use fewer proposals_per_week or lower win rates{} a shorter "
        "simulation.horizon_months{}",
        command, offers, days, bytes / (1024 * 1024), w.threads, w.threads == 1 ? "" : "s",
        max_world_bytes / (1024 * 1024), w.threads == 1 ? " or" : ",",
        w.threads == 1 ? "" : " or fewer --threads"));
  }
}

}  // namespace jssim::app
