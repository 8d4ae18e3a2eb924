// SPDX-License-Identifier: MIT
#include "sim/world.hpp"

#include <algorithm>  // std::min, std::upper_bound
#include <cmath>      // std::log
#include <cstddef>    // std::ptrdiff_t
#include <boost/container/small_vector.hpp>
#include <fmt/format.h>

#include "model/assert.hpp"
#include "model/error.hpp"
#include "model/score.hpp"
#include "sim/sample.hpp"

namespace jssim::sim {
namespace {

/// Scores `history` into `scored`, cleared first, on the plan's first
/// recalculation day: the state every strategy's scorer starts from.
void score_first_recalculation(const run_plan& plan, std::span<const model::contract> history,
                               model::window_sums& scored) {
  scored.clear();
  scored.score(history, plan.recalc_days().front(), plan.window_starts(0));
}

}  // namespace

job_draws draw_job(const job_sampler& job, stream& s) {
  job_draws d;
  d.keep_u = s.uniform01();
  draw_job_rest(job, s, d);
  return d;
}

void draw_job_rest(const job_sampler& job, stream& s, job_draws& d) {
  // The order of the draws is part of the results' definition: uniforms first,
  // then the distributions, whose number of draws may vary.
  d.ghost = s.uniform01() < job.type->ghost;
  d.row = static_cast<std::uint32_t>(pick_row(job.rows, s.uniform01()));
  d.own_close_u = s.uniform01();
  d.rehire_u = s.uniform01();
  d.duration = whole_days(job.duration(s));
  if (job.type->type == model::contract_type::fixed) {
    d.value_usd = job.value(s);
  } else {
    d.weekly_usd = job.weekly(s);
  }
  d.close_delay = whole_days(job.close_delay(s));
}

void world::draw_rest(std::size_t k) const {
  const offer& o = offers[k];
  JSSIM_ASSERT(plan_ != nullptr && k < offer_streams_.size(),
               "an offer not drawn comes from a world_builder");
  // draw_job's order: keep_u, then the rest.
  keep_u(k);
  draw_job_rest(plan_->job(o.job), offer_streams_[k], o.draws);
  o.drawn = true;
}

hidden_draw draw_hidden(const run_plan& plan, std::uint64_t run) {
  const hidden_start* hidden = plan.hidden();
  JSSIM_ASSERT(hidden != nullptr, "draw_hidden needs hidden ratings");
  const model::scenario& sc = plan.scenario();
  hidden_draw out;
  if (hidden->exact) {
    stream s(sc.simulation.seed, run, purpose::prior, 0);
    const auto& cumulative = hidden->cumulative;
    const double u = s.uniform01() * cumulative.back();
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    // u < cumulative.back(), so `at` is a completion; min() guards rounding.
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(at - cumulative.begin()),
                                         cumulative.size() - 1);
    const model::weighed_completion& c = hidden->exact->explaining[i];
    out.choice = c.choice;
    out.start_jss = c.start_jss;
    out.draws = 1;
    return out;
  }
  const auto& unknowns = hidden->ratings.unknowns();
  out.choice.assign(unknowns.size(), 0);
  std::vector<model::contract> scratch;
  if (hidden->search) {
    // Exactly from the searched posterior: one uniform per unknown.
    stream s(sc.simulation.seed, run, purpose::prior, 0);
    std::vector<double> u(unknowns.size());
    for (double& x : u) x = s.uniform01();
    out.choice = hidden->search->draw(u);
    out.start_jss = hidden->ratings.start_jss(out.choice, scratch);
    out.draws = 1;
    return out;
  }
  for (std::uint32_t attempt = 0; attempt < max_hidden_draws; ++attempt) {
    stream s(sc.simulation.seed, run, purpose::inference, attempt);
    draw_prior(unknowns, s, out.choice);
    if (model::gives_all(hidden->ratings, hidden->conditions, out.choice, scratch)) {
      out.start_jss = hidden->ratings.start_jss(out.choice, scratch);
      out.draws = attempt + 1;
      return out;
    }
  }
  // The plan's pilot found completions that give the observations and
  // refused when they are too rare for runs: a run this unlucky takes one.
  JSSIM_ASSERT(!hidden->pilot.empty(), "the plan refuses what no pilot draw gives");
  stream s(sc.simulation.seed, run, purpose::inference, max_hidden_draws);
  const auto i = std::min<std::size_t>(
      static_cast<std::size_t>(s.uniform01() * static_cast<double>(hidden->pilot.size())),
      hidden->pilot.size() - 1);
  out.choice = hidden->pilot[i];
  out.start_jss = hidden->ratings.start_jss(out.choice, scratch);
  out.draws = max_hidden_draws;
  return out;
}

std::vector<int> past_week_scores(const run_plan& plan, std::span<const model::contract> history) {
  std::vector<int> out;
  const top_rated_frame* frame = plan.top_rated();
  if (frame == nullptr) return out;
  const model::rule_set& rules = plan.scenario().rules;
  for (const model::date saturday : frame->past_saturdays) {
    const auto s = model::score_as_of(history, rules.recalc_on_or_before(saturday), rules);
    out.push_back(s.displayed.value_or(-1));
  }
  return out;
}

world_builder::world_builder(const run_plan& plan)
    : plan_(&plan), history_(plan.scenario().history_contracts()) {
  const model::scenario& sc = plan.scenario();
  const model::date shown = sc.rules.recalc_on_or_before(sc.today);
  start_jss_ = model::score_as_of(history_, shown, sc.rules).displayed;
  past_jss_ = past_week_scores(plan, history_);
  if (plan.recalc_count() > 0 && plan.hidden() == nullptr) {
    score_first_recalculation(plan, history_, scored_.emplace(sc.rules));
  }
}

void world_builder::build(std::uint64_t run, world& out) const {
  const model::scenario& sc = plan_->scenario();
  const std::uint64_t seed = sc.simulation.seed;
  out.run = run;
  out.offers.clear();
  out.offer_streams_.clear();
  out.plan_ = plan_;
  // Each job type's offers arrive in time order, so taking the earliest next
  // arrival over the job types lists them all in time order as they are
  // drawn, with no sort (ties, which have probability 0, go to the lower job
  // type). A job type leaves the list at its first landing after the horizon.
  struct arrivals {
    stream s;
    double rate = 0;
    double t = 0;  ///< the time of its next offer
    std::uint32_t job = 0;
    std::uint32_t number = 0;  ///< the rank of its next offer
    void next() {
      // Exponential gaps by inversion: 1 - u is in (0, 1], so the log is finite.
      t += -std::log(1.0 - s.uniform01()) / rate;
    }
  };
  boost::container::small_vector<arrivals, 8> pending;
  for (std::uint32_t j = 0; j < sc.pipeline.jobs.size(); ++j) {
    const double rate = plan_->max_rate(j);
    if (!(rate > 0)) continue;
    pending.push_back(arrivals{stream(seed, run, purpose::arrivals, j), rate, 0, j, 0});
    pending.back().next();
  }
  while (!pending.empty()) {
    std::size_t first = 0;
    for (std::size_t i = 1; i < pending.size(); ++i) {
      if (pending[i].t < pending[first].t) first = i;
    }
    arrivals& a = pending[first];
    const double landing = ceil_time(a.t);
    if (landing > plan_->horizon().value) {
      pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(first));
      continue;
    }
    // The attributes when a strategy asks for them (world::keep_u, draws):
    // making the stream draws nothing.
    out.offer_streams_.emplace_back(seed, run, purpose::offer, a.job, a.number);
    out.offers.push_back(offer{a.t, day{static_cast<std::int32_t>(landing)}, a.job, a.number,
                               job_draws{}, false, false});
    ++a.number;
    a.next();
  }

  out.futures.assign(sc.history.size(), future_draws{});
  for (std::size_t i = 0; i < sc.history.size(); ++i) {
    const model::history_contract& h = sc.history[i];
    future_draws& f = out.futures[i];
    stream s(seed, run, purpose::future, i);
    const std::size_t table = h.future ? h.future->outcomes : 0;
    f.table = static_cast<std::uint32_t>(table);
    // Drawn for every contract, so that an own close of a contract without
    // `future` still has the row its client would give.
    f.row = static_cast<std::uint32_t>(pick_row(sc.pipeline.outcomes.at(table).rows, s.uniform01()));
    f.own_close_u = s.uniform01();
    if (!h.is_open() || !h.future) continue;
    f.acts = !(s.uniform01() < h.future->ghost);
    if (!f.acts) continue;
    if (h.future->ends_in_days) f.ends_on = day{whole_days(sample(*h.future->ends_in_days, s))};
    f.weekly_usd = sample(h.future->weekly_usd, s);
  }

  out.history = history_;
  out.start_jss = start_jss_;
  out.past_jss = past_jss_;
  out.hidden_draws = 0;
  if (const hidden_start* hidden = plan_->hidden()) {
    const hidden_draw h = draw_hidden(*plan_, run);
    hidden->ratings.apply(h.choice, out.history);
    out.start_jss = h.start_jss;
    out.hidden_draws = h.draws;
    if (plan_->top_rated() != nullptr) out.past_jss = past_week_scores(*plan_, out.history);
  }
  // The history's scored state, copied by each strategy: the builder's when
  // the history is the same in every run, else built here once a run.
  if (plan_->recalc_count() == 0) {
    out.scored_.reset();
  } else if (scored_) {
    out.scored_ = scored_;
  } else {
    if (!out.scored_) out.scored_.emplace(sc.rules);
    score_first_recalculation(*plan_, out.history, *out.scored_);
  }
}

}  // namespace jssim::sim
