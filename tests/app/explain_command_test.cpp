// SPDX-License-Identifier: MIT
// `jssim explain`, and what `jssim run` says of hidden ratings: the built
// program itself, its output and its exit status.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_jssim.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

using jssim::testing::outcome;
using jssim::testing::read;
using jssim::testing::run;
using jssim::testing::source;

std::filesystem::path temp_dir() { return jssim::testing::temp_dir("explain"); }

/// A copy of a scenario of scenarios/ with `from` replaced by `to`.
std::string variant(const std::string& name, const std::string& from, const std::string& to) {
  std::string yaml = read(fmt::format("{}/scenarios/{}", JSSIM_SOURCE_DIR, name));
  const auto at = yaml.find(from);
  REQUIRE(at != std::string::npos);
  yaml.replace(at, from.size(), to);
  const std::filesystem::path path = temp_dir() / fmt::format("variant-{}", name);
  std::ofstream(path) << yaml;
  return fmt::format("'{}'", path.string());
}

}  // namespace

TEST_CASE("jssim explain prints each hidden rating given the observed score and the histories "
          "that explain it",
          "[app][explain]") {
  const outcome r = run(fmt::format("explain {}", source("scenarios/seed-story-hidden.yaml")));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("6 hidden ratings on 6 contracts, scored on 2026-11-22"));
  CHECK_THAT(r.output, Contains("20 of the 4096 combinations of the hidden ratings give it"));
  CHECK_THAT(r.output, Contains("a draw from the priors gives it with probability 0.016907"));
  CHECK_THAT(r.output, Contains("The 20 histories that explain it"));
}

TEST_CASE("jssim explain --csv prints one row per value with a probability above 0",
          "[app][explain]") {
  const outcome r = run(fmt::format("explain {} --csv", source("scenarios/seed-story-hidden.yaml")));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, StartsWith("contract,field,value,probability\nlogo,private,10,0.956320\n"));
  CHECK_THAT(r.output, Contains("podcast,private,6,0.467986\n"));
  // jingle and trailer are 10 in every history that shows 60: one row each.
  CHECK_THAT(r.output, Contains("jingle,private,10,1.000000\npodcast,"));
  std::size_t lines = 0;
  for (char c : r.output) lines += c == '\n' ? 1U : 0U;
  CHECK(lines == 18);
}

TEST_CASE("an observed score that no combination of hidden ratings gives exits 2 and says so",
          "[app][explain]") {
  const std::string file = variant("seed-story-hidden.yaml", "jss: 60", "jss: 61");
  for (const char* command : {"explain ", "run --runs 10 --out /nonexistent/never "}) {
    const outcome r = run(fmt::format("{}{}", command, file));
    INFO(r.output);
    CHECK(r.status == 2);
    CHECK_THAT(r.output, Contains("observed.jss: the profile shows 61 %, but no combination of "
                                  "the 6 unknown ratings gives it"));
    CHECK_THAT(r.output, Contains("the 4096 combinations give"));
  }
}

TEST_CASE("with nothing hidden an observed score the history does not show exits 2",
          "[app][explain]") {
  const std::string file =
      variant("seed-story.yaml", "pipeline:", "observed: {jss: 75}\npipeline:");
  const outcome r = run(fmt::format("run --runs 10 --out /nonexistent/never {}", file));
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Contains("the profile shows 75 %, but the history gives 60 % on 2026-11-22"));
  CHECK_THAT(r.output, Contains("none of its ratings is `unknown`"));
}

TEST_CASE("jssim run says that its runs start from histories that explain the observed score",
          "[app][explain]") {
  const std::filesystem::path out = temp_dir() / "run-hidden";
  const outcome r = run(fmt::format("run {} --runs 200 --threads 2 --out '{}'",
                                    source("scenarios/seed-story-hidden.yaml"), out.string()));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("JSS today: 60 %"));
  CHECK_THAT(r.output,
             Contains("Hidden ratings: 6 unknown, drawn from their priors given the observed 60 % "
                      "(exact, 20 of 4096 combinations explain it)"));
}

TEST_CASE("jssim explain says 'the 1 history that explains it' when one does",
          "[app][explain]") {
  // Three hidden ratings; of their combinations, one alone shows 62.
  const std::filesystem::path path = temp_dir() / "one-history.yaml";
  std::ofstream(path) << R"yaml(freelancer: {name: T, today: 2026-11-26}
history:
  - {id: a, client: c1, started: 2026-05-01, ended: 2026-06-01, earned: 1500,
     last_paid: 2026-06-01, stars: 5.0, private: unknown}
  - {id: b, client: c2, started: 2026-07-01, ended: 2026-08-01, earned: 300,
     last_paid: 2026-08-01, stars: unknown}
  - {id: c, client: c3, started: 2026-09-01, ended: 2026-10-01, earned: 100,
     last_paid: 2026-10-01, stars: unknown, private: unknown, prior: mixed}
  - {id: d, client: c4, started: 2026-03-01, ended: 2026-04-01, earned: 2000,
     last_paid: 2026-04-01, stars: 5.0, private: 10}
observed: {jss: 62}
pipeline:
  proposals_per_week: 8
  jobs:
    - {name: quick, win_rate: 0.06, type: fixed, duration_days: 6, value_usd: 100}
  outcomes:
    good:
      - {p: 0.7, stars: 5.0, private: 10}
      - {p: 0.1, stars: 4.0, private: 8}
      - {p: 0.1, stars: 3.0, private: 5}
      - {p: 0.05, stars: 5.0}
      - {p: 0.05, feedback: none}
    mixed:
      - {p: 0.5, stars: 5.0}
      - {p: 0.3, stars: 4.0}
      - {p: 0.2, stars: 2.0, private: 3}
simulation: {runs: 50, horizon_months: 12}
)yaml";
  const outcome r = run(fmt::format("explain '{}'", path.string()));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("The 1 history that explains it:"));
}

TEST_CASE("check and run agree on a timeline whose combinations are too many to list",
          "[app][explain]") {
  const std::string file = source("tests/app/timeline-search.yaml");
  const outcome check = run(fmt::format("check {}", file));
  INFO(check.output);
  CHECK(check.status == 0);
  const outcome runs = run(fmt::format("run {} --runs 50 --out '{}'", file,
                                       (temp_dir() / "timeline-search").string()));
  INFO(runs.output);
  CHECK(runs.status == 0);
  CHECK_THAT(runs.output, Contains("exact, by a search: 1048576 of 16777216 combinations "
                                   "explain it"));
  const outcome explained = run(fmt::format("explain {}", file));
  CHECK(explained.status == 0);
  CHECK_THAT(explained.output, Contains("1048576 of the 16777216 combinations of the hidden "
                                        "ratings give them all, found by a search"));
}

TEST_CASE("check and run agree when the search gives up and runs sample by rejection",
          "[app][explain]") {
  // Accepted by both: about one draw in ten gives every observation.
  const std::string likely = source("tests/app/timeline-rejection-90.yaml");
  const outcome check = run(fmt::format("check {}", likely));
  INFO(check.output);
  CHECK(check.status == 0);
  const outcome runs = run(fmt::format("run {} --runs 20 --out '{}'", likely,
                                       (temp_dir() / "timeline-rejection").string()));
  INFO(runs.output);
  CHECK(runs.status == 0);
  // Refused by both, before any run, with the same words.
  const std::string rare = source("tests/app/timeline-rejection-70.yaml");
  const outcome refused_check = run(fmt::format("check {}", rare));
  const outcome refused_run = run(fmt::format("run {} --runs 20 --out '{}'", rare,
                                              (temp_dir() / "timeline-rejection-rare").string()));
  INFO(refused_check.output << "\n" << refused_run.output);
  CHECK(refused_check.status == 2);
  CHECK(refused_run.status == 2);
  const std::string why = "draws from the priors give the observed scores (70 % on 2026-09-01, "
                          "0 % on 2026-11-26) too rarely: 1 of 20000 draws";
  CHECK_THAT(refused_check.output, Contains(why));
  CHECK_THAT(refused_run.output, Contains(why));
  CHECK_FALSE(std::filesystem::exists(temp_dir() / "timeline-rejection-rare" / "summary.csv"));
}

TEST_CASE("every command that reads a scenario says its warnings: a hidden rating after "
          "private_ratings_until is not drawn",
          "[app][explain]") {
  const std::string file = source("tests/reference/timeline/by-stars-era.yaml");
  const std::string warning = "history[4].private: warning: `unknown` is not drawn: this "
                              "contract ended on 2026-10-01, after score.private_ratings_until "
                              "(2026-09-01)";
  for (const std::string& command :
       {fmt::format("explain {}", file), fmt::format("score {}", file), fmt::format("check {}", file),
        fmt::format("replay {} --strategy baseline --run 0", file)}) {
    const outcome r = run(command);
    INFO(command << "\n" << r.output);
    CHECK(r.status == 0);
    CHECK_THAT(r.output, Contains(warning));
  }
  const outcome explained = run(fmt::format("explain {}", file));
  CHECK_THAT(explained.output, Contains("4 hidden ratings on 4 contracts"));
}

TEST_CASE("jssim explain says how each observation of the timeline narrowed the posterior",
          "[app][explain]") {
  const outcome r = run(fmt::format("explain {}", source("scenarios/timeline-story.yaml")));
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_THAT(r.output, Contains("2 of the 4096 combinations of the hidden ratings give them all"));
  CHECK_THAT(r.output, Contains("100 % on 2026-09-15 (observed.timeline[0])            16 "
                                "combinations"));
  CHECK_THAT(r.output, Contains("61 % on 2026-10-20 (observed.timeline[1])              8 "
                                "combinations  (prior probability 0.016685)  podcast: 0.051546 "
                                "-> 1.000000"));
}
