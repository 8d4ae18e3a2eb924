// SPDX-License-Identifier: MIT
#include "input/detail/compose.hpp"

#include <algorithm>  // std::count, std::any_of
#include <cstdlib>    // std::getenv
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>  // std::pair
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "model/error.hpp"
#include "loader_problems.hpp"
#include "input/scenario_loader.hpp"

using namespace jssim::model;
using namespace jssim::input;
using jssim::input::testing::listing;
using jssim::input::testing::problems_when;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// A valid scenario with two open contracts to close. Tests replace its
// `strategies:` section, or write it as a base file.
constexpr std::string_view story = R"yaml(freelancer:
  name: Ana
  today: 2026-11-26
history:
  - {id: logo, client: acme, started: 2026-06-01, ended: 2026-06-20,
     earned: 1500, last_paid: 2026-06-20, stars: 5.0, private: 10}
  - {id: audiobook, client: echo, started: 2026-07-01}
  - {id: site-copy, client: hart, started: 2026-07-20}
pipeline:
  proposals_per_week: 8
  max_parallel: 3
  jobs:
    - name: quick fixed
      win_rate: 0.06
      duration_days: {uniform: [2, 10]}
      value_usd: {uniform: [40, 250]}
    - name: hourly project
      win_rate: 0.01
      type: hourly
      duration_days: {uniform: [30, 150]}
      weekly_usd: {uniform: [100, 300]}
  outcomes:
    good:
      - {p: 0.9, stars: 5.0, private: 10}
      - {p: 0.1, feedback: none}
    poor:
      - {p: 1, stars: 2.0, private: 1}
simulation:
  runs: 100
  seed: 7
)yaml";

scenario with_strategies(std::string_view strategies) {
  return load_scenario_string(std::string(story) + "strategies:\n" + std::string(strategies),
                              "x.yaml");
}

const strategy& named(const scenario& s, std::string_view name) {
  const auto i = s.strategy_index(std::string(name));
  REQUIRE(i.has_value());
  return s.strategies[*i];
}

// The 1-based line of `text` on which `words` first appear.
int line_of(std::string_view text, std::string_view words) {
  const auto at = text.find(words);
  REQUIRE(at != std::string_view::npos);
  return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
}

// A fresh directory for one test, under JSSIM_TEST_TMP (set by CTest).
fs::path fresh_dir(std::string_view name) {
  const char* root = std::getenv("JSSIM_TEST_TMP");
  const fs::path base =
      root != nullptr && *root != '\0' ? fs::path(root) : fs::temp_directory_path();
  const fs::path dir = base / "compose_test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& path, std::string_view text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// `text` with the one occurrence of `from` replaced by `to`.
std::string with(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const auto at = out.find(from);
  REQUIRE(at != std::string::npos);
  out.replace(at, from.size(), to);
  return out;
}

}  // namespace

// --- the graph ---------------------------------------------------------------

TEST_CASE("vertices are ordered after the vertices they depend on", "[model][compose]") {
  const std::vector<std::pair<std::size_t, std::size_t>> edges{{0, 1}, {1, 2}, {3, 1}};
  const auto result = jssim::input::detail::order_dependencies(4, edges);
  CHECK(result.cycles.empty());
  CHECK(result.order == std::vector<std::size_t>{2, 1, 0, 3});
}

TEST_CASE("a cycle is found whole and starts from its smallest vertex", "[model][compose]") {
  const std::vector<std::pair<std::size_t, std::size_t>> edges{{1, 3}, {3, 2}, {2, 1}, {0, 0}};
  const auto result = jssim::input::detail::order_dependencies(4, edges);
  REQUIRE(result.cycles.size() == 2);
  CHECK(result.cycles[0] == std::vector<std::size_t>{0});
  CHECK(result.cycles[1] == std::vector<std::size_t>{1, 3, 2});
  const std::vector<std::string> names{"a", "b", "c", "d"};
  CHECK(jssim::input::detail::cycle_text(result.cycles[1], names) == "b -> d -> c -> b");
}

TEST_CASE("a long cycle is named by its ends", "[model][compose]") {
  std::vector<std::string> names;
  std::vector<std::size_t> cycle;
  for (std::size_t i = 0; i < 20; ++i) {
    names.push_back(std::to_string(i));
    cycle.push_back(i);
  }
  CHECK(jssim::input::detail::cycle_text(cycle, names) ==
        "0 -> 1 -> 2 -> 3 -> 4 -> 5 -> 6 -> 7 -> ... (4 more) -> "
        "12 -> 13 -> 14 -> 15 -> 16 -> 17 -> 18 -> 19 -> 0");
}

// --- strategies --------------------------------------------------------------

TEST_CASE("a strategy that extends others takes their settings, later ones and its own winning",
          "[model][compose]") {
  const scenario s = with_strategies(R"yaml(  - name: slow
    proposals_per_week: 10
    max_parallel: 2
    close: [{contract: audiobook}]
  - name: picky
    proposals_per_week: 20
    accept: [quick fixed]
  - name: both
    extends: [slow, picky]
    until_recovered: true
  - name: both but calm
    extends: [slow, picky]
    proposals_per_week: 5
)yaml");
  const strategy& both = named(s, "both");
  CHECK(both.proposals_per_week == 20.0);
  CHECK(both.max_parallel == 2);
  CHECK(both.accept == std::vector<std::size_t>{0});
  REQUIRE(both.close.size() == 1);
  CHECK(both.close[0].contract == 1);
  CHECK(both.until_recovered);
  CHECK(both.own_close_feedback == 0.3);  // nobody gives it: the default
  CHECK(named(s, "both but calm").proposals_per_week == 5.0);
  // The strategies extended are unchanged.
  CHECK(named(s, "slow").proposals_per_week == 10.0);
  CHECK_FALSE(named(s, "slow").accept.has_value());
}

TEST_CASE("a chain a extends b extends c gives a what c and b set, b over c", "[model][compose]") {
  // Written before what it extends: the order in the file does not matter.
  const scenario s = with_strategies(R"yaml(  - name: a
    extends: [b]
  - name: b
    extends: [c]
    own_close_feedback: 0.5
  - name: c
    own_close_feedback: 0.9
    close_stale_after_days: 30
    max_parallel: 1
)yaml");
  const strategy& a = named(s, "a");
  CHECK(a.own_close_feedback == 0.5);
  CHECK(a.close_stale_after_days == 30);
  CHECK(a.max_parallel == 1);
  CHECK(a.name == "a");
  CHECK(named(s, "b").close_stale_after_days == 30);
}

TEST_CASE("a strategy reached twice is applied once, before the strategies that refine it",
          "[model][compose]") {
  const scenario s = with_strategies(R"yaml(  - name: general
    proposals_per_week: 10
  - name: busy
    extends: [general]
    proposals_per_week: 20
  - name: careful
    extends: [general]
    max_parallel: 1
  - name: busy and careful
    extends: [busy, careful]
)yaml");
  // Not 10: `careful` inherits 10 from `general`, which `busy` refines.
  CHECK(named(s, "busy and careful").proposals_per_week == 20.0);
  CHECK(named(s, "busy and careful").max_parallel == 1);
}

TEST_CASE("close lists are joined, one close per contract, the date given last winning",
          "[model][compose]") {
  const scenario s = with_strategies(R"yaml(  - name: close the book
    close: [{contract: audiobook, on: 2026-12-01}]
  - name: close the copy
    close: [{contract: site-copy, on: 2026-12-05}]
  - name: close both
    extends: [close the book, close the copy]
    close: [{contract: audiobook, on: 2026-12-10}]
)yaml");
  const strategy& both = named(s, "close both");
  REQUIRE(both.close.size() == 2);
  CHECK(both.close[0].contract == 1);
  CHECK(both.close[0].on == date::parse("2026-12-10").value());
  CHECK(both.close[1].contract == 2);
  CHECK(both.close[1].on == date::parse("2026-12-05").value());
}

TEST_CASE("a cycle of strategies names the whole cycle at the first extends in it",
          "[model][compose]") {
  const std::string strategies = R"yaml(  - name: wait
  - name: a
    extends: [b]
  - name: b
    extends: [c]
  - name: c
    extends: [wait, a]
)yaml";
  const std::string text = std::string(story) + "strategies:\n" + strategies;
  const auto problems = problems_when([&] { return load_scenario_string(text, "x.yaml"); });
  INFO(listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.file == "x.yaml");
  CHECK(problems[0].where.line == line_of(text, "extends: [b]"));
  CHECK(problems[0].where.key == "strategies[1].extends");
  CHECK(problems[0].message == "extends cycle: a -> b -> c -> a");
  CHECK_THROWS_WITH(load_scenario_string(text, "x.yaml"),
                    Contains("strategies[1].extends: extends cycle: a -> b -> c -> a"));
}

TEST_CASE("a strategy that extends itself is a cycle of one", "[model][compose]") {
  CHECK_THROWS_WITH(with_strategies("  - {name: loop, extends: [loop]}\n"),
                    Contains("strategies[0].extends: extends cycle: loop -> loop"));
  // A long name is shortened in the message.
  const std::string name(100, 'x');
  CHECK_THROWS_WITH(with_strategies("  - {name: " + name + ", extends: [" + name + "]}\n"),
                    Contains("extends cycle: " + name.substr(0, 60) + "... -> " +
                             name.substr(0, 60) + "..."));
}

TEST_CASE("an unknown strategy in extends is reported with the name it most likely meant",
          "[model][compose]") {
  const std::string strategies = R"yaml(  - name: quick wins
    proposals_per_week: 15
  - name: quick wins then close
    extends: [quick win]
)yaml";
  const std::string text = std::string(story) + "strategies:\n" + strategies;
  const auto problems = problems_when([&] { return load_scenario_string(text, "x.yaml"); });
  INFO(listing(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == line_of(text, "extends: [quick win]"));
  CHECK(problems[0].where.key == "strategies[1].extends[0]");
  CHECK(problems[0].message ==
        "no strategy named `quick win` to extend; did you mean `quick wins`?");
  CHECK_THROWS_WITH(with_strategies("  - {name: a}\n  - {name: b, extends: [zzz]}\n"),
                    Contains("no strategy named `zzz` to extend; the strategies are `a` or `b`"));
}

TEST_CASE("extends in a strategy is a list of names", "[model][compose]") {
  CHECK_THROWS_WITH(with_strategies("  - {name: a}\n  - {name: b, extends: a}\n"),
                    Contains("strategies[1].extends: expected a list of strategy names, got "
                             "\"a\" (write `extends: [name]`)"));
}

// --- files -------------------------------------------------------------------

TEST_CASE("a scenario that extends a file merges mappings over it and replaces lists",
          "[model][compose]") {
  const fs::path dir = fresh_dir("merge");
  write(dir / "base.yaml", std::string(story) + "strategies:\n  - name: wait\n");
  const std::string variant = write(dir / "variant.yaml", R"yaml(extends: base.yaml
freelancer: {name: Bea}
history:
  - {id: only, client: zed, started: 2026-10-01}
pipeline:
  proposals_per_week: 12
  outcomes:
    great:
      - {p: 1, stars: 5.0, private: 10}
simulation: {runs: 50}
)yaml");
  const scenario s = load_scenario_file(variant);
  CHECK(s.path == variant);
  CHECK(s.name == "Bea");
  CHECK(s.today == date::parse("2026-11-26").value());  // from the base's freelancer
  REQUIRE(s.history.size() == 1);                       // a list: replaced
  CHECK(s.history[0].id == "only");
  CHECK(s.pipeline.proposals_per_week == 12.0);
  CHECK(s.pipeline.max_parallel == 3);
  CHECK(s.pipeline.jobs.size() == 2);
  // Tables merged by name, the base's first: it stays the default table.
  REQUIRE(s.pipeline.outcomes.size() == 3);
  CHECK(s.pipeline.outcomes[0].name == "good");
  CHECK(s.pipeline.outcomes[2].name == "great");
  CHECK(s.simulation.runs == 50);
  CHECK(s.simulation.seed == 7);
  REQUIRE(s.strategies.size() == 1);
  CHECK(s.strategies[0].name == "wait");
}

TEST_CASE("required keys may all come from the base file", "[model][compose]") {
  const fs::path dir = fresh_dir("required");
  write(dir / "base.yaml", story);
  const scenario s = load_scenario_file(write(dir / "variant.yaml", "extends: base.yaml\n"));
  CHECK(s.name == "Ana");
  CHECK(s.strategies.size() == 1);  // the baseline
}

TEST_CASE("a chain of files extends from each file's own folder", "[model][compose]") {
  const fs::path dir = fresh_dir("chain");
  write(dir / "shared" / "story.yaml", story);
  write(dir / "shared" / "busy.yaml",
        "extends: story.yaml\npipeline: {proposals_per_week: 20}\n");
  const std::string top = write(dir / "mine.yaml",
                                "extends: shared/busy.yaml\nsimulation: {seed: 99}\n");
  const scenario s = load_scenario_file(top);
  CHECK(s.pipeline.proposals_per_week == 20.0);
  CHECK(s.simulation.seed == 99);
  CHECK(s.simulation.runs == 100);
  CHECK(s.name == "Ana");
}

TEST_CASE("strategies of the extending file join the base's by name", "[model][compose]") {
  const fs::path dir = fresh_dir("strategies");
  write(dir / "base.yaml", std::string(story) + R"yaml(strategies:
  - name: wait
  - name: close it
    close: [{contract: audiobook}]
  - name: quick wins
    proposals_per_week: 15
)yaml");
  const scenario s = load_scenario_file(write(dir / "variant.yaml", R"yaml(extends: base.yaml
strategies:
  - name: quick wins then close
    extends: [quick wins, close it]
  - name: wait
    max_parallel: 1
)yaml"));
  REQUIRE(s.strategies.size() == 4);
  CHECK(s.strategies[0].name == "wait");
  CHECK(s.strategies[0].max_parallel == 1);  // replaced in place
  CHECK(s.strategies[1].name == "close it");
  CHECK(s.strategies[3].name == "quick wins then close");
  CHECK(s.strategies[3].proposals_per_week == 15.0);
  CHECK(s.strategies[3].close.size() == 1);
}

TEST_CASE("a problem in an added strategy names its place in its own file", "[model][compose]") {
  const fs::path dir = fresh_dir("strategy-errors");
  write(dir / "base.yaml", std::string(story) + "strategies:\n  - name: wait\n  - name: busy\n");
  const std::string variant_text = R"yaml(extends: base.yaml
strategies:
  - name: busy
    proposals_per_week: -2
  - name: a
    extends: [b]
  - name: b
    extends: [a]
)yaml";
  const std::string variant = write(dir / "variant.yaml", variant_text);
  const auto problems = problems_when([&] { return load_scenario_file(variant); });
  INFO(listing(problems));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].where.file == variant);
  CHECK(problems[0].where.key == "strategies[0].proposals_per_week");
  CHECK(problems[0].where.line == 4);
  CHECK(problems[1].where.key == "strategies[1].extends");
  CHECK(problems[1].where.line == 6);
  CHECK(problems[1].message == "extends cycle: a -> b -> a");
}

TEST_CASE("a problem in a base file names the base file and its line", "[model][compose]") {
  const fs::path dir = fresh_dir("errors");
  const std::string base_text = with(story, "win_rate: 0.06", "win_rate: 1.5");
  const std::string base = write(dir / "base.yaml", base_text);
  const std::string variant_text = "extends: base.yaml\nsimulation: {runs: -3}\n";
  const std::string variant = write(dir / "variant.yaml", variant_text);
  const auto problems = problems_when([&] { return load_scenario_file(variant); });
  INFO(listing(problems));
  REQUIRE(problems.size() == 2);
  // The extending file's problems first, then the base's.
  CHECK(problems[0].where.file == variant);
  CHECK(problems[0].where.line == 2);
  CHECK(problems[0].where.key == "simulation.runs");
  CHECK(problems[1].where.file == base);
  CHECK(problems[1].where.line == line_of(base_text, "win_rate: 1.5"));
  CHECK(problems[1].where.key == "pipeline.jobs[0].win_rate");
  CHECK_THROWS_WITH(load_scenario_file(variant),
                    Contains(base + ":" + std::to_string(line_of(base_text, "win_rate: 1.5")) +
                             ":17: pipeline.jobs[0].win_rate: expected a probability"));
}

TEST_CASE("a key missing from both files is reported on the extending file", "[model][compose]") {
  const fs::path dir = fresh_dir("missing");
  write(dir / "base.yaml", with(story, "simulation:\n  runs: 100\n  seed: 7\n", ""));
  const std::string variant = write(dir / "variant.yaml", "extends: base.yaml\n");
  // At the top of the file, as for a file that extends nothing.
  CHECK_THROWS_WITH(load_scenario_file(variant), Contains(variant + ":1:1: simulation: missing"));
  // Inside a mapping both give: at the extending file's key.
  write(dir / "nameless.yaml", with(story, "  name: Ana\n", ""));
  const std::string named_later =
      write(dir / "named-later.yaml",
            "extends: nameless.yaml\n\nfreelancer:\n  today: 2026-11-27\n");
  CHECK_THROWS_WITH(load_scenario_file(named_later),
                    Contains(named_later + ":3:1: freelancer.name: missing"));
}

TEST_CASE("a cycle of files names every file of it at the first extends", "[model][compose]") {
  const fs::path dir = fresh_dir("cycle");
  const std::string a = write(dir / "a.yaml", "extends: b.yaml\nfreelancer: {name: A}\n");
  const std::string b = write(dir / "b.yaml", "freelancer: {name: B}\nextends: c.yaml\n");
  const std::string c = write(dir / "c.yaml", "extends: b.yaml\n");
  const std::string top = write(dir / "top.yaml", "extends: a.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(top),
                    Contains(b + ":2:10: extends: extends cycle: " + b + " -> " + c + " -> " + b));
  CHECK_THROWS_WITH(load_scenario_file(c), Contains(c + ":1:10: extends: extends cycle: " + c +
                                                    " -> " + b + " -> " + c));
  (void)a;
}

TEST_CASE("a file that extends itself is a cycle of one", "[model][compose]") {
  const fs::path dir = fresh_dir("self");
  const std::string self = write(dir / "self.yaml", "extends: ./self.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(self),
                    Contains(self + ":1:10: extends: extends cycle: " + self + " -> " + self));
}

TEST_CASE("a base file that cannot be read is reported at the extends naming it",
          "[model][compose]") {
  const fs::path dir = fresh_dir("unreadable");
  const std::string variant =
      write(dir / "variant.yaml", "freelancer: {name: A}\nextends: nope.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(variant),
                    Contains(variant + ":2:10: extends: cannot extend it: " +
                             (dir / "nope.yaml").string() + ": cannot read the scenario: "));
}

TEST_CASE("a base must be a regular file, not a folder or a device", "[model][compose]") {
  const fs::path dir = fresh_dir("irregular");
  fs::create_directory(dir / "folder.yaml");
  const std::string to_dir = write(dir / "to-dir.yaml", "extends: folder.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(to_dir),
                    Contains(to_dir + ":1:10: extends: cannot extend " +
                             (dir / "folder.yaml").string() + ": it is not a regular file"));
  fs::create_symlink("/dev/null", dir / "null.yaml");
  const std::string to_device = write(dir / "to-device.yaml", "extends: null.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(to_device), Contains("it is not a regular file"));
}

TEST_CASE("a base must be named .yaml or .yml, and is not read otherwise", "[model][compose]") {
  const fs::path dir = fresh_dir("not-yaml");
  write(dir / "notes.txt", "password: hunter2\n");
  for (const std::string base : {"notes.txt", "/etc/passwd", "/dev/null", "."}) {
    const std::string variant = write(dir / "variant.yaml", "extends: " + base + "\n");
    INFO(base);
    CHECK_THROWS_WITH(load_scenario_file(variant),
                      Contains(variant + ":1:10: extends: cannot extend ") &&
                          Contains("a scenario extends only another scenario, a file named "
                                   ".yaml or .yml") &&
                          !Contains("hunter2"));
  }
  write(dir / "Base.YML", "freelancer: {name: A, today: 2026-01-01}\n");
  const std::string upper = write(dir / "upper.yaml", "extends: Base.YML\n");
  CHECK_THROWS_WITH(load_scenario_file(upper), !Contains("cannot extend"));
}

TEST_CASE("a base that is not a scenario is refused without quoting a word of it",
          "[model][compose]") {
  const fs::path dir = fresh_dir("not-a-scenario");
  write(dir / "secret.yaml", "password: hunter2\ntoken: abc\n");
  write(dir / "text.yaml", "root:x:0:0:root:/root:/bin/bash\n");
  write(dir / "list.yaml", "- hunter2\n");
  const std::pair<const char*, const char*> bases[] = {
      {"secret.yaml", "it is not a scenario (none of its top-level keys is a scenario's"},
      {"text.yaml", "it is not a scenario (its top is a single value"},
      {"list.yaml", "it is not a scenario (its top is a list"}};
  for (const auto& [base, why] : bases) {
    const std::string variant = write(dir / "variant.yaml", std::string("extends: ") + base + "\n");
    INFO(base);
    CHECK_THROWS_WITH(load_scenario_file(variant),
                      Contains(variant + ":1:10: extends: cannot extend ") && Contains(why) &&
                          !Contains("hunter2") && !Contains("root:x") && !Contains("password"));
  }
}

TEST_CASE("a syntax error in a base file names the base file", "[model][compose]") {
  const fs::path dir = fresh_dir("syntax");
  const std::string base = write(dir / "base.yaml", "freelancer: {name: A\n");
  const std::string variant = write(dir / "variant.yaml", "extends: base.yaml\n");
  CHECK_THROWS_WITH(load_scenario_file(variant), Contains(base + ":"));
  CHECK_THROWS_WITH(load_scenario_file(variant), !Contains(variant));
}

TEST_CASE("extends at the top of a file is the path of a file", "[model][compose]") {
  const std::string text = std::string(story) + "extends: [a.yaml]\n";
  CHECK_THROWS_WITH(load_scenario_string(text, "x.yaml"),
                    Contains(fmt::format("x.yaml:{}:10: extends: expected the path of a "
                                         "scenario to extend, got a list",
                                         line_of(text, "extends:"))));
}

TEST_CASE("an extends that is not a path is the one problem of a file that holds nothing else",
          "[model][compose]") {
  // The sections missing here are in the base it meant: reporting them as
  // missing would bury the one mistake under four that are not.
  for (const char* text : {"extends: [base.yaml]\n", "extends: \"\"\n", "extends: ~\n"}) {
    INFO(text);
    try {
      (void)load_scenario_string(text, "x.yaml");
      FAIL("loaded");
    } catch (const scenario_error& e) {
      CHECK(problem_count(e) == 1);
      CHECK_THAT(e.what(), Contains("x.yaml:1:") && Contains("extends: expected the path of a "
                                                             "scenario to extend"));
    }
  }
}

TEST_CASE("a file read once and loaded from its bytes is the file loaded, its bases included",
          "[model][compose]") {
  // `jssim run` hashes the bytes it loads: read_scenario_file, then
  // load_scenario_string with the file's path, which still finds the bases.
  const fs::path dir = fresh_dir("read-once");
  write(dir / "base.yaml", story);
  const std::string bytes = "extends: base.yaml\r\nsimulation: {seed: 99}\r\n";
  const std::string variant = write(dir / "variant.yaml", bytes);
  const std::string text = read_scenario_file(variant);
  CHECK(text == bytes);
  const scenario from_text = load_scenario_string(text, variant);
  const scenario from_file = load_scenario_file(variant);
  CHECK(from_text.path == from_file.path);
  CHECK(from_text.name == "Ana");
  CHECK(from_text.simulation.seed == 99);
  CHECK(from_text.history.size() == from_file.history.size());
  CHECK(from_text.strategies.size() == from_file.strategies.size());

  const std::string missing = (dir / "missing.yaml").string();
  CHECK_THROWS_AS(read_scenario_file(missing), input_error);
  CHECK_THROWS_WITH(read_scenario_file(missing), Contains(missing) && Contains("cannot read"));
  CHECK_THROWS_WITH(read_scenario_file(dir.string()), Contains("it is a directory"));
}

TEST_CASE("observed.jss from a base file is placed in the base file", "[model][compose]") {
  // The error that no history shows it, found after loading, names its place.
  const fs::path dir = fresh_dir("observed");
  const std::string base = write(dir / "base.yaml", std::string(story) + "observed: {jss: 42}\n");
  const std::string variant = write(dir / "variant.yaml", "extends: base.yaml\n");
  const scenario from_base = load_scenario_file(variant);
  REQUIRE(from_base.observed_jss == 42);
  CHECK(from_base.observed_jss_at.file == base);
  CHECK(from_base.observed_jss_at.line == line_of(std::string(story) + "observed:", "observed:"));
  CHECK(from_base.observed_jss_at.key == "observed.jss");
  // Written in the variant, it is the variant's.
  write(dir / "variant.yaml", "extends: base.yaml\nobserved: {jss: 43}\n");
  const scenario from_variant = load_scenario_file(variant);
  CHECK(from_variant.observed_jss == 43);
  CHECK(from_variant.observed_jss_at.file == variant);
  CHECK(from_variant.observed_jss_at.line == 2);
}
