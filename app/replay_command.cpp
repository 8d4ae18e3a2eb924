// SPDX-License-Identifier: MIT
// `jssim replay`: the story of one run of one strategy, event by event, with
// every recalculation's windows, to see why a run recovers or does not.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdint>  // std::uint64_t
#include <memory>
#include <optional>
#include <sstream>  // std::ostringstream: the CSV writer writes to a stream
#include <string>
#include <string_view>
#include <vector>

#include "analysis/csv.hpp"
#include "app/budget.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "app/warnings.hpp"
#include "model/detail/suggest.hpp"
#include "model/error.hpp"
#include "input/scenario_loader.hpp"
#include "model/score.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"
#include "model/utf8.hpp"  // visible

namespace jssim::app {
namespace {

struct replay_options {
  std::string scenario;
  std::string strategy;
  std::uint64_t run = 0;
  bool csv = false;
  std::optional<std::uint64_t> seed;
};

/// `42.86`, or `(42.86)` when the window is not eligible.
std::string window_text(double score, bool eligible) {
  return eligible ? fmt::format("{:.2f}", score) : fmt::format("({:.2f})", score);
}

std::string jss_text(const std::optional<int>& jss) {
  return jss ? std::to_string(*jss) : std::string("none");
}

/// The story of a run, kept until the run ends: the day it recovers is known
/// only then (a Top Rated target recovers on a Saturday between
/// recalculations), and both outputs mark it.
class story final : public sim::trace_sink {
 public:
  struct entry {
    model::date on;
    std::string kind;  ///< empty for a recalculation
    std::string detail;
    model::score_result score;
  };

  void event(model::date on, std::string_view kind, const std::string& detail) override {
    entries_.push_back({on, std::string(kind), detail, {}});
  }
  void recalculation(const model::score_result& s, bool /*recovered*/) override {
    entries_.push_back({s.on, {}, {}, s});
  }

  [[nodiscard]] const std::vector<entry>& entries() const { return entries_; }

 private:
  std::vector<entry> entries_;
};

std::size_t find_strategy(const model::scenario& sc, const std::string& name) {
  if (auto index = sc.strategy_index(name)) return *index;
  std::vector<std::string> names;
  for (const auto& s : sc.strategies) names.push_back(s.name);
  std::string hint = model::detail::did_you_mean(name, names);
  if (hint.empty()) hint = "; the strategies are " + model::detail::one_of(names);
  throw model::input_error(fmt::format("jssim replay: --strategy: no strategy named `{}` in {}{}",
                                       model::visible(name), model::visible(sc.path), hint));
}

/// The day run `out` recovered: today for slot 0, nothing when censored.
std::optional<model::date> recovery_date(const model::scenario& sc, const sim::run_plan& plan,
                                         const sim::run_result& out) {
  if (out.recovery_slot == 0) return sc.today;
  if (out.recovery_slot >= plan.censored_slot()) return std::nullopt;
  return plan.recovery_days()[out.recovery_slot - 1];
}

void print_csv(const model::scenario& sc, const story& st,
               const std::optional<model::date>& recovered_on) {
  std::ostringstream text;
  analysis::csv_writer csv(text);
  csv.write_row({"date", "days", "jss", "recovered", "s_3m", "s_6m", "s_12m", "s_24m", "trending"});
  for (const auto& e : st.entries()) {
    if (!e.kind.empty()) continue;
    const model::score_result& s = e.score;
    csv.field(s.on.to_string())
        .field(analysis::format_int(s.on - sc.today))
        .field(analysis::format_optional_int(s.displayed))
        .field(recovered_on && s.on >= *recovered_on ? "true" : "false");
    for (const auto& w : s.windows) {
      csv.field(w.eligible ? analysis::format_fixed(w.score, 4) : std::string());
    }
    csv.field(s.trending_eligible ? analysis::format_fixed(s.trending, 4) : std::string());
    csv.end_row();
  }
  fmt::print("{}", text.str());
}

void print_text(const model::scenario& sc, const sim::run_plan& plan, std::size_t strategy,
                std::uint64_t run, const sim::world& w, const story& st,
                const sim::run_result& out, const std::optional<model::date>& recovered_on) {
  fmt::print("jssim replay of {}\n", model::visible(sc.path));
  fmt::print("  freelancer  {}, today {}\n", model::visible(sc.name), sc.today.to_string());
  fmt::print("  strategy    {}\n", sc.strategies[strategy].name);
  fmt::print("  run         {} (seed {})\n", run, sc.simulation.seed);
  fmt::print("  start JSS   {} (target {}, horizon {}, {} recalculations)\n",
             jss_text(w.start_jss),
             plan.top_rated() != nullptr
                 ? fmt::format("Top Rated, with a JSS of {} or more", plan.target_jss())
                 : fmt::format("{}", plan.target_jss()),
             sc.horizon().to_string(), plan.recalc_count());
  fmt::print("  == marks a recalculation; a window score in parentheses is not eligible\n\n");

  // The recovery line goes after everything that happened on its day.
  bool marked = out.recovery_slot == 0 || !recovered_on;
  const auto mark = [&] {
    fmt::print("{}  >> recovered: the target is met, {} days after today\n",
               recovered_on->to_string(), *recovered_on - sc.today);
    marked = true;
  };
  for (const auto& e : st.entries()) {
    if (!marked && e.on > *recovered_on) mark();
    if (!e.kind.empty()) {
      fmt::print("{}  {:<9} {}\n", e.on.to_string(), e.kind, e.detail);
      continue;
    }
    const model::score_result& s = e.score;
    std::string windows;
    for (const auto& win : s.windows) {
      windows += fmt::format("  {}m {}", win.months, window_text(win.score, win.eligible));
    }
    fmt::print("{}  == JSS {:<5}{}  trending {}\n", s.on.to_string(), jss_text(s.displayed),
               windows, window_text(s.trending, s.trending_eligible));
  }
  if (!marked) mark();

  const sim::jss_value final_jss = out.final_jss();
  fmt::print("\n");
  if (out.recovery_slot == 0) {
    fmt::print("Recovered on {} after 0 days: the start already meets the target.\n",
               sc.today.to_string());
  } else if (recovered_on) {
    fmt::print("Recovered on {} after {} days.\n", recovered_on->to_string(),
               plan.slot_days(out.recovery_slot));
  } else {
    fmt::print("Not recovered within the horizon ({}).\n", sc.horizon().to_string());
  }
  fmt::print("Final JSS {}; {} jobs won, ${:.2f} earned.\n",
             final_jss == sim::no_score ? std::string("none") : std::to_string(final_jss),
             out.jobs_won, out.earned_usd);
}

int replay_command(const replay_options& options) {
  model::scenario sc = input::load_scenario_file(options.scenario);
  print_warnings(sc);
  if (options.seed) sc.simulation.seed = *options.seed;
  const std::size_t strategy = find_strategy(sc, options.strategy);
  const std::uint64_t run = options.run;

  // The same plan, world and runner as `jssim run`: the plan holds every
  // strategy, since the offers of the shared world are drawn at the largest
  // rate any of them uses.
  const sim::run_plan plan(sc);
  check_budget("jssim replay", sc, {1, 1, 1}, "a shorter simulation.horizon_months");
  sim::world w;
  sim::world_builder(plan).build(run, w);
  sim::runner runner(plan);
  sim::run_result out;

  story st;
  runner.play(w, strategy, out, &st);
  const auto recovered_on = recovery_date(sc, plan, out);
  if (options.csv) {
    print_csv(sc, st, recovered_on);
  } else {
    print_text(sc, plan, strategy, run, w, st, out, recovered_on);
  }
  return exit_ok;
}

}  // namespace

void add_replay_command(CLI::App& app, int& status) {
  auto options = std::make_shared<replay_options>();
  CLI::App* cmd = app.add_subcommand(
      "replay", "Tell the story of one run of one strategy: every event and recalculation");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  cmd->add_option("--strategy", options->strategy, "The strategy's name")->required();
  cmd->add_option("--run", options->run,
                  "The run's index, 0 or more (the run of that index in `jssim run`)")
      ->required()
      ->check(decimal_number);
  cmd->add_flag("--csv", options->csv,
                "Print one CSV row per recalculation day: date,days,jss,recovered and the "
                "window scores");
  cmd->add_option("--seed", options->seed, "Random seed (default: simulation.seed)")
      ->check(decimal_number);
  cmd->callback([options, &status] { status = replay_command(*options); });
}

}  // namespace jssim::app
