// SPDX-License-Identifier: MIT
#include "model/score.hpp"

#include <algorithm>  // std::equal, std::min, std::sort, std::max
#include <cstdint>    // std::int32_t, std::uint32_t
#include <vector>

namespace jssim::model {
namespace {

outcome_class class_from_feedback(const contract& c, const rule_set& r) {
  if (c.has_private() && r.private_rating_counts(c.end)) {
    const double p = c.private_rating;
    if (p >= r.private_positive_min) return outcome_class::positive;
    if (p >= r.private_neutral_min) return outcome_class::neutral;
    return outcome_class::negative;
  }
  if (c.stars >= r.stars_positive_min) return outcome_class::positive;
  if (c.stars >= r.stars_neutral_min) return outcome_class::neutral;
  return outcome_class::negative;
}

bool counted(outcome_class c) { return c != outcome_class::excluded; }

/// The one statement of the classes (MODEL.md section 4): classify() and, when
/// `Timed`, the last day its answer holds, which mirrors the tests that read
/// the day: the start, the end, and an open contract's idle days against
/// stale_after_days. classify() does not pay for the day it does not need.
template <bool Timed>
timed_classification classify_on(const contract& c, date t, const rule_set& r) {
  timed_classification timed;
  classification& out = timed.now;
  if (c.start > t) {
    if constexpr (Timed) timed.holds_until = c.start - 1;
    return timed;
  }
  const bool open = c.end > t;
  out.reference = open ? c.last_activity() : c.end;
  const day_count span = c.span_days();
  const bool long_term = span >= r.long_term_days;
  if constexpr (Timed) {
    if (open) {
      date until = c.end == date_max ? date_max : c.end - 1;
      const date stale_on = c.last_activity() + r.stale_after_days;
      if (t < stale_on) until = std::min(until, stale_on - 1);
      timed.holds_until = until;
    }
  }

  if (c.client_flagged) {
    out.cls = outcome_class::excluded;
  } else if (c.disputed) {
    out.cls = outcome_class::negative;
  } else if (!open) {
    const bool feedback = c.has_stars() || (c.has_private() && r.private_rating_counts(c.end));
    if (feedback) {
      out.cls = class_from_feedback(c, r);
    } else {
      out.cls = long_term ? outcome_class::positive : outcome_class::excluded;
    }
  } else {
    const day_count idle = t - c.last_activity();
    if (long_term && idle < r.stale_after_days) {
      out.cls = outcome_class::positive;
    } else if (idle >= r.stale_after_days) {
      out.cls = r.stale_open_class;
    } else {
      out.cls = outcome_class::excluded;
    }
  }
  // An excluded contract counts nowhere: the incremental scorer, which looks
  // at many of them, does without their weight.
  if (!Timed || out.cls != outcome_class::excluded) out.weight = contract_weight(c.earned, span, r);
  return timed;
}

}  // namespace

double contract_weight(double earned, day_count span_days, const rule_set& r) {
  double tier = r.tier_weights[2];
  if (earned <= r.tier_limits[0]) {
    tier = r.tier_weights[0];
  } else if (earned <= r.tier_limits[1]) {
    tier = r.tier_weights[1];
  }
  // floor(span / bonus_days) in integers: the same as the floor of the double
  // quotient (exact for |span| < 2^53), without a division and a floor in
  // floating point.
  day_count bonus_jobs = 0;
  if (r.span_bonus_days > 0) {
    bonus_jobs = span_days / r.span_bonus_days;
    if (span_days % r.span_bonus_days != 0 && span_days < 0) --bonus_jobs;
  }
  const auto bonus = static_cast<double>(bonus_jobs);
  return std::min(r.weight_max, tier + bonus);
}

classification classify(const contract& c, date t, const rule_set& r) {
  return classify_on<false>(c, t, r).now;
}

timed_classification classify_timed(const contract& c, date t, const rule_set& r) {
  return classify_on<true>(c, t, r);
}

int round_half_up(double score) {
  // Scores are 100 * a / b with a, b sums of weights. For weights with a few
  // binary digits (the defaults are multiples of 1/4) a true value that is not
  // exactly k + 0.5 lies at least 1e-6 away from it, while the division's
  // rounding error is below 1e-12: the tolerance tells the two apart.
  // The floor without a call to std::floor: truncation, one less below zero.
  const double x = score + 0.5 + 1e-9;
  const auto truncated = static_cast<int>(x);
  return x < truncated ? truncated - 1 : truncated;
}

window_starts window_starts_on(date t) {
  window_starts from{};
  for (std::size_t w = 0; w < window_months.size(); ++w) from[w] = t.sub_months(window_months[w]);
  return from;
}

score_result score(std::span<const contract> contracts, date t, const rule_set& r) {
  score_result out;
  out.on = t;
  sum_windows(contracts, t, window_starts_on(t), r, out.windows);
  complete_score(out, r);
  return out;
}

void sum_windows(std::span<const contract> contracts, date t, const window_starts& from,
                 const rule_set& r, std::array<window_score, window_months.size()>& windows) {
  for (std::size_t w = 0; w < window_months.size(); ++w) {
    windows[w] = window_score{};
    windows[w].months = window_months[w];
    windows[w].from = from[w];
  }
  // The windows are nested (3 months inside 6 inside 12 inside 24), so a
  // contract counts in every window from the narrowest that holds it: one
  // list of (client, narrowest window) gives every window's distinct clients.
  // A small buffer on the stack spares the common case an allocation.
  struct client_in {
    std::int32_t client;
    std::uint32_t narrowest;
  };
  std::array<client_in, 64> small;
  std::vector<client_in> large;
  std::size_t n = 0;
  for (const contract& c : contracts) {
    const classification k = classify(c, t, r);
    if (!counted(k.cls) || k.reference > t) continue;
    std::size_t narrowest = window_months.size();
    for (std::size_t w = 0; w < window_months.size(); ++w) {
      window_score& win = windows[w];
      if (k.reference < win.from) continue;
      if (narrowest == window_months.size()) narrowest = w;
      switch (k.cls) {
        case outcome_class::positive: win.positive += k.weight; break;
        case outcome_class::neutral: win.neutral += k.weight; break;
        case outcome_class::negative: win.negative += k.weight; break;
        case outcome_class::excluded: break;
      }
      ++win.outcomes;
    }
    if (narrowest == window_months.size()) continue;
    const client_in entry{c.client, static_cast<std::uint32_t>(narrowest)};
    if (n < small.size()) {
      small[n] = entry;
    } else {
      if (n == small.size()) large.assign(small.begin(), small.end());
      large.push_back(entry);
    }
    ++n;
  }
  const std::span<client_in> ids =
      n <= small.size() ? std::span<client_in>(small.data(), n) : std::span<client_in>(large);
  std::sort(ids.begin(), ids.end(), [](const client_in& a, const client_in& b) {
    return a.client != b.client ? a.client < b.client : a.narrowest < b.narrowest;
  });
  for (std::size_t i = 0; i < ids.size(); ++i) {
    // The first entry of each client has its narrowest window.
    if (i > 0 && ids[i].client == ids[i - 1].client) continue;
    for (std::size_t w = ids[i].narrowest; w < window_months.size(); ++w) ++windows[w].clients;
  }
}

const std::array<window_score, window_months.size()>& remembered_sums::on(
    std::span<const contract> contracts, date t, const window_starts& from, const rule_set& r) {
  if (holds(t, from) &&
      std::equal(contracts.begin(), contracts.end(), contracts_.begin(), contracts_.end())) {
    // The same contracts, each in the same class and the same windows.
    for (std::size_t w = 0; w < window_months.size(); ++w) windows_[w].from = from[w];
    return windows_;
  }
  sum_windows(contracts, t, from, r, windows_);
  contracts_.assign(contracts.begin(), contracts.end());
  holds_until_ = date_max;
  earliest_.fill(date_max);
  for (const contract& c : contracts) {
    const timed_classification k = classify_timed(c, t, r);
    holds_until_ = std::min(holds_until_, k.holds_until);
    if (!counted(k.now.cls)) continue;
    if (k.now.reference > t) {
      // Not counted yet (sum_windows skips it): until the day before it is.
      holds_until_ = std::min(holds_until_, k.now.reference - 1);
      continue;
    }
    for (std::size_t w = 0; w < window_months.size(); ++w) {
      if (!(k.now.reference < from[w])) earliest_[w] = std::min(earliest_[w], k.now.reference);
    }
  }
  known_ = true;
  return windows_;
}

void complete_score(score_result& out, const rule_set& r) {
  complete_score(out, r, (1U << window_months.size()) - 1);
}

void complete_score(score_result& out, const rule_set& r, unsigned windows) {
  // The thresholds read once: the stores below are not to the rule set, but
  // the compiler cannot tell.
  const int min_clients = r.min_clients;
  const int min_outcomes = std::max(1, r.min_outcomes);
  for (std::size_t w = 0; w < window_months.size(); ++w) {
    if ((windows & (1U << w)) == 0) continue;
    window_score& win = out.windows[w];
    const double positive = win.positive;
    const double negative = win.negative;
    const double total = positive + win.neutral + negative;
    win.score = total > 0 ? 100.0 * std::max(0.0, (positive - negative) / total) : 0.0;
    win.eligible = (win.clients >= min_clients) & (win.outcomes >= min_outcomes);
  }

  out.trending_eligible = out.windows[0].eligible;
  out.trending = (out.windows[0].score + out.windows[1].score) / 2;
  double best = 0;
  bool any = false;
  auto consider = [&](bool eligible, double value) {
    if (!eligible) return;
    if (!any || value > best) best = value;
    any = true;
  };
  for (std::size_t w = 1; w < window_months.size(); ++w) {
    consider(out.windows[w].eligible, out.windows[w].score);
  }
  consider(out.trending_eligible, out.trending);
  out.best = best;
  out.displayed = any ? std::optional<int>(round_half_up(best)) : std::nullopt;
}

score_result score_as_of(std::span<const contract> contracts, date t, const rule_set& r) {
  std::vector<contract> seen;
  seen.reserve(contracts.size());
  for (const contract& c : contracts) {
    if (auto s = as_of(c, t)) seen.push_back(*s);
  }
  return score(seen, t, r);
}

}  // namespace jssim::model
