// SPDX-License-Identifier: MIT
#include "input/scenario_loader.hpp"

#include <algorithm>  // std::any_of
#include <array>
#include <cstdlib>  // std::getenv
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "model/detail/suggest.hpp"
#include "input/detail/yaml_guard.hpp"
#include "model/error.hpp"
#include "model/estimate.hpp"
#include "loader_problems.hpp"

using namespace jssim::model;
using namespace jssim::input;
using Catch::Matchers::Contains;
using jssim::input::testing::listing;

namespace {

// MODEL.md section 6, verbatim.
constexpr std::string_view model_example = R"yaml(freelancer:
  name: Katarina
  today: 2026-11-26
history:                         # contracts so far, as of today (no date after today)
  - {id: logo, client: acme, type: fixed, started: 2026-06-01, ended: 2026-06-20,
     earned: 1500, last_paid: 2026-06-20, stars: 5.0, private: 10}
  - {id: teaser, client: bolt, type: fixed, started: 2026-06-25, ended: 2026-07-20,
     earned: 1200, last_paid: 2026-07-20, stars: 5.0}
  - {id: podcast, client: dune, type: fixed, started: 2026-09-15, ended: 2026-10-05,
     earned: 150, last_paid: 2026-10-05, stars: 5.0, private: unknown}   # section 10
  - id: audiobook-intro          # required: id (unique), client, started
    client: echo
    type: fixed                  # fixed | hourly (default fixed; informational for history)
    started: 2026-07-01          # no `ended`: the contract is open
    paused: true                 # informational
    earned: 0                    # USD, default 0; last_paid required when > 0;
                                 # first_paid defaults to last_paid
    future:                      # open contracts only: what the client may do next
      outcomes: poor-client      # default: the first table of pipeline.outcomes
      ends_in_days: {uniform: [7, 90]}   # from today; required unless ghost is 1
      ghost: 0.8                 # probability the client never acts again (default 0)
      weekly_usd: 0              # paid every 7 days from today until it ends (default 0)
observed:                        # optional, section 10
  jss: 60
pipeline:
  proposals_per_week: 8
  max_parallel: 3                # optional, default unlimited
  jobs:
    - name: quick fixed
      win_rate: 0.06             # per proposal
      type: fixed
      duration_days: {lognormal: {median: 6, p90: 15}}
      value_usd: {uniform: [40, 250]}     # fixed jobs: required
      close_delay_days: {exponential: {mean: 4}}   # default 0
      ghost: 0.05                # default 0
      rehire: 0.1                # default 0
      outcomes: good             # default: the first table
    - name: hourly project
      win_rate: 0.01
      type: hourly
      duration_days: {uniform: [30, 150]}
      weekly_usd: {triangular: [100, 300, 600]}   # hourly jobs: required
  outcomes:                      # named tables: what the client does at the end
    good:
      - {p: 0.92, stars: 5.0, private: 10}
      - {p: 0.03, stars: 5.0, private: 8}
      - {p: 0.01, stars: 4.0, private: 6}
      - {p: 0.01, stars: 2.0, private: 2}
      - {p: 0.03, feedback: none}
    poor-client:
      - {p: 0.2, stars: 5.0, private: 10}
      - {p: 0.4, stars: 2.0, private: 1}
      - {p: 0.4, feedback: none}
strategies:                      # compared on the same random draws; none: one `baseline`
  - name: wait
  - name: close the dead contract
    close: [{contract: audiobook-intro, on: 2026-11-27}]   # `on` default today
  - name: quick wins
    proposals_per_week: 15
    accept: [quick fixed]        # decline other job types
    close_stale_after_days: 30   # close own contracts idle this long
    own_close_feedback: 0.3      # chance the client answers an own close (default 0.3)
    until_recovered: true        # all of this strategy's settings end at recovery
simulation:
  runs: 10000                    # default 10000
  horizon_months: 24             # default 24
  seed: 1                        # default 1
  target: {jss: 90, hold: 1}     # defaults 90 and 1
score:                           # optional: any parameter of section 4
  rules: upwork-2024
)yaml";

// A small valid scenario whose line numbers the error tests rely on: each
// test swaps one piece of text for another of the same number of lines.
constexpr std::string_view base = R"yaml(freelancer:
  name: Ana
  today: 2026-11-26
history:
  - id: logo
    client: acme
    started: 2026-06-01
    ended: 2026-06-20
    earned: 1500
    last_paid: 2026-06-20
    stars: 5.0
    private: 10
  - id: audiobook
    client: echo
    started: 2026-07-01
    future:
      outcomes: poor
      ends_in_days: {uniform: [7, 90]}
      ghost: 0.8
pipeline:
  proposals_per_week: 8
  max_parallel: 3
  jobs:
    - name: quick fixed
      win_rate: 0.06
      type: fixed
      duration_days: {lognormal: {median: 6, p90: 15}}
      value_usd: {uniform: [40, 250]}
    - name: hourly project
      win_rate: 0.01
      type: hourly
      duration_days: {triangular: [30, 60, 150]}
      weekly_usd: {choice: {100: 0.5, 300: 0.5}}
  outcomes:
    good:
      - {p: 0.9, stars: 5.0, private: 10}
      - {p: 0.1, feedback: none}
    poor:
      - {p: 0.5, stars: 2.0, private: 1}
      - {p: 0.5, feedback: none}
strategies:
  - name: wait
  - name: close it
    close: [{contract: audiobook}]
simulation:
  runs: 100
score:
  rules: upwork-2024
)yaml";

// `text` with the one occurrence of `from` replaced by `to`.
std::string with(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const auto at = out.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(out.find(from, at + 1) == std::string::npos);
  out.replace(at, from.size(), to);
  return out;
}

scenario load(std::string_view text) { return load_scenario_string(text, "x.yaml"); }

// Every problem reported for `text`; fails the test when it loads.
std::vector<diagnostic> problems_of(std::string_view text) {
  return jssim::input::testing::problems_when([&] { return load(text); });
}

// Whether `text` is reported with a problem at `line` on `key` whose message
// contains `words`.
bool reports(std::string_view text, int line, std::string_view key, std::string_view words) {
  const auto problems = problems_of(text);
  INFO(listing(problems));
  const bool found = std::any_of(problems.begin(), problems.end(), [&](const diagnostic& p) {
    return p.where.line == line && p.where.key == key &&
           p.message.find(words) != std::string::npos && p.where.file == "x.yaml";
  });
  if (!found) UNSCOPED_INFO("reported instead:\n" << listing(problems));
  return found;
}

std::filesystem::path temp_dir() {
  const char* env = std::getenv("JSSIM_TEST_TMP");
  std::filesystem::path dir =
      env != nullptr ? std::filesystem::path(env) : std::filesystem::temp_directory_path();
  dir /= "scenario_loader_test";
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

// --- valid scenarios ---------------------------------------------------------

TEST_CASE("the example of MODEL.md loads with every field as written", "[model][scenario_loader]") {
  const scenario s = load_scenario_string(model_example, "example.yaml");
  const auto day = [](const char* text) { return date::parse(text).value(); };

  CHECK(s.path == "example.yaml");
  CHECK(s.name == "Katarina");
  CHECK(s.today == day("2026-11-26"));
  CHECK(s.clients == std::vector<std::string>{"acme", "bolt", "dune", "echo"});

  REQUIRE(s.history.size() == 4);
  const history_contract& logo = s.history[0];
  CHECK(logo.id == "logo");
  CHECK(logo.client == "acme");
  CHECK(logo.client_index == 0);
  CHECK(logo.type == contract_type::fixed);
  CHECK(logo.started == day("2026-06-01"));
  CHECK(logo.ended == day("2026-06-20"));
  CHECK(logo.earned == 1500);
  CHECK(logo.last_paid == day("2026-06-20"));
  CHECK(logo.first_paid == day("2026-06-20"));  // defaults to last_paid
  CHECK(logo.stars.given());
  CHECK(logo.stars.value == 5.0);
  CHECK(logo.private_rating.given());
  CHECK(logo.private_rating.value == 10);
  CHECK_FALSE(logo.disputed);
  CHECK_FALSE(logo.client_flagged);
  CHECK_FALSE(logo.future.has_value());
  CHECK(logo.prior == 0);
  CHECK(logo.line == 5);

  const history_contract& teaser = s.history[1];
  CHECK(teaser.client_index == 1);
  CHECK(teaser.earned == 1200);
  CHECK(teaser.stars.given());
  CHECK(teaser.private_rating.state == rating::kind::none);

  const history_contract& podcast = s.history[2];
  CHECK(podcast.client_index == 2);
  CHECK(podcast.private_rating.unknown());
  CHECK(podcast.has_unknown());

  const history_contract& audiobook = s.history[3];
  CHECK(audiobook.id == "audiobook-intro");
  CHECK(audiobook.client_index == 3);
  CHECK(audiobook.is_open());
  CHECK(audiobook.paused);
  CHECK(audiobook.earned == 0);
  CHECK_FALSE(audiobook.last_paid.has_value());
  CHECK(audiobook.stars.state == rating::kind::none);
  REQUIRE(audiobook.future.has_value());
  CHECK(audiobook.future->outcomes == 1);  // poor-client
  REQUIRE(audiobook.future->ends_in_days.has_value());
  CHECK(audiobook.future->ends_in_days->shape == distribution::kind::uniform);
  CHECK(audiobook.future->ends_in_days->a == 7);
  CHECK(audiobook.future->ends_in_days->b == 90);
  CHECK(audiobook.future->ghost == 0.8);
  CHECK(audiobook.future->weekly_usd.shape == distribution::kind::fixed);
  CHECK(audiobook.future->weekly_usd.a == 0);

  CHECK(s.observed_jss == 60);

  const pipeline_settings& p = s.pipeline;
  CHECK(p.proposals_per_week == 8);
  CHECK(p.max_parallel == 3);
  REQUIRE(p.jobs.size() == 2);
  const job_type& quick = p.jobs[0];
  CHECK(quick.name == "quick fixed");
  CHECK(quick.win_rate == 0.06);
  CHECK(quick.type == contract_type::fixed);
  CHECK(quick.duration_days.shape == distribution::kind::lognormal);
  CHECK(quick.duration_days.a == 6);
  CHECK(quick.duration_days.b == 15);
  CHECK(quick.value_usd.shape == distribution::kind::uniform);
  CHECK(quick.value_usd.a == 40);
  CHECK(quick.value_usd.b == 250);
  CHECK(quick.close_delay_days.shape == distribution::kind::exponential);
  CHECK(quick.close_delay_days.a == 4);
  CHECK(quick.ghost == 0.05);
  CHECK(quick.rehire == 0.1);
  CHECK(quick.outcomes == 0);
  const job_type& hourly = p.jobs[1];
  CHECK(hourly.type == contract_type::hourly);
  CHECK(hourly.win_rate == 0.01);
  CHECK(hourly.weekly_usd.shape == distribution::kind::triangular);
  CHECK(hourly.weekly_usd.a == 100);
  CHECK(hourly.weekly_usd.b == 300);
  CHECK(hourly.weekly_usd.c == 600);
  CHECK(hourly.close_delay_days.shape == distribution::kind::fixed);
  CHECK(hourly.close_delay_days.a == 0);
  CHECK(hourly.ghost == 0);
  CHECK(hourly.rehire == 0);
  CHECK(hourly.outcomes == 0);

  REQUIRE(p.outcomes.size() == 2);
  CHECK(p.outcomes[0].name == "good");
  REQUIRE(p.outcomes[0].rows.size() == 5);
  CHECK(p.outcomes[0].rows[0].p == 0.92);
  CHECK(p.outcomes[0].rows[0].stars == 5.0);
  CHECK(p.outcomes[0].rows[0].private_rating == 10);
  CHECK(p.outcomes[0].rows[3].stars == 2.0);
  CHECK(p.outcomes[0].rows[3].private_rating == 2);
  CHECK_FALSE(p.outcomes[0].rows[4].feedback());
  CHECK(p.outcomes[0].rows[4].p == 0.03);
  CHECK(p.outcomes[1].name == "poor-client");
  REQUIRE(p.outcomes[1].rows.size() == 3);
  CHECK(p.outcomes[1].rows[1].private_rating == 1);

  REQUIRE(s.strategies.size() == 3);
  CHECK(s.strategies[0].name == "wait");
  CHECK_FALSE(s.strategies[0].proposals_per_week.has_value());
  CHECK_FALSE(s.strategies[0].accept.has_value());
  CHECK(s.strategies[0].close.empty());
  CHECK(s.strategies[0].own_close_feedback == 0.3);
  CHECK_FALSE(s.strategies[0].until_recovered);
  CHECK(s.strategies[1].name == "close the dead contract");
  REQUIRE(s.strategies[1].close.size() == 1);
  CHECK(s.strategies[1].close[0].contract == 3);
  CHECK(s.strategies[1].close[0].on == day("2026-11-27"));
  const strategy& quick_wins = s.strategies[2];
  CHECK(quick_wins.proposals_per_week == 15);
  CHECK_FALSE(quick_wins.max_parallel.has_value());
  REQUIRE(quick_wins.accept.has_value());
  CHECK(*quick_wins.accept == std::vector<std::size_t>{0});
  CHECK(quick_wins.close_stale_after_days == 30);
  CHECK(quick_wins.own_close_feedback == 0.3);
  CHECK(quick_wins.until_recovered);

  CHECK(s.simulation.runs == 10000);
  CHECK(s.simulation.horizon_months == 24);
  CHECK(s.simulation.seed == 1);
  CHECK(s.simulation.target.jss == 90);
  CHECK(s.simulation.target.hold == 1);
  CHECK_FALSE(s.simulation.target.top_rated);

  CHECK(s.rules.name == "upwork-2024");
  CHECK(s.rules.private_ratings_count);
}

TEST_CASE("defaults fill whatever a minimal scenario leaves out", "[model][scenario_loader]") {
  const scenario s = load(R"yaml(
freelancer: {name: Bo, today: 2026-01-10}
history: []
pipeline:
  proposals_per_week: 5
  jobs: [{name: gig, win_rate: 0.1, duration_days: 3, value_usd: 100}]
  outcomes: {only: [{p: 1, stars: 5}]}
simulation: {}
)yaml");
  CHECK(s.history.empty());
  CHECK(s.clients.empty());
  CHECK_FALSE(s.observed_jss.has_value());
  CHECK(s.simulation.runs == 10000);
  CHECK(s.simulation.horizon_months == 24);
  CHECK(s.simulation.seed == 1);
  CHECK(s.simulation.target.jss == 90);
  CHECK(s.simulation.target.hold == 1);
  CHECK(s.pipeline.max_parallel == std::numeric_limits<int>::max());
  REQUIRE(s.pipeline.jobs.size() == 1);
  CHECK(s.pipeline.jobs[0].type == contract_type::fixed);
  CHECK(s.pipeline.jobs[0].duration_days.shape == distribution::kind::fixed);
  CHECK(s.pipeline.jobs[0].duration_days.a == 3);
  CHECK(s.pipeline.outcomes[0].rows[0].private_rating == -1);
  REQUIRE(s.strategies.size() == 1);
  CHECK(s.strategies[0].name == "baseline");
  CHECK(s.strategies[0].own_close_feedback == 0.3);
  CHECK_FALSE(s.strategies[0].until_recovered);
  CHECK(s.rules.name == "upwork-2024");
  CHECK(s.rules.stale_after_days == 90);
  CHECK(s.rules.tier_limits == std::array<double, 2>{250, 1000});
}

TEST_CASE("an empty list of strategies gets the baseline strategy", "[model][scenario_loader]") {
  const scenario s = load(with(base,
                               "strategies:\n  - name: wait\n  - name: close it\n"
                               "    close: [{contract: audiobook}]",
                               "strategies: []"));
  REQUIRE(s.strategies.size() == 1);
  CHECK(s.strategies[0].name == "baseline");
}

TEST_CASE("a close without `on` happens today", "[model][scenario_loader]") {
  const scenario s = load(base);
  REQUIRE(s.strategies.size() == 2);
  REQUIRE(s.strategies[1].close.size() == 1);
  CHECK(s.strategies[1].close[0].contract == 1);
  CHECK(s.strategies[1].close[0].on == s.today);
  CHECK(s.strategies[1].line == 43);
}

TEST_CASE("the named rule set applies first, whatever the key order, then the overrides",
          "[model][scenario_loader]") {
  const scenario s = load(with(base, "  rules: upwork-2024",
                               "  {stale_after_days: 60, tier_weights: [1, 2, 3], "
                               "recalc_anchor: 2024-01-07, stale_open_class: negative, "
                               "rules: upwork-2026}"));
  CHECK(s.rules.name == "upwork-2026");
  CHECK_FALSE(s.rules.private_ratings_count);
  CHECK(s.rules.stale_after_days == 60);
  CHECK(s.rules.tier_weights == std::array<double, 3>{1, 2, 3});
  CHECK(s.rules.stale_open_class == outcome_class::negative);
  CHECK(s.rules.recalc_anchor == date::parse("2024-01-07").value());
}

TEST_CASE("repeat clients share one dense index in order of first appearance",
          "[model][scenario_loader]") {
  const scenario s = load(with(base, "    client: echo", "    client: acme"));
  CHECK(s.clients == std::vector<std::string>{"acme"});
  CHECK(s.history[0].client_index == 0);
  CHECK(s.history[1].client_index == 0);
}

TEST_CASE("an alias may share an outcome table between two names", "[model][scenario_loader]") {
  const scenario s = load(with(with(base, "    good:\n", "    good: &good\n"),
                               "    poor:\n      - {p: 0.5, stars: 2.0, private: 1}\n      - "
                               "{p: 0.5, feedback: none}\n",
                               "    poor: *good\n"));
  REQUIRE(s.pipeline.outcomes.size() == 2);
  CHECK(s.pipeline.outcomes[1].name == "poor");
  CHECK(s.pipeline.outcomes[1].rows.size() == 2);
  CHECK(s.pipeline.outcomes[1].rows[0].p == 0.9);
}

// A file's `extends` is tested in compose_test.cpp.
TEST_CASE("a strategy's extends and the sensitivity section are accepted",
          "[model][scenario_loader]") {
  const scenario s =
      load(with(with(base, "  - name: wait", "  - {name: wait, extends: [close it]}"),
                "score:",
                "sensitivity: {runs: 10, parameters: [{path: "
                "pipeline.proposals_per_week, low: 4, high: 16}]}\nscore:"));
  CHECK(s.strategies[0].name == "wait");
  CHECK(s.strategies[0].close.size() == 1);  // from `close it`
  CHECK(reports(with(base, "score:", "sensitivity: [1]\nscore:"), 47, "sensitivity",
                "expected a mapping"));
}

// --- errors: every one names the file, the line, the key path -----------------

TEST_CASE("the message has the form file:line:column: key: what was expected",
          "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load(with(base, "win_rate: 0.06", "win_rate: 1.5")),
                    Contains("x.yaml:25:17: pipeline.jobs[0].win_rate: expected a probability "
                             "between 0 and 1, got 1.5"));
  CHECK_THROWS_AS(load(with(base, "win_rate: 0.06", "win_rate: 1.5")), scenario_error);
}

TEST_CASE("a name with an invisible character or white space at an end is refused",
          "[model][scenario_loader]") {
  // Names are matched exactly (`accept:`, `contract:`, `--strategy`): two
  // that look the same must be the same.
  CHECK(reports(with(base, "  - name: wait", "  - name: \"wa\u200bit\""), 42, "strategies[0].name",
                "it holds a zero-width space, U+200B, which does not show"));
  // The message shows the character, and an override cannot reorder its line.
  CHECK(reports(with(base, "  - name: wait", "  - name: \"wa\u200bit\""), 42, "strategies[0].name",
                "got \"wa<U+200B>it\""));
  CHECK(reports(with(base, "  - name: close it", "  - name: \"close it\u202e\""), 43,
                "strategies[1].name", "got \"close it<U+202E>\" (it holds a bidirectional formatting character, U+202E"));
  CHECK(reports(with(base, "    client: echo", "    client: \"\xc2\xad" "echo\""), 14,
                "history[1].client", "a soft hyphen, U+00AD"));
  CHECK(reports(with(base, "    - name: quick fixed", "    - name: \"quick fixed \""), 24,
                "pipeline.jobs[0].name", "white space at its end; remove it"));
  CHECK(reports(with(base, "  - id: audiobook", "  - id: \"\u3000audiobook\""), 13, "history[1].id",
                "white space at its start; remove it"));
  CHECK(reports(with(base, "  - name: wait", "  - name: \"\u00a0 \""), 42, "strategies[0].name",
                "expected a name, got \"\u00a0 \" (only white space)"));
  CHECK(reports(with(base, "  - name: wait", "  - name: \"wait\\n\""), 42, "strategies[0].name",
                "got \"wait<U+000A>\" (it holds a control character, U+000A"));
  CHECK(reports(with(base, "  - name: wait", "  - name: \"wa\\Lit\""), 42, "strategies[0].name",
                "got \"wa<U+2028>it\" (it holds a line separator, U+2028"));
  // A reference is a name too: the contract to close.
  CHECK(reports(with(base, "{contract: audiobook}", "{contract: \"audiobook\u2060\"}"), 44,
                "strategies[1].close[0].contract", "a word joiner, U+2060"));

  // Visible names in any script load, joiners included (emoji, Persian).
  const scenario s = load(with(with(with(base, "  - name: wait", "  - name: \"Café ☕\""),
                                    "  - name: close it",
                                    "  - name: \"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\""),
                               "    client: echo", "    client: \"\U0001F469\u200d\U0001F4BB\""));
  CHECK(s.strategies[0].name == "Café ☕");
  CHECK(s.strategies[1].name == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
  CHECK(s.clients[1] == "\U0001F469\u200d\U0001F4BB");
}

TEST_CASE("a YAML syntax error is reported with its line", "[model][scenario_loader]") {
  const auto problems = problems_of(with(base, "    client: acme", "    client: [acme"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line >= 6);
  CHECK_THAT(problems[0].message, Contains("YAML syntax error"));
  CHECK_THROWS_WITH(load("freelancer: {name: A\nhistory: []\n"), Contains("x.yaml:"));
  CHECK(reports("a: b: c\n", 1, "", "YAML syntax error"));
}

TEST_CASE("a missing required key names the key and what it should hold",
          "[model][scenario_loader]") {
  CHECK(reports(with(base, "  today: 2026-11-26", "  # today is missing"), 2, "freelancer.today",
                "missing; expected the first day simulated"));
  CHECK(reports(with(base, "simulation:\n  runs: 100\n", ""), 1, "simulation", "missing"));
  CHECK(reports(with(base, "      win_rate: 0.06", "      # no win_rate"), 24,
                "pipeline.jobs[0].win_rate", "missing"));
}

TEST_CASE("a misspelt key gets a did-you-mean suggestion", "[model][scenario_loader]") {
  const std::string text = with(base, "  proposals_per_week: 8", "  proposal_per_week: 8");
  CHECK(reports(text, 21, "pipeline.proposal_per_week",
                "unknown key; did you mean `proposals_per_week`?"));
  CHECK_THROWS_WITH(load(text), Contains("x.yaml:21:3: pipeline.proposal_per_week: unknown key; "
                                         "did you mean `proposals_per_week`?"));
  CHECK(reports(with(base, "  runs: 100", "  Runs: 100"), 46, "simulation.Runs",
                "did you mean `runs`?"));
}

TEST_CASE("an unknown key far from every valid one lists the valid keys",
          "[model][scenario_loader]") {
  CHECK(reports(with(base, "  runs: 100", "  colour: 100"), 46, "simulation.colour",
                "unknown key; expected `runs`, `horizon_months`, `seed` or `target`"));
}

TEST_CASE("a key given twice is reported at the second", "[model][scenario_loader]") {
  CHECK(reports(with(base, "  max_parallel: 3", "  proposals_per_week: 3"), 22,
                "pipeline.proposals_per_week", "given twice (first on line 21)"));
}

TEST_CASE("a value given twice in a choice is its one problem, not also a wrong sum",
          "[model][scenario_loader]") {
  const auto problems = problems_of(
      with(base, "{choice: {100: 0.5, 300: 0.5}}", "{choice: {100: 0.5, 100: 0.5}}"));
  INFO(listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().message.find("given twice") != std::string::npos);
  // The other values are still checked: a negative value and a probability of 7.
  const auto more = problems_of(
      with(base, "{choice: {100: 0.5, 300: 0.5}}", "{choice: {100: 0.5, 100: 0.5, -3: 7}}"));
  INFO(listing(more));
  CHECK(more.size() == 3);
}

TEST_CASE("a list where a mapping belongs is a wrong type", "[model][scenario_loader]") {
  CHECK(reports(with(base, "  runs: 100", "  - runs: 100"), 46, "simulation",
                "expected a mapping with runs, horizon_months, seed and target, got a list"));
}

TEST_CASE("text where a number belongs is a wrong type", "[model][scenario_loader]") {
  CHECK(reports(with(base, "win_rate: 0.06", "win_rate: high"), 25, "pipeline.jobs[0].win_rate",
                "got \"high\""));
  CHECK(reports(with(base, "win_rate: 0.06", "win_rate: \"0.06\""), 25, "pipeline.jobs[0].win_rate",
                "write numbers without them"));
  CHECK(reports(with(base, "win_rate: 0.06", "win_rate: .inf"), 25, "pipeline.jobs[0].win_rate",
                "expected a probability"));
}

TEST_CASE("a bool must be true or false", "[model][scenario_loader]") {
  CHECK(reports(with(base, "  - name: wait", "  - {name: wait, until_recovered: yes}"), 42,
                "strategies[0].until_recovered", "expected true or false, got \"yes\""));
  CHECK(reports(with(base, "    private: 10", "    disputed: 1"), 12, "history[0].disputed",
                "expected true or false, got 1"));
}

TEST_CASE("a date-time is not a date", "[model][scenario_loader]") {
  CHECK(reports(with(base, "today: 2026-11-26", "today: 2026-11-26T10:00:00"), 3,
                "freelancer.today", "a date-time; write the date alone"));
}

TEST_CASE("a day that does not exist is an error", "[model][scenario_loader]") {
  CHECK(reports(with(base, "started: 2026-07-01", "started: 2026-02-30"), 15, "history[1].started",
                "February 2026 has 28 days"));
  CHECK(reports(with(base, "started: 2026-07-01", "started: 2026-13-01"), 15, "history[1].started",
                "there is no month 13"));
  CHECK(reports(with(base, "started: 2026-07-01", "started: 2026-7-1"), 15, "history[1].started",
                "expected a date as YYYY-MM-DD"));
}

TEST_CASE("today lies from 1900 to 9000, so that ten years of horizon stay within year 9999",
          "[model][scenario_loader]") {
  CHECK(reports(with(base, "today: 2026-11-26", "today: 9998-11-26"), 3, "freelancer.today",
                "expected a day from 1900-01-01 to 9000-12-31"));
  CHECK(reports(with(base, "today: 2026-11-26", "today: 9001-01-01"), 3, "freelancer.today",
                "got 9001-01-01"));
  CHECK(reports(with(base, "today: 2026-11-26", "today: 1899-12-31"), 3, "freelancer.today",
                "expected a day from 1900-01-01"));
  // The ends themselves load; the history's and the close's dates are then
  // after or before today, which is reported on their lines alone.
  const std::string last = with(with(base, "today: 2026-11-26", "today: 9000-12-31"),
                                "runs: 100", "{runs: 100, horizon_months: 120}");
  CHECK(load(last).today.to_string() == "9000-12-31");
  CHECK(load(last).horizon().to_string() == "9010-12-31");
  const auto before = problems_of(with(base, "today: 2026-11-26", "today: 1900-01-01"));
  CHECK(std::none_of(before.begin(), before.end(),
                     [](const diagnostic& p) { return p.where.key == "freelancer.today"; }));
}

TEST_CASE("no date of the history comes after today", "[model][scenario_loader]") {
  CHECK(reports(with(base, "started: 2026-07-01", "started: 2026-12-01"), 15, "history[1].started",
                "2026-12-01 is after today (2026-11-26)"));
}

TEST_CASE("a contract cannot end before it started", "[model][scenario_loader]") {
  CHECK(reports(with(base, "ended: 2026-06-20", "ended: 2026-05-20"), 8, "history[0].ended",
                "expected a date on or after started (2026-06-01), got 2026-05-20"));
}

TEST_CASE("first_paid cannot come after last_paid", "[model][scenario_loader]") {
  CHECK(reports(with(with(base, "    stars: 5.0", "    first_paid: 2026-06-19"),
                     "last_paid: 2026-06-20", "last_paid: 2026-06-18"),
                10, "history[0].last_paid", "on or after first_paid (2026-06-19)"));
}

TEST_CASE("last_paid cannot come after the end", "[model][scenario_loader]") {
  CHECK(reports(with(base, "last_paid: 2026-06-20", "last_paid: 2026-06-25"), 10,
                "history[0].last_paid", "on or before ended (2026-06-20)"));
}

TEST_CASE("money earned needs the date of the last payment", "[model][scenario_loader]") {
  CHECK(reports(with(base, "    last_paid: 2026-06-20", "    # last_paid missing"), 5,
                "history[0].last_paid", "required when earned is above 0"));
}

TEST_CASE("ratings must be in range", "[model][scenario_loader]") {
  CHECK(reports(with(base, "    stars: 5.0", "    stars: 6"), 11, "history[0].stars",
                "expected stars from 1.0 to 5.0, or `unknown`, got 6"));
  CHECK(reports(with(base, "    private: 10", "    private: 9.5"), 12, "history[0].private",
                "a whole number from 0 to 10"));
  CHECK(
      reports(with(base, "{p: 0.9, stars: 5.0, private: 10}", "{p: 0.9, stars: 0.5, private: 10}"),
              36, "pipeline.outcomes.good[0].stars", "expected stars from 1.0 to 5.0"));
}

TEST_CASE("an open contract has no rating yet", "[model][scenario_loader]") {
  CHECK(reports(with(base, "    started: 2026-07-01", "    stars: unknown"), 15, "history[1].stars",
                "an open contract has no star rating yet"));
}

TEST_CASE("money and durations cannot be negative", "[model][scenario_loader]") {
  CHECK(reports(with(base, "earned: 1500", "earned: -5"), 9, "history[0].earned",
                "expected an amount in USD, 0 or more, got -5"));
  CHECK(reports(with(base, "duration_days: {lognormal: {median: 6, p90: 15}}", "duration_days: -3"),
                27, "pipeline.jobs[0].duration_days", "expected a number of days, 0 or more"));
}

TEST_CASE("the p of an outcome table must sum to 1", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{p: 0.1, feedback: none}", "{p: 0.05, feedback: none}"), 36,
                "pipeline.outcomes.good", "the p of the rows sum to 0.95; they must sum to 1"));
}

TEST_CASE("the probabilities of a choice must sum to 1", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{100: 0.5, 300: 0.5}", "{100: 0.5, 300: 0.4}"), 33,
                "pipeline.jobs[1].weekly_usd.choice", "the probabilities sum to 0.9"));
}

TEST_CASE("an outcome row gives a rating or says feedback: none", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{p: 0.1, feedback: none}", "{p: 0.1}"), 37, "pipeline.outcomes.good[1]",
                "expected stars and/or private, or `feedback: none`"));
  CHECK(reports(with(base, "{p: 0.1, feedback: none}", "{p: 0.1, stars: 4, feedback: none}"), 37,
                "pipeline.outcomes.good[1].feedback", "cannot go with stars or private"));
}

TEST_CASE("uniform needs a <= b", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{uniform: [7, 90]}", "{uniform: [90, 7]}"), 18,
                "history[1].future.ends_in_days.uniform",
                "expected [a, b] with a <= b, got [90, 7]"));
  CHECK(reports(with(base, "{uniform: [7, 90]}", "{uniform: [7, 90, 100]}"), 18,
                "history[1].future.ends_in_days.uniform", "got a list of 3"));
}

TEST_CASE("triangular needs min <= mode <= max", "[model][scenario_loader]") {
  CHECK(reports(with(base, "[30, 60, 150]", "[30, 200, 150]"), 32,
                "pipeline.jobs[1].duration_days.triangular", "min <= mode <= max"));
}

TEST_CASE("lognormal needs a median above 0 and a p90 at least the median",
          "[model][scenario_loader]") {
  CHECK(reports(with(base, "{median: 6, p90: 15}", "{median: 6, p90: 3}"), 27,
                "pipeline.jobs[0].duration_days.lognormal.p90", "a p90 at least the median (6)"));
  CHECK(reports(with(base, "{median: 6, p90: 15}", "{median: 0, p90: 3}"), 27,
                "pipeline.jobs[0].duration_days.lognormal.median", "a median above 0"));
}

TEST_CASE("exponential needs a mean above 0", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{lognormal: {median: 6, p90: 15}}", "{exponential: {mean: 0}}"), 27,
                "pipeline.jobs[0].duration_days.exponential.mean", "a mean above 0"));
}

TEST_CASE("a misspelt distribution gets a suggestion", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{uniform: [40, 250]}", "{unifrom: [40, 250]}"), 28,
                "pipeline.jobs[0].value_usd.unifrom",
                "unknown distribution `unifrom`; did you mean `uniform`?"));
  CHECK(reports(with(base, "{uniform: [40, 250]}", "[40, 250]"), 28, "pipeline.jobs[0].value_usd",
                "expected a distribution"));
}

TEST_CASE("a close must name a contract of the history", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{contract: audiobook}", "{contract: audiobok}"), 44,
                "strategies[1].close[0].contract",
                "no contract with id `audiobok` in the history; did you mean `audiobook`?"));
}

TEST_CASE("a close cannot name a contract that has ended", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{contract: audiobook}", "{contract: logo}"), 44,
                "strategies[1].close[0].contract", "contract `logo` ended on 2026-06-20"));
}

TEST_CASE("a close happens today or later", "[model][scenario_loader]") {
  CHECK(reports(with(base, "{contract: audiobook}", "{contract: audiobook, on: 2026-11-01}"), 44,
                "strategies[1].close[0].on", "a day on or after today (2026-11-26)"));
}

TEST_CASE("accept must name job types of the pipeline", "[model][scenario_loader]") {
  CHECK(reports(with(base, "  - name: wait", "  - {name: wait, accept: [quick fix]}"), 42,
                "strategies[0].accept[0]",
                "no job type named `quick fix` in pipeline.jobs; did you mean `quick fixed`?"));
}

TEST_CASE("an outcome table must be defined where it is named", "[model][scenario_loader]") {
  CHECK(reports(with(base, "      outcomes: poor", "      outcomes: por"), 17,
                "history[1].future.outcomes",
                "no outcome table named `por` in pipeline.outcomes; did you mean `poor`?"));
  CHECK(reports(with(base, "    started: 2026-07-01", "    prior: nothing-like-it"), 15,
                "history[1].prior", "the tables are `good` or `poor`"));
}

TEST_CASE("ids and strategy names must be unique", "[model][scenario_loader]") {
  CHECK(reports(with(with(base, "  - id: audiobook", "  - id: logo"), "{contract: audiobook}",
                     "{contract: logo}"),
                13, "history[1].id", "id `logo` is already used by history[0] (line 5)"));
  CHECK(reports(with(base, "  - name: close it", "  - name: wait"), 43, "strategies[1].name",
                "strategy `wait` is already defined by strategies[0] (line 42)"));
  CHECK(reports(with(base, "    - name: hourly project", "    - name: quick fixed"), 29,
                "pipeline.jobs[1].name", "job type `quick fixed` is already defined"));
}

TEST_CASE("only an open contract has a future", "[model][scenario_loader]") {
  CHECK(reports(with(base, "    private: 10", "    future: {ghost: 1}"), 12, "history[0].future",
                "only an open contract has a future"));
}

TEST_CASE("a future needs ends_in_days unless the client is a ghost", "[model][scenario_loader]") {
  CHECK(reports(with(base, "      ends_in_days: {uniform: [7, 90]}", "      weekly_usd: 10"), 17,
                "history[1].future.ends_in_days", "required unless ghost is 1"));
  CHECK_NOTHROW(
      load(with(with(base, "      ends_in_days: {uniform: [7, 90]}", "      weekly_usd: 10"),
                "ghost: 0.8", "ghost: 1")));
}

TEST_CASE("a fixed job needs value_usd and an hourly job weekly_usd", "[model][scenario_loader]") {
  CHECK(reports(with(base, "      value_usd: {uniform: [40, 250]}", "      rehire: 0.1"), 24,
                "pipeline.jobs[0].value_usd", "missing; expected the USD a fixed job pays"));
  CHECK(reports(with(base, "      weekly_usd: {choice: {100: 0.5, 300: 0.5}}", "      ghost: 0.1"),
                29, "pipeline.jobs[1].weekly_usd", "missing"));
  CHECK(reports(with(base, "      type: fixed", "      weekly_usd: 5"), 26,
                "pipeline.jobs[0].weekly_usd", "weekly_usd is for hourly jobs"));
}

TEST_CASE("a pipeline needs a job and an outcome table", "[model][scenario_loader]") {
  const std::string jobs = std::string(
      base.substr(base.find("  jobs:\n"), base.find("  outcomes:\n") - base.find("  jobs:\n")));
  CHECK(reports(with(base, jobs, "  jobs: []\n"), 23, "pipeline.jobs",
                "expected at least one job type, got an empty list"));
  const std::string tables = std::string(base.substr(
      base.find("  outcomes:\n"), base.find("strategies:") - base.find("  outcomes:\n")));
  CHECK(reports(with(base, tables, "  outcomes: {}\n"), 34, "pipeline.outcomes",
                "expected at least one outcome table, got none"));
}

TEST_CASE("the simulation's limits are checked", "[model][scenario_loader]") {
  CHECK(reports(with(base, "runs: 100", "runs: 0"), 46, "simulation.runs",
                "expected a whole number of runs from 1 to 100000000, got 0"));
  CHECK(reports(with(base, "runs: 100", "runs: 200000000"), 46, "simulation.runs",
                "from 1 to 100000000"));
  CHECK(reports(with(base, "runs: 100", "runs: 2.5"), 46, "simulation.runs", "got 2.5"));
  CHECK(reports(with(base, "runs: 100", "horizon_months: 121"), 46, "simulation.horizon_months",
                "from 1 to 120"));
  CHECK(reports(with(base, "runs: 100", "horizon_months: 0"), 46, "simulation.horizon_months",
                "from 1 to 120"));
  CHECK(reports(with(base, "runs: 100", "target: {jss: 0}"), 46, "simulation.target.jss",
                "a JSS above 0 and at most 100"));
  CHECK(reports(with(base, "runs: 100", "target: {jss: 100.5}"), 46, "simulation.target.jss",
                "a JSS above 0 and at most 100"));
  CHECK(reports(with(base, "runs: 100", "target: {hold: 0}"), 46, "simulation.target.hold",
                "1 or more"));
  CHECK(reports(with(base, "runs: 100", "seed: -1"), 46, "simulation.seed",
                "a whole number from 0 to 18446744073709551615"));
  CHECK(load(with(base, "runs: 100", "seed: 18446744073709551615")).simulation.seed ==
        18446744073709551615ULL);
}

TEST_CASE("the score's parameters are checked", "[model][scenario_loader]") {
  const auto score = [](std::string_view setting) {
    return with(base, "  rules: upwork-2024", std::string("  ") + std::string(setting));
  };
  CHECK(reports(score("rules: upwork-2025"), 48, "score.rules", "did you mean `upwork-2024`?"));
  CHECK(reports(score("recalc_every_days: 0"), 48, "score.recalc_every_days", "1 or more"));
  CHECK(reports(score("min_clients: 0"), 48, "score.min_clients", "1 or more"));
  CHECK(reports(score("min_outcomes: 0"), 48, "score.min_outcomes", "1 or more"));
  CHECK(reports(score("tier_limits: [1000, 250]"), 48, "score.tier_limits",
                "expected increasing limits, got [1000, 250]"));
  CHECK(reports(score("tier_limits: [250]"), 48, "score.tier_limits", "got a list of 1"));
  CHECK(
      reports(score("tier_weights: [1, 0, 1.5]"), 48, "score.tier_weights[1]", "a weight above 0"));
  CHECK(reports(score("weight_max: 0"), 48, "score.weight_max", "a weight above 0"));
  CHECK(reports(score("stale_open_class: stale"), 48, "score.stale_open_class",
                "`positive`, `neutral`, `negative` or `excluded`"));
  CHECK(reports(score("private_neutral_min: 10"), 48, "score.private_neutral_min",
                "above private_positive_min"));
  CHECK(reports(score("recalc_anchor: 2023-12-32"), 48, "score.recalc_anchor",
                "December 2023 has 31 days"));
}

TEST_CASE("prior: by-stars draws a hidden private rating from the built-in table of its star "
          "band; a file's own table of that name wins",
          "[model][scenario_loader]") {
  const std::string hidden = with(base, "    private: 10", "    private: unknown");
  // logo has 5.0 stars: by-stars is private-if-5-stars, added after the file's tables.
  const scenario s =
      load(with(hidden, "    stars: 5.0\n", "    stars: 5.0\n    prior: by-stars\n"));
  REQUIRE(s.pipeline.outcomes.size() == 3);
  const outcome_table& t = s.pipeline.outcomes[s.history[0].prior];
  CHECK(t.name == "private-if-5-stars");
  const outcome_table builtin = private_prior_for_stars(5);
  REQUIRE(t.rows.size() == builtin.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    CHECK(t.rows[i].p == builtin.rows[i].p);
    CHECK(t.rows[i].private_rating == builtin.rows[i].private_rating);
  }
  CHECK(s.pipeline.jobs[0].outcomes == 0);  // the first table is still the default
  // A built-in named directly, for a 4.4-star contract.
  const scenario named =
      load(with(hidden, "    stars: 5.0\n", "    stars: 4.4\n    prior: private-if-4-stars\n"));
  CHECK(named.pipeline.outcomes[named.history[0].prior].name == "private-if-4-stars");
  // A table of the file with that name is used instead of the built-in.
  const scenario own =
      load(with(with(hidden, "    stars: 5.0\n", "    stars: 5.0\n    prior: by-stars\n"),
                "    poor:\n", "    private-if-5-stars:\n      - {p: 1, private: 2}\n    poor:\n"));
  REQUIRE(own.pipeline.outcomes.size() == 3);
  CHECK(own.pipeline.outcomes[own.history[0].prior].rows.size() == 1);
  // Without stars, by-stars has no band.
  const std::string no_stars = with(hidden, "    stars: 5.0\n", "    prior: by-stars\n");
  CHECK(reports(no_stars, 11, "history[0].prior", "`by-stars` draws from the table of the "
                                                   "contract's public stars, and it has none"));
  CHECK(reports(with(hidden, "    stars: 5.0\n", "    stars: 5.0\n    prior: by-star\n"), 12,
                "history[0].prior", "not `by-stars` or a built-in `private-if-N-stars`"));
}

TEST_CASE("score.private_ratings_until is a date; a private rating after it is not counted, "
          "and said", "[model][scenario_loader]") {
  const auto score = [](std::string_view line) {
    return with(base, "  rules: upwork-2024", std::string("  ") + std::string(line));
  };
  CHECK(load(base).rules.private_ratings_until == jssim::model::date_max);
  CHECK(reports(score("private_ratings_until: 2026-02-30"), 48, "score.private_ratings_until",
                "February 2026 has 28 days"));

  // logo ended on 2026-06-20 with private 10: on the last day it counts, silently.
  const scenario on_day = load(score("private_ratings_until: 2026-06-20"));
  CHECK(on_day.rules.private_ratings_until == date::parse("2026-06-20").value());
  CHECK(on_day.history[0].private_rating.given());
  CHECK(on_day.warnings.empty());

  // A day earlier: kept as written, not counted, and the warning names the line and key.
  const scenario after = load(score("private_ratings_until: 2026-06-19"));
  CHECK(after.history[0].private_rating.given());
  REQUIRE(after.warnings.size() == 1);
  CHECK(after.warnings[0].where.line == 12);
  CHECK(after.warnings[0].where.key == "history[0].private");
  CHECK(after.warnings[0].message.find("not counted") != std::string::npos);
  CHECK(after.warnings[0].message.find("2026-06-19") != std::string::npos);

  // `unknown` after the day: no hidden rating at all (nothing to draw), said.
  const std::string hidden = with(score("private_ratings_until: 2026-06-19"), "    private: 10",
                                  "    private: unknown");
  const scenario dropped = load(hidden);
  CHECK(dropped.history[0].private_rating.state == jssim::model::rating::kind::none);
  CHECK_FALSE(dropped.history[0].has_unknown());
  REQUIRE(dropped.warnings.size() == 1);
  CHECK(dropped.warnings[0].message.find("`unknown` is not drawn") != std::string::npos);
  // On the day it stays hidden.
  const scenario kept = load(with(score("private_ratings_until: 2026-06-20"), "    private: 10",
                                  "    private: unknown"));
  CHECK(kept.history[0].private_rating.unknown());
}

TEST_CASE("rates and probabilities of the pipeline and the strategies are checked",
          "[model][scenario_loader]") {
  CHECK(reports(with(base, "proposals_per_week: 8", "proposals_per_week: -1"), 21,
                "pipeline.proposals_per_week", "got -1"));
  CHECK(reports(with(base, "max_parallel: 3", "max_parallel: 0"), 22, "pipeline.max_parallel",
                "1 or more"));
  CHECK(reports(with(base, "ghost: 0.8", "ghost: 1.5"), 19, "history[1].future.ghost",
                "a probability between 0 and 1"));
  CHECK(reports(with(base, "  - name: wait", "  - {name: wait, own_close_feedback: 2}"), 42,
                "strategies[0].own_close_feedback", "a probability between 0 and 1, got 2"));
  CHECK(reports(with(base, "  - name: wait", "  - {name: wait, close_stale_after_days: -3}"), 42,
                "strategies[0].close_stale_after_days", "0 or more"));
}

TEST_CASE("unknown ratings need a prior table with rows that give them",
          "[model][scenario_loader]") {
  const std::string stars_only =
      with(base, "{p: 0.5, stars: 2.0, private: 1}", "{p: 0.5, stars: 2.0}");
  CHECK(reports(with(with(stars_only, "    private: 10", "    private: unknown"), "    stars: 5.0",
                     "    prior: poor"),
                11, "history[0].prior", "no row of it gives private"));
  CHECK_NOTHROW(load(with(base, "    private: 10", "    private: unknown")));
}

TEST_CASE("a file with three independent errors reports all three", "[model][scenario_loader]") {
  const std::string text = with(with(with(base, "today: 2026-11-26", "today: 2026-11-31"),
                                     "win_rate: 0.01", "win_rate: lots"),
                                "runs: 100", "runs: -3");
  const auto problems = problems_of(text);
  INFO(listing(problems));
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].where.line == 3);
  CHECK(problems[0].where.key == "freelancer.today");
  CHECK(problems[1].where.line == 30);
  CHECK(problems[1].where.key == "pipeline.jobs[1].win_rate");
  CHECK(problems[2].where.line == 46);
  CHECK(problems[2].where.key == "simulation.runs");
}

TEST_CASE("an empty file says what a scenario needs", "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load(""), Contains("x.yaml: the file is empty; a scenario needs freelancer, "
                                       "history, pipeline and simulation"));
  CHECK_THROWS_WITH(load("# only a comment\n\n"), Contains("the file is empty"));
}

TEST_CASE("a file that is not a mapping at the top is a wrong type", "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load("- freelancer\n- history\n"),
                    Contains("x.yaml:1:1: expected a mapping with freelancer, history, pipeline "
                             "and simulation at the top of the file, got a list"));
  CHECK_THROWS_WITH(load("just text\n"), Contains("got \"just text\""));
}

TEST_CASE("a second YAML document is refused", "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load(std::string(base) + "---\nfreelancer: {}\n"),
                    Contains("more than one YAML document"));
}

// --- hostile input -----------------------------------------------------------

TEST_CASE("nesting 10,000 levels deep is refused before yaml-cpp parses it",
          "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load(std::string(10'000, '[')),
                    Contains("x.yaml:1: the file nests more than 64"));
  std::string block;
  for (int i = 0; i < 1'000; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
  CHECK_THROWS_WITH(load(block), Contains("nests more than 64 levels"));
  std::string compact = "history:\n";
  for (int i = 0; i < 10'000; ++i) compact += "- ";
  CHECK_THROWS_WITH(load(compact + "x\n"), Contains("x.yaml:2: the file nests more than 64"));
  // Brackets inside quotes and comments are text, and do not count.
  CHECK_NOTHROW(
      load(with(base, "  name: Ana",
                "  name: \"" + std::string(100, '[') + "\"  # " + std::string(100, '{'))));
}

TEST_CASE("the indentation of a block scalar's text is not nesting", "[model][scenario_loader]") {
  std::string text = "note: |\n";
  for (int i = 1; i <= 100; ++i) text += std::string(static_cast<std::size_t>(i) + 1, ' ') + "[{\n";
  text += "other: [1, [2, [3]]]  # [[[[\n";
  CHECK_FALSE(jssim::input::detail::check_nesting(text).has_value());
  CHECK_FALSE(jssim::input::detail::check_events(text).has_value());
}

TEST_CASE("a merge key gets a clear message", "[model][scenario_loader]") {
  CHECK(reports(with(base, "  runs: 100", "  <<: {runs: 5}"), 46, "simulation.<<",
                "merge keys (`<<: *name`) are not supported"));
}

TEST_CASE("the streaming pass measures nesting exactly, whatever the pre-scan estimates",
          "[model][scenario_loader]") {
  CHECK(jssim::input::detail::check_events(std::string(70, '[') + std::string(70, ']'))
            .value()
            .message.find("more than 64 levels") != std::string::npos);
  CHECK_FALSE(jssim::input::detail::check_events(std::string(60, '[') + std::string(60, ']')));
}

TEST_CASE("an alias bomb is refused", "[model][scenario_loader]") {
  std::string bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  char previous = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    const std::string alias = std::string("*") + previous;
    bomb += std::string(1, c) + ": &" + c + " [" + alias;
    for (int i = 1; i < 10; ++i) bomb += ", " + alias;
    bomb += "]\n";
    previous = c;
  }
  const auto problems = problems_of(bomb);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Contains("more than 200000 values"));
  CHECK_THAT(problems[0].message, Contains("alias bomb"));
  CHECK(problems[0].where.line > 1);
}

TEST_CASE("an alias inside the value it names is refused", "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load("a: &loop [1, *loop]\n"),
                    Contains("alias `*loop` is used inside the value it names"));
}

TEST_CASE("invalid UTF-8, NUL bytes and control characters are refused with their line",
          "[model][scenario_loader]") {
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: An\xff")),
                    Contains("x.yaml:2:11: the file is not valid UTF-8 (byte 0xFF)"));
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: An\xc3")),
                    Contains("x.yaml:2:11: the file is not valid UTF-8"));
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: \xc0\xaf")),  // overlong '/'
                    Contains("x.yaml:2:9: the file is not valid UTF-8"));
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: \xed\xa0\x80")),  // a surrogate
                    Contains("x.yaml:2:9: the file is not valid UTF-8"));
  CHECK_THROWS_WITH(load(with(base, "    client: echo", std::string("    client: e\0ho", 16))),
                    Contains("x.yaml:14:14: the file contains a NUL byte"));
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: A\x1b[0m")),
                    Contains("x.yaml:2:10: control character U+001B"));
  // Valid UTF-8 of every length is fine.
  CHECK(
      load(with(base, "  name: Ana", "  name: Ana \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")).name ==
      "Ana \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST_CASE("a huge value is shortened in messages", "[model][scenario_loader]") {
  const auto problems =
      problems_of(with(base, "win_rate: 0.06", "win_rate: " + std::string(100'000, 'x')));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.size() < 200);
}

TEST_CASE("a file is measured before it is read", "[model][scenario_loader]") {
  const auto path = temp_dir() / "too_big.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string line = "# " + std::string(1022, 'x') + "\n";
    for (int i = 0; i < 4 * 1024 + 1; ++i) out << line;
  }
  CHECK_THROWS_WITH(load_scenario_file(path.string()),
                    Contains("the file is 4.0 MiB; a scenario may be at most 4 MiB"));
  std::filesystem::remove(path);
}

TEST_CASE("a file that cannot be read is an input_error, not a scenario_error",
          "[model][scenario_loader]") {
  const auto missing = temp_dir() / "no_such_file.yaml";
  CHECK_THROWS_AS(load_scenario_file(missing.string()), input_error);
  CHECK_THROWS_WITH(load_scenario_file(missing.string()), Contains("cannot read the scenario"));
  CHECK_THROWS_WITH(load_scenario_file(temp_dir().string()), Contains("it is a directory"));
  try {
    load_scenario_file(missing.string());
  } catch (const scenario_error&) {
    FAIL("a missing file is not a scenario_error");
  } catch (const input_error&) {
  }
}

TEST_CASE("a scenario file loads from disk with its path", "[model][scenario_loader]") {
  const auto path = temp_dir() / "good.yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out << base;
  }
  const scenario s = load_scenario_file(path.string());
  CHECK(s.path == path.string());
  CHECK(s.name == "Ana");
  CHECK_THROWS_WITH(
      [&] {
        std::ofstream out(path, std::ios::binary);
        out << with(base, "win_rate: 0.06", "win_rate: 7");
        out.close();
        load_scenario_file(path.string());
      }(),
      Contains(path.string() + ":25:17: pipeline.jobs[0].win_rate"));
  std::filesystem::remove(path);
}

TEST_CASE("a flood of problems is cut short", "[model][scenario_loader]") {
  std::string many = "freelancer: {name: A, today: 2026-01-01}\nhistory:\n";
  for (int i = 0; i < 500; ++i) many += "  - {id: a, client: b, started: 2027-01-01}\n";
  const auto problems = problems_of(many);
  CHECK(problems.size() <= 101);
  CHECK_THAT(problems.back().message, Contains("more problems not shown"));
}

TEST_CASE("the count of problems includes those past the limit of listed ones",
          "[model][scenario_loader]") {
  const auto count = [](int unknown_keys) {
    std::string text(base);
    for (int i = 0; i < unknown_keys; ++i) text += "unknown_key_" + std::to_string(i) + ": 1\n";
    try {
      load(text);
    } catch (const scenario_error& e) {
      return std::pair{e.problems().size(), problem_count(e)};
    }
    return std::pair{std::size_t{0}, std::uint64_t{0}};
  };
  CHECK(count(3) == std::pair{std::size_t{3}, std::uint64_t{3}});
  CHECK(count(100) == std::pair{std::size_t{100}, std::uint64_t{100}});
  // 100 listed and the line that counts the other 50.
  CHECK(count(150) == std::pair{std::size_t{101}, std::uint64_t{150}});
}

// --- did you mean ------------------------------------------------------------

TEST_CASE("the edit distance counts a swap of neighbours as one edit", "[model][scenario_loader]") {
  using jssim::model::detail::edit_distance;
  CHECK(edit_distance("proposal_per_week", "proposals_per_week") == 1);
  CHECK(edit_distance("wni_rate", "win_rate") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("a suggestion is offered only for a close name", "[model][scenario_loader]") {
  using jssim::model::detail::closest_name;
  constexpr std::array<std::string_view, 3> keys{"runs", "seed", "horizon_months"};
  CHECK(closest_name("rnus", keys) == "runs");
  CHECK(closest_name("horizon-months", keys) == "horizon_months");
  CHECK(closest_name("HORIZON_MONTH", keys) == "horizon_months");
  CHECK_FALSE(closest_name("colour", keys).has_value());
  CHECK_FALSE(closest_name("xy", keys).has_value());
}

// --- defects found by tests/app/check_mutants.py (tests/bad/mutant-*.yaml) ------

TEST_CASE("a carriage return not followed by a line feed is refused with its line and column",
          "[model][scenario_loader]") {
  // tests/bad/mutant-carriage-return-in-value.yaml: yaml-cpp kept it inside the value.
  CHECK_THROWS_WITH(load(with(base, "    client: echo", "    client: ec\rho")),
                    Contains("x.yaml:14:15: control character U+000D is not allowed in YAML"));
  CHECK_THROWS_WITH(load(with(base, "  name: Ana", "  name: Ana\r ")),
                    Contains("x.yaml:2:12: control character U+000D"));
  CHECK(jssim::input::detail::check_encoding("a: 1\r").has_value());
  CHECK_FALSE(jssim::input::detail::check_encoding("a: 1\r\nb: 2\r\n").has_value());
  // CRLF line ends are fine.
  std::string crlf;
  for (const char c : base) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const scenario s = load(crlf);
  CHECK(s.name == "Ana");
  CHECK(s.history.at(1).client == "echo");
  // CR alone at every line end (classic Mac) is named as such.
  std::string mac(base);
  std::replace(mac.begin(), mac.end(), '\n', '\r');
  CHECK_THROWS_WITH(load(mac), Contains("x.yaml:1:12: line ends are CR only (classic Mac); save "
                                        "the file with LF or CRLF line ends"));
}

TEST_CASE("an unclosed quote inside a flow mapping is reported at the quote, not past the end",
          "[model][scenario_loader]") {
  // tests/bad/mutant-unclosed-quote-in-flow-mapping.yaml: the `{` seemed unclosed.
  const auto problems = problems_of(with(base, "{p: 0.9, stars: 5.0", "{p: 0.9, stars: \"5.0"));
  INFO(listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == 36);
  CHECK(problems[0].where.column == 25);
  CHECK_THAT(problems[0].message, Contains("the double quote (\") opened here is never closed"));
  CHECK(reports(with(base, "{uniform: [7, 90]}", "{uniform: ['7, 90]}"), 18, "",
                "the single quote (') opened here is never closed"));
}

TEST_CASE("a quote not closed on its line is named when a later quote closes it",
          "[model][scenario_loader]") {
  // tests/bad/mutant-unclosed-quote-closed-by-apostrophe.yaml: the apostrophe of a
  // comment far below closed the quote, and yaml-cpp failed there.
  const std::string text = with(with(base, "  name: Ana", "  name: 'Ana"), "    client: echo",
                                "    client: echo       # the client's gone quiet");
  const auto problems = problems_of(text);
  INFO(listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == 2);
  CHECK(problems[0].where.column == 9);
  CHECK_THAT(problems[0].message,
             Contains("the single quote (') opened here is not closed on its line"));
  CHECK_THAT(problems[0].message, Contains("YAML syntax error"));
  // The same with a double quote and a later double quote in a value.
  CHECK(reports(with(with(base, "    client: acme", "    client: \"acme"), "    client: echo",
                     "    client: \"echo\""),
                6, "", "the double quote (\") opened here is not closed on its line"));
  // Quotes closed on their line, apostrophes in comments and in plain text are
  // no cause: a real syntax error below keeps its own line.
  const std::string quoted =
      with(with(with(base, "  name: Ana", "  name: 'Ana''s'   # Ana's own"), "    client: acme",
                "    client: o'brien"),
           "  runs: 100", "  runs: 100: 3");
  const auto syntax = problems_of(quoted);
  INFO(listing(syntax));
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].where.line > 40);
  CHECK_THAT(syntax[0].message, Contains("YAML syntax error"));
  CHECK_THAT(syntax[0].message, !Contains("opened"));
  // And a valid file with such quotes and comments loads.
  CHECK(load(with(with(base, "  name: Ana", "  name: 'Ana''s'   # Ana's \"own"),
                  "    client: acme", "    client: o'brien  # the client's"))
            .name == "Ana's");
}

TEST_CASE("an empty value is reported at its key, not on the next key's line",
          "[model][scenario_loader]") {
  // tests/bad/mutant-empty-value-line.yaml: yaml-cpp places `key:` and nothing
  // at the next token.
  CHECK_THROWS_WITH(load(with(base, "      win_rate: 0.06", "      win_rate:")),
                    Contains("x.yaml:25:7: pipeline.jobs[0].win_rate: expected a probability "
                             "between 0 and 1, got nothing"));
  CHECK_THROWS_WITH(load(with(base, "  runs: 100", "  runs:     # deleted")),
                    Contains("x.yaml:46:3: simulation.runs: expected"));
  // In a flow mapping, at the key too, not at the `}`.
  CHECK_THROWS_WITH(load(with(base, "p90: 15}}", "p90: }}")),
                    Contains("x.yaml:27:46: pipeline.jobs[0].duration_days.lognormal.p90:"));
  // A null written as `~` or `null` is where it is written.
  CHECK_THROWS_WITH(load(with(base, "      win_rate: 0.06", "      win_rate: ~")),
                    Contains("x.yaml:25:17: pipeline.jobs[0].win_rate: expected a probability "
                             "between 0 and 1, got nothing"));
  CHECK_THROWS_WITH(load(with(base, "      win_rate: 0.06", "      win_rate: null")),
                    Contains("x.yaml:25:17: pipeline.jobs[0].win_rate:"));
  // After a UTF-8 byte-order mark, which yaml-cpp does not count.
  CHECK_THROWS_WITH(load("\xEF\xBB\xBF" + with(base, "      win_rate: 0.06", "      win_rate:")),
                    Contains("x.yaml:25:7: pipeline.jobs[0].win_rate:"));
}
