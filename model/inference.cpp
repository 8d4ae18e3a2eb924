// SPDX-License-Identifier: MIT
#include "model/inference.hpp"

#include <algorithm>  // std::any_of, std::find_if
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

posterior enumerate_posterior(const hidden_ratings& hidden, std::optional<int> observed,
                              const scenario& sc) {
  JSSIM_ASSERT(hidden.combinations() <= max_enumerated_completions,
               "enumerate only the completions of a few hidden ratings");
  const auto& unknowns = hidden.unknowns();
  posterior out;
  out.combinations = hidden.combinations();
  completion_choice choice(unknowns.size(), 0);
  std::vector<contract> scratch;
  // Which displayed scores occur (index 1 + score, 0 for none), for the
  // message when none is the observed one.
  std::array<bool, 102> occurs{};
  double all = 0;
  double kept = 0;
  for (bool more = true; more;) {
    const std::optional<int> jss = hidden.start_jss(choice, scratch);
    occurs[static_cast<std::size_t>(jss.value_or(-1) + 1)] = true;
    const double p = hidden.prior(choice);
    all += p;
    if (!observed || jss == observed) {
      out.explaining.push_back(weighed_completion{choice, p, 0, jss});
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
    std::vector<int> shown;
    for (std::size_t i = 0; i < occurs.size(); ++i) {
      if (occurs[i]) shown.push_back(static_cast<int>(i) - 1);
    }
    throw scenario_error(observed_jss_location(sc),
                         unexplained_message(sc, hidden, *observed, shown));
  }
  for (weighed_completion& c : out.explaining) c.probability = c.prior / kept;
  out.evidence = kept / all;
  return out;
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

}  // namespace jssim::model
