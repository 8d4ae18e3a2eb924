// SPDX-License-Identifier: MIT
// `jssim score`: the displayed JSS and why, contract by contract.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>  // std::max
#include <memory>
#include <optional>

#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/warnings.hpp"
#include "model/error.hpp"
#include "model/score.hpp"
#include "model/score_explain.hpp"
#include "input/scenario_loader.hpp"
#include "model/utf8.hpp"

namespace jssim::app {
namespace {

struct score_options {
  std::string scenario;
  std::optional<std::string> at;  ///< ISO date; default: the latest recalculation day
  bool csv = false;
};

std::string window_label(std::size_t w) {
  return fmt::format("{}m", model::window_months.at(w));
}

void print_csv(const model::score_result& s) {
  fmt::print("window,eligible,score\n");
  for (std::size_t w = 0; w < s.windows.size(); ++w) {
    const auto& win = s.windows[w];
    fmt::print("{},{},{}\n", window_label(w), win.eligible,
               win.eligible ? fmt::format("{:.4f}", win.score) : std::string());
  }
  fmt::print("trending,{},{}\n", s.trending_eligible,
             s.trending_eligible ? fmt::format("{:.4f}", s.trending) : std::string());
  fmt::print("displayed,{},{}\n", s.displayed.has_value(),
             s.displayed ? std::to_string(*s.displayed) : std::string());
}

/// Why a contract has its class, in a few words.
std::string reason(const model::contract& c, const model::classification& k, model::date t,
                   const model::rule_set& r) {
  using model::outcome_class;
  if (c.client_flagged) return "client flagged by the marketplace";
  if (c.disputed) return "disputed";
  if (c.end <= t) {
    if (c.has_private() && r.private_rating_counts(c.end)) return fmt::format("private {}/10", c.private_rating);
    if (c.has_stars()) return fmt::format("{:.1f} stars", c.stars);
    return k.cls == outcome_class::positive ? "long-term, no feedback" : "no feedback";
  }
  const model::day_count idle = t - c.last_activity();
  if (k.cls == outcome_class::excluded) return fmt::format("open, idle {} days", idle);
  if (idle >= r.stale_after_days) return fmt::format("open, stale: idle {} days", idle);
  return "open, long-term and active";
}

void print_table(const model::scenario& sc, const std::vector<model::contract>& seen,
                 const std::vector<std::size_t>& ids, const model::score_result& s,
                 bool latest_recalc) {
  const model::rule_set& r = sc.rules;
  fmt::print("{}: scored on {}{} (rules {})\n\n", model::visible(sc.name.empty() ? sc.path : sc.name),
             s.on.to_string(),
             latest_recalc ? fmt::format(", the latest recalculation on or before today ({})",
                                         sc.today.to_string())
                           : std::string(),
             r.name);
  // Ids and clients are padded by their columns in a terminal, at least 22
  // and 10, so that a long or non-Latin one does not push the columns after it.
  std::size_t id_width = 22;
  std::size_t client_width = 10;
  for (const std::size_t i : ids) {
    id_width = std::max(id_width, model::display_width(sc.history[i].id));
    client_width = std::max(client_width, model::display_width(sc.history[i].client));
  }
  fmt::print("{} {} {:<9} {:>6} {:<10}  {:^3} {:^3} {:^3} {:^3}  {}\n",
             model::left_aligned("contract", id_width), model::left_aligned("client", client_width),
             "class", "weight", "reference", "3m", "6m", "12m", "24m", "why");
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const model::contract& c = seen[i];
    const model::history_contract& h = sc.history[ids[i]];
    const model::classification k = model::classify(c, s.on, r);
    const bool counted = k.cls != model::outcome_class::excluded;
    std::string marks;
    for (std::size_t w = 0; w < s.windows.size(); ++w) {
      const bool in = counted && k.reference >= s.windows[w].from && k.reference <= s.on;
      marks += fmt::format(" {:^3}", in ? "x" : ".");
    }
    fmt::print("{} {} {:<9} {:>6.2f} {:<10} {}  {}\n", model::left_aligned(h.id, id_width),
               model::left_aligned(h.client, client_width), model::to_string(k.cls),
               counted ? k.weight : 0.0, k.reference.to_string(), marks, reason(c, k, s.on, r));
  }
  fmt::print("\n{:<10} {:>8} {:>7} {:>7} {:>7} {:>7} {:>9}  {}\n", "window", "outcomes", "clients",
             "P", "U", "N", "score", "eligible");
  for (std::size_t w = 0; w < s.windows.size(); ++w) {
    const auto& win = s.windows[w];
    fmt::print("{:<10} {:>8} {:>7} {:>7.2f} {:>7.2f} {:>7.2f} {:>9.4f}  {}\n",
               fmt::format("{} months", win.months), win.outcomes, win.clients, win.positive,
               win.neutral, win.negative, win.score, win.eligible ? "yes" : "no");
  }
  fmt::print("{:<10} {:>51.4f}  {}\n", "trending", s.trending,
             s.trending_eligible ? "yes" : "no (the 3-month window is not eligible)");
  if (s.displayed) {
    fmt::print("\nDisplayed JSS: {} %\n", *s.displayed);
  } else {
    fmt::print("\nNo score is shown: no window has outcomes from {} clients and {} contracts.\n",
               r.min_clients, r.min_outcomes);
  }
  if (const auto drag = model::biggest_drag(seen, s.on, r)) {
    const model::history_contract& h = sc.history[ids[drag->index]];
    fmt::print("What pulls it down most: {} ({}, {}); without it the score would be {} %.\n",
               h.id, model::to_string(drag->counted_as.cls),
               reason(seen[drag->index], drag->counted_as, s.on, r),
               drag->displayed_without ? std::to_string(*drag->displayed_without) : "none");
  }
  std::size_t hidden = 0;
  for (const auto& h : sc.history) hidden += h.has_unknown() ? 1U : 0U;
  if (hidden > 0) {
    fmt::print("Note: {} contract{} with a rating marked `unknown` {} scored as if that rating "
               "was not given.\n",
               hidden, hidden == 1 ? "" : "s", hidden == 1 ? "is" : "are");
  }
}

int score_command(const score_options& options) {
  const model::scenario sc = input::load_scenario_file(options.scenario);
  print_warnings(sc);
  model::date on = sc.rules.recalc_on_or_before(sc.today);
  if (options.at) {
    const auto at = model::date::parse(*options.at);
    if (!at) {
      throw model::input_error(fmt::format(
          "jssim score: --at: expected a date YYYY-MM-DD that exists, got '{}'",
          model::visible(*options.at)));
    }
    on = *at;
  }
  // Nothing of the future is known here: a later day sees today's history,
  // older, and nothing that may happen before then.
  if (on > sc.today) {
    fmt::print(stderr,
               "jssim score: --at {} is after today ({}): this scores the history as it stands "
               "today, aged to that day, with no new contract, payment or feedback; `jssim run` "
               "simulates what may happen until then\n",
               on.to_string(), sc.today.to_string());
  }
  // The history as it stood on that day: payments spread, later facts undone.
  std::vector<model::contract> seen;
  std::vector<std::size_t> ids;
  for (std::size_t i = 0; i < sc.history.size(); ++i) {
    if (auto c = model::as_of(sc.history[i].to_contract(), on)) {
      seen.push_back(*c);
      ids.push_back(i);
    }
  }
  const model::score_result s = model::score(seen, on, sc.rules);
  if (options.csv) {
    print_csv(s);
  } else {
    print_table(sc, seen, ids, s, !options.at.has_value());
  }
  return exit_ok;
}

}  // namespace

void add_score_command(CLI::App& app, int& status) {
  auto options = std::make_shared<score_options>();
  CLI::App* cmd =
      app.add_subcommand("score", "Score the history: what the profile shows, contract by contract");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  cmd->add_option("--at", options->at,
                  "Score this exact day (YYYY-MM-DD) instead of the latest recalculation day on "
                  "or before today");
  cmd->add_flag("--csv", options->csv, "Print window,eligible,score as CSV");
  cmd->callback([options, &status] { status = score_command(*options); });
}

}  // namespace jssim::app
