// SPDX-License-Identifier: MIT
#include "input/detail/sensitivity_reader.hpp"

#include <cstdint>  // std::int64_t
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>  // std::move, std::pair
#include <vector>

#include <fmt/format.h>

#include "model/detail/suggest.hpp"

namespace jssim::input::detail {
namespace {

using model::detail::did_you_mean;
using model::detail::one_of;

constexpr std::string_view sensitivity_keys[] = {"outcome", "strategy", "points", "runs",
                                                 "parameters"};
constexpr std::string_view parameter_keys[] = {"path", "low", "high", "label"};

// What two parameters may not share: the same number (a distribution and
// its scale count as one), or two rows of one outcome table, whose
// renormalisations would undo each other.
std::string quantity_key(const std::string& canonical) {
  std::string key = canonical;
  if (key.ends_with(".scale")) key.resize(key.size() - 6);
  if (key.starts_with("pipeline.outcomes.") && key.ends_with("].p")) {
    key.resize(key.rfind('['));
    key += "[*]";
  }
  return key;
}

std::optional<double> bound(reader& r, const value_at& v, const parameter_domain* d) {
  if (d == nullptr) {
    return r.number(v, {-std::numeric_limits<double>::max(), std::numeric_limits<double>::max()},
                    "a number");
  }
  if (d->whole) {
    const auto x = r.whole(v, static_cast<std::int64_t>(d->lo), static_cast<std::int64_t>(d->hi),
                           d->what);
    if (!x) return std::nullopt;
    return static_cast<double>(*x);
  }
  return r.number(v, {d->lo, d->hi, d->lo_open, false}, d->what);
}

std::optional<sensitivity_parameter> read_parameter(reader& r, const value_at& v,
                                                    const model::parameter_catalogue* paths) {
  const auto m = r.map(v, parameter_keys, "a parameter: {path: ..., low: x, high: y, label: ...}");
  if (!m) return std::nullopt;
  sensitivity_parameter p;
  p.line = line_of(v.mark);
  bool ok = true;
  std::optional<parameter_target> target;
  if (auto at = m->require("path", "the path of a number of the scenario, such as "
                                   "`pipeline.proposals_per_week`")) {
    if (auto text = r.text(*at, "a path such as `pipeline.jobs[quick fixed].win_rate`")) {
      p.path = *text;
      if (paths != nullptr) {
        model::parameter_lookup found = paths->resolve(*text);
        if (found.target) {
          target = std::move(found.target);
        } else {
          r.report(*at, std::move(found.problem));
          ok = false;
        }
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  const parameter_domain* domain = target ? &target->domain : nullptr;
  const auto low_at = m->require("low", "the lowest value to try");
  const auto high_at = m->require("high", "the highest value to try");
  // NaN stands for "unreadable" (already reported): a std::optional here
  // trips GCC 12's -Wmaybe-uninitialized.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double low = low_at ? bound(r, *low_at, domain).value_or(nan) : nan;
  const double high = high_at ? bound(r, *high_at, domain).value_or(nan) : nan;
  if (!std::isnan(low) && !std::isnan(high) && !(low < high)) {
    r.report(*high_at, fmt::format("expected a value above low ({}), got {}; a range needs low < "
                                   "high",
                                   low, high));
    ok = false;
  }
  if (auto at = m->get("label")) {
    if (auto text = r.text(*at, "a label, the words the chart shows for it")) p.label = *text;
  }
  if (!ok || std::isnan(low) || std::isnan(high) || !target) return std::nullopt;
  p.low = low;
  p.high = high;
  p.target = std::move(*target);
  return p;
}

}  // namespace

std::optional<sensitivity_spec> read_sensitivity(reader& r, const value_at& v, const scenario& s,
                                                 bool names_known) {
  const auto m = r.map(v, sensitivity_keys,
                       "a mapping with outcome, strategy, points, runs and parameters");
  if (!m) return std::nullopt;
  sensitivity_spec spec;
  bool ok = true;
  const auto outcome_at = m->get("outcome");
  if (outcome_at) {
    if (auto text = r.one_of(*outcome_at, sensitivity_outcome_names, "an outcome")) {
      spec.outcome = *sensitivity_outcome_from_string(*text);
    } else {
      ok = false;
    }
  }
  // Runs that stop before 6 months cannot say who recovers within 6.
  if (ok && spec.outcome == sensitivity_outcome::p_recovered_6m &&
      s.simulation.horizon_months < 6) {
    r.report(outcome_at ? *outcome_at : v,
             fmt::format("{}p_recovered_6m needs runs of 6 months or more, and "
                         "simulation.horizon_months is {}; choose median_days or rmst_days, or "
                         "a longer horizon",
                         outcome_at ? "" : "the default outcome ", s.simulation.horizon_months));
    ok = false;
  }
  if (auto at = m->get("strategy")) {
    if (auto name = r.text(*at, "the name of a strategy of `strategies`")) {
      if (auto index = s.strategy_index(*name)) {
        spec.strategy = *index;
      } else if (names_known) {
        std::vector<std::string> names;
        for (const model::strategy& st : s.strategies) names.push_back(st.name);
        r.report(*at, fmt::format("no strategy named `{}`{}; the strategies are {}", *name,
                                  did_you_mean(*name, names), one_of(names)));
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  std::optional<value_at> points_at = m->get("points");
  if (points_at) {
    if (auto x = r.whole(*points_at, 3, static_cast<std::int64_t>(max_sensitivity_points),
                         fmt::format("a whole number of points from 3 to {}",
                                     max_sensitivity_points))) {
      spec.points = static_cast<std::size_t>(*x);
    } else {
      ok = false;
    }
  }
  if (auto at = m->get("runs")) {
    if (auto x = r.whole(*at, static_cast<std::int64_t>(min_sensitivity_runs),
                         static_cast<std::int64_t>(max_sensitivity_runs),
                         fmt::format("a whole number of runs from {} to {} (a swing's interval "
                                     "needs two runs or more)",
                                     min_sensitivity_runs, max_sensitivity_runs))) {
      spec.runs = static_cast<std::uint64_t>(*x);
    } else {
      ok = false;
    }
  }
  const auto list_at = m->require("parameters",
                                  "a list of parameters, such as [{path: "
                                  "pipeline.proposals_per_week, low: 4, high: 16}]");
  if (!list_at) return std::nullopt;
  const auto items = r.list(*list_at, "a list of parameters {path, low, high, label}");
  if (!items) return std::nullopt;
  if (items->empty() || items->size() > max_sensitivity_parameters) {
    r.report(*list_at, fmt::format("expected 1 to {} parameters, got {}",
                                   max_sensitivity_parameters, items->size()));
    return std::nullopt;
  }
  // quantity -> (the parameter's index in the list, its path as written)
  std::unordered_map<std::string, std::pair<std::size_t, std::string>> seen;
  // Built once: a history of thousands of open contracts has many paths.
  const std::optional<model::parameter_catalogue> paths =
      names_known ? std::optional<model::parameter_catalogue>(std::in_place, s) : std::nullopt;
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto p = read_parameter(r, (*items)[i], paths ? &*paths : nullptr);
    if (!p) {
      ok = false;
      continue;
    }
    const auto [other, fresh] =
        seen.try_emplace(quantity_key(p->target.canonical), std::pair{i, p->path});
    if (!fresh) {
      r.report((*items)[i], fmt::format("`{}` is already varied by parameters[{}] (`{}`); vary "
                                        "each number once, and one row per outcome table (the "
                                        "other rows follow it)",
                                        p->path, other->second.first, other->second.second));
      ok = false;
      continue;
    }
    spec.parameters.push_back(std::move(*p));
  }
  // A regression of n points on k parameters needs n > k + 1, and a
  // couple of points more to say anything about its fit.
  if (ok && spec.points < spec.parameters.size() + 3) {
    r.report(points_at ? *points_at : m->self(),
             fmt::format("{} points cannot fit {} parameters; expected at least {} points",
                         spec.points, spec.parameters.size(), spec.parameters.size() + 3));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return spec;
}

}  // namespace jssim::input::detail
