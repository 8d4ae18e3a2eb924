// SPDX-License-Identifier: MIT
// The incremental scorer against model::score, the one source of truth: the
// same score_result, bit for bit, on many random histories and days.
#include "model/window_sums.hpp"

#include <algorithm>  // std::max, std::min
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>  // std::uint64_t, std::int8_t
#include <random>   // std::mt19937_64
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/rules.hpp"
#include "model/score.hpp"

using jssim::model::contract;
using jssim::model::date;
using jssim::model::date_max;
using jssim::model::outcome_class;
using jssim::model::rule_set;
using jssim::model::score_result;
using jssim::model::window_sums;

namespace {

date d(const char* text) { return date::parse(text).value(); }

/// Uniform integers from a fixed engine, the same on every platform (the
/// standard distributions are not).
class dice {
 public:
  explicit dice(std::uint64_t seed) : engine_(seed) {}
  /// An integer in [lo, hi].
  int roll(int lo, int hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<int>(engine_() % span);
  }
  bool chance(int percent) { return roll(0, 99) < percent; }

 private:
  std::mt19937_64 engine_;
};

/// The sums of every window (sum_windows' part of a score), compared exactly.
void require_same_sums(const std::array<jssim::model::window_score, 4>& kept,
                       const std::array<jssim::model::window_score, 4>& full,
                       const std::string& where) {
  INFO(where);
  for (std::size_t w = 0; w < full.size(); ++w) {
    INFO("window " << full[w].months);
    REQUIRE(kept[w].months == full[w].months);
    REQUIRE(kept[w].from == full[w].from);
    REQUIRE(kept[w].positive == full[w].positive);
    REQUIRE(kept[w].neutral == full[w].neutral);
    REQUIRE(kept[w].negative == full[w].negative);
    REQUIRE(kept[w].outcomes == full[w].outcomes);
    REQUIRE(kept[w].clients == full[w].clients);
  }
}

/// Every field of two score results, compared exactly.
void require_same(const score_result& fast, const score_result& full, const std::string& where) {
  INFO(where);
  REQUIRE(fast.on == full.on);
  require_same_sums(fast.windows, full.windows, where);
  for (std::size_t w = 0; w < full.windows.size(); ++w) {
    INFO("window " << full.windows[w].months);
    REQUIRE(fast.windows[w].eligible == full.windows[w].eligible);
    REQUIRE(fast.windows[w].score == full.windows[w].score);
  }
  REQUIRE(fast.trending_eligible == full.trending_eligible);
  REQUIRE(fast.trending == full.trending);
  REQUIRE(fast.best == full.best);
  REQUIRE(fast.displayed == full.displayed);
}

/// Feedback as a client leaves it: stars, a private rating, both or none.
void give_feedback(contract& c, dice& r) {
  switch (r.roll(0, 3)) {
    case 0: break;
    case 1: c.stars = r.roll(2, 10) / 2.0; break;
    case 2: c.private_rating = static_cast<std::int8_t>(r.roll(0, 10)); break;
    default:
      c.stars = r.roll(2, 10) / 2.0;
      c.private_rating = static_cast<std::int8_t>(r.roll(0, 10));
  }
}

/// A closed contract of `client` from `start` to `end`, paid `usd` on its end
/// and rated `stars`.
contract closed(int client, date start, date end, double usd, double stars) {
  contract c;
  c.client = client;
  c.start = start;
  c.end = end;
  c.pay(usd, end);
  c.stars = stars;
  return c;
}

/// The default rules, but one client and one outcome make a window
/// eligible: a single contract shows a score.
rule_set one_is_enough() {
  rule_set r;
  r.min_clients = 1;
  r.min_outcomes = 1;
  return r;
}

/// A contract that ended before `today`, up to three years back.
contract past_contract(date today, int clients, dice& r) {
  contract c;
  c.client = r.roll(0, clients - 1);
  c.start = today - r.roll(1, 1100);
  const date end = c.start + r.roll(0, 300);
  if (end < today && r.chance(80)) {
    c.end = end;
    give_feedback(c, r);
  }
  if (r.chance(85)) {
    const date last = std::min(c.end == date_max ? today : c.end, c.start + r.roll(0, 400));
    c.pay(r.roll(1, 3000), std::min(c.start + r.roll(0, 30), last));
    c.pay(r.roll(0, 3000), last);
  }
  c.disputed = r.chance(3);
  c.client_flagged = r.chance(3);
  return c;
}

/// A rule set with some parameters moved, so that every branch is reached.
rule_set varied_rules(int variant) {
  rule_set r;
  switch (variant % 7) {
    case 0: break;
    case 6:
      // Open contracts stay fresh for longer than the 3 and 6-month windows:
      // a paid one's reference leaves them before it turns stale.
      r.stale_after_days = 240;
      r.long_term_days = 30;
      break;
    case 1: r.stale_open_class = outcome_class::positive; break;
    case 2:
      r.stale_open_class = outcome_class::negative;
      r.stale_after_days = 30;
      break;
    case 3:
      r.stale_open_class = outcome_class::excluded;
      r.long_term_days = 20;
      r.span_bonus_days = 10;
      break;
    case 4:
      r = jssim::model::rule_set_named("upwork-2026").value();
      r.min_clients = 1;
      r.min_outcomes = 1;
      break;
    default:
      r.weight_max = 3.5;
      r.tier_weights = {0.5, 1.0, 2.75};
      r.min_clients = 3;
  }
  return r;
}

/// How long a random story is and how many clients its history has.
struct story_shape {
  int steps = 60;
  /// The history's clients are 1 to this many, and its contracts up to
  /// 30 or this many.
  int max_clients = 12;
};

/// Plays a random story: a history, then days on which contracts start, are
/// paid, end with or without feedback; scores it on a random day every few
/// days with both scorers, `fast` cleared first.
void play_story(std::uint64_t seed, const rule_set& rules, window_sums& fast,
                story_shape shape = {}) {
  dice r(seed);
  const date today = d("2026-03-01") + r.roll(0, 365);
  const int clients = r.roll(1, shape.max_clients);
  std::vector<contract> contracts;
  const int history = r.roll(0, std::max(30, shape.max_clients));
  for (int i = 0; i < history; ++i) contracts.push_back(past_contract(today, clients, r));

  fast.clear();
  int next_client = clients;
  date t = today;
  for (int step = 0; step < shape.steps; ++step) {
    // Facts of the days up to t, as a run would add them.
    const int events = r.roll(0, 4);
    for (int e = 0; e < events; ++e) {
      const int what = r.roll(0, 9);
      if (what <= 2 || contracts.empty()) {
        contract c;
        c.client = r.chance(30) ? r.roll(0, next_client - 1) : next_client++;
        c.start = t;
        contracts.push_back(c);
        continue;
      }
      const auto id = static_cast<std::uint32_t>(r.roll(0, static_cast<int>(contracts.size()) - 1));
      contract& c = contracts[id];
      if (!c.is_open() || c.start > t) continue;
      if (what <= 6) {
        c.pay(r.roll(1, 800), t);
      } else {
        c.end = t;
        give_feedback(c, r);
      }
      fast.touch(id);
    }
    require_same(fast.score(contracts, t), jssim::model::score(contracts, t, rules),
                 "seed " + std::to_string(seed) + ", step " + std::to_string(step) + ", " +
                     t.to_string());
    t += r.roll(0, 45);
  }
}

/// The same with a scorer of its own.
void play_story(std::uint64_t seed, const rule_set& rules, story_shape shape = {}) {
  window_sums fast(rules);
  play_story(seed, rules, fast, shape);
}

}  // namespace

TEST_CASE("the incremental scorer gives model::score's result on random stories and days",
          "[model][window_sums]") {
  for (std::uint64_t seed = 1; seed <= 600; ++seed) {
    play_story(seed, varied_rules(static_cast<int>(seed)));
  }
}

TEST_CASE("the incremental scorer stays equal to model::score over long stories, with hundreds "
          "of contracts and payments",
          "[model][window_sums]") {
  // Long stories make the scorer drop its dead placements many times over.
  for (std::uint64_t seed = 1000; seed < 1040; ++seed) {
    play_story(seed, varied_rules(static_cast<int>(seed)), story_shape{.steps = 400});
  }
}

TEST_CASE("the incremental scorer stays equal to model::score with hundreds of clients",
          "[model][window_sums]") {
  for (std::uint64_t seed = 2000; seed < 2060; ++seed) {
    play_story(seed, varied_rules(static_cast<int>(seed)),
               story_shape{.steps = 120, .max_clients = 400});
  }
}

TEST_CASE("one scorer cleared between stories of few and many clients gives model::score's "
          "result in each",
          "[model][window_sums]") {
  const rule_set rules;
  window_sums fast(rules);
  for (std::uint64_t seed = 3000; seed < 3040; ++seed) {
    play_story(seed, rules, fast, story_shape{.steps = 80, .max_clients = seed % 2 == 0 ? 300 : 2});
  }
}

TEST_CASE("the incremental scorer falls back to a rescan for weights that are not binary "
          "fractions, with the same result",
          "[model][window_sums]") {
  rule_set rules;
  rules.tier_weights = {1.0, 1.1, 1.3};
  CHECK_FALSE(window_sums(rules).incremental());
  CHECK(window_sums(rule_set{}).incremental());
  for (std::uint64_t seed = 1; seed <= 50; ++seed) play_story(seed, rules);
}

TEST_CASE("an open contract turns stale in the windows on the day it has been idle "
          "stale_after_days, without being touched",
          "[model][window_sums]") {
  const rule_set rules;
  // Two closed positives of two clients, and one open contract paid once.
  std::vector<contract> contracts{closed(0, d("2026-01-05"), d("2026-01-10"), 100, 5),
                                  closed(1, d("2026-01-05"), d("2026-01-10"), 100, 5),
                                  contract{}};
  contracts[2].client = 2;
  contracts[2].start = d("2026-02-01");
  contracts[2].pay(100, d("2026-02-01"));
  window_sums fast(rules);
  fast.clear();
  const date stale_on = d("2026-02-01") + rules.stale_after_days;
  CHECK(*fast.score(contracts, stale_on - 1).displayed == 100);
  // 100 (2 - 0) / 3 with the stale contract neutral.
  CHECK(*fast.score(contracts, stale_on).displayed == 67);
}

TEST_CASE("a contract leaves each window the day after the window's start passes its reference "
          "date, month ends clamped",
          "[model][window_sums]") {
  const rule_set rules = one_is_enough();
  // One positive ended on 2026-02-28: sub_months(2026-08-31, 6) is 2026-02-28,
  // so it is in the 6-month window through 2026-08-31 and out on 2026-09-01.
  const std::vector<contract> contracts{closed(0, d("2026-02-20"), d("2026-02-28"), 100, 5)};
  window_sums fast(rules);
  fast.clear();
  for (date t = d("2026-08-25"); t <= d("2026-09-03"); t += 1) {
    const score_result s = fast.score(contracts, t);
    require_same(s, jssim::model::score(contracts, t, rules), t.to_string());
    CHECK(s.windows[1].outcomes == (t <= d("2026-08-31") ? 1 : 0));
  }
}

TEST_CASE("a contract moves out of the 3, 6, 12 and 24-month windows in turn, each the day "
          "after the window's start passes its end",
          "[model][window_sums]") {
  const rule_set rules = one_is_enough();
  const date end = d("2026-01-31");
  const std::vector<contract> contracts{closed(0, end - 20, end, 600, 4)};
  window_sums fast(rules);
  fast.clear();
  for (date t = end; t <= end.add_months(25); t += 1) {
    const score_result s = fast.score(contracts, t);
    require_same(s, jssim::model::score(contracts, t, rules), t.to_string());
    for (std::size_t w = 0; w < s.windows.size(); ++w) {
      const bool inside = t.sub_months(jssim::model::window_months[w]) <= end;
      REQUIRE(s.windows[w].outcomes == (inside ? 1 : 0));
      REQUIRE(s.windows[w].clients == (inside ? 1 : 0));
    }
  }
}

TEST_CASE("a client with contracts in several windows counts once in each window holding one of "
          "them, day after day as the windows' starts pass them",
          "[model][window_sums]") {
  const rule_set rules = one_is_enough();
  const date first = d("2026-06-15");
  std::vector<contract> contracts;
  const auto ended = [&contracts](int client, date end, double stars) {
    contracts.push_back(closed(client, end - 10, end, 300, stars));
  };
  // Client 0 in every window's bucket: contracts ended 1, 5, 10 and 20
  // months before the first day; client 1 with one ended 2 months before.
  for (const int months : {20, 10, 5, 1}) ended(0, first.sub_months(months), months % 2 == 0 ? 5 : 2);
  ended(1, first.sub_months(2), 3);
  window_sums fast(rules);
  fast.clear();
  const score_result s = fast.score(contracts, first);
  CHECK(s.windows[0].outcomes == 2);
  CHECK(s.windows[1].outcomes == 3);
  CHECK(s.windows[2].outcomes == 4);
  CHECK(s.windows[3].outcomes == 5);
  for (const auto& w : s.windows) CHECK(w.clients == 2);
  for (date t = first; t <= first.add_months(26); t += 1) {
    // Client 0 comes back to the narrowest window a year on.
    if (t == first.add_months(12)) ended(0, t, 5);
    require_same(fast.score(contracts, t), jssim::model::score(contracts, t, rules), t.to_string());
  }
}

// --- remembered_sums: sum_windows of a few contracts, kept while it holds ----

namespace {

/// A few contracts (a follower's differing ones) followed day by day over
/// two years, a fact now and then: the remembered sums must be sum_windows'
/// on every day, through stale turns, window leaves and new facts.
void play_few(std::uint64_t seed, const rule_set& rules, int* held) {
  dice r(seed);
  const date today = d("2026-03-01") + r.roll(0, 365);
  std::vector<contract> contracts;
  const int n = r.roll(1, 4);
  for (int i = 0; i < n; ++i) contracts.push_back(past_contract(today, r.roll(1, 3), r));
  jssim::model::remembered_sums kept;
  std::array<jssim::model::window_score, 4> full{};
  date t = today;
  for (int step = 0; step < 120; ++step) {
    bool fact = false;
    if (r.chance(8)) {
      contract& c = contracts[static_cast<std::size_t>(r.roll(0, n - 1))];
      if (c.is_open() && c.start <= t) {
        fact = true;
        if (r.chance(70)) {
          c.pay(r.roll(1, 800), t);
        } else {
          c.end = t;
          give_feedback(c, r);
        }
      }
    }
    const auto from = jssim::model::window_starts_on(t);
    jssim::model::sum_windows(contracts, t, from, rules, full);
    const std::string where =
        "seed " + std::to_string(seed) + ", step " + std::to_string(step) + ", " + t.to_string();
    // A caller that knows no fact changed may ask holds() instead: when it
    // says yes, the last answer is today's.
    if (!fact && kept.holds(t, from)) {
      ++*held;
      auto last = kept.last();
      for (std::size_t w = 0; w < last.size(); ++w) last[w].from = from[w];
      require_same_sums(last, full, where + " (holds)");
    }
    require_same_sums(kept.on(contracts, t, from, rules), full, where);
    // Mostly one recalculation on, sometimes a day or a month.
    t += r.chance(80) ? 14 : r.roll(0, 31);
  }
}

}  // namespace

TEST_CASE("remembered sums are sum_windows' on every day of random stories of a few contracts",
          "[model][window_sums]") {
  int held = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    play_few(seed, varied_rules(static_cast<int>(seed)), &held);
  }
  // holds() said yes often enough for its check to mean something.
  CHECK(held > 50000);
}

TEST_CASE("remembered sums notice another list of contracts and a forgotten answer",
          "[model][window_sums]") {
  const rule_set rules = one_is_enough();
  const date t = d("2026-06-01");
  const auto from = jssim::model::window_starts_on(t);
  std::vector<contract> one{closed(1, d("2026-05-01"), d("2026-05-20"), 500, 5.0)};
  jssim::model::remembered_sums kept;
  CHECK(kept.on(one, t, from, rules)[0].positive == 1.25);
  // The same day, another contract list: worked out again.
  one[0].stars = 1.0;
  CHECK(kept.on(one, t, from, rules)[0].positive == 0);
  CHECK(kept.on(one, t, from, rules)[0].negative == 1.25);
  one.push_back(closed(2, d("2026-05-02"), d("2026-05-21"), 100, 5.0));
  CHECK(kept.on(one, t, from, rules)[0].positive == 1.0);
  CHECK(kept.on(one, t, from, rules)[0].clients == 2);
  kept.forget();
  CHECK(kept.on(one, t, from, rules)[0].outcomes == 2);

  // A contract whose reference is after the day (a payment after it, which
  // sum_windows leaves out) counts from that day on: an open long-term one.
  std::vector<contract> later(1);
  later[0].client = 3;
  later[0].start = d("2026-01-01");
  later[0].pay(300, d("2026-01-01"));
  later[0].pay(300, d("2026-06-10"));
  CHECK(kept.on(later, t, from, rules)[0].outcomes == 0);
  const date after = d("2026-06-10");
  CHECK(kept.on(later, after, jssim::model::window_starts_on(after), rules)[0].outcomes == 1);
}
