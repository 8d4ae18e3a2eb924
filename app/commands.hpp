// SPDX-License-Identifier: MIT
// The program's commands. Each command file adds its subcommand to the
// command line with `add_*_command`, which runs the command after parsing and
// stores its exit status; bad input throws model::input_error, which main
// turns into exit status 2.
#pragma once

#include <cstdint>  // std::uint64_t
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace jssim::app {

/// Exit statuses.
inline constexpr int exit_ok = 0;
inline constexpr int exit_internal = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_interrupted = 130;

/// The most runs a command accepts: beyond, the answer would not change and
/// the wait would be hours.
inline constexpr std::uint64_t max_runs = 100'000'000;

/// `n` and the word for it: "1 strategy", "3 strategies" (`many` defaults to
/// `one` and an s).
inline std::string counted(std::uint64_t n, std::string_view one, std::string_view many = {}) {
  std::string text = std::to_string(n) + " ";
  if (n == 1) return text.append(one);
  return many.empty() ? text.append(one).append("s") : text.append(many);
}

/// The default output folder of a scenario: out/<its file name without
/// extension>/.
inline std::filesystem::path default_out_dir(const std::string& scenario_path) {
  return std::filesystem::path("out") / std::filesystem::path(scenario_path).stem();
}

/// The command line as given, the program name first, for manifest.json; set
/// by main before the commands run.
inline std::vector<std::string> program_arguments;

/// `jssim score`: the score the history shows, contract by contract.
void add_score_command(CLI::App& app, int& status);
/// `jssim check`: validates scenarios; every problem of every file is printed.
void add_check_command(CLI::App& app, int& status);
/// `jssim run`: every strategy on the same luck; writes summary.csv, curve.csv.
void add_run_command(CLI::App& app, int& status);
/// `jssim explain`: the hidden ratings' distribution given the observed score.
void add_explain_command(CLI::App& app, int& status);
/// `jssim replay`: one run of one strategy, event by event.
void add_replay_command(CLI::App& app, int& status);
/// `jssim init`: a commented scenario from the contracts CSV she keeps.
void add_init_command(CLI::App& app, int& status);
/// `jssim sensitivity`: which of the scenario's numbers moves the outcome most.
void add_sensitivity_command(CLI::App& app, int& status);
/// `jssim plan`: the best strategy among the combinations of the `plan:` levers.
void add_plan_command(CLI::App& app, int& status);

}  // namespace jssim::app
