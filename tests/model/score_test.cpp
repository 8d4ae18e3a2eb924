// SPDX-License-Identifier: MIT
// Every rule of MODEL.md section 4, each with a value computed by hand.
#include "model/score.hpp"

#include <algorithm>  // std::min
#include <catch2/catch.hpp>
#include <cmath>    // std::floor
#include <array>
#include <cstdint>  // std::int8_t
#include <span>
#include <vector>

#include "model/contract.hpp"
#include "model/rules.hpp"

using jssim::model::classification;
using jssim::model::classify;
using jssim::model::classify_timed;
using jssim::model::contract;
using jssim::model::contract_weight;
using jssim::model::date;
using jssim::model::date_max;
using jssim::model::day_count;
using jssim::model::outcome_class;
using jssim::model::round_half_up;
using jssim::model::rule_set;
using jssim::model::rule_set_named;
using jssim::model::score;
using jssim::model::score_as_of;
using jssim::model::score_result;
using jssim::model::timed_classification;

namespace {

date d(const char* text) { return date::parse(text).value(); }

/// Equal up to the rounding of a few double operations.
Approx exactly(double x) { return Approx(x).epsilon(0).margin(1e-9); }

// Window indexes in score_result::windows.
constexpr std::size_t w3 = 0;
constexpr std::size_t w6 = 1;
constexpr std::size_t w12 = 2;
constexpr std::size_t w24 = 3;

/// Builds a contract the way a history line reads.
class job {
 public:
  job(int client, const char* start) {
    c_.client = client;
    c_.start = d(start);
  }
  job& ended(const char* t) {
    c_.end = d(t);
    return *this;
  }
  /// One payment on `on`.
  job& paid(double usd, const char* on) { return paid(usd, on, on); }
  /// Payments from `first` to `last`.
  job& paid(double usd, const char* first, const char* last) {
    c_.earned = usd;
    c_.first_paid = d(first);
    c_.last_paid = d(last);
    return *this;
  }
  job& stars(double s) {
    c_.stars = s;
    return *this;
  }
  job& private_rating(int p) {
    c_.private_rating = static_cast<std::int8_t>(p);
    return *this;
  }
  job& disputed() {
    c_.disputed = true;
    return *this;
  }
  job& flagged() {
    c_.client_flagged = true;
    return *this;
  }
  operator contract() const { return c_; }  // NOLINT(google-explicit-constructor)

 private:
  contract c_;
};

/// A fixed job of one day, paid `usd` at its end.
job fixed(int client, const char* end, double usd) {
  job j(client, end);
  j.ended(end);
  if (usd > 0) j.paid(usd, end);
  return j;
}

// The scoring day of most tests, a recalculation day. Windows start on
// 3m 2026-08-22, 6m 2026-05-22, 12m 2025-11-22, 24m 2024-11-22.
const date t0 = date::parse("2026-11-22").value();

outcome_class cls(const contract& c, const rule_set& r = rule_set{}, date t = t0) {
  return classify(c, t, r).cls;
}

}  // namespace

// --- classes, in the order of section 4 ---------------------------------------------

TEST_CASE("a flagged client's contract is excluded, even when disputed", "[model][score]") {
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(10).flagged()) ==
        outcome_class::excluded);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(1).disputed().flagged()) ==
        outcome_class::excluded);
}

TEST_CASE("a disputed contract is negative whatever its feedback", "[model][score]") {
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(10).disputed()) ==
        outcome_class::negative);
  CHECK(cls(fixed(1, "2026-09-10", 0).disputed()) == outcome_class::negative);
  // Undated: an open, recent, unpaid contract is negative too, dated by its start.
  const contract open = job(1, "2026-11-01").disputed();
  const classification k = classify(open, t0, rule_set{});
  CHECK(k.cls == outcome_class::negative);
  CHECK(k.reference == d("2026-11-01"));
  CHECK(k.weight == 1);
}

TEST_CASE("a private rating decides over the public stars", "[model][score]") {
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(3)) == outcome_class::negative);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(1).private_rating(10)) ==
        outcome_class::positive);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(2).private_rating(8)) == outcome_class::neutral);
}

TEST_CASE("a private rating of 9 is positive, 7 neutral and 6 negative", "[model][score]") {
  const auto with_private = [](int p) {
    return cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(p));
  };
  CHECK(with_private(10) == outcome_class::positive);
  CHECK(with_private(9) == outcome_class::positive);  // private_positive_min
  CHECK(with_private(8) == outcome_class::neutral);
  CHECK(with_private(7) == outcome_class::neutral);  // private_neutral_min
  CHECK(with_private(6) == outcome_class::negative);
  CHECK(with_private(0) == outcome_class::negative);
  // A private rating alone (no stars) is feedback too.
  CHECK(cls(fixed(1, "2026-09-10", 500).private_rating(9)) == outcome_class::positive);
}

TEST_CASE("stars alone: 4.5 is positive, 3.5 neutral, below negative", "[model][score]") {
  const auto with_stars = [](double s) { return cls(fixed(1, "2026-09-10", 500).stars(s)); };
  CHECK(with_stars(5.0) == outcome_class::positive);
  CHECK(with_stars(4.5) == outcome_class::positive);  // stars_positive_min
  CHECK(with_stars(4.4) == outcome_class::neutral);
  CHECK(with_stars(3.5) == outcome_class::neutral);  // stars_neutral_min
  CHECK(with_stars(3.4) == outcome_class::negative);
  CHECK(with_stars(1.0) == outcome_class::negative);
}

TEST_CASE("the feedback thresholds are parameters", "[model][score]") {
  rule_set r;
  r.private_positive_min = 10;
  r.private_neutral_min = 5;
  r.stars_positive_min = 5.0;
  r.stars_neutral_min = 4.0;
  CHECK(cls(fixed(1, "2026-09-10", 500).private_rating(9), r) == outcome_class::neutral);
  CHECK(cls(fixed(1, "2026-09-10", 500).private_rating(5), r) == outcome_class::neutral);
  CHECK(cls(fixed(1, "2026-09-10", 500).private_rating(4), r) == outcome_class::negative);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(4.9), r) == outcome_class::neutral);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(3.9), r) == outcome_class::negative);
}

TEST_CASE("an ended contract without feedback counts only when long-term", "[model][score]") {
  // span 2026-03-01 to 2026-05-30 = 90 days = long_term_days: long-term.
  const contract long_term = job(1, "2026-02-20").ended("2026-06-01").paid(5000, "2026-03-01",
                                                                           "2026-05-30");
  CHECK(cls(long_term) == outcome_class::positive);
  CHECK(classify(long_term, t0, rule_set{}).weight == 1.5);  // $5000; floor(90 / 91) = 0
  // 89 days: not long-term, excluded.
  const contract short_term = job(1, "2026-02-20").ended("2026-06-01").paid(5000, "2026-03-01",
                                                                            "2026-05-29");
  CHECK(cls(short_term) == outcome_class::excluded);
  // $0 with no feedback has no impact.
  CHECK(cls(fixed(1, "2026-09-10", 0)) == outcome_class::excluded);
  // long_term_days is a parameter.
  rule_set r;
  r.long_term_days = 30;
  CHECK(cls(short_term, r) == outcome_class::positive);
}

TEST_CASE("an open long-term contract paid within stale_after_days is positive",
          "[model][score]") {
  // Paid 2026-05-01 to 2026-08-25: span 116 >= 90. Idle 2026-08-25 to 11-22 = 89 < 90.
  const contract active = job(1, "2026-04-20").paid(4000, "2026-05-01", "2026-08-25");
  const classification k = classify(active, t0, rule_set{});
  CHECK(k.cls == outcome_class::positive);
  CHECK(k.reference == d("2026-08-25"));  // r(c) of an open contract: its last activity
  CHECK(k.weight == 2.5);                // 1.5 + floor(116 / 91)
}

TEST_CASE("an open contract idle for stale_after_days gets stale_open_class",
          "[model][score]") {
  // Long-term, but idle 2026-08-24 to 11-22 = 90 days: stale, not positive.
  const contract long_stale = job(1, "2026-04-20").paid(4000, "2026-05-01", "2026-08-24");
  // Unpaid: the last activity is the start, 90 days ago.
  const contract unpaid_stale = job(2, "2026-08-24");
  rule_set r;
  for (auto stale : {outcome_class::neutral, outcome_class::positive, outcome_class::negative,
                     outcome_class::excluded}) {
    r.stale_open_class = stale;
    CHECK(cls(long_stale, r) == stale);
    CHECK(cls(unpaid_stale, r) == stale);
  }
  CHECK(rule_set{}.stale_open_class == outcome_class::neutral);
  CHECK(classify(unpaid_stale, t0, rule_set{}).reference == d("2026-08-24"));
  // stale_after_days is a parameter: with 120 days, 90 idle days are not stale yet.
  rule_set patient;
  patient.stale_after_days = 120;
  CHECK(cls(unpaid_stale, patient) == outcome_class::excluded);
  CHECK(cls(long_stale, patient) == outcome_class::positive);
}

TEST_CASE("an open recent contract that is not long-term is not counted yet",
          "[model][score]") {
  CHECK(cls(job(1, "2026-08-25")) == outcome_class::excluded);  // unpaid, idle 89
  CHECK(cls(job(1, "2026-10-01").paid(800, "2026-10-05", "2026-11-20")) ==
        outcome_class::excluded);  // span 46, idle 2
  // An end or feedback after the day does not count: the contract is open.
  CHECK(cls(job(1, "2026-11-01").ended("2026-11-30").paid(800, "2026-11-05").stars(5)) ==
        outcome_class::excluded);
}

TEST_CASE("a contract that starts after the day is left out", "[model][score]") {
  const std::vector<contract> h{fixed(1, "2026-09-01", 100).stars(5),
                                fixed(2, "2026-09-02", 100).stars(5),
                                job(3, "2026-11-23").disputed()};
  CHECK(cls(h[2]) == outcome_class::excluded);
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).outcomes == 2);
  CHECK(s.displayed == 100);
}

TEST_CASE("classify_timed gives classify's answer and the last day it holds without a new fact",
          "[model][score]") {
  const rule_set r;
  // The same class and reference, and the same weight unless excluded (the
  // timed one does without an excluded contract's weight).
  const auto same = [](const classification& a, const classification& b) {
    return a.cls == b.cls && a.reference == b.reference &&
           (a.cls == outcome_class::excluded || a.weight == b.weight);
  };
  const std::vector<contract> cases{
      fixed(1, "2026-09-10", 500).stars(5),  // ended: holds for ever
      job(2, "2026-08-25"),                  // open, unpaid: stale on 2026-11-23
      // Long-term, last paid 2026-09-01: positive, stale on 2026-11-30.
      job(3, "2026-05-01").paid(4000, "2026-05-01", "2026-09-01"),
      job(4, "2026-12-01"),  // not started: counts from 2026-12-01
  };
  const std::vector<date> until{date_max, d("2026-11-22"), d("2026-11-29"), d("2026-11-30")};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    const timed_classification k = classify_timed(cases[i], t0, r);
    CHECK(same(k.now, classify(cases[i], t0, r)));
    if (k.now.cls == outcome_class::excluded) CHECK(k.now.weight == 0);
    CHECK(k.holds_until == until[i]);
    // The same answer every day through holds_until (a year of a lasting one).
    const date last = std::min(k.holds_until, t0 + 365);
    for (date t = t0; t <= last; t += 1) REQUIRE(same(classify(cases[i], t, r), k.now));
  }
  // The open ones turn stale the day after.
  CHECK(cls(cases[1], r, d("2026-11-23")) == outcome_class::neutral);
  CHECK(cls(cases[2], r, d("2026-11-29")) == outcome_class::positive);
  CHECK(cls(cases[2], r, d("2026-11-30")) == outcome_class::neutral);
}

// --- weights ---------------------------------------------------------------------------

TEST_CASE("the weight tier changes just above $250 and $1000", "[model][score]") {
  const rule_set r;
  CHECK(contract_weight(0, 0, r) == 1.0);
  CHECK(contract_weight(1, 0, r) == 1.0);
  CHECK(contract_weight(250, 0, r) == 1.0);  // <= tier_limits[0]
  CHECK(contract_weight(250.01, 0, r) == 1.25);
  CHECK(contract_weight(251, 0, r) == 1.25);
  CHECK(contract_weight(1000, 0, r) == 1.25);  // <= tier_limits[1]
  CHECK(contract_weight(1000.01, 0, r) == 1.5);
  CHECK(contract_weight(84200, 0, r) == 1.5);
}

TEST_CASE("every full 91 days of payments add one job to the weight", "[model][score]") {
  const rule_set r;
  CHECK(contract_weight(100, 90, r) == 1.0);  // floor(90 / 91) = 0
  CHECK(contract_weight(100, 91, r) == 2.0);  // floor(91 / 91) = 1
  CHECK(contract_weight(100, 181, r) == 2.0);
  CHECK(contract_weight(100, 182, r) == 3.0);  // floor(182 / 91) = 2
  CHECK(contract_weight(600, 364, r) == 5.25);  // 1.25 + 4
  CHECK(contract_weight(5000, 182, r) == 3.5);  // 1.5 + 2
}

TEST_CASE("the span bonus is the floor of span over span_bonus_days, for any span and step",
          "[model][score]") {
  // contract_weight divides in integers; this is the rule as written, in
  // floating point, on every span up to five years and some odd steps.
  rule_set r;
  r.weight_max = 1e6;
  for (const day_count step : {1, 7, 30, 91, 365, 1000}) {
    r.span_bonus_days = step;
    for (day_count span = -400; span <= 5 * 365; ++span) {
      const double expected =
          1.0 + std::floor(static_cast<double>(span) / static_cast<double>(step));
      REQUIRE(contract_weight(100, span, r) == expected);
    }
  }
  r.span_bonus_days = 0;  // no bonus at all
  CHECK(contract_weight(100, 400, r) == 1.0);
}

TEST_CASE("the weight is capped at weight_max", "[model][score]") {
  rule_set r;
  CHECK(contract_weight(100, 637, r) == 8.0);   // 1 + 7 = 8, exactly the cap
  CHECK(contract_weight(5000, 637, r) == 8.0);  // 1.5 + 7 = 8.5 -> 8
  CHECK(contract_weight(100, 728, r) == 8.0);   // 1 + 8 = 9 -> 8
  CHECK(contract_weight(600, 546, r) == 7.25);  // 1.25 + 6, below the cap
  r.weight_max = 3;
  CHECK(contract_weight(5000, 182, r) == 3.0);  // 3.5 -> 3
  CHECK(contract_weight(100, 91, r) == 2.0);
}

TEST_CASE("tier limits, tier weights and the span step are parameters", "[model][score]") {
  rule_set r;
  r.tier_limits = {100, 500};
  r.tier_weights = {0.5, 1, 4.25};
  r.span_bonus_days = 30;
  CHECK(contract_weight(100, 29, r) == 0.5);
  CHECK(contract_weight(101, 30, r) == 2.0);   // 1 + floor(30 / 30)
  CHECK(contract_weight(501, 65, r) == 6.25);  // 4.25 + 2
}

// --- windows -----------------------------------------------------------------------------

TEST_CASE("a contract exactly 6 months old is in the 6-month window", "[model][score]") {
  // 2026-11-22 - 6 months = 2026-05-22.
  const std::vector<contract> h{fixed(1, "2026-05-22", 100).stars(5)};
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).from == d("2026-05-22"));
  CHECK(s.window(w3).outcomes == 0);
  CHECK(s.window(w6).outcomes == 1);
  CHECK(s.window(w12).outcomes == 1);
  CHECK(s.window(w24).outcomes == 1);
}

TEST_CASE("a contract 6 months and one day old leaves the 6-month window", "[model][score]") {
  const std::vector<contract> h{fixed(1, "2026-05-21", 100).stars(5)};
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).outcomes == 0);
  CHECK(s.window(w12).outcomes == 1);
}

TEST_CASE("every window includes both its first day and the scoring day", "[model][score]") {
  const std::vector<contract> h{
      fixed(1, "2026-08-22", 100).stars(5),  // 3m start: in every window
      fixed(2, "2026-08-21", 100).stars(5),  // not in 3m
      fixed(3, "2025-11-22", 100).stars(5),  // 12m start
      fixed(4, "2024-11-22", 100).stars(5),  // 24m start
      fixed(5, "2024-11-21", 100).stars(5),  // in no window
      fixed(6, "2026-11-22", 100).stars(5),  // the day itself
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w3).from == d("2026-08-22"));
  CHECK(s.window(w12).from == d("2025-11-22"));
  CHECK(s.window(w24).from == d("2024-11-22"));
  CHECK(s.window(w3).outcomes == 2);
  CHECK(s.window(w6).outcomes == 3);
  CHECK(s.window(w12).outcomes == 4);
  CHECK(s.window(w24).outcomes == 5);
}

TEST_CASE("a window starting at a month end is clamped to the shorter month",
          "[model][score]") {
  // 2026-08-31 - 6 months = 2026-02-31, clamped to 2026-02-28.
  const date t = d("2026-08-31");
  const std::vector<contract> h{fixed(1, "2026-02-28", 100).stars(5),
                                fixed(2, "2026-02-27", 100).stars(5)};
  const score_result s = score(h, t, rule_set{});
  CHECK(s.window(w3).from == d("2026-05-31"));
  CHECK(s.window(w6).from == d("2026-02-28"));
  CHECK(s.window(w12).from == d("2025-08-31"));
  CHECK(s.window(w24).from == d("2024-08-31"));
  CHECK(s.window(w6).outcomes == 1);  // 02-28 in, 02-27 out
  CHECK(s.window(w12).outcomes == 2);
  // In a leap year the clamp lands on the 29th.
  CHECK(score(h, d("2024-08-31"), rule_set{}).window(w6).from == d("2024-02-29"));
}

// --- the score of a window ------------------------------------------------------------

TEST_CASE("a window scores 100 (P - N) / (P + U + N)", "[model][score]") {
  // All three between the 6m and 3m starts, so S_3 is empty and trending not shown.
  const std::vector<contract> h{
      fixed(1, "2026-06-10", 200).stars(5),                     // P 1
      fixed(2, "2026-07-01", 600).stars(5),                     // P 1.25
      fixed(3, "2026-08-01", 1500).stars(5).private_rating(3),  // N 1.5
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).positive == 2.25);
  CHECK(s.window(w6).neutral == 0);
  CHECK(s.window(w6).negative == 1.5);
  // P = 1 + 1.25, N = 1.5: 100 * (2.25 - 1.5) / 3.75 = 20
  CHECK(s.window(w6).score == exactly(20));
  CHECK(s.window(w12).score == exactly(20));
  CHECK(s.window(w24).score == exactly(20));
  CHECK_FALSE(s.window(w3).eligible);
  CHECK_FALSE(s.trending_eligible);
  CHECK(s.displayed == 20);
}

TEST_CASE("a neutral outcome dilutes the score", "[model][score]") {
  const std::vector<contract> h{fixed(1, "2026-06-10", 1500).stars(5),  // P 1.5
                                fixed(2, "2026-07-01", 100).stars(4)};  // U 1
  // 100 * 1.5 / 2.5 = 60
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).score == exactly(60));
  CHECK(s.displayed == 60);
}

TEST_CASE("the score is clamped at 0 when negatives outweigh positives", "[model][score]") {
  const std::vector<contract> h{fixed(1, "2026-06-10", 200).stars(5),                       // P 1
                                fixed(2, "2026-08-01", 1500).stars(5).private_rating(3)};  // N 1.5
  // 100 * max(0, (1 - 1.5) / 2.5) = 0, and a 0 is shown: the windows are eligible.
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).score == 0);
  CHECK(s.window(w6).eligible);
  CHECK(s.displayed == 0);
}

// --- eligibility -------------------------------------------------------------------------

TEST_CASE("with no eligible window no score is displayed", "[model][score]") {
  // Two outcomes from one client: min_clients 2 is not met anywhere.
  const std::vector<contract> h{fixed(1, "2026-09-10", 300).stars(5),
                                fixed(1, "2026-10-10", 450).stars(5)};
  const score_result s = score(h, t0, rule_set{});
  for (std::size_t w = 0; w < 4; ++w) {
    CHECK(s.window(w).outcomes == 2);
    CHECK(s.window(w).clients == 1);
    CHECK_FALSE(s.window(w).eligible);
  }
  CHECK_FALSE(s.trending_eligible);
  CHECK_FALSE(s.displayed);
  // With min_clients 1 the same history shows 100.
  rule_set r;
  r.min_clients = 1;
  CHECK(score(h, t0, r).displayed == 100);
}

TEST_CASE("a window needs min_outcomes counted contracts", "[model][score]") {
  rule_set r;
  r.min_outcomes = 3;
  std::vector<contract> h{fixed(1, "2026-09-10", 300).stars(5),
                          fixed(2, "2026-10-10", 450).stars(5)};
  CHECK_FALSE(score(h, t0, r).displayed);
  CHECK(score(h, t0, rule_set{}).displayed == 100);
  h.push_back(fixed(2, "2026-10-20", 100).stars(4));  // U 1: 100 * 2.5 / 3.5 = 71.43
  const score_result s = score(h, t0, r);
  CHECK(s.window(w6).eligible);
  CHECK(s.displayed == 71);
}

TEST_CASE("excluded contracts count neither as outcomes nor as clients", "[model][score]") {
  const std::vector<contract> h{
      fixed(1, "2026-09-10", 300).stars(5),
      fixed(2, "2026-10-10", 450),                    // no feedback, short: excluded
      fixed(3, "2026-10-12", 450).stars(5).flagged(),  // flagged: excluded
      job(4, "2026-11-01"),                           // open, recent: excluded
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w6).outcomes == 1);
  CHECK(s.window(w6).clients == 1);
  CHECK_FALSE(s.displayed);
}

TEST_CASE("an empty window is never eligible", "[model][score]") {
  rule_set r;
  r.min_clients = 0;
  r.min_outcomes = 0;
  const std::vector<contract> h{fixed(1, "2026-06-10", 300).stars(5)};
  const score_result s = score(h, t0, r);
  CHECK(s.window(w3).outcomes == 0);
  CHECK_FALSE(s.window(w3).eligible);
  CHECK(s.window(w6).eligible);
  CHECK_FALSE(s.trending_eligible);
  CHECK(s.displayed == 100);
  CHECK_FALSE(score(std::vector<contract>{}, t0, r).displayed);
}

// --- trending and the displayed score ------------------------------------------------

TEST_CASE("trending is shown when S_3 is eligible and beats the other windows",
          "[model][score]") {
  const std::vector<contract> h{
      fixed(1, "2026-09-10", 200).stars(5),                    // P 1, in 3m
      fixed(2, "2026-10-10", 200).stars(5),                    // P 1, in 3m
      fixed(3, "2026-07-01", 200).stars(5).private_rating(2),  // N 1, in 6m only
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w3).score == exactly(100));              // 100 * 2 / 2
  CHECK(s.window(w6).score == exactly(100.0 / 3));        // 100 * (2 - 1) / 3 = 33.3333
  CHECK(s.trending_eligible);
  CHECK(s.trending == exactly((100 + 100.0 / 3) / 2));  // 66.6667
  CHECK(s.best == exactly(s.trending));
  CHECK(s.displayed == 67);  // not 100: S_3 alone is never displayed
}

TEST_CASE("the largest eligible candidate is displayed", "[model][score]") {
  // The history above plus three $5000 jobs between the 12m and 6m starts (P 4.5):
  // S_12 = S_24 = 100 * (6.5 - 1) / 7.5 = 73.3333 beats trending 66.6667.
  const std::vector<contract> h{
      fixed(1, "2026-09-10", 200).stars(5),
      fixed(2, "2026-10-10", 200).stars(5),
      fixed(3, "2026-07-01", 200).stars(5).private_rating(2),
      fixed(4, "2026-01-10", 5000).stars(5),
      fixed(5, "2026-02-10", 5000).stars(5),
      fixed(6, "2026-03-10", 5000).stars(5),
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK(s.window(w12).score == exactly(100 * 5.5 / 7.5));
  CHECK(s.trending == exactly((100 + 100.0 / 3) / 2));
  CHECK(s.best == exactly(100 * 5.5 / 7.5));
  CHECK(s.displayed == 73);
}

TEST_CASE("without an eligible S_3 there is no trending score", "[model][score]") {
  const std::vector<contract> h{
      fixed(1, "2026-09-10", 200).stars(5),                    // only one in 3m
      fixed(3, "2026-07-01", 200).stars(5).private_rating(2),  // N 1
  };
  const score_result s = score(h, t0, rule_set{});
  CHECK_FALSE(s.window(w3).eligible);
  CHECK_FALSE(s.trending_eligible);
  CHECK(s.window(w6).score == 0);  // 100 * max(0, (1 - 1) / 2)
  CHECK(s.displayed == 0);
}

namespace {

/// Eight contracts between the 6m and 3m starts with P = 44.75 and U = 5.25:
/// S_6 = S_12 = S_24 = 100 * 44.75 / 50 = 89.5 exactly. `small_usd` is the pay of
/// the one contract whose weight the "hair below" variant changes.
std::vector<contract> exactly_89_5(double small_usd) {
  std::vector<contract> h;
  // Five weights of 8: $5000 over 700 days, 1.5 + floor(700 / 91) = 8.5 -> 8.
  for (int client = 1; client <= 5; ++client) {
    h.push_back(job(client, "2024-07-01").ended("2026-06-15").paid(5000, "2024-07-15",
                                                                   "2026-06-15").stars(5));
  }
  // 3.5: $5000 over 182 days, 1.5 + 2.
  h.push_back(job(6, "2026-01-10").ended("2026-07-15").paid(5000, "2026-01-14", "2026-07-15")
                  .stars(5));
  // 1.25 for $600 (or 1 for $200).
  h.push_back(fixed(7, "2026-07-20", small_usd).stars(5));
  // Neutral 5.25: $600 over 364 days, 1.25 + 4; private 8.
  h.push_back(job(8, "2025-08-01").ended("2026-08-01").paid(600, "2025-08-02", "2026-08-01")
                  .stars(5)
                  .private_rating(8));
  return h;
}

}  // namespace

TEST_CASE("a score of exactly 89.5 displays 90", "[model][score]") {
  const score_result s = score(exactly_89_5(600), t0, rule_set{});
  CHECK(s.window(w6).positive == 44.75);  // 5 * 8 + 3.5 + 1.25
  CHECK(s.window(w6).neutral == 5.25);
  CHECK(s.window(w6).score == exactly(89.5));  // 100 * 44.75 / 50
  CHECK_FALSE(s.trending_eligible);
  CHECK(s.displayed == 90);
}

TEST_CASE("a score a hair below 89.5 displays 89", "[model][score]") {
  // The $600 job paid $200 instead: P = 44.5, 100 * 44.5 / 49.75 = 89.4472
  const score_result s = score(exactly_89_5(200), t0, rule_set{});
  CHECK(s.window(w6).score == exactly(100 * 44.5 / 49.75));
  CHECK(s.displayed == 89);
}

TEST_CASE("a 57.5 that the division leaves a hair below still displays 58", "[model][score]") {
  // Weights 23 and 17: 23 / 40 = 0.575 has no exact double, and 100 times the
  // nearest one is 57.49999999999999, which a plain floor(x + 0.5) shows as 57.
  rule_set r;
  r.tier_weights = {23, 17, 1};
  r.weight_max = 1000;
  const std::vector<contract> h{fixed(1, "2026-06-10", 100).stars(5),   // P 23
                                fixed(2, "2026-07-10", 500).stars(4)};  // U 17
  const score_result s = score(h, t0, r);
  REQUIRE(s.window(w6).score < 57.5);  // the case this test is about
  CHECK(s.displayed == 58);
  // One less in P: 100 * 22 / 39 = 56.41
  r.tier_weights = {22, 17, 1};
  CHECK(score(h, t0, r).displayed == 56);
}

TEST_CASE("scores are rounded half up", "[model][score]") {
  CHECK(round_half_up(89.5) == 90);
  CHECK(round_half_up(89.49999) == 89);
  CHECK(round_half_up(89.4999999) == 89);
  CHECK(round_half_up(59.5) == 60);
  CHECK(round_half_up(0.5) == 1);
  CHECK(round_half_up(0.4) == 0);
  CHECK(round_half_up(0) == 0);
  CHECK(round_half_up(100) == 100);
  // A true .5 that the division leaves a hair below (57.49999999999999).
  CHECK(round_half_up(100.0 * (23.0 / 40)) == 58);
  // Half up below zero too: a floor, not a truncation.
  CHECK(round_half_up(-0.4) == 0);
  CHECK(round_half_up(-0.6) == -1);
  CHECK(round_half_up(-1.5) == -1);
  CHECK(round_half_up(-2.7) == -3);
}

// --- rule sets ---------------------------------------------------------------------------

TEST_CASE("upwork-2026 ignores private ratings", "[model][score]") {
  const rule_set r = rule_set_named("upwork-2026").value();
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(3), r) ==
        outcome_class::positive);
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(1).private_rating(10), r) ==
        outcome_class::negative);
  // P 1 and "5 stars, private 3": 2024 says 100 * (1 - 1.5) / 2.5 -> 0, 2026 says 100.
  const std::vector<contract> h{fixed(1, "2026-06-10", 200).stars(5),
                                fixed(2, "2026-08-01", 1500).stars(5).private_rating(3)};
  CHECK(score(h, t0, rule_set{}).displayed == 0);
  CHECK(score(h, t0, r).displayed == 100);
}

TEST_CASE("under upwork-2026 a private-only contract counts as no feedback", "[model][score]") {
  const rule_set r = rule_set_named("upwork-2026").value();
  // Short: excluded (under upwork-2024 the private 2 makes it negative).
  const contract short_private = fixed(1, "2026-09-10", 500).private_rating(2);
  CHECK(cls(short_private) == outcome_class::negative);
  CHECK(cls(short_private, r) == outcome_class::excluded);
  // Long-term (span 120 >= 90): positive, as an ended long-term contract without feedback.
  const contract long_private =
      job(1, "2026-05-01").ended("2026-09-10").paid(3000, "2026-05-13", "2026-09-10")
          .private_rating(2);
  CHECK(cls(long_private) == outcome_class::negative);
  CHECK(cls(long_private, r) == outcome_class::positive);
}

TEST_CASE("a private rating counts only for a contract that ended by private_ratings_until",
          "[model][score]") {
  rule_set r;
  r.private_ratings_until = d("2026-09-10");
  // Ended on the last day: its private 3 still decides (negative); a day later: its stars.
  CHECK(cls(fixed(1, "2026-09-10", 500).stars(5).private_rating(3), r) == outcome_class::negative);
  CHECK(cls(fixed(1, "2026-09-11", 500).stars(5).private_rating(3), r) == outcome_class::positive);
  CHECK(cls(fixed(1, "2026-09-11", 500).stars(3.5).private_rating(10), r) ==
        outcome_class::neutral);
  // A private rating alone after the day is no feedback: excluded unless long-term.
  CHECK(cls(fixed(1, "2026-09-11", 500).private_rating(2), r) == outcome_class::excluded);
  CHECK(cls(job(1, "2026-05-01").ended("2026-09-20").paid(3000, "2026-05-13", "2026-09-20")
                .private_rating(2),
            r) == outcome_class::positive);
  // The default has no such day: the 2024 rules as before.
  CHECK(cls(fixed(1, "2026-09-11", 500).stars(5).private_rating(3)) == outcome_class::negative);
  // A window of the two: P 1.25 (stars 5 after the day), N 1.25 (private 3 before it): 0;
  // with the day moved a day earlier both are rated by their stars: 100.
  const std::vector<contract> h{fixed(1, "2026-09-10", 500).stars(5).private_rating(3),
                                fixed(2, "2026-09-11", 500).stars(5).private_rating(3)};
  CHECK(score(h, t0, r).windows[w6].score == exactly(0));
  r.private_ratings_until = d("2026-09-09");
  CHECK(score(h, t0, r).windows[w6].score == exactly(100));
  CHECK(score(h, t0, r).displayed == 100);
}

// --- scoring a past day --------------------------------------------------------------

namespace {

/// A history whose facts run to 2026-07-10.
std::vector<contract> past_history() {
  return {
      fixed(4, "2026-04-01", 100).stars(5),                     // W: P 1
      fixed(5, "2026-05-01", 100).stars(5).private_rating(2),  // V: N 1
      job(1, "2026-05-25").ended("2026-06-12").paid(1500, "2026-06-12").stars(5)
          .private_rating(10),  // X: P 1.5 from 06-12
      job(2, "2026-02-25").ended("2026-07-01").paid(1200, "2026-03-01", "2026-06-28")
          .private_rating(3),  // Y: hourly, 120 payment days, negative at its end
      job(3, "2026-06-20").ended("2026-07-10").paid(300, "2026-07-10").stars(5),  // Z
  };
}

}  // namespace

TEST_CASE("scoring a past day spreads payments and takes back later ends", "[model][score]") {
  const std::vector<contract> h = past_history();
  // On 06-05: X is open and unpaid (idle 11 days, excluded); Z has not started.
  // Y is open, paid 1200 * (96 + 1) / (119 + 1) = 970 over 96 days: long-term,
  // idle 0, positive, weight 1.25 + floor(96 / 91) = 2.25.
  // 3m from 03-05: W P 1, V N 1, Y P 2.25: 100 * (3.25 - 1) / 4.25 = 52.9412
  const score_result s = score_as_of(h, d("2026-06-05"), rule_set{});
  CHECK(s.window(w3).positive == exactly(3.25));
  CHECK(s.window(w3).negative == 1);
  CHECK(s.window(w3).score == exactly(100 * 2.25 / 4.25));
  CHECK(s.window(w6).score == exactly(100 * 2.25 / 4.25));
  CHECK(s.trending == exactly(100 * 2.25 / 4.25));
  CHECK(s.displayed == 53);
}

TEST_CASE("scoring a past day sees an open long-term contract as active", "[model][score]") {
  const std::vector<contract> h = past_history();
  // On 06-30: X ended, P 1.5. Y is still open, fully paid, span 119, idle 2: positive,
  // 1.5 + 1 = 2.5. Z open and unpaid: excluded. P = 1 + 1.5 + 2.5 = 5, N = 1.
  // 3m from 03-30 holds all four: 100 * 4 / 6 = 66.6667, as does 6m; trending the same.
  const score_result s = score_as_of(h, d("2026-06-30"), rule_set{});
  CHECK(s.window(w3).score == exactly(100 * 4.0 / 6));
  CHECK(s.window(w6).score == exactly(100 * 4.0 / 6));
  CHECK(s.displayed == 67);
}

TEST_CASE("scoring the day of the last fact is scoring the whole history", "[model][score]") {
  const std::vector<contract> h = past_history();
  // On 07-10: Y ended with private 3: N 2.5; Z P 1.25.
  // 3m from 04-10 (W out): P = 1.5 + 1.25, N = 1 + 2.5: 100 * max(0, -0.75 / 6.25) = 0
  // 6m: P = 3.75, N = 3.5: 100 * 0.25 / 7.25 = 3.4483; trending = 1.7241; shows 3.
  const score_result s = score_as_of(h, d("2026-07-10"), rule_set{});
  CHECK(s.window(w3).score == 0);
  CHECK(s.window(w6).score == exactly(100 * 0.25 / 7.25));
  CHECK(s.trending == exactly(100 * 0.25 / 7.25 / 2));
  CHECK(s.displayed == 3);
  const score_result now = score(h, d("2026-07-10"), rule_set{});
  CHECK(now.window(w6).score == exactly(s.window(w6).score));
  CHECK(now.displayed == s.displayed);
}

// --- the story that started the project (scenarios/seed-story.yaml) -------------------

namespace {

std::vector<contract> seed_story() {
  return {
      job(1, "2026-05-25").ended("2026-06-12").paid(1500, "2026-06-12").stars(5)
          .private_rating(10),  // logo: P 1.5
      job(2, "2026-06-15").ended("2026-07-10").paid(1200, "2026-07-10").stars(5)
          .private_rating(10),  // teaser: P 1.5
      job(3, "2026-06-20").ended("2026-08-14").paid(1650, "2026-06-27", "2026-08-14").stars(5)
          .private_rating(9),  // brand-voice: P 1.5
      job(4, "2026-08-03").ended("2026-08-28").paid(600, "2026-08-28").stars(5)
          .private_rating(10),  // jingle: P 1.25
      job(5, "2026-09-15").ended("2026-10-05").paid(150, "2026-10-05").stars(5)
          .private_rating(3),  // podcast: N 1
      job(6, "2026-10-12").ended("2026-10-30").paid(800, "2026-10-30").stars(5)
          .private_rating(9),  // trailer: P 1.25
      job(7, "2026-07-01"),    // audiobook-intro: open, $0, stale: U 1
      job(8, "2026-07-20").paid(200, "2026-08-10"),  // site-copy: open, stale: U 1
  };
}

}  // namespace

TEST_CASE("six 5-star jobs can show 60 percent", "[model][score]") {
  const rule_set r;
  const date t = r.recalc_on_or_before(d("2026-11-26"));
  REQUIRE(t == d("2026-11-22"));
  const score_result s = score_as_of(seed_story(), t, r);
  // P = 1.5 + 1.5 + 1.5 + 1.25 + 1.25 = 7, U = 2, N = 1: 100 * 6 / 10 = 60
  CHECK(s.window(w6).score == exactly(60));
  CHECK(s.window(w12).score == exactly(60));
  CHECK(s.window(w24).score == exactly(60));
  // S_3: jingle, podcast, trailer: 100 * (2.5 - 1) / 3.5 = 42.8571; trending 51.4286
  CHECK(s.window(w3).score == exactly(100 * 1.5 / 3.5));
  CHECK(s.trending == exactly((100 * 1.5 / 3.5 + 60) / 2));
  CHECK(s.displayed == 60);
  // Stars alone (upwork-2026): P = 8, U = 2: S_6 = 80, S_3 = 100, trending 90.
  const score_result stars_only = score_as_of(seed_story(), t, rule_set_named("upwork-2026").value());
  CHECK(stars_only.window(w6).score == exactly(80));
  CHECK(stars_only.displayed == 90);
}

TEST_CASE("the window sums of two parts with no client in common add up to the whole's",
          "[model][score]") {
  using jssim::model::sum_windows;
  using jssim::model::window_months;
  using windows = std::array<jssim::model::window_score, window_months.size()>;
  const rule_set r;
  const std::vector<contract> all{
      fixed(1, "2026-10-01", 300).stars(5), fixed(2, "2026-06-01", 100).stars(2),
      fixed(2, "2025-12-01", 1200).stars(5), fixed(3, "2025-03-01", 50).stars(4),
      fixed(4, "2026-09-30", 600).stars(3.6), job(5, "2026-07-01"),
  };
  const jssim::model::window_starts from = jssim::model::window_starts_on(t0);
  REQUIRE(from == jssim::model::window_starts{d("2026-08-22"), d("2026-05-22"), d("2025-11-22"),
                                              d("2024-11-22")});
  const auto sums = [&](std::span<const contract> part) {
    windows out{};
    sum_windows(part, t0, from, r, out);
    return out;
  };
  const windows whole = sums(all);
  // Clients 1 and 2 (three contracts), then clients 3, 4 and 5.
  const windows a = sums(std::span(all).first(3));
  const windows b = sums(std::span(all).subspan(3));
  const score_result scored = score(all, t0, r);
  for (std::size_t w = 0; w < window_months.size(); ++w) {
    INFO("window " << window_months[w]);
    CHECK(whole[w].from == from[w]);
    CHECK(whole[w].positive == scored.windows[w].positive);
    CHECK(whole[w].negative == scored.windows[w].negative);
    CHECK(whole[w].clients == scored.windows[w].clients);
    CHECK(a[w].positive + b[w].positive == exactly(whole[w].positive));
    CHECK(a[w].neutral + b[w].neutral == exactly(whole[w].neutral));
    CHECK(a[w].negative + b[w].negative == exactly(whole[w].negative));
    CHECK(a[w].outcomes + b[w].outcomes == whole[w].outcomes);
    CHECK(a[w].clients + b[w].clients == whole[w].clients);
  }
  // By hand, 24 months: P = 1.25 ($300) + 1.5 ($1200); U = 1 (4 stars, $50) +
  // 1.25 (3.6 stars, $600) + 1 (open since July, stale); N = 1 (2 stars, $100).
  CHECK(whole[w24].positive == exactly(2.75));
  CHECK(whole[w24].neutral == exactly(3.25));
  CHECK(whole[w24].negative == exactly(1));
  CHECK(whole[w24].outcomes == 6);
  CHECK(whole[w24].clients == 5);
  // 3 months (from 2026-08-22): the $300 and the 3.6-star jobs.
  CHECK(whole[w3].outcomes == 2);
  CHECK(whole[w3].clients == 2);
}
