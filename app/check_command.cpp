// SPDX-License-Identifier: MIT
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>   // std::uint64_t
#include <memory>
#include <string>
#include <vector>

#include "app/budget.hpp"
#include "app/commands.hpp"
#include "app/warnings.hpp"
#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "sim/plan.hpp"
#include "model/utf8.hpp"  // visible

namespace jssim::app {
namespace {

struct check_options {
  std::vector<std::string> scenarios;
};

/// Runs `budget` (a command's refusal before its first run); what it refuses
/// becomes a problem of the file at `path`, in the command's words.
template <class Budget>
void refused_by(const std::string& command, const std::string& path, Budget&& budget) {
  try {
    budget();
  } catch (const model::input_error& e) {
    std::string why = e.what();
    if (why.starts_with(command + ": ")) why.erase(0, command.size() + 2);
    throw model::scenario_error(
        model::source_location{path, 0, 0, {}},
        fmt::format("`{}` would refuse it before its first run: {}", command, why));
  }
}

int check_command(const check_options& options) {
  int status = exit_ok;
  for (const std::string& path : options.scenarios) {
    try {
      const model::scenario s = input::load_scenario_file(path);
      // The plan checks what `jssim run` checks before its first run: that
      // the history, with its hidden ratings, can show observed.jss.
      const sim::run_plan plan(s);
      // And what run, sensitivity and plan refuse before their first run,
      // with their options left out: check agrees with them.
      refused_by("jssim run", path, [&] { check_run_budget(s, plan, {.runs = s.simulation.runs}); });
      if (s.sensitivity) {
        refused_by("jssim sensitivity", path,
                   [&] { check_sensitivity_budget(s, *s.sensitivity, 0); });
      }
      if (s.plan) {
        refused_by("jssim plan", path, [&] { check_plan_budget(s, s.simulation.runs, 0); });
      }
      print_warnings(s);
      fmt::print("{}: ok ({}, {}, {}{})\n", model::visible(path),
                 counted(s.history.size(), "history contract"),
                 counted(s.pipeline.jobs.size(), "job type"),
                 counted(s.strategies.size(), "strategy", "strategies"),
                 s.warnings.empty() ? std::string()
                                    : ", " + counted(s.warnings.size(), "warning"));
    } catch (const model::scenario_error& e) {
      fmt::print(stderr, "{}\n", model::visible_lines(e.what()));
      const std::uint64_t n = input::problem_count(e);
      fmt::print(stderr, "{}: {} found\n", model::visible(path), counted(n, "problem"));
      status = exit_bad_input;
    } catch (const model::input_error& e) {
      // A file that cannot be read (missing, a folder) is one problem too.
      fmt::print(stderr, "{}\n{}: 1 problem found\n", model::visible_lines(e.what()),
                 model::visible(path));
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
