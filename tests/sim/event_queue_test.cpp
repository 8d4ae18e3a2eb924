// SPDX-License-Identifier: MIT
#include "sim/event_queue.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using jssim::sim::day;
using jssim::sim::event_queue;

namespace {

// Pops every event and returns their payloads in the order they came out.
std::string drain(event_queue<char>& q) {
  std::string out;
  while (!q.empty()) out += q.pop().payload;
  return out;
}

}  // namespace

TEST_CASE("events come out by day, then phase, then insertion order", "[sim][event_queue]") {
  event_queue<char> q;
  q.schedule(day{3}, 1, 'a');
  q.schedule(day{1}, 5, 'b');
  q.schedule(day{3}, 0, 'c');
  q.schedule(day{3}, 1, 'd');
  q.schedule(day{1}, 5, 'e');
  q.schedule(day{2}, 7, 'f');
  q.schedule(day{1}, 2, 'g');
  REQUIRE(q.size() == 7);
  CHECK(q.top().payload == 'g');
  CHECK(drain(q) == "gbefcad");
  CHECK(q.empty());
}

TEST_CASE("popping an event advances the clock to its day", "[sim][event_queue]") {
  event_queue<char> q;
  CHECK(q.now() == day{0});
  q.schedule(day{4}, 0, 'a');
  q.schedule(day{9}, 0, 'b');
  const auto first = q.pop();
  CHECK(first.when == day{4});
  CHECK(q.now() == day{4});
  q.pop();
  CHECK(q.now() == day{9});
}

TEST_CASE("an event scheduled for the day being processed runs that day in its phase order",
          "[sim][event_queue]") {
  event_queue<char> q;
  q.schedule(day{2}, 3, 'a');
  q.schedule(day{2}, 5, 'b');
  q.schedule(day{2}, 3, 'c');
  q.schedule(day{3}, 0, 'z');

  std::string out;
  out += q.pop().payload;  // 'a', day 2 phase 3
  // While processing day 2: an earlier phase of the same day runs next, the
  // same phase runs after the events already waiting in it, a later phase
  // after those.
  q.schedule(day{2}, 6, 'x');
  q.schedule(day{2}, 3, 'y');
  q.schedule(day{2}, 1, 'w');
  q.schedule(day{2}, 5, 'v');
  out += drain(q);
  CHECK(out == "awcybvxz");
}

TEST_CASE("clear empties the queue and rewinds the clock and the insertion order",
          "[sim][event_queue]") {
  event_queue<char> q;
  q.schedule(day{5}, 2, 'a');
  q.schedule(day{7}, 2, 'b');
  q.pop();
  REQUIRE(q.now() == day{5});
  q.clear();
  CHECK(q.empty());
  CHECK(q.size() == 0);
  CHECK(q.now() == day{0});

  // Day 0 may be scheduled again, and its events keep their order.
  q.schedule(day{0}, 1, 'c');
  q.schedule(day{0}, 1, 'd');
  CHECK(q.top().when == day{0});
  CHECK(drain(q) == "cd");
}

TEST_CASE("random schedules and pops come out as a stable sort by day and phase would give them",
          "[sim][event_queue]") {
  // A reference queue: every event waiting with its (day, phase) and the
  // order it was scheduled in; the next is the least of these triples.
  std::mt19937 draws(20);  // a fixed seed: the test repeats
  for (int trial = 0; trial < 50; ++trial) {
    event_queue<int> q;
    std::vector<std::tuple<std::int32_t, int, int>> waiting;  // day, phase, sequence
    int sequence = 0;
    std::int32_t today = 0;
    for (int step = 0; step < 400; ++step) {
      // More schedules than pops while few wait, so that tens of events wait at times.
      const bool push = waiting.empty() || draws() % 8 < (waiting.size() < 30 ? 5U : 3U);
      if (push) {
        const auto when = today + static_cast<std::int32_t>(draws() % 20);
        const auto phase = static_cast<int>(draws() % 9);
        q.schedule(day{when}, static_cast<std::uint8_t>(phase), sequence);
        waiting.emplace_back(when, phase, sequence);
        ++sequence;
        continue;
      }
      auto next = waiting.begin();
      for (auto it = waiting.begin(); it != waiting.end(); ++it) {
        if (*it < *next) next = it;
      }
      REQUIRE(q.size() == waiting.size());
      CHECK(q.top_order() == std::int64_t{std::get<0>(*next)} * 256 + std::get<1>(*next));
      const auto e = q.pop();
      REQUIRE(e.payload == std::get<2>(*next));
      CHECK(e.when == day{std::get<0>(*next)});
      CHECK(e.phase == std::get<1>(*next));
      today = std::get<0>(*next);
      waiting.erase(next);
    }
  }
}

TEST_CASE("a day is a number of days that adds and subtracts", "[sim][event_queue]") {
  constexpr day d{10};
  static_assert(d + 4 == day{14});
  static_assert(day{14} - d == 4);
  static_assert(day{3} < day{4});
  CHECK((d + -2).value == 8);
}
