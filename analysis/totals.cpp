// SPDX-License-Identifier: MIT
#include "analysis/totals.hpp"

#include <algorithm>  // std::sort
#include <cmath>      // std::llround

#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

std::size_t horizon_bins(const sim::run_plan& plan) {
  return static_cast<std::size_t>(plan.horizon().value) + 1;
}

std::optional<std::size_t> recovery_bin(const sim::run_plan& plan, std::uint32_t slot) {
  const model::day_count days = plan.slot_days(slot);
  if (days < 0) return std::nullopt;
  return static_cast<std::size_t>(days);
}

}  // namespace

strategy_totals::strategy_totals(const sim::run_plan& plan)
    : recovery(horizon_bins(plan)), jss(plan.recalc_count(), jss_counts{}) {}

totals::totals(const sim::run_plan& plan, options opts)
    : plan_(&plan),
      options_(opts),
      six_months_(plan.scenario().today.add_months(6) - plan.scenario().today) {
  const std::size_t n = plan.scenario().strategies.size();
  strategies_.assign(n, strategy_totals(plan));
  for (std::size_t b = 0; b < n; ++b) {
    for (std::size_t a = b + 1; a < n; ++a) {
      pairs_.push_back(pair_totals{a, b, paired_histogram(horizon_bins(plan)), {}});
    }
    if (!opts.all_pairs) break;
  }
  records_.assign(opts.keep_runs ? n : 0, {});
}

void totals::add(std::uint64_t run, std::span<const sim::run_result> results) {
  JSSIM_ASSERT(results.size() == strategies_.size(), "one result per strategy");
  ++runs_;
  for (std::size_t s = 0; s < results.size(); ++s) {
    const sim::run_result& r = results[s];
    strategy_totals& t = strategies_[s];
    if (const auto bin = recovery_bin(*plan_, r.recovery_slot)) {
      t.recovery.add(*bin);
    } else {
      t.recovery.add_censored();
    }
    for (std::size_t i = 0; i < r.jss.size(); ++i) ++t.jss[i][jss_bin(r.jss[i])];
    ++t.start_jss[jss_bin(r.start_jss)];
    t.jobs_won += r.jobs_won;
    t.earned_cents += std::llround(r.earned_usd * 100.0);
    if (options_.keep_runs) {
      records_[s].emplace_back(run, run_record{r.recovery_slot, r.final_jss(), r.jobs_won,
                                               r.earned_usd});
    }
  }
  for (pair_totals& p : pairs_) {
    const auto a = recovery_bin(*plan_, results[p.strategy].recovery_slot);
    const auto b = recovery_bin(*plan_, results[p.reference].recovery_slot);
    p.times.add(a, b);
    const bool a6 = a && static_cast<model::day_count>(*a) <= six_months_;
    const bool b6 = b && static_cast<model::day_count>(*b) <= six_months_;
    ++p.within_6m[a6 ? 1 : 0][b6 ? 1 : 0];
  }
}

std::unique_ptr<sim::run_collector> totals::empty_copy() const {
  return std::make_unique<totals>(*plan_, options_);
}

void totals::merge(const sim::run_collector& other_collector) {
  const auto& other = dynamic_cast<const totals&>(other_collector);
  JSSIM_ASSERT(other.strategies_.size() == strategies_.size(), "totals of one plan");
  runs_ += other.runs_;
  for (std::size_t s = 0; s < strategies_.size(); ++s) {
    strategy_totals& t = strategies_[s];
    const strategy_totals& o = other.strategies_[s];
    t.recovery += o.recovery;
    for (std::size_t i = 0; i < t.jss.size(); ++i) {
      for (std::size_t k = 0; k < t.jss[i].size(); ++k) t.jss[i][k] += o.jss[i][k];
    }
    for (std::size_t k = 0; k < t.start_jss.size(); ++k) t.start_jss[k] += o.start_jss[k];
    t.jobs_won += o.jobs_won;
    t.earned_cents += o.earned_cents;
  }
  JSSIM_ASSERT(other.pairs_.size() == pairs_.size(), "totals of one plan");
  for (std::size_t p = 0; p < pairs_.size(); ++p) {
    pairs_[p].times += other.pairs_[p].times;
    for (std::size_t a = 0; a < 2; ++a) {
      for (std::size_t b = 0; b < 2; ++b) pairs_[p].within_6m[a][b] += other.pairs_[p].within_6m[a][b];
    }
  }
  if (!options_.keep_runs) return;
  // Records arrive per thread in block order; sorting by run makes records()
  // independent of the thread count.
  for (std::size_t s = 0; s < records_.size(); ++s) {
    auto& mine = records_[s];
    mine.insert(mine.end(), other.records_[s].begin(), other.records_[s].end());
    std::sort(mine.begin(), mine.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
  }
}

}  // namespace jssim::analysis
