// SPDX-License-Identifier: MIT
#include "model/rules.hpp"

#include <catch2/catch.hpp>

using jssim::model::date;
using jssim::model::outcome_class;
using jssim::model::outcome_class_from_string;
using jssim::model::rule_set;
using jssim::model::rule_set_named;
using jssim::model::rule_set_names;

namespace {
date d(const char* text) { return date::parse(text).value(); }
}  // namespace

TEST_CASE("the default rule set has MODEL.md's defaults", "[model][rules]") {
  const rule_set r;
  CHECK(r.name == "upwork-2024");
  CHECK(r.private_ratings_count);
  CHECK(r.private_positive_min == 9);
  CHECK(r.private_neutral_min == 7);
  CHECK(r.stars_positive_min == 4.5);
  CHECK(r.stars_neutral_min == 3.5);
  CHECK(r.min_clients == 2);
  CHECK(r.min_outcomes == 2);
  CHECK(r.stale_after_days == 90);
  CHECK(r.stale_open_class == outcome_class::neutral);
  CHECK(r.long_term_days == 90);
  CHECK(r.span_bonus_days == 91);
  CHECK(r.weight_max == 8);
  CHECK(r.tier_limits[0] == 250);
  CHECK(r.tier_limits[1] == 1000);
  CHECK(r.tier_weights[0] == 1.0);
  CHECK(r.tier_weights[1] == 1.25);
  CHECK(r.tier_weights[2] == 1.5);
  CHECK(r.recalc_every_days == 14);
  CHECK(r.recalc_anchor == d("2023-12-10"));
  CHECK(r.recalc_anchor.weekday() == 0);  // a Sunday
}

TEST_CASE("recalculation days fall every 14 days from the anchor, after it",
          "[model][rules]") {
  const rule_set r;
  CHECK(r.is_recalc_day(d("2023-12-10")));
  CHECK(r.is_recalc_day(d("2023-12-24")));
  CHECK(r.is_recalc_day(d("2026-11-22")));  // 2023-12-10 + 77 * 14
  CHECK_FALSE(r.is_recalc_day(d("2023-12-17")));
  CHECK_FALSE(r.is_recalc_day(d("2026-11-26")));
  CHECK(r.recalc_on_or_before(d("2026-11-26")) == d("2026-11-22"));
  CHECK(r.recalc_on_or_before(d("2026-11-22")) == d("2026-11-22"));
  CHECK(r.recalc_on_or_before(d("2026-12-05")) == d("2026-11-22"));
  CHECK(r.recalc_on_or_before(d("2026-12-06")) == d("2026-12-06"));
  CHECK(r.recalc_after(d("2026-11-22")) == d("2026-12-06"));  // strictly after
  CHECK(r.recalc_after(d("2026-11-26")) == d("2026-12-06"));
  CHECK(r.recalc_after(d("2026-12-05")) == d("2026-12-06"));
  CHECK(r.recalc_on_or_before(d("2023-12-10")) == d("2023-12-10"));
  CHECK(r.recalc_on_or_before(d("2023-12-23")) == d("2023-12-10"));
}

TEST_CASE("recalculation days fall every 14 days before the anchor too", "[model][rules]") {
  const rule_set r;
  CHECK(r.is_recalc_day(d("2023-11-26")));  // anchor - 14
  CHECK(r.is_recalc_day(d("2022-12-11")));  // anchor - 26 * 14
  CHECK_FALSE(r.is_recalc_day(d("2023-12-09")));
  CHECK_FALSE(r.is_recalc_day(d("2023-11-30")));
  // (2023-11-30 - anchor) = -10; the floored remainder is 4, not -10.
  CHECK(r.recalc_on_or_before(d("2023-11-30")) == d("2023-11-26"));
  CHECK(r.recalc_on_or_before(d("2023-12-09")) == d("2023-11-26"));
  CHECK(r.recalc_on_or_before(d("2023-11-26")) == d("2023-11-26"));
  CHECK(r.recalc_on_or_before(d("2023-11-25")) == d("2023-11-12"));
  CHECK(r.recalc_after(d("2023-11-26")) == d("2023-12-10"));
  CHECK(r.recalc_after(d("2023-12-09")) == d("2023-12-10"));
  CHECK(r.recalc_on_or_before(d("2020-01-01")) == d("2019-12-29"));
}

TEST_CASE("with every 1 day, every day is a recalculation day", "[model][rules]") {
  rule_set r;
  r.recalc_every_days = 1;
  for (const char* t : {"2023-12-10", "2023-12-11", "2020-02-29", "2026-11-26"}) {
    CHECK(r.is_recalc_day(d(t)));
    CHECK(r.recalc_on_or_before(d(t)) == d(t));
    CHECK(r.recalc_after(d(t)) == d(t) + 1);
  }
}

TEST_CASE("another anchor and period move the grid", "[model][rules]") {
  rule_set r;
  r.recalc_every_days = 7;
  r.recalc_anchor = d("2026-01-05");  // a Monday
  CHECK(r.is_recalc_day(d("2026-11-23")));
  CHECK(r.recalc_on_or_before(d("2026-11-26")) == d("2026-11-23"));
  CHECK(r.recalc_after(d("2026-11-26")) == d("2026-11-30"));
  CHECK(r.recalc_on_or_before(d("2025-12-31")) == d("2025-12-29"));
  CHECK(r.recalc_on_or_before(d("2026-11-26")).weekday() == 1);
}

TEST_CASE("upwork-2024 is the default table", "[model][rules]") {
  const auto r = rule_set_named("upwork-2024");
  REQUIRE(r);
  CHECK(r->name == "upwork-2024");
  CHECK(r->private_ratings_count);
  CHECK(*r == rule_set{});  // every field
}

TEST_CASE("upwork-2026 is the same table with private ratings switched off",
          "[model][rules]") {
  const auto r = rule_set_named("upwork-2026");
  REQUIRE(r);
  CHECK(r->name == "upwork-2026");
  CHECK_FALSE(r->private_ratings_count);
  rule_set expected;
  expected.name = "upwork-2026";
  expected.private_ratings_count = false;
  CHECK(*r == expected);  // every other field as in the default table
}

TEST_CASE("rule sets compare field by field", "[model][rules]") {
  // What the two tests above rely on: a difference in any one field shows.
  const rule_set base;
  auto differs = [&](auto change) {
    rule_set other = base;
    change(other);
    return !(other == base);
  };
  CHECK(base == rule_set{});
  CHECK(differs([](rule_set& x) { x.name = "other"; }));
  CHECK(differs([](rule_set& x) { x.private_neutral_min = 6; }));
  CHECK(differs([](rule_set& x) { x.stale_open_class = outcome_class::negative; }));
  CHECK(differs([](rule_set& x) { x.long_term_days = 91; }));
  CHECK(differs([](rule_set& x) { x.span_bonus_days = 90; }));
  CHECK(differs([](rule_set& x) { x.tier_limits[1] = 999; }));
  CHECK(differs([](rule_set& x) { x.tier_weights[2] = 2; }));
  CHECK(differs([](rule_set& x) { x.recalc_anchor = x.recalc_anchor + 7; }));
}

TEST_CASE("an unknown rule set name gives nothing", "[model][rules]") {
  CHECK_FALSE(rule_set_named("upwork-2025"));
  CHECK_FALSE(rule_set_named(""));
  CHECK_FALSE(rule_set_named("Upwork-2024"));
  for (const auto name : rule_set_names) CHECK(rule_set_named(name));
}

TEST_CASE("outcome classes print and parse by name", "[model][rules]") {
  for (auto c : {outcome_class::excluded, outcome_class::positive, outcome_class::neutral,
                 outcome_class::negative}) {
    CHECK(outcome_class_from_string(to_string(c)) == c);
  }
  CHECK(to_string(outcome_class::neutral) == "neutral");
  CHECK_FALSE(outcome_class_from_string("Neutral"));
  CHECK_FALSE(outcome_class_from_string("stale"));
}
