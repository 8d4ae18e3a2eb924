// SPDX-License-Identifier: MIT
// `jssim run`: every strategy replayed on the same luck, compared.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <csignal>     // std::signal, SIGINT
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "analysis/atomic_file.hpp"
#include "analysis/report.hpp"
#include "analysis/summary.hpp"
#include "analysis/totals.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

namespace jssim::app {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int /*signal*/) { interrupted.store(true); }

struct run_options {
  std::string scenario;
  std::optional<std::uint64_t> runs;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  ///< 0: one per core
  std::optional<std::string> out;
};

/// out/<scenario file name without extension>/
std::filesystem::path default_out_dir(const std::string& scenario_path) {
  return std::filesystem::path("out") / std::filesystem::path(scenario_path).stem();
}

int run_command(const run_options& options) {
  model::scenario sc = model::load_scenario_file(options.scenario);
  if (options.runs) {
    if (*options.runs < 1 || *options.runs > max_runs) {
      throw model::input_error(
          fmt::format("jssim run: --runs: expected 1 to {}, got {}", max_runs, *options.runs));
    }
    sc.simulation.runs = *options.runs;
  }
  if (options.seed) sc.simulation.seed = *options.seed;
  const std::filesystem::path out =
      options.out ? std::filesystem::path(*options.out) : default_out_dir(options.scenario);

  const sim::run_plan plan(sc);
  analysis::totals totals(plan, {});
  progress_bar bar(sc.simulation.runs, "runs");
  sim::mc_options mc;
  mc.threads = options.threads;
  mc.cancel = &interrupted;
  mc.progress = [&bar](std::uint64_t done) { bar.update(done); };

  interrupted.store(false);
  const auto previous = std::signal(SIGINT, on_interrupt);
  const bool finished = sim::simulate(plan, 0, sc.simulation.runs, mc, totals);
  std::signal(SIGINT, previous);
  bar.finish();
  if (!finished) {
    fmt::print(stderr, "jssim run: interrupted; nothing was written, and the files in {} are "
                       "as they were\n", out.string());
    return exit_interrupted;
  }

  const auto summary = analysis::summarize(totals);
  const auto curve = analysis::recovery_curve(totals);
  analysis::output_batch files;
  analysis::write_summary_csv(files.add(out / "summary.csv"), summary);
  analysis::write_curve_csv(files.add(out / "curve.csv"), curve);
  files.commit();

  fmt::print("{}", analysis::comparison_table(sc, summary));
  fmt::print("\nWrote {} and {}\n", (out / "summary.csv").string(), (out / "curve.csv").string());
  return exit_ok;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto options = std::make_shared<run_options>();
  CLI::App* cmd =
      app.add_subcommand("run", "Replay the future many times for every strategy and compare them");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  cmd->add_option("--runs", options->runs, "Runs per strategy (default: simulation.runs)");
  cmd->add_option("--seed", options->seed, "Random seed (default: simulation.seed)");
  cmd->add_option("--threads", options->threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(0U, 1024U));
  cmd->add_option("--out", options->out,
                  "Output folder for summary.csv and curve.csv (default: out/<scenario>/)");
  cmd->callback([options, &status] { status = run_command(*options); });
}

}  // namespace jssim::app
