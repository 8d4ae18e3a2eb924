// SPDX-License-Identifier: MIT
// Tests of analysis/sensitivity: the Latin hypercube, SRC and PRCC on data
// whose relations are known, the outcomes of a point's runs and the paired
// intervals of a swing.
#include "analysis/sensitivity.hpp"
#include "analysis/sensitivity_report.hpp"
#include "analysis/svg_geometry.hpp"  // check_text_layout

#include <algorithm>  // std::sort
#include <cmath>      // std::exp, std::sqrt
#include <cstdint>
#include <random>  // std::mt19937_64: test data only
#include <sstream>
#include <vector>

#include <catch2/catch.hpp>

using namespace jssim::analysis;
using jssim::model::day_count;
using jssim::model::sensitivity_outcome;

namespace {

// A standard normal from a fixed generator: the data of the tests is the
// same on every run, so are their results.
class normal_source {
 public:
  explicit normal_source(std::uint64_t seed) : engine_(seed) {}
  double operator()() {
    // Box-Muller on the engine's raw bits: the standard distributions differ
    // between library versions.
    const double u1 = (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.141592653589793 * u2);
  }

 private:
  std::mt19937_64 engine_;
};

double mean(const std::vector<double>& v) {
  double s = 0;
  for (const double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double sd(const std::vector<double>& v) {
  const double m = mean(v);
  double s = 0;
  for (const double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

std::vector<double> column(const sample_matrix& x, std::size_t j) {
  std::vector<double> c;
  for (const auto& row : x) c.push_back(row[j]);
  return c;
}

bool contains_zero(const interval& ci) { return ci.lo <= 0 && 0 <= ci.hi; }

}  // namespace

TEST_CASE("each stratum of a Latin hypercube holds exactly one point in every dimension",
          "[analysis][sensitivity]") {
  for (const std::size_t n : {1U, 2U, 7U, 64U, 1000U}) {
    const sample_matrix x = latin_hypercube(n, 8, 42);
    REQUIRE(x.size() == n);
    for (std::size_t d = 0; d < 8; ++d) {
      std::vector<double> c = column(x, d);
      std::sort(c.begin(), c.end());
      for (std::size_t i = 0; i < n; ++i) {
        INFO("n " << n << ", dimension " << d << ", stratum " << i);
        const double lo = static_cast<double>(i) / static_cast<double>(n);
        const double hi = static_cast<double>(i + 1) / static_cast<double>(n);
        CHECK(c[i] >= lo);
        CHECK(c[i] < hi);
      }
    }
  }
}

TEST_CASE("a Latin hypercube is the same for the same seed and another for another seed",
          "[analysis][sensitivity]") {
  CHECK(latin_hypercube(16, 3, 1) == latin_hypercube(16, 3, 1));
  CHECK(latin_hypercube(16, 3, 1) != latin_hypercube(16, 3, 2));
}

TEST_CASE("the dimensions of a Latin hypercube are not ordered alike", "[analysis][sensitivity]") {
  const sample_matrix x = latin_hypercube(64, 2, 7);
  // Independent permutations: the two columns are nearly uncorrelated, not
  // the same order (which would give a correlation of 1).
  std::vector<double> a = column(x, 0);
  std::vector<double> b = column(x, 1);
  double cov = 0;
  for (std::size_t i = 0; i < a.size(); ++i) cov += (a[i] - mean(a)) * (b[i] - mean(b));
  const double correlation = cov / static_cast<double>(a.size() - 1) / sd(a) / sd(b);
  CHECK(std::abs(correlation) < 0.4);
}

TEST_CASE("ranks give tied values their average rank", "[analysis][sensitivity]") {
  const std::vector<double> values{3.0, 1.0, 3.0, 2.0, 3.0};
  CHECK(ranks(values) == std::vector<double>{4.0, 1.0, 4.0, 2.0, 4.0});
}

TEST_CASE("SRC of an exact linear relation are its coefficients in standard deviations",
          "[analysis][sensitivity]") {
  const sample_matrix x = latin_hypercube(50, 3, 3);
  std::vector<double> y;
  for (const auto& row : x) y.push_back(3 * row[0] - 2 * row[1] + 0 * row[2] + 5);
  const linear_fit fit = standardized_regression(x, y);
  CHECK(fit.r2 == Approx(1.0).epsilon(1e-12));
  CHECK(fit.src[0] == Approx(3 * sd(column(x, 0)) / sd(y)).epsilon(1e-10));
  CHECK(fit.src[1] == Approx(-2 * sd(column(x, 1)) / sd(y)).epsilon(1e-10));
  CHECK(fit.src[2] == Approx(0.0).margin(1e-10));
}

TEST_CASE("with noise, the intervals of a column without effect hold 0 and the others exclude it",
          "[analysis][sensitivity]") {
  const sample_matrix x = latin_hypercube(120, 3, 11);
  normal_source noise(5);
  std::vector<double> y;
  for (const auto& row : x) y.push_back(2 * row[0] - 1 * row[1] + 0.2 * noise());
  const sensitivity_indices fit = fit_sensitivity(x, y, 500, 9);
  CHECK(fit.r2 > 0.8);
  CHECK(fit.r2 < 1.0);
  CHECK(fit.src[0].value > 0);
  CHECK(fit.src[0].ci.lo > 0);
  CHECK(fit.src[1].value < 0);
  CHECK(fit.src[1].ci.hi < 0);
  CHECK(contains_zero(fit.src[2].ci));
  CHECK(fit.prcc[0].ci.lo > 0);
  CHECK(fit.prcc[1].ci.hi < 0);
  CHECK(contains_zero(fit.prcc[2].ci));
  for (const auto& e : fit.src) {
    CHECK(e.ci.lo <= e.value);
    CHECK(e.value <= e.ci.hi);
  }
  // The same seed, the same intervals.
  const sensitivity_indices again = fit_sensitivity(x, y, 500, 9);
  CHECK(again.src[2].ci == fit.src[2].ci);
}

TEST_CASE("PRCC of a monotone relation is 1 where a linear fit falls short",
          "[analysis][sensitivity]") {
  const sample_matrix x = latin_hypercube(40, 2, 4);
  std::vector<double> y;
  for (const auto& row : x) y.push_back(std::exp(8 * row[0]));
  const sensitivity_indices fit = fit_sensitivity(x, y, 0, 1);
  CHECK(fit.prcc[0].value == Approx(1.0).epsilon(1e-12));
  CHECK(fit.rank_r2 == Approx(1.0).epsilon(1e-12));
  CHECK(fit.r2 < 0.9);
}

TEST_CASE("an outcome that does not vary gives coefficients of 0 and no R^2",
          "[analysis][sensitivity]") {
  const sample_matrix x = latin_hypercube(10, 2, 4);
  const std::vector<double> y(10, 0.25);
  const sensitivity_indices fit = fit_sensitivity(x, y, 50, 1);
  CHECK(std::isnan(fit.r2));
  CHECK(fit.src[0].value == 0);
  CHECK(fit.prcc[1].value == 0);
  CHECK(fit.src[0].ci == interval{0, 0});
}

TEST_CASE("the outcomes of a point's runs count runs that did not recover as the horizon",
          "[analysis][sensitivity]") {
  // Days to recover of 6 runs; -1: not within the horizon of 700 days.
  const std::vector<day_count> times{0, 30, 181, 200, -1, -1};
  CHECK(outcome_of(sensitivity_outcome::p_recovered_6m, times, 181, 700) == Approx(3.0 / 6));
  // The 3rd smallest of 0, 30, 181, 200, inf, inf.
  CHECK(outcome_of(sensitivity_outcome::median_days, times, 181, 700) == 181);
  CHECK(outcome_of(sensitivity_outcome::rmst_days, times, 181, 700) ==
        Approx((0 + 30 + 181 + 200 + 700 + 700) / 6.0));
  const std::vector<day_count> mostly_not{10, -1, -1};
  CHECK(outcome_of(sensitivity_outcome::median_days, mostly_not, 181, 700) == 700);
}

TEST_CASE("a swing on identical runs has the interval 0 to 0", "[analysis][sensitivity]") {
  const std::vector<day_count> times{0, 30, 181, -1};
  for (const auto o : {sensitivity_outcome::p_recovered_6m, sensitivity_outcome::median_days,
                       sensitivity_outcome::rmst_days}) {
    CHECK(paired_difference_interval(o, times, times, 181, 700, 100, 1) == interval{0, 0});
  }
}

TEST_CASE("the paired interval of a share is the mean difference with its standard error",
          "[analysis][sensitivity]") {
  // 100 runs: 20 recover only at the high end, 5 only at the low end.
  std::vector<day_count> low(100, -1);
  std::vector<day_count> high(100, -1);
  for (std::size_t i = 0; i < 20; ++i) high[i] = 50;
  for (std::size_t i = 20; i < 25; ++i) low[i] = 50;
  const interval ci =
      paired_difference_interval(sensitivity_outcome::p_recovered_6m, low, high, 181, 700, 0, 1);
  const double d = 0.15;
  const double var = (20 * (1 - d) * (1 - d) + 5 * (-1 - d) * (-1 - d) + 75 * d * d) / 99;
  const double se = std::sqrt(var / 100);
  CHECK(ci.lo == Approx(d - z_95 * se));
  CHECK(ci.hi == Approx(d + z_95 * se));
}

TEST_CASE("the paired bootstrap of a median difference holds the difference",
          "[analysis][sensitivity]") {
  std::vector<day_count> low, high;
  for (day_count i = 0; i < 400; ++i) {
    low.push_back(100 + i % 50);
    high.push_back(80 + i % 50);  // every run 20 days sooner
  }
  const interval ci =
      paired_difference_interval(sensitivity_outcome::median_days, low, high, 181, 700, 200, 3);
  CHECK(ci.lo == Approx(-20));
  CHECK(ci.hi == Approx(-20));
}

TEST_CASE("the best of many hypercubes is still a hypercube, and less correlated",
          "[analysis][sensitivity]") {
  const sample_matrix one = latin_hypercube(64, 8, 5);
  const sample_matrix best = latin_hypercube(64, 8, 5, 64);
  CHECK(max_column_correlation(best) <= max_column_correlation(one));
  CHECK(max_column_correlation(best) < 0.2);
  for (std::size_t d = 0; d < 8; ++d) {
    std::vector<double> c = column(best, d);
    std::sort(c.begin(), c.end());
    for (std::size_t i = 0; i < 64; ++i) {
      CHECK(static_cast<std::size_t>(c[i] * 64) == i);
    }
  }
}

TEST_CASE("levers whose swings cannot be told apart share a tier", "[analysis][sensitivity]") {
  const auto effect = [](double swing, double lo, double hi) {
    parameter_effect e;
    e.swing = swing;
    e.swing_ci = {lo, hi};
    return e;
  };
  std::vector<parameter_effect> effects{
      effect(0.07, 0.05, 0.09),    // tier 2, with the next (their intervals overlap)
      effect(0.36, 0.34, 0.38),    // tier 1
      effect(-0.08, -0.10, -0.06),  // tier 2: |swing| in [0.06, 0.10]
      effect(0.02, 0.01, 0.03),    // tier 3
      effect(0.0, 0.0, 0.0),       // tier 4: nothing
  };
  assign_tiers(effects);
  CHECK(effects[1].tier == 1);
  CHECK(effects[2].tier == 2);
  CHECK(effects[0].tier == 2);
  CHECK(effects[3].tier == 3);
  CHECK(effects[4].tier == 4);
}

TEST_CASE("PRCC of two columns is the textbook partial correlation of the ranks",
          "[analysis][sensitivity]") {
  // Correlated columns, so that the partial correlation differs from the plain one.
  sample_matrix x = latin_hypercube(30, 2, 8);
  normal_source noise(2);
  std::vector<double> y;
  for (auto& row : x) {
    row[1] = 0.6 * row[0] + 0.4 * row[1];
    y.push_back(row[0] - 2 * row[1] + 0.3 * noise());
  }
  const auto r0 = ranks(column(x, 0));
  const auto r1 = ranks(column(x, 1));
  const auto ry = ranks(y);
  const auto correlation = [](const std::vector<double>& a, const std::vector<double>& b) {
    double cov = 0;
    for (std::size_t i = 0; i < a.size(); ++i) cov += (a[i] - mean(a)) * (b[i] - mean(b));
    return cov / static_cast<double>(a.size() - 1) / sd(a) / sd(b);
  };
  const double r_0y = correlation(r0, ry);
  const double r_1y = correlation(r1, ry);
  const double r_01 = correlation(r0, r1);
  const double expected_0 = (r_0y - r_01 * r_1y) / std::sqrt((1 - r_01 * r_01) * (1 - r_1y * r_1y));
  const double expected_1 = (r_1y - r_01 * r_0y) / std::sqrt((1 - r_01 * r_01) * (1 - r_0y * r_0y));
  const std::vector<double> prcc = partial_rank_correlations(x, y);
  CHECK(prcc[0] == Approx(expected_0).epsilon(1e-10));
  CHECK(prcc[1] == Approx(expected_1).epsilon(1e-10));
}

TEST_CASE("PRCC of a bootstrap-like sample with repeated points stays within -1 and 1",
          "[analysis][sensitivity]") {
  // 3 distinct points repeated: fewer distinct points than columns plus one.
  sample_matrix x;
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) {
    const double t = i % 3;
    x.push_back({t, t * t, 1 - t, static_cast<double>(i % 2)});
    y.push_back(t + 0.5 * (i % 2));
  }
  for (const double r : partial_rank_correlations(x, y)) {
    CHECK(r >= -1);
    CHECK(r <= 1);
  }
}

TEST_CASE("design.csv holds each point's values exactly, whole numbers as such",
          "[analysis][sensitivity]") {
  jssim::analysis::study_result r;
  r.spec.outcome = jssim::model::sensitivity_outcome::p_recovered_6m;
  jssim::model::sensitivity_parameter rate;
  rate.path = "pipeline.jobs[quick].win_rate";
  jssim::model::sensitivity_parameter slots;
  slots.path = "pipeline.max_parallel";
  slots.target.domain.whole = true;
  r.spec.parameters = {rate, slots};
  // Six decimals wrote 0.000003 and 0.000012 for these.
  r.design = {{2.5e-06, 3}, {1.234567891e-05, 5}};
  r.outcomes = {0.5, 0.75};
  std::ostringstream out;
  jssim::analysis::write_design_csv(out, r);
  CHECK(out.str() ==
        "point,pipeline.jobs[quick].win_rate,pipeline.max_parallel,outcome\n"
        "0,2.5e-06,3,0.500000\n"
        "1,1.234567891e-05,5,0.750000\n");
}

TEST_CASE("the tornado chart keeps its notes within its 900 px, even at the axis' ends",
          "[analysis][sensitivity]") {
  // The base and both ends near the top of the axis: the notes written right
  // of the bars ran off the chart ("-56.0 days (n").
  study_result r;
  r.spec.outcome = sensitivity_outcome::p_recovered_6m;
  for (const char* path : {"pipeline.proposals_per_week", "score.stale_after_days"}) {
    jssim::model::sensitivity_parameter p;
    p.path = path;
    p.low = 1;
    p.high = 2;
    r.spec.parameters.push_back(p);
  }
  r.base_outcome = 1.0;
  parameter_effect strong;
  strong.parameter = 0;
  strong.outcome_low = 0.62;
  strong.outcome_high = 1.0;
  strong.swing = 0.38;
  strong.swing_ci = {0.3, 0.45};
  strong.tier = 1;
  parameter_effect none = strong;
  none.parameter = 1;
  none.outcome_low = 0.999;
  none.swing = 0.001;
  none.swing_ci = {-0.01, 0.012};
  none.tier = 2;
  r.effects = {strong, none};
  const std::string svg = tornado_svg(r, "Katarina");
  const auto boxes = jssim::test::check_text_layout(svg, 900);
  CHECK(boxes.size() > 6);
  CHECK_THAT(svg, Catch::Contains("+38.0 pts"));
  CHECK_THAT(svg, Catch::Contains("as written: 100.0 %"));
}

TEST_CASE("the sensitivity table writes no -0.00 and counts the swing ends apart from the base",
          "[analysis][sensitivity]") {
  study_result r;
  r.spec.outcome = sensitivity_outcome::median_days;
  r.spec.runs = 10;
  jssim::model::sensitivity_parameter p;
  p.path = "pipeline.proposals_per_week";
  p.low = 4;
  p.high = 16;
  r.spec.parameters = {p};
  r.strategy = "wait";
  r.design = {{5}, {9}, {13}, {15}};
  parameter_effect e;
  e.swing = -0.001;
  e.swing_ci = {-0.004, 0.002};
  e.src = {-0.001, {-0.003, 0.0004}};
  e.prcc = {0.002, {-0.001, 0.004}};
  e.tier = 1;
  r.effects = {e};
  const std::string table = sensitivity_table(r, "Katarina");
  INFO(table);
  CHECK(table.find("-0.00") == std::string::npos);
  CHECK(table.find("-0.0 ") == std::string::npos);
  CHECK_THAT(table, Catch::Contains("+0.00 [+0.00, +0.00]"));
  CHECK_THAT(table, Catch::Contains("4 design points, the scenario as written and 2 swing ends"));
}
