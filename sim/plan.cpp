// SPDX-License-Identifier: MIT
#include "sim/plan.hpp"

#include <algorithm>  // std::max

namespace jssim::sim {

double offer_rate(const model::job_type& job, double proposals_per_week) {
  return proposals_per_week * job.win_rate / 7.0;
}

double busiest_proposals_per_week(const model::scenario& scenario) {
  // A pipeline rate no strategy uses must not change the draws.
  double busiest = 0;
  bool pipeline_used = scenario.strategies.empty();
  for (const auto& s : scenario.strategies) {
    if (s.proposals_per_week) busiest = std::max(busiest, *s.proposals_per_week);
    if (!s.proposals_per_week || s.until_recovered) pipeline_used = true;
  }
  if (pipeline_used) busiest = std::max(busiest, scenario.pipeline.proposals_per_week);
  return busiest;
}

namespace {

/// The hidden ratings and their posterior; nothing when nothing is hidden, in
/// which case the history alone must show observed.jss.
std::optional<hidden_start> weigh_hidden(const model::scenario& sc) {
  model::hidden_ratings ratings(sc);
  if (ratings.empty()) {
    if (sc.observed_jss) {
      // Enumerating the single, empty completion checks the observed score
      // and words the error the same way as with hidden ratings.
      (void)model::enumerate_posterior(ratings, sc.observed_jss, sc);
    }
    return std::nullopt;
  }
  hidden_start h{std::move(ratings), std::nullopt, {}};
  if (h.ratings.combinations() <= model::max_enumerated_completions) {
    h.exact = model::enumerate_posterior(h.ratings, sc.observed_jss, sc);
    double sum = 0;
    for (const auto& c : h.exact->explaining) h.cumulative.push_back(sum += c.probability);
  }
  return h;
}

/// The Saturdays, the history's earnings and the shown scores a Top Rated
/// target reads; appends the Saturdays in (today, horizon] to `saturdays`.
top_rated_frame frame_top_rated(const model::scenario& sc,
                                const std::vector<model::date>& recalc_days,
                                std::vector<model::date>& saturdays) {
  top_rated_frame f;
  const std::vector<model::contract> history = sc.history_contracts();
  f.first_start = model::first_start(history);
  const model::date last_past = model::saturday_on_or_before(sc.today);
  for (int k = f.rule.weeks - 1; k >= 0; --k) f.past_saturdays.push_back(last_past - 7 * k);
  auto earned = [&](model::date on) {
    return model::earned_between(history, on.sub_months(f.rule.earned_months), on);
  };
  f.history_earned.push_back(earned(sc.today));
  for (model::date s = last_past + 7; s <= sc.horizon(); s += 7) {
    saturdays.push_back(s);
    f.history_earned.push_back(earned(s));
    const model::date shown = sc.rules.recalc_on_or_before(s);
    f.shown_recalc.push_back(
        shown <= sc.today || recalc_days.empty()
            ? -1
            : static_cast<std::int32_t>((shown - recalc_days.front()) / sc.rules.recalc_every_days));
  }
  return f;
}

}  // namespace

run_plan::run_plan(const model::scenario& scenario)
    : scenario_(&scenario), horizon_{scenario.horizon() - scenario.today} {
  const model::date last = scenario.horizon();
  for (model::date d = scenario.rules.recalc_after(scenario.today); d <= last;
       d += scenario.rules.recalc_every_days) {
    recalc_days_.push_back(d);
    window_starts_.push_back(model::window_starts_on(d));
  }
  const double max_ppw = busiest_proposals_per_week(scenario);
  for (const auto& job : scenario.pipeline.jobs) {
    max_rates_.push_back(offer_rate(job, max_ppw));
    jobs_.push_back(job_sampler{&job, scenario.pipeline.outcomes.at(job.outcomes).rows,
                                sampler(job.duration_days), sampler(job.value_usd),
                                sampler(job.weekly_usd), sampler(job.close_delay_days)});
  }
  hidden_ = weigh_hidden(scenario);
  if (scenario.simulation.target.top_rated) {
    top_rated_ = frame_top_rated(scenario, recalc_days_, recovery_days_);
  } else {
    recovery_days_ = recalc_days_;
  }
}

model::day_count run_plan::slot_days(std::uint32_t slot) const {
  if (slot == 0) return 0;
  if (slot >= censored_slot()) return -1;
  return recovery_days_[slot - 1] - scenario_->today;
}

}  // namespace jssim::sim
