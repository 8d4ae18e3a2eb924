// SPDX-License-Identifier: MIT
// `jssim run`: every strategy replayed on the same luck, compared.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>      // std::thread::hardware_concurrency
#include <vector>

#include "analysis/atomic_file.hpp"
#include "analysis/charts.hpp"
#include "analysis/compare.hpp"
#include "analysis/html_report.hpp"
#include "analysis/manifest.hpp"
#include "analysis/precision.hpp"
#include "analysis/report.hpp"
#include "analysis/runs.hpp"
#include "analysis/sha256.hpp"
#include "analysis/summary.hpp"
#include "analysis/totals.hpp"
#include "app/budget.hpp"
#include "app/commands.hpp"
#include "app/explain.hpp"
#include "app/interrupt.hpp"
#include "app/options.hpp"
#include "app/output_dir.hpp"
#include "app/progress.hpp"
#include "app/warnings.hpp"
#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"
#include "model/utf8.hpp"  // visible

namespace jssim::app {
namespace {

struct run_options : simulation_options {
  std::string scenario;
  std::optional<std::uint64_t> runs;
  /// --precision E: runs in growing batches until every reported probability
  /// has a 95 % half-width below E, at most `max_runs_cap` runs.
  std::optional<double> precision;
  std::uint64_t max_runs_cap = 1'000'000;
  bool all_pairs = false;
  bool per_run = false;
};

/// What the charts need to know of the scenario.
analysis::chart_context chart_context_of(const model::scenario& sc, const sim::run_plan& plan) {
  analysis::chart_context c;
  c.title = sc.name.empty() ? sc.path : sc.name;
  c.today = sc.today;
  c.horizon = sc.horizon();
  c.target_jss = plan.target_jss();
  c.top_rated = sc.simulation.target.top_rated;
  for (const auto& s : sc.strategies) c.strategies.push_back(s.name);
  return c;
}

int run_command(const run_options& options) {
  const auto started = std::chrono::system_clock::now();
  // Read once: the manifest's hash is of the very bytes loaded.
  const std::string scenario_text = input::read_scenario_file(options.scenario);
  model::scenario sc = input::load_scenario_string(scenario_text, options.scenario);
  if (options.runs) {
    if (*options.runs < 1 || *options.runs > max_runs) {
      throw model::input_error(
          fmt::format("jssim run: --runs: expected 1 to {}, got {}", max_runs, *options.runs));
    }
    sc.simulation.runs = *options.runs;
  }
  if (options.precision && !(*options.precision > 0.0 && *options.precision <= 0.5)) {
    throw model::input_error(fmt::format(
        "jssim run: --precision: expected a half-width above 0 and at most 0.5, got {}",
        *options.precision));
  }
  if (options.max_runs_cap < 1 || options.max_runs_cap > max_runs) {
    throw model::input_error(fmt::format("jssim run: --max-runs: expected 1 to {}, got {}",
                                         max_runs, options.max_runs_cap));
  }
  if (options.seed) sc.simulation.seed = *options.seed;
  const std::filesystem::path out =
      options.out ? std::filesystem::path(*options.out) : default_out_dir(options.scenario);
  const std::string scenario_sha256 = analysis::sha256_hex(scenario_text);

  const sim::run_plan plan(sc);
  print_warnings(sc);
  check_run_budget(sc, plan,
                   {.runs = options.precision ? options.max_runs_cap : sc.simulation.runs,
                    .threads = options.threads,
                    .precision = options.precision.has_value(),
                    .all_pairs = options.all_pairs,
                    .per_run = options.per_run});
  output_dir out_dir("jssim run", out, "summary.csv");
  analysis::totals totals(plan, {.all_pairs = options.all_pairs, .keep_runs = options.per_run});
  sim::mc_options mc;
  mc.threads = options.threads;
  std::atomic<std::uint64_t> hidden_draws{0};
  mc.hidden_draws = &hidden_draws;
  // Runs first .. first + count - 1 into the totals, with a progress bar.
  auto play = [&](std::uint64_t first, std::uint64_t count) {
    progress_bar bar(first + count, "runs");
    mc.progress = [&bar, first](std::uint64_t done) { bar.update(first + done); };
    const bool finished = sim::simulate(plan, first, count, mc, totals);
    mc.progress = nullptr;
    bar.finish();
    return finished;
  };
  const analysis::precision_options precision{
      .half_width = options.precision.value_or(0.01), .max_runs = options.max_runs_cap};

  std::optional<analysis::precision_outcome> precise;
  bool finished = false;
  {
    const interrupt_guard guard;
    mc.cancel = guard.flag();
    if (options.precision) {
      precise = analysis::run_until_precise(totals, precision, play);
      finished = precise.has_value();
    } else {
      finished = play(0, sc.simulation.runs);
    }
  }
  if (!finished) {
    fmt::print(stderr, "jssim run: interrupted; nothing was written, and the files in {} are "
                       "as they were\n", model::visible(out.string()));
    return exit_interrupted;
  }

  const auto summary = analysis::summarize(totals);
  const auto curve = analysis::recovery_curve(totals);
  const auto comparisons = analysis::compare_strategies(totals);
  const analysis::chart_context chart = chart_context_of(sc, plan);
  analysis::output_batch files;
  std::vector<std::string> written;
  auto add = [&](const char* name) -> std::ostream& {
    written.emplace_back(name);
    return files.add(out / name);
  };
  analysis::write_summary_csv(add("summary.csv"), summary);
  analysis::write_curve_csv(add("curve.csv"), curve);
  analysis::write_compare_csv(add("compare.csv"), comparisons);
  if (options.per_run) analysis::write_runs_csv(add("runs.csv"), totals);
  const std::string recovery_chart = analysis::recovery_svg(chart, curve);
  const std::string jss_chart = analysis::jss_svg(chart, curve);
  add("recovery.svg") << recovery_chart;
  add("jss.svg") << jss_chart;
  std::ostream& report_html = add("report.html");

  analysis::run_manifest manifest;
  manifest.jssim_version = JSSIM_VERSION;
  manifest.scenario_path = options.scenario;
  manifest.scenario_sha256 = scenario_sha256;
  manifest.seed = sc.simulation.seed;
  manifest.runs = totals.runs();
  manifest.threads = sim::worker_threads(options.threads, totals.runs());
  manifest.started = started;
  manifest.finished = std::chrono::system_clock::now();
  manifest.command_line = program_arguments;
  if (precise) {
    manifest.precision = analysis::manifest_precision{
        precision.half_width, precision.max_runs, precise->reached,
        precise->widest ? precise->widest->name : std::string(),
        precise->widest ? precise->widest->half_width() : 0.0};
  }
  // The page lists manifest.json too, written after it.
  manifest.files = written;
  manifest.files.emplace_back("manifest.json");
  std::vector<std::string> notes;
  const std::string hidden_note = hidden_ratings_note(plan, totals.runs(), hidden_draws.load());
  if (!hidden_note.empty()) notes.push_back(hidden_note);
  if (precise) notes.push_back(analysis::describe_precision(*precise, precision));
  analysis::chart_context phone = chart;
  phone.width = 420;
  report_html << analysis::run_report_html({&sc, summary, curve, comparisons, recovery_chart,
                                            jss_chart, analysis::recovery_svg(phone, curve),
                                            analysis::jss_svg(phone, curve), notes, manifest});
  manifest.files = written;
  analysis::write_manifest_json(add("manifest.json"), manifest);
  files.commit();
  out_dir.keep();
  // A runs.csv of an earlier --per-run would sit beside files of other runs:
  // the set is replaced whole. After the commit, which must not lose it when
  // it fails; a removal that fails is said.
  bool stale_runs = false;
  if (std::error_code error;
      !options.per_run && std::filesystem::is_regular_file(out / "runs.csv", error)) {
    stale_runs = std::filesystem::remove(out / "runs.csv", error);
    if (error) {
      fmt::print(stderr, "jssim run: the runs.csv of an earlier run stays in {}: {}\n",
                 model::visible(out.string()), error.message());
    }
  }

  fmt::print("{}", analysis::comparison_table(sc, summary));
  if (!hidden_note.empty()) fmt::print("{}\n", hidden_note);
  if (!comparisons.empty()) {
    fmt::print("\nRun by run, on the same futures:\n");
    for (const auto& row : comparisons) fmt::print("  {}\n", analysis::describe_comparison(row));
  }
  if (precise) fmt::print("\n{}\n", analysis::describe_precision(*precise, precision));
  fmt::print("\nWrote {} in {}{}\n", analysis::joined(written), model::visible(out.string()),
             stale_runs ? ", and removed the runs.csv of an earlier run (without --per-run)"
                        : "");
  return exit_ok;
}

}  // namespace

void add_run_command(CLI::App& app, int& status) {
  auto options = std::make_shared<run_options>();
  CLI::App* cmd =
      app.add_subcommand("run", "Replay the future many times for every strategy and compare them");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  CLI::Option* runs =
      cmd->add_option("--runs", options->runs, "Runs per strategy (default: simulation.runs)");
  runs->check(decimal_number);
  add_simulation_options(*cmd, *options, "the CSV files, the charts, report.html and manifest.json");
  CLI::Option* precision = cmd->add_option(
      "--precision", options->precision,
      "Run in growing batches (1000, 2000, 4000, ...) until every reported probability has a "
      "95% half-width below this, e.g. 0.005");
  precision->excludes(runs);
  cmd->add_option("--max-runs", options->max_runs_cap,
                  "With --precision, never more runs than this (default: 1000000)")
      ->check(decimal_number)
      ->needs(precision);
  cmd->add_flag("--all-pairs", options->all_pairs,
                "Compare every two strategies in compare.csv, not only each with the first");
  cmd->add_flag("--per-run", options->per_run,
                "Also write runs.csv: every run of every strategy, one line each");
  cmd->callback([options, &status] { status = run_command(*options); });
}

}  // namespace jssim::app
