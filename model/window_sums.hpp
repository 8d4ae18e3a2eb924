// SPDX-License-Identifier: MIT
// The score kept up to date as contracts change and days pass: the same
// score_result as model::score, without rescanning every contract on every
// recalculation. A contract's part in a window is constant between its facts
// changing, its class turning (classify_timed's holds_until) and its reference
// date leaving the window, so only those moments cost anything.
#pragma once

#include <array>
#include <cstdint>  // std::int32_t, std::int64_t, std::uint32_t, std::uint8_t
#include <span>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/rules.hpp"
#include "model/score.hpp"

namespace jssim::model {

/// The first day of each window scored on `t` (sub_months(t, m) for the
/// window_months), which a caller scoring the same days again and again can
/// work out once.
using window_starts = std::array<date, window_months.size()>;

/// The window starts of day `t`.
window_starts window_starts_on(date t);

/// An incremental scorer over a growing list of contracts, scored on days that
/// never go back. Classes and weights come from model::classify and the
/// displayed JSS from model::complete_score, so the rules live in score.cpp
/// alone; the result equals model::score's bit for bit (the sums are kept in
/// exact fixed point when the rule set's weights are multiples of 2^-20, and
/// with other weights every call falls back to model::score).
///
///     window_sums sums(rules);
///     sums.clear();
///     score_result s = sums.score(contracts, day);  // contracts may grow
///     contracts[3].pay(100, day + 2);
///     sums.touch(3);                                // contract 3 changed
///     s = sums.score(contracts, day + 14);
class window_sums {
 public:
  /// Keeps a reference to `rules`, which must outlive the scorer.
  explicit window_sums(const rule_set& rules);

  /// Forgets every contract, keeping the memory, to score another list.
  void clear();

  /// Contract `id` (its index in the list given to score) gained a fact: a
  /// payment, an end, feedback. Contracts appended to the list need no call.
  void touch(std::uint32_t id) {
    // A contract not scored yet is classified as new at the next score().
    if (id < entries_.size()) mark(id);
  }

  /// The score of `contracts` on `t`, which is no earlier than the day of the
  /// previous call since clear(). Every contract obeys model::score's
  /// precondition (no fact dated after `t`). The result stays valid until the
  /// next call.
  const score_result& score(std::span<const contract> contracts, date t);
  /// The same, with `from` = window_starts_on(t) worked out by the caller.
  const score_result& score(std::span<const contract> contracts, date t,
                            const window_starts& from);

  /// Whether the sums are kept incrementally (false: every call rescans).
  [[nodiscard]] bool incremental() const { return exact_; }

 private:
  /// A contract's part in the windows as last classified.
  struct entry {
    outcome_class cls = outcome_class::excluded;
    /// Windows holding it: bit w for window_months[w].
    std::uint8_t in = 0;
    bool dirty = false;    ///< in dirty_
    bool turning = false;  ///< in turning_
    std::int32_t client = 0;
    date reference;
    /// The last day its class holds without a new fact.
    date holds_until = date_max;
    std::int64_t weight = 0;  ///< in units of 2^-20
    /// Bumped whenever its part changes, to recognise stale placements.
    std::uint32_t version = 0;
  };

  /// A counted contract in order_, which leaves a window when the window's
  /// start passes `reference`; stale once the contract's version moved on.
  struct placed {
    date reference;
    std::uint32_t id = 0;
    std::uint32_t version = 0;
  };

  /// Per window: the sums and counts of its contracts.
  struct window {
    std::array<std::int64_t, 4> sums{};  ///< by outcome_class, in units of 2^-20
    int outcomes = 0;
    int clients = 0;
    std::vector<std::int32_t> per_client;  ///< contracts of each client in the window
    /// order_[i] for i < head have left the window (or never entered it).
    std::size_t head = 0;
  };

  void mark(std::uint32_t id) {
    entry& e = entries_[id];
    if (e.dirty) return;
    e.dirty = true;
    dirty_.push_back(id);
  }
  void reclassify(std::span<const contract> contracts, std::uint32_t id, date t);
  void place(entry& e, std::uint32_t id);
  void compact();
  void enter(std::size_t w, const entry& e);
  void leave(std::size_t w, const entry& e);

  const rule_set* rules_;
  bool exact_ = false;
  date last_day_ = date_min;
  window_starts from_{};
  std::vector<entry> entries_;
  std::vector<std::uint32_t> dirty_;
  /// Contracts whose class may turn without a new fact (holds_until < date_max).
  std::vector<std::uint32_t> turning_;
  /// Every placement of a counted contract, by reference date. The windows
  /// are nested, so one list serves them all: each window's start passes the
  /// oldest first, and its head marks how far.
  std::vector<placed> order_;
  /// order_'s size at which its dead placements are dropped: twice the live
  /// ones after the last time, so that dropping costs O(1) a placement.
  static constexpr std::size_t min_compact = 64;
  std::size_t compact_at_ = min_compact;
  std::array<window, window_months.size()> windows_;
  /// The last result; its scores stand while no window's sums change.
  score_result result_;
  bool changed_ = true;
};

}  // namespace jssim::model
