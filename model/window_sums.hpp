// SPDX-License-Identifier: MIT
// The score kept up to date as contracts change and days pass: the same
// score_result as model::score, without rescanning every contract on every
// recalculation. A contract's part in a window is constant between its facts
// changing, its class turning (classify_timed's holds_until) and its reference
// date leaving the window, so only those moments cost anything.
#pragma once

#include <array>
#include <cstddef>  // std::size_t
#include <cstdint>  // std::int32_t, std::int64_t, std::uint32_t, std::uint8_t
#include <span>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/rules.hpp"
#include "model/score.hpp"

namespace jssim::model {

/// An incremental scorer over a growing list of contracts, scored on days that
/// never go back. Classes and weights come from model::classify_timed and the
/// scores from model::complete_score, so the rules live in score.cpp alone;
/// the result equals model::score's bit for bit (the sums are kept in
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
  /// The windows are nested (3 months inside 6 inside 12 inside 24), so a
  /// counted contract is in every window from the narrowest that holds it:
  /// that window's index is its bucket, and `outside` once even the widest
  /// window's start passed its reference. Window w sums buckets 0 to w.
  static constexpr std::size_t outside = window_months.size();
  static constexpr std::size_t buckets = outside + 1;
  /// The windows as bits (bit w for window_months[w]).
  static constexpr unsigned all_windows = (1U << outside) - 1;

  /// A contract's part in the windows as last classified.
  struct entry {
    /// `excluded` when it counts nowhere; otherwise it is in `bucket`.
    outcome_class cls = outcome_class::excluded;
    std::uint8_t bucket = outside;
    bool dirty = false;    ///< in dirty_
    bool turning = false;  ///< in turning_
    std::int32_t client = 0;
    /// As last classified; its placement in order_ may be at an earlier one.
    date reference;
    /// The last day its class holds without a new fact.
    date holds_until = date_max;
    std::int64_t weight = 0;  ///< in units of 2^-20
    /// Bumped whenever its part changes, to recognise stale placements.
    std::uint32_t version = 0;
  };

  /// A counted contract in order_, which moves one bucket on when window w's
  /// start passes `reference` (w being its bucket then) and the contract's
  /// reference, which may have moved later since (recount); stale once the
  /// contract's version moved on.
  struct placed {
    date reference;
    std::uint32_t id = 0;
    std::uint32_t version = 0;
  };

  /// The sums and counts of the contracts in one bucket.
  struct bucket {
    std::array<std::int64_t, 4> sums{};  ///< by outcome_class, in units of 2^-20
    std::int32_t outcomes = 0;
    /// Clients whose narrowest window is this bucket's: window w's distinct
    /// clients are those of buckets 0 to w.
    std::int32_t clients = 0;
  };

  /// One client's counted contracts, by bucket.
  struct client_contracts {
    std::array<std::int32_t, buckets> in{};
    /// The client's bucket: the lowest b with in[b] > 0, `outside` if none.
    std::size_t lowest = outside;
  };

  void mark(std::uint32_t id) {
    entry& e = entries_[id];
    if (e.dirty) return;
    e.dirty = true;
    dirty_.push_back(id);
  }
  /// The windows holding the contracts of bucket `b`: b and the wider ones.
  static unsigned reach(std::size_t b) { return (all_windows << b) & all_windows; }
  /// Classifies contract `id` again on `t`, and recounts it if its part changed.
  void reclassify(std::span<const contract> contracts, std::uint32_t id, date t);
  /// Counts `e`, contract `id` of `client`, as `k` says (nowhere unless
  /// `counts`) instead of as before.
  void recount(entry& e, std::uint32_t id, const classification& k, std::int32_t client,
               bool counts);
  /// Sets `e`'s bucket from its reference and places it in order_ unless it
  /// is outside every window; returns the bucket.
  std::size_t place(entry& e, std::uint32_t id);
  void compact();
  /// Counts `e`'s part in bucket `b`, or no more.
  void add(const entry& e, std::size_t b);
  void remove(const entry& e, std::size_t b);
  /// Moves `e` from bucket `b` to the next: window b's start passed it.
  void move_on(entry& e, std::size_t b);

  const rule_set* rules_;
  bool exact_ = false;
  date last_day_ = date_min;
  window_starts from_{};
  std::vector<entry> entries_;
  std::vector<std::uint32_t> dirty_;
  /// Contracts whose placement a head passed before their reference, to be
  /// placed again at it.
  std::vector<std::uint32_t> replace_;
  /// Contracts whose class may turn without a new fact (holds_until < date_max).
  std::vector<std::uint32_t> turning_;
  /// No contract in turning_ turns before the day after: the earliest
  /// holds_until among them, or earlier.
  date turns_after_ = date_max;
  /// Every placement of a counted contract inside a window, by reference
  /// date. The windows are nested, so one list serves them all: each window's
  /// start passes the oldest first, and heads_[w] marks how far.
  std::vector<placed> order_;
  std::array<std::size_t, window_months.size()> heads_{};
  /// order_'s size at which its dead placements are dropped: twice the live
  /// ones after the last time, so that dropping costs O(1) a placement.
  static constexpr std::size_t min_compact = 64;
  std::size_t compact_at_ = min_compact;
  /// By bucket; no window reads buckets_[outside], which keeps the contracts
  /// that left every window only so that moving on needs no test.
  std::array<bucket, buckets> buckets_;
  /// By client index, grown as clients come, never shrunk: clients_[i] for i
  /// from clients_seen_ on are as new, so that clear() resets only the ones
  /// the list used.
  std::vector<client_contracts> clients_;
  std::size_t clients_seen_ = 0;
  /// The last result; its windows' scores stand while their sums, counts and
  /// clients do not change.
  score_result result_;
  /// The windows whose sums, counts or clients changed since result_.
  unsigned changed_ = all_windows;
};

}  // namespace jssim::model
