// SPDX-License-Identifier: MIT
#include "sim/plan.hpp"

#include <algorithm>  // std::max
#include <fmt/format.h>
#include <limits>
#include <set>

#include "model/error.hpp"
#include "model/window_sums.hpp"
#include "sim/random.hpp"
#include "sim/world.hpp"  // max_hidden_draws

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

/// Before any run, when runs sample by rejection: draws from the priors on
/// streams no run uses, and refuses when none gives the observations, or
/// when so few do that a run would need more than max_hidden_draws draws.
void pilot_rejection(const model::scenario& sc, hidden_start& h) {
  const auto& unknowns = h.ratings.unknowns();
  model::completion_choice choice(unknowns.size(), 0);
  std::vector<model::contract> scratch;
  std::set<model::completion_choice> found;
  constexpr std::uint64_t pilot_run = std::numeric_limits<std::uint64_t>::max();
  for (std::uint64_t a = 0; a < hidden_pilot_draws; ++a) {
    stream s(sc.simulation.seed, pilot_run, purpose::inference, a);
    draw_prior(unknowns, s, choice);
    if (model::gives_all(h.ratings, h.conditions, choice, scratch)) {
      ++h.pilot_accepted;
      found.insert(choice);
    }
  }
  h.pilot_draws = hidden_pilot_draws;
  h.pilot.assign(found.begin(), found.end());
  const double needed = h.pilot_accepted == 0
                            ? std::numeric_limits<double>::infinity()
                            : static_cast<double>(h.pilot_draws) /
                                  static_cast<double>(h.pilot_accepted);
  if (needed <= static_cast<double>(max_hidden_draws) / 10) return;
  std::string what;
  for (const auto& o : h.conditions) {
    if (!what.empty()) what += ", ";
    what += model::observation_text(o);
  }
  throw model::scenario_error(
      model::observed_jss_location(sc),
      fmt::format("the {} combinations of the {} unknown ratings are too many to weigh one by "
                  "one or to search (their distinct window sums are more than the search may "
                  "keep), and draws from the priors give the observed scores ({}) too rarely: "
                  "{} of {} draws{}; give fewer ratings as `unknown`, or check the observations "
                  "and the prior tables",
                  model::count_text(h.ratings.combinations()), h.ratings.field_count(), what,
                  h.pilot_accepted, h.pilot_draws,
                  h.pilot_accepted == 0
                      ? std::string()
                      : fmt::format(", so a run would need about {:.3g} draws where it may take {}",
                                    needed, max_hidden_draws / 10)));
}

/// The hidden ratings and their posterior; nothing when nothing is hidden, in
/// which case the history alone must show observed.jss (and the timeline).
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
  hidden_start h{std::move(ratings), std::nullopt, {}, {}, nullptr, {}, 0, 0};
  h.conditions = model::conditions(h.ratings, sc.observed_jss);
  if (h.ratings.combinations() <= model::max_enumerated_completions) {
    h.exact = model::enumerate_posterior(h.ratings, sc.observed_jss, sc);
  } else if (sc.observed_jss) {
    if (auto search = model::search_posterior(h.ratings, sc.observed_jss, sc)) {
      if (search->explaining() <= model::max_enumerated_completions) {
        h.exact = model::listed_posterior(*search, h.ratings);
      } else {
        h.search = std::make_shared<const model::completion_search>(std::move(*search));
      }
    } else {
      pilot_rejection(sc, h);
    }
  }
  if (h.exact) {
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
  const auto& strategies = scenario.strategies;
  leads_.assign(strategies.size(), 0);
  differing_.assign(strategies.size(), {});
  const std::vector<model::contract> history = scenario.history_contracts();
  for (std::size_t s = 0; s < strategies.size(); ++s) {
    std::size_t l = 0;
    while (l < s && !(leaders_[l] == l && same_won_contracts(scenario, strategies[l], strategies[s]))) ++l;
    leaders_.push_back(l);
    if (l == s) continue;
    leads_[l] = 1;
    // The contracts either closes, with every contract of their clients.
    std::vector<std::uint8_t> in(history.size(), 0);
    for (const std::size_t k : {l, s}) {
      for (const model::scheduled_close& c : strategies[k].close) in.at(c.contract) = 1;
    }
    for (std::size_t c = 0; c < history.size(); ++c) {
      if (in[c] == 0) continue;
      for (std::size_t other = 0; other < history.size(); ++other) {
        if (history[other].client == history[c].client && in[other] == 0) in[other] = 2;
      }
    }
    for (std::uint32_t c = 0; c < history.size(); ++c) {
      if (in[c] != 0) differing_[s].push_back(c);
    }
  }
}

bool same_won_contracts(const model::scenario& scenario, const model::strategy& a,
                        const model::strategy& b) {
  if (scenario.simulation.target.top_rated || a.until_recovered || b.until_recovered ||
      !model::window_sums(scenario.rules).incremental()) {
    return false;
  }
  const model::pipeline_settings& p = scenario.pipeline;
  // Every job type accepted, or the listed ones, as a set.
  const auto accepted = [&](const model::strategy& s) {
    std::vector<std::uint8_t> out(p.jobs.size(), s.accept ? 0 : 1);
    if (s.accept) {
      for (const std::size_t j : *s.accept) out.at(j) = 1;
    }
    return out;
  };
  return a.proposals_per_week.value_or(p.proposals_per_week) ==
             b.proposals_per_week.value_or(p.proposals_per_week) &&
         a.max_parallel.value_or(p.max_parallel) == b.max_parallel.value_or(p.max_parallel) &&
         accepted(a) == accepted(b) && a.close_stale_after_days == b.close_stale_after_days &&
         // The feedback of her own closes of won contracts: stale ones only.
         (!a.close_stale_after_days || a.own_close_feedback == b.own_close_feedback);
}

model::day_count run_plan::slot_days(std::uint32_t slot) const {
  if (slot == 0) return 0;
  if (slot >= censored_slot()) return -1;
  return recovery_days_[slot - 1] - scenario_->today;
}

void draw_prior(std::span<const model::hidden_contract> unknowns, stream& s,
                model::completion_choice& choice) {
  for (std::size_t k = 0; k < unknowns.size(); ++k) {
    const auto& values = unknowns[k].values;
    double u = s.uniform01();
    std::uint32_t v = 0;
    // The first value whose cumulative prior exceeds u (the last if
    // rounding leaves a gap), as pick_row does for outcome rows.
    while (v + 1 < values.size() && u >= values[v].prior) u -= values[v++].prior;
    choice[k] = v;
  }
}

}  // namespace jssim::sim
