// SPDX-License-Identifier: MIT
// The discrete-event engine's queue: events ordered by (day, phase, insertion
// sequence), so that simultaneous events run in a fixed, documented order.
#pragma once

#include <cstdint>  // std::uint8_t, std::uint32_t, std::uint64_t
#include <utility>  // std::move
#include <vector>

#include "model/assert.hpp"
#include "sim/clock.hpp"

namespace jssim::sim {

/// An event waiting in the queue with its place in time.
template <class Payload>
struct scheduled_event {
  day when;
  /// Events of one day run in increasing phase; the meaning of each phase is
  /// the caller's (see phase.hpp for the runs of MODEL.md section 7).
  std::uint8_t phase = 0;
  /// Insertion order: among equal (day, phase), first scheduled runs first.
  std::uint64_t sequence = 0;
  Payload payload;

  /// The ordering the queue pops in, smallest first.
  friend bool operator>(const scheduled_event& a, const scheduled_event& b) {
    if (a.when != b.when) return a.when > b.when;
    if (a.phase != b.phase) return a.phase > b.phase;
    return a.sequence > b.sequence;
  }
};

/// A deterministic priority queue of events. It knows nothing of what the
/// events mean; reusing one queue for many runs (`clear`) keeps its memory.
///
///     event_queue<int> q;
///     q.schedule(day{3}, 1, 42);
///     while (!q.empty()) handle(q.pop());
///
/// Days run from 0 to `max_day`, phases from 0 to `max_phase`, and up to
/// 2^32 events are scheduled between two clear(); the queue checks all three.
template <class Payload>
class event_queue {
 public:
  using event = scheduled_event<Payload>;
  static constexpr std::int32_t max_day = (1 << 27) - 1;
  static constexpr std::uint8_t max_phase = 15;

  /// Schedules `payload` on day `when` in `phase`. Never in the past: an event
  /// may be scheduled for the day being processed, never before it.
  void schedule(day when, std::uint8_t phase, Payload payload) {
    JSSIM_ASSERT(when >= now_, "an event is never scheduled in the past");
    JSSIM_ASSERT(when.value <= max_day && phase <= max_phase &&
                     next_sequence_ <= sequence_mask,
                 "an event's day, phase and sequence fit the queue's key");
    push(node{(static_cast<std::uint64_t>(when.value) << day_shift) |
                  (static_cast<std::uint64_t>(phase) << phase_shift) | next_sequence_++,
              std::move(payload)});
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// The next event, without removing it.
  [[nodiscard]] event top() const { return to_event(heap_.front()); }
  /// The next event's day and phase as one number, day * 256 + phase, which
  /// orders like (day, phase); the queue must not be empty.
  [[nodiscard]] std::int64_t top_order() const {
    const std::uint64_t key = heap_.front().key;
    return static_cast<std::int64_t>(((key >> day_shift) << 8) | ((key >> phase_shift) & 0xF));
  }

  /// Removes and returns the next event, and advances the clock to its day.
  event pop() {
    event e = to_event(heap_.front());
    remove_top();
    now_ = e.when;
    return e;
  }

  /// The day of the last event popped.
  [[nodiscard]] day now() const { return now_; }

  /// Empties the queue and rewinds the clock to day 0, keeping the memory.
  void clear() {
    heap_.clear();
    now_ = day{0};
    next_sequence_ = 0;
  }

 private:
  // One 64-bit key orders the events: the day in the top bits, then the
  // phase, then the insertion sequence. A binary min-heap of (key, payload)
  // compares one integer where (day, phase, sequence) took three.
  static constexpr int day_shift = 36;
  static constexpr int phase_shift = 32;
  static constexpr std::uint64_t sequence_mask = 0xFFFF'FFFFULL;

  struct node {
    std::uint64_t key;
    Payload payload;
  };

  static event to_event(const node& n) {
    return event{day{static_cast<std::int32_t>(n.key >> day_shift)},
                 static_cast<std::uint8_t>((n.key >> phase_shift) & 0xF), n.key & sequence_mask,
                 n.payload};
  }

  void push(node n) {
    // Sift up with a hole: parents move down until n's place is found.
    std::size_t i = heap_.size();
    heap_.push_back(n);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (heap_[parent].key <= n.key) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = std::move(n);
  }

  void remove_top() {
    // Floyd's way: the hole at the root goes down to a leaf along the smaller
    // children (one comparison a level, which the compiler makes a
    // conditional move), then the last node rises from there; it seldom
    // rises far, since the last node is one of the latest events.
    const node last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (std::size_t child = 1; child < n; child = 2 * i + 1) {
      if (child + 1 < n) child += heap_[child + 1].key < heap_[child].key ? 1U : 0U;
      heap_[i] = heap_[child];
      i = child;
    }
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (heap_[parent].key <= last.key) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = last;
  }

  std::vector<node> heap_;
  day now_{0};
  std::uint64_t next_sequence_ = 0;
};

}  // namespace jssim::sim
