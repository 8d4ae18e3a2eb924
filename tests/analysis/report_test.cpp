// SPDX-License-Identifier: MIT
// Tests of analysis/report: the terminal table.
#include "analysis/report.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/summary.hpp"
#include "input/scenario_loader.hpp"

namespace {

jssim::analysis::summary_row row(const std::string& name) {
  jssim::analysis::summary_row r;
  r.strategy = name;
  r.runs = 100;
  r.p_recovered = 0.5;
  r.p_recovered_ci = {0.4, 0.6};
  r.p_recovered_3m = 0.25;
  r.p_recovered_6m = 0.375;
  r.p_recovered_12m = 0.5;
  return r;
}

}  // namespace

TEST_CASE("the table lines names up by the columns a terminal gives them", "[analysis][report]") {
  const auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                                   "/scenarios/seed-story.yaml");
  // café has 5 bytes and 4 columns; 👩‍💻 (woman, joiner, laptop) has 11 bytes
  // and 2 columns; 閉じる has 9 bytes and 6 columns. The widest, 13 columns,
  // sets the names' column; fmt's padding counted the joiner as one more.
  const std::string cafe = "caf\xc3\xa9";
  const std::string coder = "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb quick wins";
  const std::string close = "\xe9\x96\x89\xe3\x81\x98\xe3\x82\x8b close";
  const std::string table =
      jssim::analysis::comparison_table(sc, {row("wait"), row(cafe), row(coder), row(close)});
  // Each name, the spaces to 13 columns, two between columns, then "  25.0%".
  CHECK_THAT(table, Catch::Contains("\nstrategy       " "  by 3m"));
  CHECK_THAT(table, Catch::Contains("\nwait           " "  25.0%"));
  CHECK_THAT(table, Catch::Contains("\n" + cafe + "           " "  25.0%"));
  CHECK_THAT(table, Catch::Contains("\n" + coder + "  " "  25.0%"));
  CHECK_THAT(table, Catch::Contains("\n" + close + "   " "  25.0%"));
}

TEST_CASE("JSS today is called a median when each run draws its hidden ratings",
          "[analysis][report]") {
  auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                             "/scenarios/seed-story-hidden.yaml");
  auto first = row("wait");
  first.start_jss = 60;
  // With observed.jss every run starts at it.
  REQUIRE(sc.observed_jss.has_value());
  CHECK_THAT(jssim::analysis::comparison_table(sc, {first}),
             Catch::Contains("JSS today: 60 %\n"));
  sc.observed_jss.reset();
  CHECK_THAT(jssim::analysis::comparison_table(sc, {first}),
             Catch::Contains("JSS today: 60 % (the median over the runs, which draw the hidden "
                             "ratings; jssim explain shows them)\n"));
}

TEST_CASE("the note says why a median's interval has no end when runs are too few",
          "[analysis][report]") {
  const auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                                   "/scenarios/seed-story.yaml");
  auto r = row("wait");
  r.median_days = 136;
  r.median_days_lo = 122;
  r.median_days_hi = 150;
  const std::string clause = "an end of the median's interval that so few runs cannot bound";
  CHECK_THAT(jssim::analysis::comparison_table(sc, {r}), !Catch::Contains(clause));
  r.median_days_lo.reset();
  r.median_days_hi.reset();
  CHECK_THAT(jssim::analysis::comparison_table(sc, {r}), Catch::Contains(clause));
}

TEST_CASE("the heading counts a Top Rated hold in weeks and a JSS hold in recalculations",
          "[analysis][report]") {
  auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                             "/scenarios/seed-story-top-rated.yaml");
  REQUIRE(sc.simulation.target.top_rated);
  sc.simulation.target.hold = 3;
  // The Top Rated rule is checked on Saturdays: `hold` counts weeks.
  CHECK_THAT(jssim::analysis::comparison_table(sc, {row("wait")}),
             Catch::Contains(": back to Top Rated for 3 weeks in a row by ") &&
                 !Catch::Contains("recalculations"));
  sc.simulation.target.top_rated = false;
  CHECK_THAT(jssim::analysis::comparison_table(sc, {row("wait")}),
             Catch::Contains(": back to JSS 90 on 3 recalculations in a row by "));
}

TEST_CASE("the heading shows what does not show in a scenario's name as <U+XXXX>",
          "[analysis][report]") {
  auto sc = jssim::input::load_scenario_file(std::string(JSSIM_SOURCE_DIR) +
                                             "/scenarios/seed-story.yaml");
  sc.name.clear();
  sc.path = "story\xe2\x80\xae.yaml";  // a right-to-left override in the path
  CHECK_THAT(jssim::analysis::comparison_table(sc, {row("wait")}),
             Catch::StartsWith("story<U+202E>.yaml: back to JSS 90"));
}

TEST_CASE("joined lists names as a person does", "[analysis][report]") {
  using jssim::analysis::joined;
  CHECK(joined(std::vector<std::string>{}).empty());
  CHECK(joined(std::vector<std::string>{"a"}) == "a");
  CHECK(joined(std::vector<std::string_view>{"a", "b"}) == "a and b");
  CHECK(joined(std::vector<std::string>{"run", "score", "check"}) == "run, score and check");
}
