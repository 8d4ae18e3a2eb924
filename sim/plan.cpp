// SPDX-License-Identifier: MIT
#include "sim/plan.hpp"

#include <algorithm>  // std::max

namespace jssim::sim {

double offer_rate(const model::job_type& job, double proposals_per_week) {
  return proposals_per_week * job.win_rate / 7.0;
}

run_plan::run_plan(const model::scenario& scenario)
    : scenario_(&scenario), horizon_{scenario.horizon() - scenario.today} {
  const model::date last = scenario.horizon();
  for (model::date d = scenario.rules.recalc_after(scenario.today); d <= last;
       d += scenario.rules.recalc_every_days) {
    recalc_days_.push_back(d);
  }
  double max_ppw = scenario.pipeline.proposals_per_week;
  for (const auto& s : scenario.strategies) {
    if (s.proposals_per_week) max_ppw = std::max(max_ppw, *s.proposals_per_week);
  }
  for (const auto& job : scenario.pipeline.jobs) max_rates_.push_back(offer_rate(job, max_ppw));
}

model::day_count run_plan::slot_days(std::uint32_t slot) const {
  if (slot == 0) return 0;
  if (slot >= censored_slot()) return -1;
  return recalc_days_[slot - 1] - scenario_->today;
}

}  // namespace jssim::sim
