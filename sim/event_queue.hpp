// SPDX-License-Identifier: MIT
// The discrete-event engine's queue: events ordered by (day, phase, insertion
// sequence), so that simultaneous events run in a fixed, documented order.
#pragma once

#include <cstdint>  // std::uint8_t, std::uint64_t
#include <queue>    // std::priority_queue
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
template <class Payload>
class event_queue {
 public:
  using event = scheduled_event<Payload>;

  /// Schedules `payload` on day `when` in `phase`. Never in the past: an event
  /// may be scheduled for the day being processed, never before it.
  void schedule(day when, std::uint8_t phase, Payload payload) {
    JSSIM_ASSERT(when >= now_, "an event is never scheduled in the past");
    heap_.push(event{when, phase, next_sequence_++, std::move(payload)});
  }

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// The next event, without removing it.
  [[nodiscard]] const event& top() const { return heap_.top(); }

  /// Removes and returns the next event, and advances the clock to its day.
  event pop() {
    event e = heap_.top();
    heap_.pop();
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
  // std::priority_queue over a vector whose storage survives clear().
  struct heap : std::priority_queue<event, std::vector<event>, std::greater<>> {
    void clear() { this->c.clear(); }
  };
  heap heap_;
  day now_{0};
  std::uint64_t next_sequence_ = 0;
};

}  // namespace jssim::sim
