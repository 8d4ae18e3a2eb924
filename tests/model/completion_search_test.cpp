// SPDX-License-Identifier: MIT
// The search of the completions of many hidden ratings (model/completion_search.hpp):
// the same posterior as weighing every completion, exact draws, counts past 64 bits and
// explanations too rare for rejection sampling.
#include "model/completion_search.hpp"

#include <catch2/catch.hpp>
#include <cmath>  // std::pow, std::lround
#include <fmt/format.h>
#include <limits>
#include <string>

#include "model/error.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim::model;
using namespace jssim::input;
using Catch::Matchers::Contains;

namespace {

/// `n` closed contracts of `n` clients with hidden private ratings, ending every
/// `every` days back from 2026-02-25, with weights 1 to 1.5 (earned 100, 600 or 1500),
/// and an observed score and timeline (`observed`, YAML text).
std::string hidden_many(int n, int every, const std::string& observed) {
  std::string history;
  const std::array<int, 3> earned{100, 600, 1500};
  for (int i = 0; i < n; ++i) {
    const date end = date::parse("2026-02-25").value() - i * every;
    history += fmt::format(
        "  - {{id: c{}, client: k{}, started: {}, ended: {}, earned: {}, last_paid: {}, "
        "stars: 5.0, private: unknown}}\n",
        i, i, (end - 5).to_string(), end.to_string(), earned[static_cast<std::size_t>(i % 3)],
        end.to_string());
  }
  return "freelancer: {name: T, today: 2026-03-01}\nhistory:\n" + history + observed + R"(
pipeline:
  proposals_per_week: 0
  jobs:
    - {name: job, win_rate: 0.1, type: fixed, duration_days: 5, value_usd: 100}
  outcomes:
    good:
      - {p: 0.92, stars: 5.0, private: 10}
      - {p: 0.03, stars: 5.0, private: 8}
      - {p: 0.01, stars: 4.0, private: 6}
      - {p: 0.01, stars: 2.0, private: 2}
      - {p: 0.03, feedback: none}
simulation: {runs: 10}
score: {recalc_anchor: 2026-03-01}
)";
}

scenario load(const std::string& text) { return load_scenario_string(text, "many.yaml"); }

/// The marginals of a posterior weighed completion by completion, per unknown and value.
std::vector<std::vector<double>> enumerated_marginals(const hidden_ratings& h, const posterior& p) {
  std::vector<std::vector<double>> out;
  for (const auto& u : h.unknowns()) out.emplace_back(u.values.size(), 0.0);
  for (const auto& c : p.explaining) {
    for (std::size_t k = 0; k < c.choice.size(); ++k) out[k][c.choice[k]] += c.probability;
  }
  return out;
}

void check_same_posterior(const scenario& sc) {
  const hidden_ratings h(sc);
  REQUIRE(h.combinations() <= max_enumerated_completions);
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  const auto s = completion_search::run(h, conditions(h, sc.observed_jss));
  REQUIRE(s.has_value());
  CHECK(s->explaining() == p.explaining.size());
  CHECK(s->evidence() == Approx(p.evidence).epsilon(1e-12));
  const auto want = enumerated_marginals(h, p);
  for (std::size_t k = 0; k < want.size(); ++k) {
    for (std::size_t v = 0; v < want[k].size(); ++v) {
      INFO(fmt::format("unknown {} value {}", k, v));
      CHECK(s->marginals()[k][v] == Approx(want[k][v]).margin(1e-12));
    }
  }
  const posterior listed = listed_posterior(*s, h);
  REQUIRE(listed.explaining.size() == p.explaining.size());
  for (std::size_t i = 0; i < p.explaining.size(); ++i) {
    CHECK(listed.explaining[i].choice == p.explaining[i].choice);
    CHECK(listed.explaining[i].probability == Approx(p.explaining[i].probability).epsilon(1e-12));
    CHECK(listed.explaining[i].start_jss == p.explaining[i].start_jss);
  }
}

}  // namespace

TEST_CASE("the search gives the posterior that weighing every completion gives",
          "[model][completion_search]") {
  // 8 hidden ratings (65,536 combinations) ending every 20 days, today's score and
  // three past ones that tell which of them was not positive: today's 90 comes from
  // histories that showed 100, 87, 87 on those days, or 100, 100, 100, or 60, 73, 87.
  SECTION("today's score alone") {
    check_same_posterior(load(hidden_many(8, 20, "observed: {jss: 90}\n")));
  }
  SECTION("with a timeline") {
    check_same_posterior(load(hidden_many(
        8, 20,
        "observed:\n  jss: 90\n  timeline: [{on: 2025-12-10, jss: 100}, {on: 2026-01-20, jss: "
        "87}, {on: 2026-02-10, jss: 87}]\n")));
  }
  SECTION("with a day that shows no score") {
    check_same_posterior(load(hidden_many(
        6, 30, "observed:\n  jss: 100\n  timeline: [{on: 2025-09-25, jss: none}]\n")));
  }
}

TEST_CASE("the timeline changes the posterior the search finds", "[model][completion_search]") {
  const scenario today_only = load(hidden_many(8, 20, "observed: {jss: 90}\n"));
  const scenario timeline = load(hidden_many(
      8, 20,
      "observed:\n  jss: 90\n  timeline: [{on: 2025-12-10, jss: 100}, {on: 2026-01-20, jss: "
      "87}, {on: 2026-02-10, jss: 87}]\n"));
  const hidden_ratings a(today_only);
  const hidden_ratings b(timeline);
  const auto sa = completion_search::run(a, conditions(a, today_only.observed_jss));
  const auto sb = completion_search::run(b, conditions(b, timeline.observed_jss));
  REQUIRE(sa);
  REQUIRE(sb);
  CHECK(sb->explaining() < sa->explaining());
  double moved = 0;
  for (std::size_t k = 0; k < a.unknowns().size(); ++k) {
    moved = std::max(moved, std::abs(sa->marginals()[k][0] - sb->marginals()[k][0]));
  }
  CHECK(moved > 0.1);
}

TEST_CASE("draws from the search follow the posterior", "[model][completion_search]") {
  const scenario sc = load(hidden_many(6, 20, "observed: {jss: 90}\n"));
  const hidden_ratings h(sc);
  const auto s = completion_search::run(h, conditions(h, sc.observed_jss));
  REQUIRE(s);
  const posterior p = enumerate_posterior(h, sc.observed_jss, sc);
  // Uniforms on a grid (an additive recurrence per unknown): deterministic, and close
  // to the posterior's frequencies.
  std::vector<std::vector<double>> seen;
  for (const auto& u : h.unknowns()) seen.emplace_back(u.values.size(), 0.0);
  constexpr int draws = 20'000;
  std::vector<double> u(h.unknowns().size());
  std::vector<contract> scratch;
  for (int i = 0; i < draws; ++i) {
    for (std::size_t k = 0; k < u.size(); ++k) {
      const double x = (i + 0.5) * (0.6180339887498949 + 0.1 * static_cast<double>(k));
      u[k] = x - std::floor(x);
    }
    const completion_choice c = s->draw(u);
    CHECK(h.start_jss(c, scratch) == 90);
    for (std::size_t k = 0; k < c.size(); ++k) seen[k][c[k]] += 1.0 / draws;
  }
  const auto want = enumerated_marginals(h, p);
  for (std::size_t k = 0; k < want.size(); ++k) {
    for (std::size_t v = 0; v < want[k].size(); ++v) CHECK(seen[k][v] == Approx(want[k][v]).margin(0.01));
  }
}

TEST_CASE("a count of combinations past 64 bits saturates and is written as such",
          "[model][completion_search]") {
  CHECK(count_text(std::numeric_limits<std::uint64_t>::max()) == "more than 1.8e19");
  CHECK(count_text(4096) == "4096");
  // 40 hidden ratings of 4 values: 4^40 = 1.2e24 combinations.
  const scenario sc = load(hidden_many(40, 12, ""));
  const hidden_ratings h(sc);
  CHECK(h.combinations() == std::numeric_limits<std::uint64_t>::max());
  const auto s = completion_search::run(h, {});
  REQUIRE(s);
  CHECK(s->explaining() == std::numeric_limits<std::uint64_t>::max());
  CHECK(s->evidence() == Approx(1.0));
}

TEST_CASE("an explanation too rare for rejection sampling is found, with its exact probability",
          "[model][completion_search]") {
  // 24 contracts of weight 1 within the last 3 months... of 24 clients, every 3 days:
  // the score is 100 (P - N) / 24 in every window. 50 % needs P - N = 12.
  std::string history;
  for (int i = 0; i < 24; ++i) {
    const date end = date::parse("2026-02-25").value() - 3 * i;
    history += fmt::format(
        "  - {{id: c{}, client: k{}, started: {}, ended: {}, earned: 100, last_paid: {}, "
        "stars: 5.0, private: unknown}}\n",
        i, i, (end - 2).to_string(), end.to_string(), end.to_string());
  }
  std::string text = hidden_many(0, 1, "observed: {jss: 50}\n");
  text.replace(text.find("history:\n") + 9, 0, history);
  const scenario sc = load(text);
  const hidden_ratings h(sc);
  const auto s = search_posterior(h, sc.observed_jss, sc);
  REQUIRE(s);
  // P(P - N = 12) with P(positive) = .92/.97, neutral .03/.97, negative .02/.97.
  const double pp = 0.92 / 0.97;
  const double pu = 0.03 / 0.97;
  const double pn = 0.02 / 0.97;
  double want = 0;
  std::uint64_t count = 0;
  auto choose = [](int n, int k) {
    double c = 1;
    for (int i = 1; i <= k; ++i) c = c * (n - k + i) / i;
    return c;
  };
  for (int n = 0; n <= 6; ++n) {
    const int p = 12 + n;
    const int u = 24 - p - n;
    if (u < 0) continue;
    const double ways = choose(24, p) * choose(24 - p, n);
    // Negative is two values (6 and 2) of .01 each.
    want += ways * std::pow(pp, p) * std::pow(pu, u) * std::pow(pn, n);
    count += static_cast<std::uint64_t>(std::llround(ways)) << n;
  }
  CHECK(want < 1e-4);  // rejection keeps one draw in ten thousand or fewer
  CHECK(s->evidence() == Approx(want).epsilon(1e-9));
  CHECK(s->explaining() == count);
}

TEST_CASE("the search names the first observation no completion gives and what they give",
          "[model][completion_search]") {
  const std::string text = hidden_many(
      8, 20, "observed:\n  jss: 88\n  timeline: [{on: 2025-12-10, jss: 100}, {on: 2026-01-20, jss: 7}]\n");
  const scenario sc = load(text);
  const hidden_ratings h(sc);
  CHECK_THROWS_WITH(search_posterior(h, sc.observed_jss, sc),
                    Contains("many.yaml:13:") &&
                        Contains("observed.timeline[1]: the profile showed 7 % on 2026-01-20 "
                                 "(the recalculation of 2026-01-18)") &&
                        Contains("together with the earlier observation") &&
                        Contains("that give observed.timeline[0] (100 % on 2025-12-10)"));
  // The enumeration says the same.
  CHECK_THROWS_WITH(enumerate_posterior(h, sc.observed_jss, sc),
                    Contains("observed.timeline[1]: the profile showed 7 % on 2026-01-20"));
}
