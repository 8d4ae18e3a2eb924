// SPDX-License-Identifier: MIT
#include "model/plan_space.hpp"

#include <algorithm>  // std::max
#include <cstdint>    // UINT64_MAX

#include "model/assert.hpp"
#include "model/scenario.hpp"

namespace jssim::model {

std::string_view to_string(plan_objective o) {
  return plan_objective_names[static_cast<std::size_t>(o)];
}

std::optional<plan_objective> plan_objective_from_string(std::string_view text) {
  for (std::size_t i = 0; i < std::size(plan_objective_names); ++i) {
    if (plan_objective_names[i] == text) return static_cast<plan_objective>(i);
  }
  return std::nullopt;
}

bool higher_is_better(plan_objective o) {
  return o != plan_objective::median_days && o != plan_objective::rmst_days;
}

int objective_months(plan_objective o) {
  switch (o) {
    case plan_objective::p_recovered_3m: return 3;
    case plan_objective::p_recovered_6m: return 6;
    case plan_objective::p_recovered_12m: return 12;
    default: return 0;
  }
}

std::string_view to_string(lever_key k) { return lever_key_names[static_cast<std::size_t>(k)]; }

std::uint64_t grid_size(const plan_spec& spec) {
  std::uint64_t n = 1;
  for (const auto& l : spec.levers) {
    const auto k = static_cast<std::uint64_t>(l.values.size());
    if (k == 0) return 0;
    if (n > UINT64_MAX / k) return UINT64_MAX;
    n *= k;
  }
  return n;
}

std::vector<std::size_t> plan_choices(const plan_spec& spec, std::uint64_t index) {
  JSSIM_ASSERT(index < grid_size(spec), "a plan index within the grid");
  std::vector<std::size_t> choices(spec.levers.size());
  for (std::size_t i = spec.levers.size(); i-- > 0;) {
    const auto k = static_cast<std::uint64_t>(spec.levers[i].values.size());
    choices[i] = static_cast<std::size_t>(index % k);
    index /= k;
  }
  return choices;
}

std::string plan_name(const plan_spec& spec, std::uint64_t index) {
  const auto choices = plan_choices(spec, index);
  std::string name;
  for (std::size_t i = 0; i < spec.levers.size(); ++i) {
    if (i > 0) name += "; ";
    name += to_string(spec.levers[i].key);
    name += '=';
    name += spec.levers[i].texts[choices[i]];
  }
  return name;
}

strategy plan_strategy(const plan_spec& spec, std::uint64_t index) {
  const auto choices = plan_choices(spec, index);
  strategy st;
  st.name = plan_name(spec, index);
  for (std::size_t i = 0; i < spec.levers.size(); ++i) {
    const strategy& v = spec.levers[i].values[choices[i]];
    switch (spec.levers[i].key) {
      case lever_key::proposals_per_week: st.proposals_per_week = v.proposals_per_week; break;
      case lever_key::max_parallel: st.max_parallel = v.max_parallel; break;
      case lever_key::accept: st.accept = v.accept; break;
      case lever_key::close: st.close = v.close; break;
      case lever_key::close_stale_after_days:
        st.close_stale_after_days = v.close_stale_after_days;
        break;
      case lever_key::own_close_feedback: st.own_close_feedback = v.own_close_feedback; break;
      case lever_key::until_recovered: st.until_recovered = v.until_recovered; break;
    }
  }
  return st;
}

double most_proposals_per_week(const scenario& sc, const strategy& st) {
  const double pipeline = sc.pipeline.proposals_per_week;
  if (!st.proposals_per_week) return pipeline;
  return st.until_recovered ? std::max(*st.proposals_per_week, pipeline) : *st.proposals_per_week;
}

bool same_settings(const strategy& a, const strategy& b) {
  const auto sorted = [](const std::optional<std::vector<std::size_t>>& v) {
    auto copy = v;
    if (copy) std::sort(copy->begin(), copy->end());
    return copy;
  };
  if (a.close.size() != b.close.size()) return false;
  for (std::size_t i = 0; i < a.close.size(); ++i) {
    const bool found = std::any_of(b.close.begin(), b.close.end(), [&](const scheduled_close& c) {
      return c.contract == a.close[i].contract && c.on == a.close[i].on;
    });
    if (!found) return false;
  }
  return a.proposals_per_week == b.proposals_per_week && a.max_parallel == b.max_parallel &&
         sorted(a.accept) == sorted(b.accept) &&
         a.close_stale_after_days == b.close_stale_after_days &&
         a.own_close_feedback == b.own_close_feedback && a.until_recovered == b.until_recovered;
}

}  // namespace jssim::model
