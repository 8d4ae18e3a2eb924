// SPDX-License-Identifier: MIT
// The discrete-event engine's queue: events ordered by (day, phase), and in
// the order they were scheduled within one (day, phase), so that
// simultaneous events run in a fixed, documented order.
#pragma once

#include <algorithm>  // std::max
#include <cstdint>    // std::uint8_t, std::uint32_t
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
/// Made for the few events a run has waiting at once (its work ends, client
/// closes and stale checks: about the jobs running plus the contracts open):
/// one array sorted from the last event to the next, whose next event is at
/// the back. Popping takes the back; scheduling moves the events that come
/// before the new one a place on, as an insertion sort does: a handful of
/// moves for a handful of events, cheaper than a heap's sifts or a
/// calendar's bitmap scan (bench/instructions.py counted 6.5 % of a seed-story
/// run saved). Many events waiting would make scheduling slow (linear in the
/// events waiting), never wrong. Days run from 0 to `max_day`, phases from 0
/// to `max_phase`.
template <class Payload>
class event_queue {
 public:
  using event = scheduled_event<Payload>;
  static constexpr std::int32_t max_day = (1 << 24) - 1;
  static constexpr std::uint8_t max_phase = 15;

  /// Schedules `payload` on day `when` in `phase`. Never in the past: an event
  /// may be scheduled for the day being processed, never before it. Always
  /// inlined: a few instructions and a short loop, which a call would add to.
  [[gnu::always_inline]] void schedule(day when, std::uint8_t phase, Payload payload) {
    JSSIM_ASSERT(when >= now_, "an event is never scheduled in the past");
    JSSIM_ASSERT(when.value >= 0 && when.value <= max_day && phase <= max_phase,
                 "an event's day and phase fit the queue's keys");
    const auto key = (static_cast<std::uint32_t>(when.value) << 8) | phase;
    if (size_ == events_.size()) [[unlikely]] grow();
    // The events at or before (when, phase) come out first, the ones of the
    // same (day, phase) in the order they were scheduled: the new one goes
    // in front of (below) all of them.
    item* const e = events_.data();
    std::size_t i = size_;
    while (i > 0 && e[i - 1].key <= key) {
      e[i] = e[i - 1];
      --i;
    }
    e[i] = item{key, std::move(payload)};
    ++size_;
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The next event, without removing it; the queue must not be empty.
  [[nodiscard]] event top() const { return to_event(next()); }
  /// The next event's day and phase as one number, day * 256 + phase, which
  /// orders like (day, phase); the queue must not be empty.
  [[nodiscard]] std::int64_t top_order() const { return next().key; }

  /// Removes and returns the next event, and advances the clock to its day.
  event pop() {
    event e = to_event(next());
    --size_;
    now_ = e.when;
    return e;
  }

  /// Removes the next event and returns its payload, with its day and phase
  /// in `when` and `phase`: pop() without building the event.
  [[gnu::always_inline]] Payload pop(day& when, std::uint8_t& phase) {
    const item& e = next();
    when = day{static_cast<std::int32_t>(e.key >> 8)};
    phase = static_cast<std::uint8_t>(e.key & 0xFFU);
    --size_;
    now_ = when;
    return e.payload;
  }

  /// The day of the last event popped.
  [[nodiscard]] day now() const { return now_; }

  /// Empties the queue and rewinds the clock to day 0, keeping the memory.
  void clear() {
    size_ = 0;
    now_ = day{0};
  }

 private:
  /// An event: its (day, phase) as day * 256 + phase, and its payload.
  struct item {
    std::uint32_t key;
    Payload payload;
  };

  [[nodiscard]] const item& next() const {
    JSSIM_ASSERT(size_ > 0, "the queue is not empty");
    return events_[size_ - 1];
  }

  static event to_event(const item& e) {
    return event{day{static_cast<std::int32_t>(e.key >> 8)},
                 static_cast<std::uint8_t>(e.key & 0xFFU), e.payload};
  }

  // Out of line, so that schedule() inlined stays a few instructions without
  // the registers a reallocation needs.
  [[gnu::noinline]] void grow() { events_.resize(std::max<std::size_t>(16, 2 * events_.size())); }

  /// events_[0, size_): the events waiting, the next one last; the rest is room.
  std::vector<item> events_;
  std::size_t size_ = 0;
  day now_{0};
};

}  // namespace jssim::sim
