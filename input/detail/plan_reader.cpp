// SPDX-License-Identifier: MIT
#include "input/detail/plan_reader.hpp"

#include <array>
#include <cstdint>  // std::int64_t
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>  // std::move

#include <fmt/format.h>

#include "model/detail/suggest.hpp"

namespace jssim::input::detail {
namespace {

constexpr std::array<std::string_view, 3> plan_keys{"objective", "levers", "constraints"};
constexpr std::array<std::string_view, 2> constraint_keys{"max_proposals_per_week",
                                                          "min_earned_usd"};
constexpr std::array<std::string_view, 2> close_keys{"contract", "on"};

// The loader's limits (scenario_loader.cpp), so that a plan never sets a
// value the loader would refuse in a strategy.
constexpr double max_proposals_per_week = 10'000;
constexpr std::int64_t max_count = 1'000'000;
constexpr auto max_day_count = static_cast<std::int64_t>(max_days);

bool is_none(const value_at& v) { return v.node.IsScalar() && v.node.Scalar() == "none"; }

std::string number_text(double x) { return fmt::format("{}", x); }

// "[a, b]": how a plan's name shows a list.
std::string bracketed(const std::vector<std::string>& parts) {
  std::string text = "[";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? ", " : "") + parts[i];
  return text + "]";
}

class plan_reader {
 public:
  plan_reader(reader& r, const scenario& s, bool names_known)
      : r_(r), s_(s), names_known_(names_known) {}

  std::optional<plan_spec> read(const value_at& v) {
    const auto m = r_.map(v, plan_keys, "a mapping with objective, levers and constraints");
    if (!m) return std::nullopt;
    plan_spec spec;
    spec.line = line_of(v.mark);
    const auto objective_at = m->get("objective");
    if (objective_at) {
      if (auto text = r_.one_of(*objective_at, plan_objective_names, "an objective")) {
        spec.objective = *plan_objective_from_string(*text);
      } else {
        ok_ = false;
      }
    }
    // Runs that stop before X months cannot say who recovers within X.
    const int months = objective_months(spec.objective);
    if (ok_ && months > s_.simulation.horizon_months) {
      r_.report(objective_at ? *objective_at : v,
                fmt::format("{} needs runs of {} months or more, and simulation.horizon_months "
                            "is {}; choose median_days or rmst_days, or a longer horizon",
                            to_string(spec.objective), months, s_.simulation.horizon_months));
      ok_ = false;
    }
    if (auto at = m->require("levers", "a mapping of strategy keys to the values to try, such "
                                       "as {proposals_per_week: [5, 10, 15]}")) {
      read_levers(*at, spec);
    } else {
      ok_ = false;
    }
    if (auto at = m->get("constraints")) read_constraints(*at, spec.constraints);
    if (!ok_) return std::nullopt;
    return spec;
  }

 private:
  void read_levers(const value_at& v, plan_spec& spec) {
    const auto m = r_.map(v, lever_key_names, "a mapping of strategy keys to lists of values");
    if (!m) {
      ok_ = false;
      return;
    }
    for (std::size_t k = 0; k < std::size(lever_key_names); ++k) {
      const auto at = m->get(lever_key_names[k]);
      if (!at) continue;
      lever l;
      l.key = static_cast<lever_key>(k);
      l.line = line_of(at->mark);
      const auto items = r_.list(*at, fmt::format("a list of values of {} to try, such as {}",
                                                  lever_key_names[k], example(l.key)));
      if (!items) {
        ok_ = false;
        continue;
      }
      if (items->empty() || items->size() > max_lever_values) {
        r_.report(*at, fmt::format("expected 1 to {} values to try, got {}", max_lever_values,
                                   items->size()));
        ok_ = false;
        continue;
      }
      std::unordered_map<std::string, std::size_t> seen;  // text -> index
      bool lever_ok = true;
      for (std::size_t i = 0; i < items->size(); ++i) {
        const value_at& item = (*items)[i];
        strategy value;
        std::string text;
        if (!read_value(item, l.key, value, text)) {
          lever_ok = false;
          continue;
        }
        const auto [other, fresh] = seen.try_emplace(text, i);
        if (!fresh) {
          r_.report(item, fmt::format("`{}` is already tried by {}[{}]; list each value once",
                                      text, at->path, other->second));
          lever_ok = false;
          continue;
        }
        l.values.push_back(std::move(value));
        l.texts.push_back(std::move(text));
      }
      if (!lever_ok) {
        ok_ = false;
        continue;
      }
      spec.levers.push_back(std::move(l));
    }
    if (!ok_) return;
    if (spec.levers.empty()) {
      r_.report(v, "expected at least one lever, such as {proposals_per_week: [5, 10, 15]}");
      ok_ = false;
      return;
    }
    const std::uint64_t n = grid_size(spec);
    if (n > max_plan_grid) {
      std::string product;
      const lever* widest = &spec.levers.front();
      for (const auto& l : spec.levers) {
        if (!product.empty()) product += " x ";
        product += fmt::format("{} ({})", l.values.size(), to_string(l.key));
        if (l.values.size() > widest->values.size()) widest = &l;
      }
      const std::string total = n == UINT64_MAX ? "more than 18 quintillion"
                                                : fmt::format("{}", n);
      r_.report(v, fmt::format("the grid has {} = {} plans, more than the {} that can be "
                               "evaluated; narrow a lever, such as {} (line {}), which lists {} "
                               "values",
                               product, total, max_plan_grid, to_string(widest->key),
                               widest->line, widest->values.size()));
      ok_ = false;
    }
  }

  static std::string_view example(lever_key k) {
    switch (k) {
      case lever_key::proposals_per_week: return "[5, 10, 15]";
      case lever_key::max_parallel: return "[none, 2, 3]";
      case lever_key::accept: return "[none, [quick fixed]]";
      case lever_key::close: return "[[], [{contract: some-id}]]";
      case lever_key::close_stale_after_days: return "[none, 30, 60]";
      case lever_key::own_close_feedback: return "[0.3, 0.5]";
      case lever_key::until_recovered: return "[true, false]";
    }
    return "";
  }

  // One value of a lever into `st` (that key alone) and its text for names.
  bool read_value(const value_at& v, lever_key key, strategy& st, std::string& text) {
    if (is_none(v)) {
      text = "none";
      return true;  // the strategy leaves the key unset: its default
    }
    switch (key) {
      case lever_key::proposals_per_week: {
        const auto x = r_.number(
            v, {0, max_proposals_per_week},
            fmt::format("a number of proposals per week from 0 to {}, or none",
                        max_proposals_per_week));
        if (!x) return false;
        st.proposals_per_week = *x;
        text = number_text(*x);
        return true;
      }
      case lever_key::max_parallel: {
        const auto x = r_.whole(v, 1, max_count, "a whole number of jobs at once, 1 or more, or "
                                                 "none");
        if (!x) return false;
        st.max_parallel = static_cast<int>(*x);
        text = fmt::format("{}", *x);
        return true;
      }
      case lever_key::accept: return read_accept(v, st, text);
      case lever_key::close: return read_closes(v, st, text);
      case lever_key::close_stale_after_days: {
        const auto x = r_.whole(v, 0, max_day_count, "a whole number of days, 0 or more, or none");
        if (!x) return false;
        st.close_stale_after_days = static_cast<day_count>(*x);
        text = fmt::format("{}", *x);
        return true;
      }
      case lever_key::own_close_feedback: {
        const auto x = r_.probability(v);
        if (!x) return false;
        st.own_close_feedback = *x;
        text = number_text(*x);
        return true;
      }
      case lever_key::until_recovered: {
        const auto b = r_.boolean(v);
        if (!b) return false;
        st.until_recovered = *b;
        text = *b ? "true" : "false";
        return true;
      }
    }
    return false;
  }

  bool read_accept(const value_at& v, strategy& st, std::string& text) {
    const auto items = r_.list(v, "a list of job type names from pipeline.jobs, or none");
    if (!items) return false;
    std::vector<std::size_t> accepted;
    std::unordered_set<std::size_t> taken;
    std::vector<std::string> names;
    bool ok = true;
    for (const auto& item : *items) {
      const auto name = r_.text(item, "the name of a job type of pipeline.jobs");
      if (!name) {
        ok = false;
        continue;
      }
      if (!names_known_) continue;
      const auto index = s_.pipeline.job_index(*name);
      if (!index) {
        std::vector<std::string> jobs;
        for (const auto& j : s_.pipeline.jobs) jobs.push_back(j.name);
        r_.report(item, fmt::format("no job type named `{}` in pipeline.jobs{}; the job types "
                                    "are {}",
                                    *name, did_you_mean(*name, jobs), one_of(jobs)));
        ok = false;
      } else if (taken.insert(*index).second) {
        accepted.push_back(*index);
        names.push_back(*name);
      }
    }
    if (!ok) return false;
    st.accept = std::move(accepted);
    text = bracketed(names);
    return true;
  }

  bool read_closes(const value_at& v, strategy& st, std::string& text) {
    const auto items = r_.list(v, "a list of {contract: id, on: date}, [] for none");
    if (!items) return false;
    std::vector<std::string> parts;
    bool ok = true;
    for (const auto& item : *items) {
      const auto m = r_.map(item, close_keys, "a mapping {contract: id, on: date}");
      if (!m) {
        ok = false;
        continue;
      }
      scheduled_close c;
      c.on = s_.today;
      std::string id;
      if (auto at = m->require("contract", "the id of an open contract of the history")) {
        const auto text_id = r_.text(*at, "the id of an open contract of the history");
        if (!text_id) {
          ok = false;
        } else if (names_known_) {
          id = *text_id;
          if (!resolve(*at, id, c)) ok = false;
        }
      } else {
        ok = false;
      }
      if (auto at = m->get("on")) {
        const auto d = r_.day(*at);
        if (!d) {
          ok = false;
        } else if (*d < s_.today) {
          r_.expected(*at, fmt::format("a day on or after today ({})", s_.today.to_string()));
          ok = false;
        } else {
          c.on = *d;
        }
      }
      if (!ok || !names_known_) continue;
      for (const auto& before : st.close) {
        if (before.contract == c.contract) {
          r_.report(item, fmt::format("contract `{}` is already closed by this value", id));
          ok = false;
        }
      }
      if (!ok) continue;
      st.close.push_back(c);
      parts.push_back(c.on == s_.today ? id : fmt::format("{} on {}", id, c.on.to_string()));
    }
    if (!ok) return false;
    text = bracketed(parts);
    return true;
  }

  bool resolve(const value_at& at, const std::string& id, scheduled_close& c) {
    const auto index = s_.contract_index(id);
    if (!index) {
      std::vector<std::string> ids;
      for (const auto& h : s_.history) {
        if (h.is_open()) ids.push_back(h.id);
      }
      r_.report(at, fmt::format("no contract with id `{}` in the history{}{}", id,
                                did_you_mean(id, ids),
                                ids.empty() || ids.size() > 12
                                    ? std::string()
                                    : "; the open contracts are " + one_of(ids)));
      return false;
    }
    const history_contract& h = s_.history[*index];
    if (h.ended) {
      r_.report(at, fmt::format("contract `{}` ended on {}; only an open contract can be closed",
                                id, h.ended->to_string()));
      return false;
    }
    c.contract = *index;
    return true;
  }

  void read_constraints(const value_at& v, plan_constraints& c) {
    const auto m = r_.map(v, constraint_keys,
                          "a mapping with max_proposals_per_week and/or min_earned_usd");
    if (!m) {
      ok_ = false;
      return;
    }
    if (auto at = m->get("max_proposals_per_week")) {
      if (auto x = r_.number(*at, {0, max_proposals_per_week},
                             fmt::format("a number of proposals per week from 0 to {}",
                                         max_proposals_per_week))) {
        c.max_proposals_per_week = *x;
      } else {
        ok_ = false;
      }
    }
    if (auto at = m->get("min_earned_usd")) {
      if (auto x = r_.number(*at, {0, max_usd}, "an amount in USD, 0 or more")) {
        c.min_earned_usd = *x;
      } else {
        ok_ = false;
      }
    }
  }

  reader& r_;
  const scenario& s_;
  bool names_known_;
  bool ok_ = true;
};

}  // namespace

std::optional<plan_spec> read_plan(reader& r, const value_at& v, const scenario& s,
                                   bool names_known) {
  return plan_reader(r, s, names_known).read(v);
}

}  // namespace jssim::input::detail
