// SPDX-License-Identifier: MIT
// `jssim explain`: what the hidden ratings probably are, given the score the
// profile shows (MODEL.md section 10).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>  // std::max, std::sort, std::stable_sort
#include <cmath>      // std::abs
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/explain.hpp"
#include "app/options.hpp"
#include "app/warnings.hpp"
#include "model/completion_search.hpp"
#include "model/error.hpp"
#include "model/inference.hpp"
#include "input/scenario_loader.hpp"
#include "model/score.hpp"
#include "model/utf8.hpp"
#include "sim/plan.hpp"
#include "sim/world.hpp"

namespace jssim::app {
namespace {

struct explain_options {
  std::string scenario;
  bool csv = false;
  std::optional<std::uint64_t> runs;
  std::size_t histories = 20;
  int decimals = 6;  ///< of the CSV's probabilities
};

/// The completions behind the report and how they were found.
struct weighed {
  std::vector<model::weighed_completion> completions;
  bool exact = true;
  std::uint64_t draws = 0;  ///< rejection sampling: the draws the runs tried
  std::uint64_t runs = 0;
};

/// Too many completions to weigh one by one: the distribution of the runs'
/// own draws (sim::draw_hidden), the very histories `jssim run` starts from.
weighed sample_runs(const sim::run_plan& plan, std::uint64_t runs) {
  const sim::hidden_start& hidden = *plan.hidden();
  std::map<model::completion_choice, std::pair<std::uint64_t, std::optional<int>>> seen;
  weighed out;
  out.exact = false;
  out.runs = runs;
  for (std::uint64_t run = 0; run < runs; ++run) {
    sim::hidden_draw d = sim::draw_hidden(plan, run);
    out.draws += d.draws;
    auto& entry = seen[d.choice];
    ++entry.first;
    entry.second = d.start_jss;
  }
  for (const auto& [choice, entry] : seen) {
    out.completions.push_back(model::weighed_completion{
        choice, hidden.ratings.prior(choice),
        static_cast<double>(entry.first) / static_cast<double>(runs), entry.second});
  }
  return out;
}

/// 10, 4.5: the value as the scenario writes it.
std::string value_text(double value) { return fmt::format("{}", value); }

std::string field_label(const sim::hidden_start& hidden, const model::scenario& sc,
                        const model::field_marginal& m) {
  const std::string& id = sc.history[m.contract].id;
  for (const auto& u : hidden.ratings.unknowns()) {
    if (u.contract == m.contract && u.stars && u.private_rating) {
      return fmt::format("{} {}", id, model::to_string(m.field));
    }
  }
  return id;
}

/// The prior probability of value `x` of field `m`.
double prior_of(const sim::hidden_start& hidden, const model::field_marginal& m, double x) {
  double p = 0;
  for (const auto& u : hidden.ratings.unknowns()) {
    if (u.contract != m.contract) continue;
    for (const auto& v : u.values) {
      const double vx = m.field == model::hidden_field::stars ? v.stars
                                                               : static_cast<double>(v.private_rating);
      if (vx == x) p += v.prior;
    }
  }
  return p;
}

void print_csv(const model::scenario& sc, const std::vector<model::field_marginal>& fields,
               int decimals) {
  fmt::print("contract,field,value,probability\n");
  for (const auto& m : fields) {
    for (const auto& [value, p] : m.values) {
      if (!(p > 0)) continue;
      // Ids are validated plain names, but a CSV field is quoted when it
      // needs it (RFC 4180).
      std::string id = sc.history[m.contract].id;
      if (id.find_first_of(",\"\r\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : id) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        id = quoted + "\"";
      }
      fmt::print("{},{},{},{:.{}f}\n", id, model::to_string(m.field), value_text(value), p,
                 decimals);
    }
  }
}

void print_report(const model::scenario& sc, const sim::run_plan& plan, const weighed& w,
                  const std::vector<model::field_marginal>& fields, std::size_t max_histories) {
  const sim::hidden_start& hidden = *plan.hidden();
  const std::size_t contracts = hidden.ratings.unknowns().size();
  const std::size_t n = hidden.ratings.field_count();
  fmt::print("{}: {} hidden rating{} on {} contract{}, scored on {} (the latest recalculation on "
             "or before today, {}).\n",
             model::visible(sc.name.empty() ? sc.path : sc.name), n, n == 1 ? "" : "s", contracts,
             contracts == 1 ? "" : "s", hidden.ratings.shown_on().to_string(),
             sc.today.to_string());
  // With a timeline: "and showed 71 % on 2026-10-25 (observed.timeline)".
  std::string earlier;
  std::size_t past = 0;
  for (const auto& o : hidden.conditions) {
    if (o.today) continue;
    earlier += (past == 0 ? "" : ", ") + model::observation_text(o);
    ++past;
  }
  const bool timeline = past > 0;
  const std::string shows =
      sc.observed_jss
          ? fmt::format("The profile shows {} % (observed.jss){}", *sc.observed_jss,
                        timeline ? fmt::format(" and showed {} (observed.timeline)", earlier)
                                 : std::string())
          : std::string();
  const char* it = timeline ? "them all" : "it";
  if (sc.observed_jss && w.exact) {
    fmt::print("{}: {} of the {} combinations of the hidden ratings give {};\na draw from the "
               "priors gives {} with probability {:.6f}.\n",
               shows, w.completions.size(), model::count_text(hidden.exact->combinations), it, it,
               hidden.exact->evidence);
  } else if (sc.observed_jss && hidden.search) {
    fmt::print("{}: {} of the {} combinations of the hidden ratings give {}, found by a search "
               "that merges\nthe combinations with the same window sums ({} states); a draw "
               "from the priors gives {} with probability {:.6g}.\nEach rating's probability "
               "is exact; the histories listed are the draws of {} runs.\n",
               shows, model::count_text(hidden.search->explaining()),
               model::count_text(hidden.ratings.combinations()), it, hidden.search->states(), it,
               hidden.search->evidence(), w.runs);
  } else if (sc.observed_jss) {
    fmt::print("{}. The {} combinations of the hidden ratings are too many to weigh\none by one: "
               "this is estimated from the draws of {} runs ({} of {} draws from the priors gave "
               "{}).\n",
               shows, model::count_text(hidden.ratings.combinations()), w.runs, w.runs, w.draws,
               timeline ? std::string("them all") : fmt::format("{} %", *sc.observed_jss));
  } else {
    fmt::print("No observed.jss: the runs draw the hidden ratings from their priors{}.\n",
               w.exact ? "" : fmt::format(" (estimated from {} runs)", w.runs));
  }

  fmt::print("\nEach hidden rating{}:\n",
             !sc.observed_jss ? std::string()
             : timeline       ? std::string(", given every observation")
                              : fmt::format(", given {} %", *sc.observed_jss));
  std::size_t label_width = 8;
  for (const auto& m : fields) {
    label_width = std::max(label_width, model::display_width(field_label(hidden, sc, m)));
  }
  fmt::print("  {}  {:<7}  {:>5}  {:>11}  {:>8}\n", model::left_aligned("contract", label_width),
             "field", "value", "probability", "prior");
  for (const auto& m : fields) {
    bool first = true;
    for (const auto& [value, p] : m.values) {
      fmt::print("  {}  {:<7}  {:>5}  {:>11.6f}  {:>8.6f}\n",
                 model::left_aligned(first ? field_label(hidden, sc, m) : std::string(),
                                     label_width),
                 first ? std::string(model::to_string(m.field)) : std::string(), value_text(value),
                 p, prior_of(hidden, m, value));
      first = false;
    }
  }

  std::vector<model::weighed_completion> sorted = w.completions;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.probability > b.probability;
  });
  const std::size_t shown = std::min(sorted.size(), max_histories);
  std::string which;
  if (sc.observed_jss) which = sorted.size() == 1 ? " that explains it" : " that explain it";
  if (shown == sorted.size()) {
    fmt::print("\nThe {} histor{}{}:\n", shown, shown == 1 ? "y" : "ies", which);
  } else {
    fmt::print("\nThe {} most likely of the {} histories{}:\n", shown, sorted.size(), which);
  }
  std::vector<std::string> labels;
  std::vector<std::size_t> widths;
  for (const auto& u : hidden.ratings.unknowns()) {
    const std::string& id = sc.history[u.contract].id;
    if (u.stars) labels.push_back(u.private_rating ? id + " stars" : id);
    if (u.private_rating) labels.push_back(u.stars ? id + " private" : id);
  }
  std::string header = fmt::format("  {:>11}  {:>9}", "probability", "shows");
  for (const auto& l : labels) {
    widths.push_back(std::max<std::size_t>(model::display_width(l), 3));
    header += "  " + model::right_aligned(l, widths.back());
  }
  fmt::print("{}\n", header);
  double rest = 1;
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& c = sorted[i];
    std::string line = fmt::format("  {:>11.6f}  {:>9}", c.probability,
                                   c.start_jss ? fmt::format("{} %", *c.start_jss) : "no score");
    std::size_t col = 0;
    for (std::size_t k = 0; k < c.choice.size(); ++k) {
      const auto& u = hidden.ratings.unknowns()[k];
      const auto& v = u.values[c.choice[k]];
      if (u.stars) line += fmt::format("  {:>{}}", value_text(v.stars), widths[col++]);
      if (u.private_rating) {
        line += fmt::format("  {:>{}}", v.private_rating, widths[col++]);
      }
    }
    fmt::print("{}\n", line);
    rest -= c.probability;
  }
  if (shown < sorted.size()) {
    fmt::print("  ... and {} more, together {:.6f}\n", sorted.size() - shown, std::max(rest, 0.0));
  }
}

// About a million scorings of a history a second on one core: 1e9 is a
// quarter of an hour.
constexpr double max_explain_scorings = 1e9;

/// Refuses, before any long work, an explanation that would take hours: the
/// scorings of enumeration (each combination on each observed day, for the
/// posterior after each observation: n (n + 1) / 2 days for n observations,
/// and once more for the posterior itself). Before the plan, which
/// enumerates too.
void check_enumeration_budget(const model::hidden_ratings& hidden) {
  if (hidden.empty() || hidden.combinations() > model::max_enumerated_completions) return;
  const std::size_t observations = hidden.observations().size();
  const auto n = static_cast<double>(observations);
  const auto combinations = static_cast<double>(hidden.combinations());
  const double scorings = combinations * (n * (n + 1) / 2 + std::max(n, 1.0));
  if (scorings > max_explain_scorings) {
    throw model::input_error(fmt::format(
        "jssim explain: {} combinations x ({} observations x {} / 2 + {}) = {:.2g} scorings of "
        "the history, more than the {:.0g} a command may take (that is hours of computing); "
        "give fewer observations in observed.timeline or fewer ratings as `unknown`",
        hidden.combinations(), observations, observations + 1, observations, scorings,
        max_explain_scorings));
  }
}

/// The same for the runs' draws by rejection: runs x the draws a run needs,
/// as the plan's pilot measured, x the observed days.
void check_explain_budget(const sim::run_plan& plan, std::uint64_t runs) {
  const sim::hidden_start& hidden = *plan.hidden();
  const auto n = static_cast<double>(hidden.conditions.size());
  if (hidden.exact || hidden.search || hidden.pilot_accepted == 0) return;
  const double per_run =
      static_cast<double>(hidden.pilot_draws) / static_cast<double>(hidden.pilot_accepted);
  const double scorings = static_cast<double>(runs) * per_run * std::max(n, 1.0);
  if (scorings > max_explain_scorings) {
    throw model::input_error(fmt::format(
        "jssim explain: {} runs x {:.3g} draws a run ({} of {} draws from the priors gave the "
        "observations) x {} observed days = {:.2g} scorings of the history, more than the {:.0g} "
        "a command may take (that is hours of computing); use fewer --runs",
        runs, per_run, hidden.pilot_accepted, hidden.pilot_draws, std::max(n, 1.0), scorings,
        max_explain_scorings));
  }
}

/// How each observation, oldest first, narrowed the completions, and whose
/// blame (the probability that its hidden rating is other than positive) it
/// moved most.
void print_narrowing(const model::scenario& sc, const sim::run_plan& plan) {
  const sim::hidden_start& hidden = *plan.hidden();
  const auto steps = model::narrowing(hidden.ratings, sc.observed_jss, sc);
  if (steps.empty()) {
    fmt::print("\nThe combinations are too many to follow observation by observation.\n");
    return;
  }
  fmt::print("\nEach observation, oldest first: the combinations that give it and those before "
             "it, and the contract\nwhose blame (the probability that its hidden rating is not "
             "positive) it moved most:\n");
  std::vector<std::string> labels{"the priors alone"};
  for (const auto& o : hidden.conditions) {
    labels.push_back(fmt::format("{} ({})", model::observation_text(o), model::observation_name(o)));
  }
  std::size_t width = 0;
  for (const auto& l : labels) width = std::max(width, model::display_width(l));
  for (std::size_t j = 0; j < steps.size(); ++j) {
    const auto& step = steps[j];
    std::string line = fmt::format("  {}  {:>12} combination{}  (prior probability {:.6f})",
                                   model::left_aligned(labels[j], width),
                                   model::count_text(step.remaining),
                                   step.remaining == 1 ? " " : "s", step.evidence);
    if (j > 0) {
      std::size_t most = 0;
      double moved = -1;
      for (std::size_t k = 0; k < step.blame.size(); ++k) {
        const double d = std::abs(step.blame[k] - steps[j - 1].blame[k]);
        if (d > moved + 1e-12) {  // ties: the first contract
          moved = d;
          most = k;
        }
      }
      if (moved > 1e-12) {
        line += fmt::format("  {}: {:.6f} -> {:.6f}",
                            sc.history[hidden.ratings.unknowns()[most].contract].id,
                            steps[j - 1].blame[most], step.blame[most]);
      } else {
        line += "  no blame moved";
      }
    }
    fmt::print("{}\n", line);
  }
}

int explain_command(const explain_options& options) {
  model::scenario sc = input::load_scenario_file(options.scenario);
  print_warnings(sc);
  if (options.runs) {
    if (*options.runs < 1 || *options.runs > max_runs) {
      throw model::input_error(
          fmt::format("jssim explain: --runs: expected 1 to {}, got {}", max_runs, *options.runs));
    }
    sc.simulation.runs = *options.runs;
  }
  check_enumeration_budget(model::hidden_ratings(sc));
  // The plan weighs the hidden ratings as `jssim run` does, and stops with
  // the same error when nothing explains the observed score.
  const sim::run_plan plan(sc);
  const sim::hidden_start* hidden = plan.hidden();
  if (hidden == nullptr) {
    if (options.csv) {
      fmt::print("contract,field,value,probability\n");
      return exit_ok;
    }
    const auto shown = model::score_as_of(sc.history_contracts(),
                                          sc.rules.recalc_on_or_before(sc.today), sc.rules)
                           .displayed;
    fmt::print("{}: no rating of the history is `unknown`; it shows {} today{}.\n",
               model::visible(sc.name.empty() ? sc.path : sc.name),
               shown ? fmt::format("{} %", *shown) : std::string("no score"),
               sc.observed_jss ? ", as observed.jss says" : "");
    return exit_ok;
  }
  check_explain_budget(plan, sc.simulation.runs);
  weighed w;
  if (hidden->exact) {
    w.completions = hidden->exact->explaining;
  } else {
    w = sample_runs(plan, sc.simulation.runs);
  }
  // With a searched posterior each rating's distribution is exact; only the
  // list of histories comes from the runs' draws.
  const auto fields = hidden->search ? model::marginals(hidden->ratings, hidden->search->marginals())
                                     : model::marginals(hidden->ratings, w.completions);
  if (options.csv) {
    print_csv(sc, fields, options.decimals);
  } else {
    print_report(sc, plan, w, fields, options.histories);
    if (!hidden->conditions.empty()) print_narrowing(sc, plan);
  }
  return exit_ok;
}

}  // namespace

std::string hidden_ratings_note(const sim::run_plan& plan, std::uint64_t runs,
                                std::uint64_t draws) {
  const sim::hidden_start* hidden = plan.hidden();
  if (hidden == nullptr) return {};
  const model::scenario& sc = plan.scenario();
  std::string how;
  if (hidden->exact && sc.observed_jss) {
    how = fmt::format("exact, {} of {} combinations explain it", hidden->exact->explaining.size(),
                      model::count_text(hidden->exact->combinations));
  } else if (hidden->search) {
    how = fmt::format("exact, by a search: {} of {} combinations explain it",
                      model::count_text(hidden->search->explaining()),
                      model::count_text(hidden->ratings.combinations()));
  } else if (hidden->exact) {
    how = fmt::format("exact, {} combinations", hidden->exact->combinations);
  } else if (sc.observed_jss) {
    how = fmt::format("rejection sampling: {} of {} draws explained it, {:.2f} %", runs, draws,
                      draws == 0 ? 0.0 : 100.0 * static_cast<double>(runs) / static_cast<double>(draws));
  } else {
    how = fmt::format("one draw per run of {} combinations",
                      model::count_text(hidden->ratings.combinations()));
  }
  return fmt::format("Hidden ratings: {} unknown, drawn from their priors{} ({})",
                     hidden->ratings.field_count(),
                     sc.observed_jss
                         ? fmt::format(" given the observed {} %{}", *sc.observed_jss,
                                       hidden->conditions.size() > 1
                                           ? fmt::format(" and {} earlier {} (observed.timeline)",
                                                         hidden->conditions.size() - 1,
                                                         hidden->conditions.size() == 2
                                                             ? "score"
                                                             : "scores")
                                           : std::string())
                         : std::string(),
                     how);
}

void add_explain_command(CLI::App& app, int& status) {
  auto options = std::make_shared<explain_options>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "What the hidden (`unknown`) ratings probably are, given the score the profile shows");
  cmd->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  cmd->add_flag("--csv", options->csv,
                "Print contract,field,value,probability: each hidden rating's distribution");
  cmd->add_option("--runs", options->runs,
                  "Runs whose draws estimate it when the combinations are too many to weigh one "
                  "by one (default: simulation.runs)")
      ->check(decimal_number);
  cmd->add_option("--decimals", options->decimals,
                  "Decimals of the CSV's probabilities (default 6; more for comparing with a "
                  "reference)")
      ->check(CLI::Range(1, 17));
  cmd->add_option("--histories", options->histories,
                  "How many of the histories that explain it to list (default 20)")
      ->check(decimal_number)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  cmd->callback([options, &status] { status = explain_command(*options); });
}

}  // namespace jssim::app
