// SPDX-License-Identifier: MIT
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>  // std::from_chars
#include <cstddef>   // std::size_t
#include <cstdint>   // std::uint64_t
#include <memory>
#include <string>
#include <string_view>
#include <system_error>  // std::errc
#include <vector>

#include "app/commands.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"
#include "sim/plan.hpp"

namespace jssim::app {
namespace {

struct check_options {
  std::vector<std::string> scenarios;
};

/// How many problems a file has: those listed, and those the loader only
/// counted past its limit, which its last line gives as "N more problems not
/// shown; fix these first" (docs/limits.md).
std::uint64_t problem_count(const std::vector<model::diagnostic>& problems) {
  std::uint64_t n = problems.size();
  if (problems.empty()) return n;
  const std::string& last = problems.back().message;
  const char* const stop = last.data() + last.size();
  std::uint64_t more = 0;
  const auto [end, error] = std::from_chars(last.data(), stop, more);
  const std::string_view rest(end, static_cast<std::size_t>(stop - end));
  if (error == std::errc() && rest == " more problems not shown; fix these first") {
    n += more - 1;  // that line is not a problem itself
  }
  return n;
}

int check_command(const check_options& options) {
  int status = exit_ok;
  for (const std::string& path : options.scenarios) {
    try {
      const model::scenario s = model::load_scenario_file(path);
      // The plan checks what `jssim run` checks before its first run: that
      // the history, with its hidden ratings, can show observed.jss.
      const sim::run_plan plan(s);
      fmt::print("{}: ok ({} history contracts, {} job types, {} strategies)\n", path,
                 s.history.size(), s.pipeline.jobs.size(), s.strategies.size());
    } catch (const model::scenario_error& e) {
      fmt::print(stderr, "{}\n", e.what());
      const std::uint64_t n = problem_count(e.problems());
      fmt::print(stderr, "{}: {} problem{} found\n", path, n, n == 1 ? "" : "s");
      status = exit_bad_input;
    } catch (const model::input_error& e) {
      fmt::print(stderr, "{}\n", e.what());
      status = exit_bad_input;
    }
  }
  return status;
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto options = std::make_shared<check_options>();
  CLI::App* cmd =
      app.add_subcommand("check", "Validate scenarios: exit 0, or print every problem and exit 2");
  cmd->add_option("scenario", options->scenarios, "Scenario YAML files")->required();
  cmd->callback([options, &status] { status = check_command(*options); });
}

}  // namespace jssim::app
