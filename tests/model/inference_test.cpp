// SPDX-License-Identifier: MIT
// The posterior of the hidden ratings (MODEL.md section 10), on small
// histories whose every completion is scored by hand.
#include "model/inference.hpp"

#include <algorithm>  // std::count
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <string>

#include "model/error.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim::model;
using namespace jssim::input;
using Catch::Matchers::Contains;

namespace {

// Three closed $100 contracts (weight 1 each) of three clients, scored on
// today (a recalculation day): a and b give private 10, c's rating is given
// by `c`. Table `good`: private 10 (p .5), 8 (.25), 2 (.2), no feedback (.05):
// an unknown private rating is 10, 8 or 2 with 10/19, 5/19 and 4/19.
// The score with c positive is 100, neutral (8) 2/3 = 67, negative (2) 1/3 = 33.
std::string story(const std::string& c, const std::string& extra_history = "",
                  const std::string& rest = "") {
  return R"(freelancer: {name: T, today: 2026-03-01}
history:
  - {id: a, client: ann, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, private: 10}
  - {id: b, client: bob, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, private: 10}
  - {id: c, client: cat, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, )" +
         c + "}\n" + extra_history + R"(pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 0.5, stars: 5.0, private: 10}
      - {p: 0.25, stars: 5.0, private: 8}
      - {p: 0.2, stars: 2.0, private: 2}
      - {p: 0.05, feedback: none}
simulation: {runs: 10}
score: {recalc_anchor: 2026-03-01}
)" + rest;
}

scenario load(const std::string& text) { return load_scenario_string(text, "story.yaml"); }

}  // namespace

TEST_CASE("a hidden private rating takes the values of the prior rows that give one, renormalised",
          "[model][inference]") {
  const scenario sc = load(story("private: unknown"));
  const hidden_ratings h(sc);
  REQUIRE(h.unknowns().size() == 1);
  const hidden_contract& u = h.unknowns()[0];
  CHECK(u.contract == 2);
  CHECK(u.private_rating);
  CHECK_FALSE(u.stars);
  REQUIRE(u.values.size() == 3);
  CHECK(u.values[0].private_rating == 10);
  CHECK(u.values[0].prior == Approx(10.0 / 19));
  CHECK(u.values[1].private_rating == 8);
  CHECK(u.values[1].prior == Approx(5.0 / 19));
  CHECK(u.values[2].private_rating == 2);
  CHECK(u.values[2].prior == Approx(4.0 / 19));
  CHECK(h.combinations() == 3);
  CHECK(h.field_count() == 1);
}

TEST_CASE("hidden stars merge the rows that give the same stars into one value",
          "[model][inference]") {
  // Stars 5.0 come from two rows (p .5 and .25): one history, 15/19.
  const scenario sc = load(story("stars: unknown"));
  const hidden_ratings h(sc);
  REQUIRE(h.unknowns().size() == 1);
  const auto& values = h.unknowns()[0].values;
  REQUIRE(values.size() == 2);
  CHECK(values[0].stars == 5.0);
  CHECK(values[0].prior == Approx(15.0 / 19));
  CHECK(values[1].stars == 2.0);
  CHECK(values[1].prior == Approx(4.0 / 19));
}

TEST_CASE("each completion's start_jss is the history scored with its ratings",
          "[model][inference]") {
  const scenario sc = load(story("private: unknown"));
  const hidden_ratings h(sc);
  std::vector<contract> scratch;
  CHECK(h.start_jss(completion_choice{0}, scratch) == 100);
  CHECK(h.start_jss(completion_choice{1}, scratch) == 67);
  CHECK(h.start_jss(completion_choice{2}, scratch) == 33);
  std::vector<contract> history = sc.history_contracts();
  h.apply(completion_choice{2}, history);
  CHECK(history[2].private_rating == 2);
  CHECK(history[2].stars < 0);  // only the hidden field is written
}

TEST_CASE("the observed score keeps only the completions that give it", "[model][inference]") {
  const scenario sc = load(story("private: unknown", "", "observed: {jss: 67}\n"));
  const hidden_ratings h(sc);
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  CHECK(p.combinations == 3);
  REQUIRE(p.explaining.size() == 1);
  CHECK(p.explaining[0].choice == completion_choice{1});
  CHECK(p.explaining[0].probability == 1.0);
  CHECK(p.explaining[0].start_jss == 67);
  CHECK(p.evidence == Approx(5.0 / 19));
}

TEST_CASE("two hidden ratings that explain 50 % together get the hand-computed posterior",
          "[model][inference]") {
  // A fourth contract d, also hidden: 4 contracts of weight 1, so the score
  // is 100 (P - N) / 4. It is 50 for (c, d) = (8, 8): P = 2, U = 2; and for
  // (10, 2) and (2, 10): P = 3, N = 1. Their priors are 25/361, 40/361 and
  // 40/361: 105/361 in all, and the posterior 5/21, 8/21 and 8/21.
  const scenario sc = load(story(
      "private: unknown",
      "  - {id: d, client: dan, started: 2026-02-01, ended: 2026-02-10, earned: 100, "
      "last_paid: 2026-02-10, private: unknown}\n",
      "observed: {jss: 50}\n"));
  const hidden_ratings h(sc);
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  CHECK(p.combinations == 9);
  CHECK(p.evidence == Approx(105.0 / 361));
  REQUIRE(p.explaining.size() == 3);
  // Enumeration order: the last unknown varies fastest.
  CHECK(p.explaining[0].choice == completion_choice{0, 2});
  CHECK(p.explaining[0].probability == Approx(8.0 / 21));
  CHECK(p.explaining[1].choice == completion_choice{1, 1});
  CHECK(p.explaining[1].probability == Approx(5.0 / 21));
  CHECK(p.explaining[2].choice == completion_choice{2, 0});
  CHECK(p.explaining[2].probability == Approx(8.0 / 21));

  const auto fields = marginals(h, p.explaining);
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].contract == 2);
  CHECK(fields[0].field == hidden_field::private_rating);
  REQUIRE(fields[0].values.size() == 3);
  CHECK(fields[0].values[0].first == 10.0);
  CHECK(fields[0].values[0].second == Approx(8.0 / 21));
  CHECK(fields[0].values[1].second == Approx(5.0 / 21));
  CHECK(fields[0].values[2].second == Approx(8.0 / 21));
}

TEST_CASE("without an observed score every completion is kept with its prior",
          "[model][inference]") {
  const scenario sc = load(story("private: unknown"));
  const posterior p = enumerate_posterior(hidden_ratings(sc), std::nullopt, sc);
  REQUIRE(p.explaining.size() == 3);
  CHECK(p.evidence == Approx(1.0));
  CHECK(p.explaining[1].probability == Approx(5.0 / 19));
}

TEST_CASE("under upwork-2026 a hidden private rating does not change the score",
          "[model][inference]") {
  // Private ratings are treated as not given, so every completion gives the
  // same score (here none: no contract has stars), and the posterior is the
  // prior.
  const scenario sc = load(story("private: unknown"));
  scenario rules_2026 = sc;
  rules_2026.rules = rule_set_named("upwork-2026").value();
  rules_2026.rules.recalc_anchor = sc.rules.recalc_anchor;
  const hidden_ratings h(rules_2026);
  std::vector<contract> scratch;
  CHECK(h.start_jss(completion_choice{0}, scratch) == h.start_jss(completion_choice{2}, scratch));
  const posterior p = enumerate_posterior(h, std::nullopt, rules_2026);
  CHECK(p.explaining[2].probability == Approx(4.0 / 19));
}

TEST_CASE("a hidden rating of a contract that ended after the last recalculation cannot matter",
          "[model][inference]") {
  // Recalculations every 14 days from 2026-02-22: the profile's score is of
  // 2026-02-22, before e ended (2026-02-25), so e's rating is not in it.
  const scenario sc = load(
      R"(freelancer: {name: T, today: 2026-03-01}
history:
  - {id: a, client: ann, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, private: 10}
  - {id: b, client: bob, started: 2026-02-01, ended: 2026-02-10, earned: 100, last_paid: 2026-02-10, private: 10}
  - {id: e, client: eve, started: 2026-02-01, ended: 2026-02-25, earned: 100, last_paid: 2026-02-25, private: unknown}
observed: {jss: 100}
pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 0.5, private: 10}
      - {p: 0.5, private: 0}
simulation: {runs: 10}
score: {recalc_anchor: 2026-02-22}
)");
  const hidden_ratings h(sc);
  CHECK(h.shown_on() == date::parse("2026-02-22").value());
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  REQUIRE(p.explaining.size() == 2);
  CHECK(p.evidence == Approx(1.0));
  CHECK(p.explaining[1].probability == Approx(0.5));
}

TEST_CASE("an observed score that no completion gives is an error naming it and what they give",
          "[model][inference]") {
  const std::string text = story("private: unknown", "", "observed: {jss: 90}\n");
  const scenario sc = load(text);
  const hidden_ratings h(sc);
  // At the line and column of the 90, the last line of the text.
  const auto line = std::count(text.begin(), text.end(), '\n');
  const auto column = text.rfind("90") - text.rfind("observed") + 1;
  CHECK_THROWS_AS(enumerate_posterior(h, sc.observed_jss, sc), scenario_error);
  CHECK_THROWS_WITH(enumerate_posterior(h, sc.observed_jss, sc),
                    Contains(fmt::format("story.yaml:{}:{}: observed.jss: the profile shows 90 %",
                                         line, column)) &&
                        Contains("no combination of the 1 unknown ratings gives it") &&
                        Contains("the 3 combinations give 33 %, 67 % or 100 %"));
}

TEST_CASE("with nothing hidden an observed score the history does not show is an error",
          "[model][inference]") {
  const scenario sc = load(story("private: 8", "", "observed: {jss: 60}\n"));
  const hidden_ratings h(sc);
  CHECK(h.empty());
  CHECK(h.combinations() == 1);
  CHECK_THROWS_WITH(enumerate_posterior(h, sc.observed_jss, sc),
                    Contains("the profile shows 60 %, but the history gives 67 % on 2026-03-01") &&
                        Contains("none of its ratings is `unknown`"));
  // The same history with the observed score it shows is fine.
  const scenario ok = load(story("private: 8", "", "observed: {jss: 67}\n"));
  CHECK(enumerate_posterior(hidden_ratings(ok), ok.observed_jss, ok).explaining.size() == 1);
}

// --- observed.timeline (MODEL.md section 11.2) -------------------------------------

namespace {

// The story's a, b and c (c hidden, ended 2026-02-10) and d (hidden, ended 2026-02-20),
// scored with recalculations every 14 days from 2026-03-01: on 2026-02-15 (what the
// profile showed on 2026-02-17) a, b and c count, 100 (P - N) / 3: 100, 67 or 33 as c
// is 10, 8 or 2. Today all four count: 50 for (c, d) = (8, 8), (10, 2) or (2, 10).
std::string timeline_story(const std::string& observed) {
  return story("private: unknown",
               "  - {id: d, client: dan, started: 2026-02-01, ended: 2026-02-20, earned: 100, "
               "last_paid: 2026-02-20, private: unknown}\n",
               observed);
}

}  // namespace

TEST_CASE("a past score keeps only the completions that also gave it on its day",
          "[model][inference]") {
  const scenario sc =
      load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-02-17, jss: 100}]\n"));
  REQUIRE(sc.observed_timeline.size() == 1);
  const hidden_ratings h(sc);
  REQUIRE(h.observations().size() == 2);
  CHECK(h.observations()[0].recalc == date::parse("2026-02-15").value());
  CHECK(h.observations()[1].today);
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  // Only (10, 2) showed 100 then and 50 now: 10/19 x 4/19.
  REQUIRE(p.explaining.size() == 1);
  CHECK(p.explaining[0].choice == completion_choice{0, 2});
  CHECK(p.evidence == Approx(40.0 / 361));
  // Without the timeline the same score today leaves three (the test above).
  const scenario today_only = load(timeline_story("observed: {jss: 50}\n"));
  CHECK(enumerate_posterior(hidden_ratings(today_only), today_only.observed_jss, today_only)
            .explaining.size() == 3);
}

TEST_CASE("a past score no completion gives is an error naming its day and what they give",
          "[model][inference]") {
  const scenario sc =
      load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-02-17, jss: 90}]\n"));
  const hidden_ratings h(sc);
  CHECK_THROWS_WITH(enumerate_posterior(h, sc.observed_jss, sc),
                    Contains("story.yaml:21:") &&
                        Contains("observed.timeline[0]: the profile showed 90 % on 2026-02-17 "
                                 "(the recalculation of 2026-02-15), but no combination of the 2 "
                                 "unknown ratings gives it: on that day the 9 combinations give "
                                 "33 %, 67 % or 100 %"));
}

TEST_CASE("today's score that no completion giving the past ones gives names both",
          "[model][inference]") {
  // 100 % on 2026-02-15 makes c 10; then today's 25 % cannot be: d gives 100, 75 or 50.
  const scenario sc =
      load(timeline_story("observed:\n  jss: 25\n  timeline: [{on: 2026-02-17, jss: 100}]\n"));
  CHECK_THROWS_WITH(enumerate_posterior(hidden_ratings(sc), sc.observed_jss, sc),
                    Contains("observed.jss: the profile showed 25 % on 2026-03-01") &&
                        Contains("together with the earlier observation") &&
                        Contains("the 3 combinations that give observed.timeline[0] (100 % on "
                                 "2026-02-17) give 50 %, 75 % or 100 %"));
}

TEST_CASE("with nothing hidden a past score the history did not show is an error",
          "[model][inference]") {
  // c's private 8 is known: 67 % on 2026-02-15, and no score before a, b and c ended.
  const std::string history_8 = "private: 8";
  const scenario sc = load(story(history_8, "",
                                 "observed:\n  jss: 67\n  timeline: [{on: 2026-02-17, jss: 70}, "
                                 "{on: 2026-02-02, jss: none}]\n"));
  CHECK_THROWS_WITH(enumerate_posterior(hidden_ratings(sc), sc.observed_jss, sc),
                    Contains("observed.timeline[0]: the profile showed 70 % on 2026-02-17") &&
                        Contains("but the history gives 67 % on that day as it stood then"));
  const scenario ok = load(story(history_8, "",
                                 "observed:\n  jss: 67\n  timeline: [{on: 2026-02-17, jss: 67}, "
                                 "{on: 2026-02-02, jss: none}]\n"));
  CHECK(enumerate_posterior(hidden_ratings(ok), ok.observed_jss, ok).explaining.size() == 1);
}

TEST_CASE("the loader refuses a timeline day after today or before the history",
          "[model][inference]") {
  CHECK_THROWS_WITH(load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-03-02, "
                                        "jss: 50}]\n")),
                    Contains("observed.timeline[0].on: expected a day on or before today "
                             "(2026-03-01): a score she saw, got 2026-03-02"));
  CHECK_THROWS_WITH(load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-01-31, "
                                        "jss: none}]\n")),
                    Contains("observed.timeline[0].on: expected a day on or after the history's "
                             "first start (2026-02-01)"));
  CHECK_THROWS_WITH(load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-02-17, "
                                        "jss: 101}]\n")),
                    Contains("observed.timeline[0].jss: expected a JSS, a whole number from 0 to "
                             "100, or `none`"));
}

TEST_CASE("the loader refuses two observations of one recalculation that disagree, naming both",
          "[model][inference]") {
  // 2026-02-16 and 2026-02-20 both show the recalculation of 2026-02-15.
  CHECK_THROWS_WITH(
      load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-02-16, jss: 100}, "
                          "{on: 2026-02-20, jss: 67}]\n")),
      Contains("observed.timeline[1]: 67 % on 2026-02-20 disagrees with observed.timeline[0], "
               "100 % on 2026-02-16: both show the recalculation of 2026-02-15"));
  // A past day in today's recalculation must agree with observed.jss.
  CHECK_THROWS_WITH(
      load(timeline_story("observed:\n  jss: 50\n  timeline: [{on: 2026-03-01, jss: 75}]\n")),
      Contains("observed.timeline[0]: 75 % on 2026-03-01 disagrees with observed.jss, 50 % "
               "today"));
  // Agreeing ones are one observation.
  const scenario sc = load(timeline_story(
      "observed:\n  jss: 50\n  timeline: [{on: 2026-02-16, jss: 100}, {on: 2026-02-20, jss: "
      "100}, {on: 2026-03-01, jss: 50}]\n"));
  CHECK(hidden_ratings(sc).observations().size() == 2);
}
