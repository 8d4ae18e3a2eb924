// SPDX-License-Identifier: MIT
// Tests of analysis/html_report: report.html shows the CSV files' cells (the
// same formatting code), every strategy, the history as the scorer sees it,
// and escapes the scenario's words.
#include "analysis/html_report.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/charts.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim::analysis;

namespace {

jssim::model::scenario seed_story() {
  return jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                          "/scenarios/seed-story.yaml");
}

std::vector<summary_row> summary_of(const jssim::model::scenario& sc) {
  std::vector<summary_row> rows;
  double p = 0.39318;
  for (const auto& s : sc.strategies) {
    summary_row r;
    r.strategy = s.name;
    r.runs = 10000;
    r.start_jss = 60;
    r.p_recovered = 0.9999;
    r.p_recovered_ci = {0.99943, 0.999982};
    r.p_recovered_3m = p;
    r.p_recovered_6m = p + 0.4;
    r.p_recovered_12m = 0.99123;
    r.median_days = 136;
    r.median_days_lo = 122;
    r.median_days_hi = 150;
    r.p10_days = 66;
    r.mean_jobs_won = 54.03261;
    r.mean_earned_usd = 38602.987;
    rows.push_back(r);
    p += 0.0123;
  }
  return rows;
}

std::vector<compare_row> comparisons_of(const std::vector<summary_row>& summary) {
  std::vector<compare_row> rows;
  for (std::size_t i = 1; i < summary.size(); ++i) {
    compare_row r;
    r.strategy = summary[i].strategy;
    r.baseline = summary[0].strategy;
    r.runs = 10000;
    r.earlier = 6100 + i;
    r.same = 2100;
    r.later = 10000 - r.earlier - r.same;
    r.p_earlier = static_cast<double>(r.earlier) / 10000;
    r.p_same = 0.21;
    r.p_later = static_cast<double>(r.later) / 10000;
    r.median_gain = day_difference::finite(14);
    r.median_gain_lo = day_difference::finite(14);
    r.median_gain_hi = day_difference::plus_infinity();
    r.only_strategy_6m = 922;
    r.only_baseline_6m = 576;
    r.mcnemar_p = 4.93e-19;
    rows.push_back(r);
  }
  return rows;
}

run_report report_of(const jssim::model::scenario& sc) {
  run_report r;
  r.scenario = &sc;
  r.summary = summary_of(sc);
  r.comparisons = comparisons_of(r.summary);
  chart_context c;
  c.title = sc.name;
  c.today = sc.today;
  c.horizon = sc.horizon();
  for (const auto& s : sc.strategies) c.strategies.push_back(s.name);
  for (const auto& s : sc.strategies) {
    curve_row row;
    row.strategy = s.name;
    row.on = sc.today + 10;
    row.days = 10;
    row.p_recovered = 0.5;
    row.jss_p50 = 96;
    r.curve.push_back(row);
  }
  r.recovery_svg = recovery_svg(c, r.curve);
  r.jss_svg = jss_svg(c, r.curve);
  r.notes = {"Hidden ratings: none & all."};
  r.manifest.jssim_version = "9.9.9";
  r.manifest.scenario_path = "scenarios/seed-story.yaml";
  r.manifest.scenario_sha256 = std::string(64, 'a');
  r.manifest.seed = 7;
  r.manifest.runs = 10000;
  r.manifest.command_line = {"jssim", "run", "scenarios/seed-story.yaml", "--out", "my out"};
  r.manifest.files = {"summary.csv", "report.html"};
  return r;
}

/// Whether `cell` is the whole content of a table cell of `html`.
bool in_a_cell(const std::string& html, const std::string& cell) {
  const std::string escaped = html_escape(cell);
  return html.find(">" + escaped + "</td>") != std::string::npos ||
         html.find(">" + escaped + "</th>") != std::string::npos;
}

}  // namespace

TEST_CASE("report.html shows every non-empty cell of summary.csv and compare.csv as written",
          "[analysis][html_report]") {
  const auto sc = seed_story();
  const run_report r = report_of(sc);
  const std::string html = run_report_html(r);
  std::size_t checked = 0;
  for (const csv_table& t : {summary_table(r.summary), compare_table(r.comparisons)}) {
    for (const auto& row : t.rows) {
      for (const std::string& cell : row) {
        if (cell.empty()) continue;
        INFO(cell);
        CHECK(in_a_cell(html, cell));
        ++checked;
      }
    }
  }
  CHECK(checked > 60);
  // The formatting is the CSV's: six decimals, not a rounded percentage.
  CHECK(in_a_cell(html, "0.393180"));
  CHECK(in_a_cell(html, "4.930e-19"));
  CHECK(in_a_cell(html, "38602.99"));
}

TEST_CASE("report.html holds the terminal's heading and sentences, the charts and the provenance",
          "[analysis][html_report]") {
  const auto sc = seed_story();
  const run_report r = report_of(sc);
  const std::string html = run_report_html(r);
  CHECK_THAT(html, Catch::Contains("<h1>Katarina: back to JSS 90 by 2028-11-26 (24 months), 10000 "
                                   "runs, seed 1</h1>"));
  CHECK_THAT(html, Catch::Contains("<p class=\"lead\">JSS today: 60 %</p>"));
  CHECK_THAT(html, Catch::Contains("<p class=\"lead\">Hidden ratings: none &amp; all.</p>"));
  for (const auto& c : r.comparisons) {
    CHECK_THAT(html, Catch::Contains("<li>" + html_escape(describe_comparison(c)) + "</li>"));
  }
  CHECK(std::count(html.begin(), html.end(), '\n') > 100);
  CHECK_THAT(html, Catch::Contains("Job Success Score over time"));
  CHECK_THAT(html, Catch::Contains("chance of having recovered, by date"));
  CHECK(html.find("<?xml") == std::string::npos);
  // The provenance.
  CHECK_THAT(html, Catch::Contains("<dd>jssim 9.9.9</dd>"));
  CHECK_THAT(html, Catch::Contains("<dd>" + std::string(64, 'a') + "</dd>"));
  CHECK_THAT(html, Catch::Contains("<dd>jssim run scenarios/seed-story.yaml --out &apos;my out&apos;</dd>"));
  CHECK_THAT(html, Catch::Contains("<dd>summary.csv and report.html</dd>"));
}

TEST_CASE("report.html gives each history contract its class and weight from the scorer",
          "[analysis][html_report]") {
  const auto sc = seed_story();
  const std::string html = run_report_html(report_of(sc));
  // As the seed story's comments work them out on 2026-11-22.
  const std::vector<std::pair<std::string, std::string>> expected{
      {"logo", "positive"}, {"podcast", "negative"}, {"audiobook-intro", "neutral"},
      {"site-copy", "neutral"}};
  for (const auto& [id, cls] : expected) {
    const std::size_t row = html.find("<tr><th scope=\"row\">" + id + "</th>");
    INFO(id);
    REQUIRE(row != std::string::npos);
    const std::string line = html.substr(row, html.find("</tr>", row) - row);
    CHECK_THAT(line, Catch::Contains("<td>" + cls + "</td>"));
  }
  CHECK_THAT(html, Catch::Contains("the profile shows 60 %"));
  const std::size_t podcast = html.find("<tr><th scope=\"row\">podcast</th>");
  CHECK_THAT(html.substr(podcast, 400), Catch::Contains("<td class=\"num\">1.00</td>"));
  const std::size_t logo = html.find("<tr><th scope=\"row\">logo</th>");
  CHECK_THAT(html.substr(logo, 400), Catch::Contains("<td class=\"num\">1.50</td>"));
  // The pipeline, the strategies and the rules.
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">quick fixed</th>"));
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">quick wins</th>"));
  CHECK_THAT(html, Catch::Contains("<dd>upwork-2024</dd>"));
}

TEST_CASE("report.html escapes the scenario's names wherever it shows them",
          "[analysis][html_report]") {
  auto sc = seed_story();
  sc.name = "K<script>&";
  sc.strategies[1].name = "close <b>it</b> & \"now\"";
  const std::string html = run_report_html(report_of(sc));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>it") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("K&lt;script&gt;&amp;"));
  CHECK_THAT(html, Catch::Contains("close &lt;b&gt;it&lt;/b&gt; &amp; &quot;now&quot;"));
}

TEST_CASE("plan's report.html shows every cell of plan.csv, the best plan and best.yaml",
          "[analysis][html_report][race]") {
  // Two levers, six plans, on few runs: the page, not the race, is under test.
  const auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                                   "/tests/app/plan-pacer.yaml");
  race_options options;
  options.first_runs = 100;
  options.max_runs = 200;
  options.threads = 1;
  const auto race = run_race(sc, options);
  REQUIRE(race.has_value());
  plan_report r;
  r.scenario = &sc;
  r.result = &*race;
  r.best_yaml = best_yaml(sc, *race, "plan-pacer.yaml", sc.simulation.seed);
  r.manifest.jssim_version = "9.9.9";
  r.manifest.files = {"plan.csv", "best.yaml", "report.html", "manifest.json"};
  const std::string html = plan_report_html(r);
  const csv_table t = plan_table(*race);
  REQUIRE(t.rows.size() == race->plans.size());
  std::size_t checked = 0;
  for (const auto& row : t.rows) {
    for (const std::string& cell : row) {
      if (cell.empty()) continue;
      INFO(cell);
      CHECK(in_a_cell(html, cell));
      ++checked;
    }
  }
  CHECK(checked >= 5 * race->plans.size());
  CHECK_THAT(html, Catch::Matchers::Contains("Best plan: " +
                                             html_escape(race->plans.front().strategy.name)));
  CHECK_THAT(html, Catch::Matchers::Contains(html_escape(r.best_yaml)));
  CHECK_THAT(html, Catch::Matchers::Contains("9.9.9"));
}

TEST_CASE("report.html classes a contract that ended after private_ratings_until by its stars "
          "and says until when private ratings counted",
          "[analysis][html_report]") {
  auto sc = seed_story();
  // The podcast (5 stars, private 3) ended on 2026-10-05: after the day, positive by its stars.
  sc.rules.private_ratings_until = jssim::model::date::parse("2026-09-30").value();
  const std::string html = run_report_html(report_of(sc));
  const std::size_t podcast = html.find("<tr><th scope=\"row\">podcast</th>");
  REQUIRE(podcast != std::string::npos);
  const std::string line = html.substr(podcast, html.find("</tr>", podcast) - podcast);
  CHECK_THAT(line, Catch::Contains("<td>positive</td>"));
  CHECK_THAT(html, Catch::Contains("for contracts ended on or before 2026-09-30"));
  // The default says plainly that they count.
  const std::string before = run_report_html(report_of(seed_story()));
  CHECK(before.find("for contracts ended on or before") == std::string::npos);
}
