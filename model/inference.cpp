// SPDX-License-Identifier: MIT
#include "model/inference.hpp"

#include <algorithm>  // std::any_of, std::find_if, std::stable_sort
#include <array>
#include <fmt/format.h>
#include <limits>

#include "model/assert.hpp"
#include "model/error.hpp"
#include "model/score.hpp"

namespace jssim::model {
namespace {

void set_value(const hidden_contract& u, const hidden_value& v, contract& c) {
  if (u.stars) c.stars = v.stars;
  if (u.private_rating) c.private_rating = static_cast<std::int8_t>(v.private_rating);
}

std::string shown_text(int shown) {
  return shown < 0 ? std::string("no score") : fmt::format("{} %", shown);
}

/// "80 % or 90 %", "no score, 45 % or 60 %".
std::string list_scores(std::span<const int> shown) {
  std::string text;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) text += i + 1 == shown.size() ? " or " : ", ";
    text += shown_text(shown[i]);
  }
  return text;
}

}  // namespace

hidden_ratings::hidden_ratings(const scenario& sc)
    : rules_(sc.rules), shown_on_(sc.rules.recalc_on_or_before(sc.today)) {
  const std::vector<contract> history = sc.history_contracts();
  std::vector<std::optional<std::size_t>> seen_at(history.size());
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (auto s = as_of(history[i], shown_on_)) {
      seen_at[i] = seen_.size();
      seen_.push_back(*s);
    }
  }
  for (std::size_t i = 0; i < sc.history.size(); ++i) {
    const history_contract& h = sc.history[i];
    if (!h.has_unknown()) continue;
    hidden_contract u;
    u.contract = i;
    u.stars = h.stars.unknown();
    u.private_rating = h.private_rating.unknown();
    double total = 0;
    for (const outcome_row& row : sc.pipeline.outcomes.at(h.prior).rows) {
      if (!(row.p > 0) || (u.stars && row.stars < 0) || (u.private_rating && row.private_rating < 0)) {
        continue;
      }
      hidden_value v;
      v.stars = u.stars ? row.stars : -1;
      v.private_rating = u.private_rating ? row.private_rating : -1;
      // Rows that differ only in fields that are not hidden give the same
      // history: one value, so that a completion is a distinct history.
      auto same = std::find_if(u.values.begin(), u.values.end(), [&](const hidden_value& x) {
        return x.stars == v.stars && x.private_rating == v.private_rating;
      });
      if (same == u.values.end()) {
        v.prior = row.p;
        u.values.push_back(v);
      } else {
        same->prior += row.p;
      }
      total += row.p;
    }
    JSSIM_ASSERT(!u.values.empty() && total > 0,
                 "the loader checks that a row of the prior table gives every unknown");
    for (hidden_value& v : u.values) v.prior /= total;
    // A contract that ended after shown_on had no feedback on that day.
    const bool visible = seen_at[i] && !seen_[*seen_at[i]].is_open();
    seen_index_.push_back(visible ? seen_at[i] : std::nullopt);
    unknowns_.push_back(std::move(u));
  }

  // The observations, one per recalculation day, oldest first; the loader
  // has refused two that disagree on one day.
  if (sc.observed_jss) {
    for (std::size_t i = 0; i < sc.observed_timeline.size(); ++i) {
      const observed_score& o = sc.observed_timeline[i];
      observations_.push_back(
          observation{o.on, rules_.recalc_on_or_before(o.on), o.jss, false, i, o.at});
    }
    observations_.push_back(
        observation{sc.today, shown_on_, sc.observed_jss, true, 0, observed_jss_location(sc)});
  }
  std::stable_sort(observations_.begin(), observations_.end(),
                   [](const observation& a, const observation& b) { return a.recalc < b.recalc; });
  std::vector<observation> distinct;
  for (observation& o : observations_) {
    if (!distinct.empty() && distinct.back().recalc == o.recalc) {
      JSSIM_ASSERT(distinct.back().jss == o.jss, "the loader refuses observations that disagree");
      if (o.today) distinct.back() = o;  // named as observed.jss
      continue;
    }
    distinct.push_back(o);
  }
  observations_ = std::move(distinct);
  for (const observation& o : observations_) {
    day_view v{o.recalc, {}, {}};
    std::vector<std::optional<std::size_t>> at(history.size());
    for (std::size_t i = 0; i < history.size(); ++i) {
      if (auto c = as_of(history[i], o.recalc)) {
        at[i] = v.seen.size();
        v.seen.push_back(*c);
      }
    }
    for (const hidden_contract& u : unknowns_) {
      const bool visible = at[u.contract] && !v.seen[*at[u.contract]].is_open();
      v.index.push_back(visible ? at[u.contract] : std::nullopt);
    }
    views_.push_back(std::move(v));
  }
}

void hidden_ratings::set(std::size_t k, std::uint32_t v, contract& c) const {
  const hidden_contract& u = unknowns_.at(k);
  set_value(u, u.values.at(v), c);
}

void hidden_ratings::apply_seen(const day_view& view, std::span<const std::uint32_t> choice,
                                std::span<contract> seen) const {
  JSSIM_ASSERT(choice.size() == unknowns_.size(), "one value per hidden contract");
  for (std::size_t k = 0; k < unknowns_.size(); ++k) {
    if (view.index[k]) set(k, choice[k], seen[*view.index[k]]);
  }
}

std::optional<int> hidden_ratings::shows(std::size_t i, std::span<const std::uint32_t> choice,
                                         std::vector<contract>& scratch) const {
  const day_view& v = views_.at(i);
  scratch.assign(v.seen.begin(), v.seen.end());
  apply_seen(v, choice, scratch);
  return score(scratch, v.on, rules_).displayed;
}

std::size_t hidden_ratings::field_count() const {
  std::size_t n = 0;
  for (const hidden_contract& u : unknowns_) n += (u.stars ? 1U : 0U) + (u.private_rating ? 1U : 0U);
  return n;
}

std::uint64_t hidden_ratings::combinations() const {
  constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t n = 1;
  for (const hidden_contract& u : unknowns_) {
    const std::uint64_t k = u.values.size();
    n = n > most / k ? most : n * k;
  }
  return n;
}

void hidden_ratings::apply(std::span<const std::uint32_t> choice,
                           std::span<contract> history) const {
  JSSIM_ASSERT(choice.size() == unknowns_.size(), "one value per hidden contract");
  for (std::size_t k = 0; k < unknowns_.size(); ++k) {
    const hidden_contract& u = unknowns_[k];
    set_value(u, u.values.at(choice[k]), history[u.contract]);
  }
}

std::optional<int> hidden_ratings::start_jss(std::span<const std::uint32_t> choice,
                                             std::vector<contract>& scratch) const {
  JSSIM_ASSERT(choice.size() == unknowns_.size(), "one value per hidden contract");
  scratch.assign(seen_.begin(), seen_.end());
  for (std::size_t k = 0; k < unknowns_.size(); ++k) {
    if (!seen_index_[k]) continue;
    const hidden_contract& u = unknowns_[k];
    set_value(u, u.values.at(choice[k]), scratch[*seen_index_[k]]);
  }
  return score(scratch, shown_on_, rules_).displayed;
}

double hidden_ratings::prior(std::span<const std::uint32_t> choice) const {
  double p = 1;
  for (std::size_t k = 0; k < unknowns_.size(); ++k) p *= unknowns_[k].values.at(choice[k]).prior;
  return p;
}

std::vector<observation> conditions(const hidden_ratings& hidden, std::optional<int> observed,
                                    std::size_t upto) {
  std::vector<observation> out;
  if (!observed) return out;
  for (const observation& o : hidden.observations()) {
    if (out.size() >= upto) break;
    out.push_back(o);
    if (o.today) out.back().jss = observed;
  }
  return out;
}

posterior enumerate_posterior(const hidden_ratings& hidden, std::optional<int> observed,
                              const scenario& sc, std::size_t upto) {
  JSSIM_ASSERT(hidden.combinations() <= max_enumerated_completions,
               "enumerate only the completions of a few hidden ratings");
  const auto& unknowns = hidden.unknowns();
  const std::vector<observation> conds = conditions(hidden, observed, upto);
  posterior out;
  out.combinations = hidden.combinations();
  completion_choice choice(unknowns.size(), 0);
  std::vector<contract> scratch;
  // For each condition j, which displayed scores the completions that give
  // conditions 0 .. j-1 give on its day (index 1 + score, 0 for none), and
  // how many they are, for the message when none gives it.
  std::vector<std::array<bool, 102>> occurs(conds.size());
  std::vector<std::uint64_t> reached(conds.size(), 0);
  double all = 0;
  double kept = 0;
  for (bool more = true; more;) {
    bool gives = true;
    std::optional<int> today;
    bool today_known = false;
    for (std::size_t j = 0; j < conds.size(); ++j) {
      const std::optional<int> jss = hidden.shows(j, choice, scratch);
      occurs[j][static_cast<std::size_t>(jss.value_or(-1) + 1)] = true;
      ++reached[j];
      if (conds[j].today) {
        today = jss;
        today_known = true;
      }
      if (jss != conds[j].jss) {
        gives = false;
        break;
      }
    }
    const double p = hidden.prior(choice);
    all += p;
    if (gives) {
      if (!today_known) today = hidden.start_jss(choice, scratch);
      out.explaining.push_back(weighed_completion{choice, p, 0, today});
      kept += p;
    }
    // The next completion, the last unknown varying fastest.
    more = false;
    for (std::size_t k = unknowns.size(); k-- > 0;) {
      if (++choice[k] < unknowns[k].values.size()) {
        more = true;
        break;
      }
      choice[k] = 0;
    }
  }
  if (out.explaining.empty()) {
    // The first condition that no completion giving the ones before it gives.
    std::size_t failed = 0;
    for (std::size_t j = 0; j < conds.size(); ++j) {
      const auto at = static_cast<std::size_t>(conds[j].jss.value_or(-1) + 1);
      if (!occurs[j][at]) {
        failed = j;
        break;
      }
    }
    std::vector<int> shown;
    for (std::size_t i = 0; i < occurs[failed].size(); ++i) {
      if (occurs[failed][i]) shown.push_back(static_cast<int>(i) - 1);
    }
    throw unexplained_observation(sc, hidden, conds, failed, shown, reached[failed]);
  }
  for (weighed_completion& c : out.explaining) c.probability = c.prior / kept;
  out.evidence = kept / all;
  return out;
}

std::string count_text(std::uint64_t n) {
  return n == std::numeric_limits<std::uint64_t>::max() ? std::string("more than 1.8e19")
                                                        : fmt::format("{}", n);
}

std::string observation_name(const observation& o) {
  return o.today ? std::string("observed.jss") : fmt::format("observed.timeline[{}]", o.item);
}

std::string observation_text(const observation& o) {
  return fmt::format("{} on {}", o.jss ? fmt::format("{} %", *o.jss) : std::string("no score"),
                     o.on.to_string());
}

scenario_error unexplained_observation(const scenario& sc, const hidden_ratings& hidden,
                                       std::span<const observation> conds, std::size_t failed,
                                       std::span<const int> shown, std::uint64_t count) {
  const observation& o = conds[failed];
  if (failed == 0 && o.today && o.jss) {
    return scenario_error(o.at, unexplained_message(sc, hidden, *o.jss, shown));
  }
  const std::string seen = fmt::format("the profile showed {} (the recalculation of {})",
                                       observation_text(o), o.recalc.to_string());
  std::string earlier;
  for (std::size_t j = 0; j < failed; ++j) {
    if (!earlier.empty()) earlier += j + 1 == failed ? " and " : ", ";
    earlier += fmt::format("{} ({})", observation_name(conds[j]), observation_text(conds[j]));
  }
  std::string gives = shown.size() <= 8 ? list_scores(shown)
                                        : fmt::format("{} different scores from {} to {}",
                                                      shown.size(), shown_text(shown.front()),
                                                      shown_text(shown.back()));
  if (hidden.empty()) {
    return scenario_error(
        o.at, fmt::format("{}, but the history gives {} on that day{}, and none of its ratings "
                          "is `unknown`; correct the observation or the history, or write "
                          "`unknown` for the ratings you cannot see",
                          seen, gives, o.today ? "" : " as it stood then"));
  }
  if (failed == 0) {
    return scenario_error(
        o.at, fmt::format("{}, but no combination of the {} unknown ratings gives it: on that "
                          "day the {} combinations give {}; correct the observation, the "
                          "history or the prior tables",
                          seen, hidden.field_count(), count_text(count), gives));
  }
  return scenario_error(
      o.at, fmt::format("{}, but no combination of the {} unknown ratings gives it together with "
                        "the earlier {}: on that day the {} combinations that give {} give {}; "
                        "correct the observations, the history or the prior tables",
                        seen, hidden.field_count(), failed == 1 ? "observation" : "observations",
                        count_text(count), earlier, gives));
}

source_location observed_jss_location(const scenario& sc) {
  if (sc.observed_jss_at.line > 0) return sc.observed_jss_at;
  return {sc.path, 0, 0, "observed.jss"};
}

std::string unexplained_message(const scenario& sc, const hidden_ratings& hidden, int observed,
                                std::span<const int> shown) {
  const std::string day =
      fmt::format("{} (the latest recalculation on or before today, {})",
                  hidden.shown_on().to_string(), sc.today.to_string());
  if (hidden.empty()) {
    return fmt::format(
        "the profile shows {} %, but the history gives {} on {}, and none of its ratings is "
        "`unknown`; correct the history, write `unknown` for the ratings you cannot see, or "
        "remove observed",
        observed, list_scores(shown), day);
  }
  std::string gives;
  if (shown.size() <= 8) {
    gives = list_scores(shown);
  } else {
    gives = fmt::format("{} different scores from {} to {}", shown.size(),
                        shown_text(shown.front()), shown_text(shown.back()));
  }
  return fmt::format(
      "the profile shows {} %, but no combination of the {} unknown ratings gives it: on {} "
      "the {} combinations give {}; correct the history or the prior tables, or remove observed",
      observed, hidden.field_count(), day, hidden.combinations(), gives);
}

std::string_view to_string(hidden_field field) {
  return field == hidden_field::stars ? "stars" : "private";
}

std::vector<field_marginal> marginals(const hidden_ratings& hidden,
                                      std::span<const weighed_completion> completions) {
  std::vector<field_marginal> out;
  const auto& unknowns = hidden.unknowns();
  for (std::size_t k = 0; k < unknowns.size(); ++k) {
    const hidden_contract& u = unknowns[k];
    for (hidden_field f : {hidden_field::stars, hidden_field::private_rating}) {
      if (f == hidden_field::stars ? !u.stars : !u.private_rating) continue;
      auto value_of = [&](const hidden_value& v) {
        return f == hidden_field::stars ? v.stars : static_cast<double>(v.private_rating);
      };
      field_marginal m{u.contract, f, {}};
      for (const hidden_value& v : u.values) {
        const double x = value_of(v);
        const bool listed = std::any_of(m.values.begin(), m.values.end(),
                                        [&](const auto& e) { return e.first == x; });
        if (!listed) m.values.emplace_back(x, 0.0);
      }
      for (const weighed_completion& c : completions) {
        const double x = value_of(u.values.at(c.choice.at(k)));
        for (auto& e : m.values) {
          if (e.first == x) e.second += c.probability;
        }
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<field_marginal> marginals(const hidden_ratings& hidden,
                                      const std::vector<std::vector<double>>& value_probability) {
  std::vector<field_marginal> out;
  const auto& unknowns = hidden.unknowns();
  JSSIM_ASSERT(value_probability.size() == unknowns.size(), "one distribution per unknown");
  for (std::size_t k = 0; k < unknowns.size(); ++k) {
    const hidden_contract& u = unknowns[k];
    for (hidden_field f : {hidden_field::stars, hidden_field::private_rating}) {
      if (f == hidden_field::stars ? !u.stars : !u.private_rating) continue;
      field_marginal m{u.contract, f, {}};
      for (std::size_t v = 0; v < u.values.size(); ++v) {
        const double x = f == hidden_field::stars ? u.values[v].stars
                                                  : static_cast<double>(u.values[v].private_rating);
        auto at = std::find_if(m.values.begin(), m.values.end(),
                               [&](const auto& e) { return e.first == x; });
        if (at == m.values.end()) {
          m.values.emplace_back(x, value_probability[k][v]);
        } else {
          at->second += value_probability[k][v];
        }
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace jssim::model
