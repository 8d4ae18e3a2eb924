// SPDX-License-Identifier: MIT
// The scorer: classes, weights, windows, eligibility and the displayed JSS
// (MODEL.md section 4). The one source of truth for the rules, shared by
// `jssim score` and every simulated recalculation.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/rules.hpp"

namespace jssim::model {

/// How one contract counts on a day.
struct classification {
  outcome_class cls = outcome_class::excluded;
  /// r(c): the end of an ended contract, the last activity of an open one.
  date reference;
  /// min(weight_max, tier(earned) + floor(span_days / span_bonus_days)).
  double weight = 0;
};

/// The class, reference date and weight of `c` on day `t`. `c` must hold no
/// fact dated after `t` (see `as_of`).
classification classify(const contract& c, date t, const rule_set& rules);

/// The weight of a contract that earned `earned` USD over `span_days` days.
double contract_weight(double earned, day_count span_days, const rule_set& rules);

/// A classification and how long it lasts.
struct timed_classification {
  /// classify(c, t, rules), except that an excluded contract, which counts
  /// nowhere, is given no weight (0).
  classification now;
  /// The last day through which `classify(c, ·, rules)` keeps giving `now`
  /// while `c` gains no new fact; `date_max` when only a new fact can change
  /// it. An open contract's class moves when it turns stale, and a contract
  /// not yet started counts from its start.
  date holds_until = date_max;
};

/// classify() and the last day its answer holds, in one pass over the rules.
/// Lets an incremental scorer (window_sums.hpp) reclassify a contract only
/// when its class may move.
timed_classification classify_timed(const contract& c, date t, const rule_set& rules);

/// One window's sums and score.
struct window_score {
  int months = 0;
  /// The window holds contracts with `from <= r(c) <= on`.
  date from;
  double positive = 0;  ///< P: sum of the weights of positive contracts
  double neutral = 0;   ///< U
  double negative = 0;  ///< N
  int outcomes = 0;     ///< counted contracts in the window
  int clients = 0;      ///< distinct clients among them
  bool eligible = false;
  /// 100 * max(0, (P - N) / (P + U + N)); 0 for an empty window.
  double score = 0;
};

/// Everything the profile would show on one day, and why.
struct score_result {
  date on;
  /// The 3, 6, 12 and 24-month windows, in that order.
  std::array<window_score, 4> windows{};
  bool trending_eligible = false;
  /// (S_3 + S_6) / 2, meaningful when `trending_eligible`.
  double trending = 0;
  /// The largest eligible candidate before rounding; meaningful when `displayed`.
  double best = 0;
  /// The displayed JSS, rounded half up; nothing when no window is eligible.
  std::optional<int> displayed;

  [[nodiscard]] const window_score& window(std::size_t index) const { return windows.at(index); }
};

/// Scores `contracts` on day `t`. Every contract must hold no fact dated after
/// `t` (the simulation guarantees it; for a past day use `score_as_of`);
/// contracts that start after `t` are left out.
///
///     score_result s = score(history, today, rule_set{});
///     if (s.displayed) std::printf("JSS %d%%\n", *s.displayed);
score_result score(std::span<const contract> contracts, date t, const rule_set& rules);

/// The first day of each window scored on `t` (sub_months(t, m) for the
/// window_months), which a caller scoring the same days again and again can
/// work out once.
using window_starts = std::array<date, window_months.size()>;

/// The window starts of day `t`.
window_starts window_starts_on(date t);

/// The windows of score() before it completes them: each window's sums, its
/// outcomes and its distinct clients, `from` = window_starts_on(t) worked out
/// by the caller. The sums of parts of a history add up to the whole's when no
/// client has contracts in two parts.
void sum_windows(std::span<const contract> contracts, date t, const window_starts& from,
                 const rule_set& rules, std::array<window_score, window_months.size()>& windows);

/// sum_windows of a few contracts scored on days that never go back, worked
/// out again only when the answer may have moved: when the contracts differ
/// from the last call's, a class turns without a new fact
/// (classify_timed's holds_until), a window's start passes a counted
/// contract's reference, or a counted reference comes due. Otherwise the last
/// answer stands, the same bits. Meant for a handful of contracts (a
/// follower's differing ones, sim/run.hpp); window_sums is the scorer of a
/// growing list.
///
///     remembered_sums sums;
///     const auto& w = sums.on(contracts, t, window_starts_on(t), rules);
class remembered_sums {
 public:
  /// Forgets the last answer.
  void forget() { known_ = false; }

  /// sum_windows(contracts, t, from, rules, ·), where `t` is no earlier than
  /// the last call's and `rules` is the same.
  const std::array<window_score, window_months.size()>& on(std::span<const contract> contracts,
                                                           date t, const window_starts& from,
                                                           const rule_set& rules);

  /// Whether the last answer of on() holds on `t`, with `from` =
  /// window_starts_on(t), for the same contracts as then: for a caller that
  /// knows its contracts did not change and would rather not have on()
  /// compare them. The windows' `from` is then the last call's.
  [[nodiscard]] bool holds(date t, const window_starts& from) const {
    if (!known_ || t > holds_until_) return false;
    bool inside = true;
    for (std::size_t w = 0; w < window_months.size(); ++w) inside = inside && from[w] <= earliest_[w];
    return inside;
  }
  /// The last answer of on().
  [[nodiscard]] const std::array<window_score, window_months.size()>& last() const {
    return windows_;
  }

 private:
  bool known_ = false;
  std::vector<contract> contracts_;
  std::array<window_score, window_months.size()> windows_{};
  /// The last day the answer holds for the same contracts.
  date holds_until_ = date_min;
  /// By window: the earliest reference of a contract counted in it
  /// (`date_max` if none), which the window's start must not pass.
  std::array<date, window_months.size()> earliest_{};
};

/// Completes `s`, whose windows hold their sums (P, U, N), outcomes and
/// clients: each window's score and eligibility, the trending score, the best
/// candidate and the displayed JSS. score() ends with it, and so does any
/// other way of summing the windows (window_sums.hpp), so that the displayed
/// JSS is worked out in one place.
void complete_score(score_result& s, const rule_set& rules);

/// The same for a caller that knows which windows' sums changed since `s`
/// was last completed: only the windows with their bit set in `windows`
/// (bit w for window w) are scored again, the others keep theirs.
void complete_score(score_result& s, const rule_set& rules, unsigned windows);

/// Scores `contracts` as they stood on day `t` (MODEL.md section 2): ends,
/// feedback and payments after `t` are taken back first.
score_result score_as_of(std::span<const contract> contracts, date t, const rule_set& rules);

/// Rounds a score half up, exactly for scores that are fractions of weights
/// with a few binary digits (89.5 gives 90, 89.4999 gives 89).
int round_half_up(double score);

}  // namespace jssim::model
