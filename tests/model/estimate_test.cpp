// SPDX-License-Identifier: MIT
#include "model/estimate.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace {

using namespace jssim::model;

date d(const char* text) { return date::parse(text).value(); }

const date today = d("2026-11-26");

history_contract ended(const std::string& id, const std::string& client, const char* start,
                       const char* end, double earned, double stars, int priv = -1) {
  history_contract h;
  h.id = id;
  h.client = client;
  h.started = d(start);
  h.ended = d(end);
  h.earned = earned;
  if (earned > 0) h.first_paid = h.last_paid = d(end);
  h.stars = {rating::kind::given, stars};
  if (priv >= 0) {
    h.private_rating = {rating::kind::given, static_cast<double>(priv)};
  } else {
    h.private_rating.state = rating::kind::unknown;
  }
  return h;
}

history_contract open(const std::string& id, const std::string& client, const char* start) {
  history_contract h;
  h.id = id;
  h.client = client;
  h.started = d(start);
  return h;
}

double sum_of(const outcome_table& t) {
  double s = 0;
  for (const auto& r : t.rows) s += r.p;
  return s;
}

const estimated_job* job_named(const estimates& e, const std::string& name) {
  for (const auto& j : e.jobs) {
    if (j.job.name == name) return &j;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("win rates are contracts with new clients per week over the last 12 months, per "
          "proposal",
          "[model][estimate]") {
  // 52 weeks and 1 day from 2025-11-26 to 2026-11-26: 366 / 7 weeks.
  const std::vector<history_contract> h{
      ended("a", "x", "2025-10-01", "2025-10-10", 100, 5.0, 10),  // before the window
      ended("b", "y", "2026-01-05", "2026-01-10", 100, 5.0, 10),
      ended("c", "z", "2026-03-05", "2026-03-10", 200, 5.0, 10),
      ended("d", "z", "2026-05-05", "2026-05-10", 150, 5.0, 10),  // a rehire: not a win
      ended("e", "w", "2026-06-05", "2026-07-10", 2000, 5.0, 10),
  };
  const estimates e = estimate_pipeline(h, today, {});
  const auto* small = job_named(e, small_jobs_name);
  const auto* fixed = job_named(e, fixed_jobs_name);
  REQUIRE(small != nullptr);
  REQUIRE(fixed != nullptr);
  CHECK(job_named(e, hourly_jobs_name) == nullptr);
  const double weeks = 366.0 / 7.0;
  CHECK(small->job.win_rate == Approx(2 / weeks / 5).epsilon(1e-3));
  CHECK(fixed->job.win_rate == Approx(1 / weeks / 5).epsilon(1e-3));
  CHECK(small->notes[1].find("2 won from new clients") != std::string::npos);
}

TEST_CASE("the rehire rate is the share of positive ends whose client hired her again",
          "[model][estimate]") {
  const std::vector<history_contract> h{
      ended("a", "x", "2026-01-05", "2026-01-10", 100, 5.0, 10),
      ended("b", "x", "2026-02-05", "2026-02-10", 100, 5.0, 10),
      ended("c", "y", "2026-03-05", "2026-03-10", 100, 5.0, 10),
      ended("d", "z", "2026-04-05", "2026-04-10", 100, 1.0, 1),  // negative: no rehire asked
  };
  const estimates e = estimate_pipeline(h, today, {});
  // Positive ends: a, b, c; a's client came back.
  CHECK(e.jobs.front().job.rehire == Approx(0.333));
}

TEST_CASE("values and durations of three or more contracts are a lognormal of their median "
          "and 90th percentile",
          "[model][estimate]") {
  const std::vector<history_contract> h{
      ended("a", "x", "2026-01-01", "2026-01-05", 100, 5.0, 10),
      ended("b", "y", "2026-02-01", "2026-02-11", 150, 5.0, 10),
      ended("c", "z", "2026-03-01", "2026-03-21", 240, 5.0, 10),
  };
  const estimates e = estimate_pipeline(h, today, {});
  const job_type& j = e.jobs.front().job;
  CHECK(j.value_usd.shape == distribution::kind::lognormal);
  CHECK(j.value_usd.a == 150);
  CHECK(j.value_usd.b == 240);
  CHECK(j.duration_days.a == 10);
  CHECK(j.duration_days.b == 20);
}

TEST_CASE("her outcome table is her ratings smoothed toward the stated prior and sums to 1",
          "[model][estimate]") {
  const std::vector<history_contract> h{
      ended("a", "x", "2026-01-01", "2026-01-05", 100, 5.0, 10),
      ended("b", "y", "2026-02-01", "2026-02-11", 150, 5.0, 10),
      ended("c", "z", "2026-03-01", "2026-03-21", 240, 2.0, 3),
  };
  const estimates e = estimate_pipeline(h, today, {});
  const outcome_table& t = e.outcomes.front().table;
  CHECK(t.name == own_ratings_table);
  CHECK(sum_of(t) == Approx(1).margin(1e-9));
  // (2 + 4 x 0.75) / (3 + 4) for 5 stars and 10; (1 + 0) / 7 for her 2 stars and 3.
  CHECK(t.rows.front().p == Approx(5.0 / 7).margin(1e-4));
  bool found = false;
  for (const auto& r : t.rows) {
    if (r.stars == 2.0 && r.private_rating == 3) {
      found = true;
      CHECK(r.p == Approx(1.0 / 7).margin(1e-4));
    }
  }
  CHECK(found);
}

TEST_CASE("a hidden private rating is drawn from a prior of its star band, and a 4-star "
          "client gave 10 less often than a 5-star one",
          "[model][estimate]") {
  const std::vector<history_contract> h{
      ended("a", "x", "2026-01-01", "2026-01-05", 100, 5.0),
      ended("b", "y", "2026-02-01", "2026-02-11", 150, 4.0),
  };
  const estimates e = estimate_pipeline(h, today, {});
  REQUIRE(e.outcomes.size() == 3);
  const outcome_table& five = e.outcomes[e.prior[0]].table;
  const outcome_table& four = e.outcomes[e.prior[1]].table;
  CHECK(five.name == "private-if-5-stars");
  CHECK(four.name == "private-if-4-stars");
  CHECK(sum_of(five) == Approx(1).margin(1e-12));
  CHECK(sum_of(four) == Approx(1).margin(1e-12));
  const auto p10 = [](const outcome_table& t) {
    for (const auto& r : t.rows) {
      if (r.private_rating == 10) return r.p;
    }
    return 0.0;
  };
  CHECK(p10(four) < p10(five));
  for (const auto& r : five.rows) CHECK(r.private_rating >= 0);
}

TEST_CASE("the star band of a hidden private rating's prior is the stars rounded half up, and "
          "each band's table can be named",
          "[model][estimate]") {
  CHECK(private_prior_name(5.0) == "private-if-5-stars");
  CHECK(private_prior_name(4.5) == "private-if-5-stars");
  CHECK(private_prior_name(4.49) == "private-if-4-stars");
  CHECK(private_prior_name(3.5) == "private-if-4-stars");
  CHECK(private_prior_name(1.0) == "private-if-1-stars");
  for (int band = 1; band <= 5; ++band) {
    const auto name = fmt::format("private-if-{}-stars", band);
    const auto t = private_prior_named(name);
    REQUIRE(t.has_value());
    CHECK(t->name == name);
    CHECK(sum_of(*t) == Approx(1).margin(1e-12));
    for (const auto& r : t->rows) CHECK((r.private_rating >= 0 && r.stars < 0));
  }
  CHECK_FALSE(private_prior_named("private-if-6-stars").has_value());
  CHECK_FALSE(private_prior_named("good").has_value());
  // The mean private rating falls with the band.
  double last = 11;
  for (int band = 5; band >= 1; --band) {
    double mean = 0;
    for (const auto& r : private_prior_for_stars(band).rows) mean += r.p * r.private_rating;
    CHECK(mean < last);
    last = mean;
  }
}

TEST_CASE("an open contract idle past stale_after_days gets a ghostly future and a strategy "
          "that closes it now",
          "[model][estimate]") {
  const std::vector<history_contract> h{
      ended("a", "x", "2026-01-01", "2026-01-05", 100, 5.0, 10),
      open("dead", "y", "2026-07-01"),    // 148 days idle
      open("fresh", "z", "2026-11-10"),   // 16 days
  };
  const estimates e = estimate_pipeline(h, today, {});
  REQUIRE(e.futures.size() == 2);
  CHECK(e.futures[0].idle_days == 148);
  CHECK(e.futures[0].future.ghost == 0.8);
  CHECK(e.futures[1].future.ghost == 0.1);
  std::vector<std::string> names;
  for (const auto& s : e.strategies) names.push_back(s.settings.name);
  CHECK(names == std::vector<std::string>{"wait", "close dead now", "quick small jobs",
                                          "more proposals"});
  CHECK(e.strategies[1].settings.close.front().contract == 1);
  CHECK(e.strategies[2].settings.proposals_per_week == 10);
}

TEST_CASE("an empty history still gives one job type and one table, every number a default",
          "[model][estimate]") {
  const estimates e = estimate_pipeline({}, today, {});
  REQUIRE(e.jobs.size() == 1);
  CHECK(e.jobs.front().job.win_rate > 0);
  CHECK(sum_of(e.outcomes.front().table) == Approx(1).margin(1e-9));
  CHECK(e.strategies.size() == 2);  // wait, more proposals
}
