// SPDX-License-Identifier: MIT
#include "sim/world.hpp"

#include <algorithm>  // std::max, std::sort
#include <cmath>      // std::ceil, std::log

#include "model/score.hpp"
#include "sim/sample.hpp"

namespace jssim::sim {

job_draws draw_job(const model::job_type& job, const model::pipeline_settings& pipeline,
                   stream& s) {
  // The order of the draws is part of the results' definition: uniforms first,
  // then the distributions, whose number of draws may vary.
  job_draws d;
  d.keep_u = s.uniform01();
  d.ghost = s.uniform01() < job.ghost;
  const auto& rows = pipeline.outcomes.at(job.outcomes).rows;
  d.row = static_cast<std::uint32_t>(pick_row(rows, s.uniform01()));
  d.own_close_u = s.uniform01();
  d.rehire_u = s.uniform01();
  d.duration = whole_days(sample(job.duration_days, s));
  if (job.type == model::contract_type::fixed) {
    d.value_usd = sample(job.value_usd, s);
  } else {
    d.weekly_usd = sample(job.weekly_usd, s);
  }
  d.close_delay = whole_days(sample(job.close_delay_days, s));
  return d;
}

world_builder::world_builder(const run_plan& plan)
    : plan_(&plan), history_(plan.scenario().history_contracts()) {
  const model::scenario& sc = plan.scenario();
  const model::date shown = sc.rules.recalc_on_or_before(sc.today);
  start_jss_ = model::score_as_of(history_, shown, sc.rules).displayed;
}

void world_builder::build(std::uint64_t run, world& out) const {
  const model::scenario& sc = plan_->scenario();
  const std::uint64_t seed = sc.simulation.seed;
  out.run = run;
  out.offers.clear();
  for (std::uint32_t j = 0; j < sc.pipeline.jobs.size(); ++j) {
    const double rate = plan_->max_rate(j);
    if (!(rate > 0)) continue;
    stream arrivals(seed, run, purpose::arrivals, j);
    double t = 0;
    for (std::uint32_t k = 0;; ++k) {
      // Exponential gaps by inversion: 1 - u is in (0, 1], so the log is finite.
      t += -std::log(1.0 - arrivals.uniform01()) / rate;
      const double landing = std::ceil(t);
      if (landing > plan_->horizon().value) break;
      stream attributes(seed, run, purpose::offer, j, k);
      out.offers.push_back(offer{t, day{static_cast<std::int32_t>(landing)}, j, k,
                                 draw_job(sc.pipeline.jobs[j], sc.pipeline, attributes)});
    }
  }
  std::sort(out.offers.begin(), out.offers.end(),
            [](const offer& a, const offer& b) { return a.time < b.time; });

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
}

}  // namespace jssim::sim
