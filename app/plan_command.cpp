// SPDX-License-Identifier: MIT
// `jssim plan`: the best strategy in the space of strategies of the scenario's
// `plan:` section, raced on common random numbers (docs/plan.md).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/atomic_file.hpp"
#include "analysis/html_report.hpp"
#include "analysis/manifest.hpp"
#include "analysis/race.hpp"
#include "analysis/report.hpp"  // joined
#include "analysis/sha256.hpp"
#include "app/budget.hpp"
#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/options.hpp"
#include "app/output_dir.hpp"
#include "app/progress.hpp"
#include "app/warnings.hpp"
#include "model/error.hpp"
#include "model/utf8.hpp"  // visible
#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"

namespace jssim::app {
namespace {

struct plan_options : simulation_options {
  std::string scenario;
  std::optional<std::uint64_t> runs_max;
};

/// The runs every plan starts with.
constexpr std::uint64_t first_stage_runs = 500;

int plan_command(const plan_options& options) {
  const auto started = std::chrono::system_clock::now();
  const std::string scenario_text = input::read_scenario_file(options.scenario);
  model::scenario sc = input::load_scenario_string(scenario_text, options.scenario);
  print_warnings(sc);
  if (!sc.plan) {
    throw model::input_error(fmt::format(
        "{}: no `plan:` section; add one naming the levers to try, such as\n"
        "  plan:\n"
        "    objective: median_days\n"
        "    levers:\n"
        "      proposals_per_week: [5, 10, 15]\n"
        "(docs/plan.md)",
        model::visible(options.scenario)));
  }
  if (options.seed) sc.simulation.seed = *options.seed;
  analysis::race_options race;
  race.max_runs = options.runs_max.value_or(sc.simulation.runs);
  if (race.max_runs < 1 || race.max_runs > max_runs) {
    throw model::input_error(
        fmt::format("jssim plan: --runs-max: expected 1 to {}, got {}", max_runs, race.max_runs));
  }
  race.first_runs = first_stage_runs;
  race.threads = options.threads;
  check_plan_budget(sc, race.max_runs, options.threads);
  const std::uint64_t plans = model::grid_size(*sc.plan);
  const std::filesystem::path out =
      options.out ? std::filesystem::path(*options.out) : default_out_dir(options.scenario);
  output_dir out_dir("jssim plan", out, "plan.csv");

  std::optional<analysis::race_result> result;
  {
    progress_bar bar(race.max_runs, "runs");
    race.progress = [&bar](std::uint64_t done) { bar.update(done); };
    const interrupt_guard guard;
    race.cancel = guard.flag();
    result = analysis::run_race(sc, race);
    bar.finish();
  }
  if (!result) {
    fmt::print(stderr,
               "jssim plan: interrupted; nothing was written, and the files in {} are as they "
               "were\n",
               model::visible(out.string()));
    return exit_interrupted;
  }

  analysis::output_batch files;
  std::vector<std::string> written;
  auto add = [&](const char* name) -> std::ostream& {
    written.emplace_back(name);
    return files.add(out / name);
  };
  analysis::write_plan_csv(add("plan.csv"), *result);
  const std::string best = analysis::best_yaml(sc, *result, options.scenario, sc.simulation.seed);
  add("best.yaml") << best;
  // Listed by the manifest, and written after it, since it shows the manifest.
  written.emplace_back("report.html");
  analysis::run_manifest manifest;
  manifest.jssim_version = JSSIM_VERSION;
  manifest.scenario_path = options.scenario;
  manifest.scenario_sha256 = analysis::sha256_hex(scenario_text);
  manifest.seed = sc.simulation.seed;
  manifest.runs = result->runs;
  manifest.threads = sim::worker_threads(options.threads, result->runs);
  manifest.started = started;
  manifest.finished = std::chrono::system_clock::now();
  manifest.command_line = program_arguments;
  manifest.files = written;
  analysis::write_manifest_json(add("manifest.json"), manifest);
  files.add(out / "report.html") << analysis::plan_report_html({&sc, &*result, best, manifest});
  files.commit();
  out_dir.keep();

  fmt::print("{} plans of {}, raced on the same runs (seed {}):\n\n", plans,
             model::visible(sc.name.empty() ? options.scenario : sc.name), sc.simulation.seed);
  fmt::print("{}", analysis::race_table(*result));
  fmt::print("\nWrote {} in {}\n", analysis::joined(written), model::visible(out.string()));
  return exit_ok;
}

}  // namespace

void add_plan_command(CLI::App& app, int& status) {
  auto options = std::make_shared<plan_options>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Find the best strategy among the combinations of the scenario's `plan:` levers");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file with a plan section")
      ->required();
  cmd->add_option("--runs-max", options->runs_max,
                  "The most runs any plan gets (default: simulation.runs)")
      ->check(decimal_number);
  add_simulation_options(*cmd, *options, "plan.csv, best.yaml, report.html and manifest.json");
  cmd->callback([options, &status] { status = plan_command(*options); });
}

}  // namespace jssim::app
