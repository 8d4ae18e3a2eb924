// SPDX-License-Identifier: MIT
// `jssim init`: the built program itself, what it writes and its exit status.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <string>

#include "run_jssim.hpp"

using Catch::Matchers::Contains;

namespace {

using jssim::testing::outcome;
using jssim::testing::read;
using jssim::testing::run;

std::filesystem::path temp_dir() { return jssim::testing::temp_dir("init"); }

const std::string example = jssim::testing::source("scenarios/contracts-example.csv");

/// `jssim init` of the example sheet into a fresh file; `extra` options appended.
std::filesystem::path init_example(const std::string& name, const std::string& extra,
                                   outcome& out) {
  const std::filesystem::path path = temp_dir() / name;
  std::filesystem::remove(path);
  out = run(fmt::format("init --history {} --out '{}' --today 2026-11-26 {}", example,
                        path.string(), extra));
  return path;
}

}  // namespace

TEST_CASE("jssim init writes a scenario of the example sheet that check accepts and that shows "
          "the sheet's score",
          "[app][init]") {
  outcome out;
  const auto path = init_example("example.yaml", "--name Katarina", out);
  INFO(out.output);
  REQUIRE(out.status == 0);
  const std::string yaml = read(path);
  CHECK_THAT(yaml, Contains("  name: Katarina\n  today: 2026-11-26\n"));
  const outcome checked = run(fmt::format("check '{}'", path.string()));
  INFO(checked.output);
  CHECK(checked.status == 0);
  const outcome scored = run(fmt::format("score '{}' --csv", path.string()));
  REQUIRE(scored.status == 0);
  // The comment at the top and the scorer agree.
  const auto at = scored.output.find("displayed,true,");
  REQUIRE(at != std::string::npos);
  const std::string jss = scored.output.substr(at + 15, scored.output.find('\n', at) - at - 15);
  CHECK_THAT(yaml, Contains(fmt::format("The history shows JSS {} today", jss)));
}

TEST_CASE("jssim init writes the standard strategies for what the history holds",
          "[app][init]") {
  outcome out;
  const std::string yaml = read(init_example("strategies.yaml", "", out));
  REQUIRE(out.status == 0);
  CHECK_THAT(yaml, Contains("  - name: wait\n"));
  // audiobook-intro and site-copy are idle 90 days or more; voice-coaching was paid lately.
  CHECK_THAT(yaml, Contains("  - name: close audiobook-intro now\n"
                            "    close: [{contract: audiobook-intro, on: 2026-11-26}]\n"));
  CHECK_THAT(yaml, Contains("  - name: close site-copy now\n"));
  CHECK(yaml.find("close voice-coaching now") == std::string::npos);
  CHECK_THAT(yaml, Contains("  - name: quick small jobs\n    proposals_per_week: 10\n"
                            "    accept: [small fixed jobs]\n"));
  CHECK_THAT(yaml, Contains("  - name: more proposals\n"));
}

TEST_CASE("jssim init shows each contract's class and weight today and hides private ratings "
          "the sheet has no column for",
          "[app][init]") {
  outcome out;
  const std::string yaml = read(init_example("classes.yaml", "", out));
  REQUIRE(out.status == 0);
  CHECK_THAT(yaml, Contains("stars: 3.0, private: unknown, prior: private-if-3-stars}   # "
                            "negative, weight 1.25 (private hidden: counted by its stars)"));
  CHECK_THAT(yaml, Contains("  - id: audiobook-intro   # open: neutral, weight 1\n"));
  CHECK_THAT(yaml, Contains("    private-if-4-stars:\n      - {p: 0.3, private: 10}\n"));
}

TEST_CASE("jssim init --observed puts the latest score since the last recalculation day in "
          "observed.jss and the others in observed.timeline",
          "[app][init]") {
  // 2026-11-22 is the latest recalculation day on or before 2026-11-26.
  outcome out;
  const std::string yaml =
      read(init_example("observed.yaml",
                        "--observed 2026-11-08=62 --observed 2026-11-24=62 "
                        "--observed 2026-10-25=67 --observed 2026-11-22=62",
                        out));
  INFO(out.output);
  REQUIRE(out.status == 0);
  CHECK_THAT(yaml, Contains("observed:\n  jss: 62   # seen on 2026-11-24\n  timeline:\n"
                            "    - {on: 2026-10-25, jss: 67}\n"
                            "    - {on: 2026-11-08, jss: 62}\n"
                            "    - {on: 2026-11-22, jss: 62}\n"));
}

TEST_CASE("jssim init --observed with no score of today is refused: observed.jss is today's",
          "[app][init]") {
  outcome out;
  const auto path = init_example("observed-old.yaml", "--observed 2026-11-08=62", out);
  CHECK(out.status == 2);
  CHECK_THAT(out.output, Contains("jssim init: --observed: give also the score the profile "
                                  "shows today, dated 2026-11-22 (the latest recalculation day) "
                                  "to 2026-11-26"));
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("bad options of jssim init are refused with exit 2 and nothing written",
          "[app][init]") {
  for (const char* extra : {"--observed 2026-11-08=101", "--observed 08.11.2026=64",
                            "--observed 2026-11-27=64", "--proposals-per-week 0",
                            "--observed 2026-11-22=63 --observed 2026-11-24=62"}) {
    outcome out;
    const auto path = init_example("refused.yaml", extra, out);
    INFO(extra << "\n" << out.output);
    CHECK(out.status == 2);
    CHECK_THAT(out.output, Contains("jssim init: --"));
    CHECK_FALSE(std::filesystem::exists(path));
  }
}

TEST_CASE("jssim init --private-ratings-until hides no private rating after the day, writes the "
          "day and stars-only tables",
          "[app][init]") {
  // jingle (2026-04-24) is the last contract with a private rating; trailer (06-26) is after.
  outcome out;
  const auto path = init_example("era.yaml", "--private-ratings-until 2026-05-01", out);
  INFO(out.output);
  REQUIRE(out.status == 0);
  const std::string yaml = read(path);
  CHECK_THAT(yaml, Contains("stars: 4.0, private: unknown, prior: private-if-4-stars}"));
  CHECK_THAT(yaml, Contains("last_paid: 2026-06-26, stars: 5.0}   # positive, weight 1.25\n"));
  CHECK_THAT(yaml, Contains("last_paid: 2026-09-18, stars: 3.0}   # negative, weight 1.25\n"));
  CHECK(yaml.find("private-if-3-stars") == std::string::npos);
  CHECK_THAT(yaml, Contains("score:\n  private_ratings_until: 2026-05-01\n"));
  // The day is before today: her table gives stars only.
  const auto table = yaml.find("    her-ratings:\n");
  REQUIRE(table != std::string::npos);
  const std::string rows = yaml.substr(table, yaml.find("\n    private-if", table) - table);
  CHECK(rows.find("private:") == std::string::npos);
  CHECK_THAT(rows, Contains("stars: 5.0"));
  // check accepts it without a warning (no rating it would not count).
  const outcome checked = run(fmt::format("check '{}'", path.string()));
  INFO(checked.output);
  CHECK(checked.status == 0);
  CHECK(checked.output.find("warning") == std::string::npos);
  CHECK(checked.output.find("not drawn") == std::string::npos);

  // A day after today: private ratings are still given, the tables keep them.
  const std::string later = read(init_example("era-later.yaml",
                                              "--private-ratings-until 2027-06-30", out));
  REQUIRE(out.status == 0);
  CHECK_THAT(later, Contains("score:\n  private_ratings_until: 2027-06-30\n"));
  const auto own = later.find("    her-ratings:\n");
  REQUIRE(own != std::string::npos);
  CHECK(later.find("private: 10", own) != std::string::npos);

  const auto bad = init_example("era-bad.yaml", "--private-ratings-until 2026-13-01", out);
  CHECK(out.status == 2);
  CHECK_THAT(out.output, Contains("jssim init: --private-ratings-until: expected a date"));
  CHECK_FALSE(std::filesystem::exists(bad));
}
