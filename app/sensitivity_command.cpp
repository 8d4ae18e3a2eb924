// SPDX-License-Identifier: MIT
// `jssim sensitivity`: which of the scenario's numbers moves the outcome most,
// and how much each guess matters (docs/sensitivity.md).
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
#include "analysis/sensitivity.hpp"
#include "analysis/sensitivity_report.hpp"
#include "analysis/sha256.hpp"
#include "app/budget.hpp"
#include "app/commands.hpp"
#include "app/interrupt.hpp"
#include "app/options.hpp"
#include "app/output_dir.hpp"
#include "app/progress.hpp"
#include "app/warnings.hpp"
#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "model/utf8.hpp"  // visible

namespace jssim::app {
namespace {

struct sensitivity_options : simulation_options {
  std::string scenario;
  std::optional<std::size_t> points;
  std::optional<std::uint64_t> runs;
};

int sensitivity_command(const sensitivity_options& options) {
  const auto started_at = std::chrono::system_clock::now();
  // Read once: the manifest's hash is of the very bytes loaded.
  const std::string scenario_text = input::read_scenario_file(options.scenario);
  const model::scenario sc = input::load_scenario_string(scenario_text, options.scenario);
  print_warnings(sc);
  if (!sc.sensitivity) {
    throw model::input_error(fmt::format(
        "{}: no `sensitivity:` section; add one naming the numbers to vary, such as\n"
        "  sensitivity:\n"
        "    parameters:\n"
        "      - {{path: pipeline.proposals_per_week, low: 4, high: 16}}\n"
        "(docs/sensitivity.md)",
        model::visible(options.scenario)));
  }
  analysis::study_options study;
  study.spec = *sc.sensitivity;
  const std::size_t k = study.spec.parameters.size();
  if (options.points) {
    if (*options.points < k + 3 || *options.points > model::max_sensitivity_points) {
      throw model::input_error(fmt::format(
          "jssim sensitivity: --points: expected {} to {} ({} parameters need at least {}), got {}",
          k + 3, model::max_sensitivity_points, k, k + 3, *options.points));
    }
    study.spec.points = *options.points;
  }
  if (options.runs) {
    if (*options.runs < model::min_sensitivity_runs ||
        *options.runs > model::max_sensitivity_runs) {
      throw model::input_error(fmt::format(
          "jssim sensitivity: --runs: expected {} to {} (a swing's interval needs two runs or "
          "more), got {}",
          model::min_sensitivity_runs, model::max_sensitivity_runs, *options.runs));
    }
    study.spec.runs = *options.runs;
  }
  study.seed = options.seed.value_or(sc.simulation.seed);
  study.threads = options.threads;
  check_sensitivity_budget(sc, study.spec, options.threads);
  const std::uint64_t all_points = 1 + 2 * k + study.spec.points;
  const std::filesystem::path out =
      options.out ? std::filesystem::path(*options.out) : default_out_dir(options.scenario);
  output_dir out_dir("jssim sensitivity", out, "tornado.csv");

  const std::uint64_t total = all_points * study.spec.runs;
  progress_bar bar(total, "runs");
  study.progress = [&bar](std::uint64_t done, std::uint64_t /*total*/) { bar.update(done); };

  const auto started = std::chrono::steady_clock::now();
  std::optional<analysis::study_result> result;
  {
    const interrupt_guard guard;
    study.cancel = guard.flag();
    result = analysis::run_study(sc, study);
  }
  bar.finish();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  if (!result) {
    fmt::print(stderr,
               "jssim sensitivity: interrupted; nothing was written, and the files in {} are as "
               "they were\n",
               model::visible(out.string()));
    return exit_interrupted;
  }

  analysis::output_batch files;
  analysis::write_tornado_csv(files.add(out / "tornado.csv"), *result);
  analysis::write_design_csv(files.add(out / "design.csv"), *result);
  const std::string chart = analysis::tornado_svg(*result, sc.name);
  files.add(out / "tornado.svg") << chart;
  // Its own manifest: one left by an earlier `jssim run` in the same folder
  // would describe other files, another command and maybe another scenario.
  analysis::run_manifest manifest;
  manifest.jssim_version = JSSIM_VERSION;
  manifest.scenario_path = options.scenario;
  manifest.scenario_sha256 = analysis::sha256_hex(scenario_text);
  manifest.seed = study.seed;
  manifest.runs = total;
  manifest.threads = sim::worker_threads(options.threads, study.spec.runs);
  manifest.started = started_at;
  manifest.finished = std::chrono::system_clock::now();
  manifest.command_line = program_arguments;
  manifest.files = {"tornado.csv", "design.csv", "tornado.svg", "report.html"};
  analysis::write_manifest_json(files.add(out / "manifest.json"), manifest);
  files.add(out / "report.html") << analysis::sensitivity_report_html(
      {&sc, &*result, chart, manifest});
  files.commit();
  out_dir.keep();

  fmt::print("{}", analysis::sensitivity_table(*result, sc.name));
  fmt::print("\nWrote {}, design.csv, tornado.svg, report.html and manifest.json ({} points x "
             "{} runs in {:.1f} s)\n",
             model::visible((out / "tornado.csv").string()), all_points, study.spec.runs,
             took.count());
  return exit_ok;
}

}  // namespace

void add_sensitivity_command(CLI::App& app, int& status) {
  auto options = std::make_shared<sensitivity_options>();
  CLI::App* cmd = app.add_subcommand(
      "sensitivity",
      "Which of the scenario's numbers moves the time to recover most (its `sensitivity:` "
      "section)");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file with a sensitivity section")
      ->required();
  cmd->add_option("--points", options->points,
                  "Latin hypercube points (default: sensitivity.points, 64)")
      ->check(decimal_number);
  cmd->add_option("--runs", options->runs, "Runs per point (default: sensitivity.runs, 2000)")
      ->check(decimal_number);
  add_simulation_options(*cmd, *options, "tornado.csv, design.csv, tornado.svg and report.html");
  cmd->callback([options, &status] { status = sensitivity_command(*options); });
}

}  // namespace jssim::app
