// SPDX-License-Identifier: MIT
// The discrete-event engine's queue: events ordered by (day, phase), and in
// the order they were scheduled within one (day, phase), so that
// simultaneous events run in a fixed, documented order.
#pragma once

#include <algorithm>  // std::max
#include <bit>        // std::countr_zero
#include <cstdint>    // std::uint8_t, std::uint32_t, std::uint64_t
#include <utility>    // std::move
#include <vector>

#include "model/assert.hpp"
#include "sim/clock.hpp"

namespace jssim::sim {

/// An event taken from the queue with its place in time.
template <class Payload>
struct scheduled_event {
  day when;
  /// Events of one day run in increasing phase; the meaning of each phase is
  /// the caller's (see phase.hpp for the runs of MODEL.md section 7). Among
  /// events of the same day and phase, the first scheduled runs first.
  std::uint8_t phase = 0;
  Payload payload;
};

/// A deterministic priority queue of events. It knows nothing of what the
/// events mean; reusing one queue for many runs (`clear`) keeps its memory.
///
///     event_queue<int> q;
///     q.schedule(day{3}, 1, 42);
///     while (!q.empty()) handle(q.pop());
///
/// A calendar queue: one first-in first-out list per (day, phase), and a
/// bitmap of the lists that are not empty. Scheduling appends to a list (the
/// insertion order within a (day, phase) is the list's order) and popping
/// takes the head of the first list not empty, found by scanning the bitmap
/// from the last one popped: both cost a few instructions, where a heap's
/// sift took a mispredicted branch a level. Days run from 0 to `max_day`,
/// phases from 0 to `max_phase`; the memory grows with the latest day used.
template <class Payload>
class event_queue {
 public:
  using event = scheduled_event<Payload>;
  static constexpr std::int32_t max_day = (1 << 24) - 1;
  static constexpr std::uint8_t max_phase = 15;

  /// Schedules `payload` on day `when` in `phase`. Never in the past: an event
  /// may be scheduled for the day being processed, never before it. Always
  /// inlined: it is a handful of instructions, which a call would double.
  [[gnu::always_inline]] void schedule(day when, std::uint8_t phase, Payload payload) {
    JSSIM_ASSERT(when >= now_, "an event is never scheduled in the past");
    JSSIM_ASSERT(when.value <= max_day && phase <= max_phase,
                 "an event's day and phase fit the queue's calendar");
    const std::size_t b = (static_cast<std::size_t>(when.value) << phase_bits) | phase;
    if (b >= lists_.size()) [[unlikely]] grow(b);
    if (used_ == nodes_.size()) [[unlikely]] grow_nodes();
    const auto id = static_cast<std::uint32_t>(used_++);
    nodes_[id] = node{none, std::move(payload)};
    list& l = lists_[b];
    std::uint64_t& word = bits_[b / 64];
    const std::uint64_t bit = std::uint64_t{1} << (b % 64);
    if ((word & bit) == 0) {
      word |= bit;
      l.head = id;
    } else {
      nodes_[l.tail].next = id;
    }
    l.tail = id;
    if (b < cursor_ || size_ == 0) {
      cursor_ = b;
      found_ = true;
    }
    ++size_;
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The next event, without removing it; the queue must not be empty.
  [[nodiscard]] event top() {
    const std::size_t b = first();
    return to_event(b, nodes_[lists_[b].head]);
  }
  /// The next event's day and phase as one number, day * 256 + phase, which
  /// orders like (day, phase); the queue must not be empty.
  [[nodiscard]] std::int64_t top_order() {
    const std::size_t b = first();
    return static_cast<std::int64_t>(((b >> phase_bits) << 8) | (b & phase_mask));
  }

  /// Removes and returns the next event, and advances the clock to its day.
  event pop() {
    const std::size_t b = first();
    event e = to_event(b, nodes_[lists_[b].head]);
    drop_head(b);
    return e;
  }

  /// Removes the next event and returns its payload, with its day and phase
  /// in `when` and `phase`: pop() without building the event.
  [[gnu::always_inline]] Payload pop(day& when, std::uint8_t& phase) {
    const std::size_t b = first();
    Payload payload = nodes_[lists_[b].head].payload;
    when = day{static_cast<std::int32_t>(b >> phase_bits)};
    phase = static_cast<std::uint8_t>(b & phase_mask);
    drop_head(b);
    return payload;
  }

  /// The day of the last event popped.
  [[nodiscard]] day now() const { return now_; }

  /// Empties the queue and rewinds the clock to day 0, keeping the memory.
  void clear() {
    if (size_ > 0) {
      for (std::uint64_t& word : bits_) word = 0;
    }
    used_ = 0;
    size_ = 0;
    cursor_ = 0;
    found_ = false;
    now_ = day{0};
  }

 private:
  static constexpr int phase_bits = 4;
  static constexpr std::size_t phase_mask = (std::size_t{1} << phase_bits) - 1;
  static constexpr std::uint32_t none = 0xFFFF'FFFFU;

  /// An event in its list; the list's order is the order of scheduling.
  struct node {
    std::uint32_t next;
    Payload payload;
  };
  /// The events of one (day, phase), oldest first; meaningful while its bit
  /// in bits_ is set.
  struct list {
    std::uint32_t head = none;
    std::uint32_t tail = none;
  };

  /// Unlinks the head of list `b`, the first list not empty, and advances
  /// the clock to its day.
  void drop_head(std::size_t b) {
    list& l = lists_[b];
    if (l.head == l.tail) {
      bits_[b / 64] &= ~(std::uint64_t{1} << (b % 64));
      found_ = false;
    } else {
      l.head = nodes_[l.head].next;
    }
    --size_;
    now_ = day{static_cast<std::int32_t>(b >> phase_bits)};
  }

  static event to_event(std::size_t b, const node& n) {
    return event{day{static_cast<std::int32_t>(b >> phase_bits)},
                 static_cast<std::uint8_t>(b & phase_mask), n.payload};
  }

  /// The first list not empty, at or after cursor_ (every list before the
  /// cursor is empty); moves the cursor there. Free while found_ holds: a
  /// schedule before the cursor moves it, and only emptying its list moves
  /// the first list on.
  std::size_t first() {
    JSSIM_ASSERT(size_ > 0, "the queue is not empty");
    if (found_) return cursor_;
    std::size_t w = cursor_ / 64;
    std::uint64_t word = bits_[w] & (~std::uint64_t{0} << (cursor_ % 64));
    while (word == 0) word = bits_[++w];
    cursor_ = w * 64 + static_cast<std::size_t>(std::countr_zero(word));
    found_ = true;
    return cursor_;
  }

  // The growths are out of line, so that schedule() inlined stays a few
  // instructions without the registers a reallocation needs.
  [[gnu::noinline]] void grow_nodes() { nodes_.resize(std::max<std::size_t>(64, 2 * nodes_.size())); }

  [[gnu::noinline]] void grow(std::size_t b) {
    // Whole days at a time, with room to spare.
    const std::size_t lists = std::max<std::size_t>(2 * (b + 1), 64 * 16);
    const std::size_t rounded = (lists + 63) / 64 * 64;
    lists_.resize(rounded);
    bits_.resize(rounded / 64, 0);
  }

  /// The events scheduled since clear(), nodes_[0, used_); the rest is room.
  std::vector<node> nodes_;
  std::size_t used_ = 0;
  std::vector<list> lists_;
  std::vector<std::uint64_t> bits_;
  std::size_t size_ = 0;
  std::size_t cursor_ = 0;
  /// Whether cursor_ is the first list not empty (else: at or before it).
  bool found_ = false;
  day now_{0};
};

}  // namespace jssim::sim
