// SPDX-License-Identifier: MIT
// `jssim init`: a complete, commented scenario from the contracts CSV a
// freelancer keeps (MODEL.md section 11.1).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>  // std::sort, std::max
#include <chrono>     // the system clock, for the default --today
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/atomic_file.hpp"
#include "app/commands.hpp"
#include "input/contracts_csv.hpp"
#include "model/assert.hpp"
#include "model/error.hpp"
#include "model/estimate.hpp"
#include "input/scenario_loader.hpp"
#include "model/score.hpp"
#include "sim/plan.hpp"

namespace jssim::app {
namespace {

struct init_options {
  std::string history;
  std::string out;
  std::optional<std::string> today;
  std::optional<std::string> name;
  std::vector<std::string> observed;
  double proposals_per_week = 5;
  /// score.private_ratings_until: the last day a private rating could be given.
  std::optional<std::string> private_ratings_until;
  bool force = false;
};

/// One `--observed DATE=JSS`: a day she saw the profile and what it showed
/// (nothing: no score shown).
struct observation {
  model::date on;
  std::optional<int> jss;
};

// --- YAML text ----------------------------------------------------------------

bool reserved_word(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view w : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "none",
                             "unknown"}) {
    if (lower == w) return true;
  }
  return false;
}

/// `text` as a YAML scalar that reads back as exactly that text: plain when
/// it is a simple name, else in double quotes.
std::string yaml_text(std::string_view text) {
  bool plain = !text.empty() && !reserved_word(text);
  for (std::size_t i = 0; plain && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    const bool inner = letter || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
                       c == '/' || (c == ' ' && i + 1 < text.size() && text[i + 1] != '#');
    plain = i == 0 ? letter : inner;
  }
  if (plain) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  out += '"';
  return out;
}

/// A number, exactly (the shortest text that reads back as it).
std::string yaml_number(double x) { return fmt::format("{}", x); }

/// A probability or rate: at most 6 decimals, no exponent.
std::string yaml_p(double x) {
  std::string s = fmt::format("{:.6f}", x);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string yaml_stars(double x) {
  return x == static_cast<double>(static_cast<int>(x)) ? fmt::format("{:.1f}", x)
                                                        : yaml_number(x);
}

/// Comment lines: `text` wrapped at about 96 columns, each line `indent# `.
std::string comment(std::string_view text, std::size_t indent) {
  constexpr std::size_t width = 96;
  std::string out;
  std::string line;
  const std::string lead = std::string(indent, ' ') + "# ";
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    const std::string_view word = text.substr(i, j - i);
    if (!line.empty() && lead.size() + line.size() + 1 + word.size() > width) {
      out += lead + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j + 1;
  }
  if (!line.empty()) out += lead + line + "\n";
  return out;
}

std::string rating_text(const model::rating& r, bool stars) {
  if (r.unknown()) return "unknown";
  return stars ? yaml_stars(r.value) : fmt::format("{}", static_cast<int>(r.value));
}

/// What a contract counts today, for its comment.
std::string counts_today(const model::history_contract& h, model::date today,
                         const model::rule_set& rules) {
  const auto c = model::as_of(h.to_contract(), today);
  if (!c) return "not started";
  const model::classification k = model::classify(*c, today, rules);
  std::string text = fmt::format("{}", model::to_string(k.cls));
  if (k.cls != model::outcome_class::excluded) text += fmt::format(", weight {}", k.weight);
  if (h.private_rating.unknown() && h.stars.given()) {
    text += " (private hidden: counted by its stars)";
  } else if (h.has_unknown()) {
    text += " (hidden ratings: not counted)";
  }
  return text;
}

/// The keys of a history contract, `key: value`, in the order of MODEL.md section 6.
std::vector<std::string> contract_fields(const model::history_contract& h) {
  std::vector<std::string> f;
  f.push_back("id: " + yaml_text(h.id));
  f.push_back("client: " + yaml_text(h.client));
  f.push_back(std::string("type: ") + (h.type == model::contract_type::hourly ? "hourly" : "fixed"));
  f.push_back("started: " + h.started.to_string());
  if (h.ended) f.push_back("ended: " + h.ended->to_string());
  if (h.earned > 0) {
    f.push_back("earned: " + yaml_number(h.earned));
    if (h.first_paid && h.last_paid && *h.first_paid != *h.last_paid) {
      f.push_back("first_paid: " + h.first_paid->to_string());
    }
    if (h.last_paid) f.push_back("last_paid: " + h.last_paid->to_string());
  }
  if (h.stars.state != model::rating::kind::none) f.push_back("stars: " + rating_text(h.stars, true));
  if (h.private_rating.state != model::rating::kind::none) {
    f.push_back("private: " + rating_text(h.private_rating, false));
  }
  if (h.disputed) f.push_back("disputed: true");
  if (h.client_flagged) f.push_back("client_flagged: true");
  if (h.paused) f.push_back("paused: true");
  return f;
}

std::string distribution_text(const model::distribution& d) { return d.to_string(); }

/// The scenario's text.
std::string scenario_text(const init_options& options, const input::contracts_sheet& sheet,
                          const model::estimates& e, model::date today, const std::string& name,
                          const std::optional<observation>& latest,
                          const std::vector<observation>& timeline,
                          const model::rule_set& rules) {
  std::string y;
  const std::vector<model::contract> contracts = [&] {
    std::vector<model::contract> cs;
    for (const auto& h : sheet.contracts) {
      model::contract c = h.to_contract();
      c.client = h.client_index;
      cs.push_back(c);
    }
    return cs;
  }();
  const model::date scored_on = rules.recalc_on_or_before(today);
  const model::score_result shown = model::score_as_of(contracts, scored_on, rules);
  y += comment(fmt::format("A scenario written by `jssim init` from {} ({} contracts).",
                           std::filesystem::path(options.history).filename().string(),
                           sheet.contracts.size()),
               0);
  y += comment("Under `history` is what the sheet holds. Everything else is estimated from it, "
               "and the comment above each number says how: change what you know better, then "
               "run `jssim check` and `jssim run` on this file.",
               0);
  y += comment(shown.displayed
                   ? fmt::format("The history shows JSS {} today: scored on {}, the latest "
                                 "recalculation day on or before today.",
                                 *shown.displayed, scored_on.to_string())
                   : fmt::format("The history shows no JSS today (scored on {}, the latest "
                                 "recalculation day on or before today: no window is eligible).",
                                 scored_on.to_string()),
               0);
  y += "freelancer:\n";
  y += "  name: " + yaml_text(name) + "\n";
  y += "  today: " + today.to_string() + "\n";

  y += comment("Each contract, and what it counts today (MODEL.md section 4): its class and its "
               "weight.",
               0);
  if (sheet.contracts.empty()) {
    y += "history: []\n";
  } else {
    y += "history:\n";
  }
  std::size_t future_at = 0;
  for (std::size_t i = 0; i < sheet.contracts.size(); ++i) {
    const model::history_contract& h = sheet.contracts[i];
    std::vector<std::string> fields = contract_fields(h);
    if (h.has_unknown() && e.prior[i] != 0) {
      fields.push_back("prior: " + yaml_text(e.outcomes[e.prior[i]].table.name));
    }
    const std::string counts = counts_today(h, today, rules);
    if (!h.is_open()) {
      std::string line = "  - {";
      for (std::size_t k = 0; k < fields.size(); ++k) line += (k > 0 ? ", " : "") + fields[k];
      y += line + "}   # " + counts + "\n";
      continue;
    }
    // Open: a block, with the future estimated for it.
    y += "  - " + fields.front() + "   # open: " + counts + "\n";
    for (std::size_t k = 1; k < fields.size(); ++k) y += "    " + fields[k] + "\n";
    while (future_at < e.futures.size() && e.futures[future_at].contract < i) ++future_at;
    if (future_at < e.futures.size() && e.futures[future_at].contract == i) {
      const model::estimated_future& f = e.futures[future_at];
      y += "    future:\n";
      for (const auto& note : f.notes) y += comment(note, 6);
      y += "      outcomes: " + yaml_text(e.outcomes[f.future.outcomes].table.name) + "\n";
      y += "      ghost: " + yaml_p(f.future.ghost) + "\n";
      if (f.future.ends_in_days) {
        y += "      ends_in_days: " + distribution_text(*f.future.ends_in_days) + "\n";
      }
      if (f.future.weekly_usd.mean() > 0) {
        y += "      weekly_usd: " + distribution_text(f.future.weekly_usd) + "\n";
      }
    }
  }

  const bool write_jss = latest.has_value();
  const bool write_timeline = !timeline.empty();
  if (write_jss || write_timeline) {
    y += comment("What the profile showed (--observed): the runs keep only the hidden ratings "
                 "that give these scores.",
                 0);
    y += "observed:\n";
    if (write_jss) {
      y += "  jss: " + (latest->jss ? std::to_string(*latest->jss) : std::string("none")) +
           "   # seen on " + latest->on.to_string() + "\n";
    }
    if (write_timeline) {
      y += "  timeline:\n";
      for (const auto& o : timeline) {
        y += "    - {on: " + o.on.to_string() +
             ", jss: " + (o.jss ? std::to_string(*o.jss) : std::string("none")) + "}\n";
      }
    }
  }

  y += "pipeline:\n";
  y += comment(fmt::format("She sends {} proposals a week (--proposals-per-week); the win rates "
                           "below are per proposal, so change both together.",
                           yaml_p(e.proposals_per_week)),
               2);
  y += "  proposals_per_week: " + yaml_p(e.proposals_per_week) + "\n";
  for (const auto& note : e.notes) y += comment(note, 2);
  y += "  jobs:\n";
  for (const auto& j : e.jobs) {
    for (const auto& note : j.notes) y += comment(note, 4);
    y += "    - name: " + yaml_text(j.job.name) + "\n";
    y += std::string("      type: ") +
         (j.job.type == model::contract_type::hourly ? "hourly" : "fixed") + "\n";
    y += "      win_rate: " + yaml_number(j.job.win_rate) + "\n";
    y += "      duration_days: " + distribution_text(j.job.duration_days) + "\n";
    if (j.job.type == model::contract_type::hourly) {
      y += "      weekly_usd: " + distribution_text(j.job.weekly_usd) + "\n";
    } else {
      y += "      value_usd: " + distribution_text(j.job.value_usd) + "\n";
    }
    y += "      rehire: " + yaml_p(j.job.rehire) + "\n";
    y += "      outcomes: " + yaml_text(e.outcomes[j.job.outcomes].table.name) + "\n";
  }
  y += "  outcomes:\n";
  for (const auto& t : e.outcomes) {
    for (const auto& note : t.notes) y += comment(note, 4);
    y += "    " + yaml_text(t.table.name) + ":\n";
    for (const auto& r : t.table.rows) {
      std::string row = "      - {p: " + yaml_p(r.p);
      if (!r.feedback()) {
        row += ", feedback: none";
      } else {
        if (r.stars >= 0) row += ", stars: " + yaml_stars(r.stars);
        if (r.private_rating >= 0) row += fmt::format(", private: {}", r.private_rating);
      }
      y += row + "}\n";
    }
  }

  y += comment("The standard ways back (MODEL.md 11.1), compared on the same luck.", 0);
  y += "strategies:\n";
  for (const auto& st : e.strategies) {
    y += comment(st.note, 2);
    const model::strategy& s = st.settings;
    y += "  - name: " + yaml_text(s.name) + "\n";
    if (s.proposals_per_week) y += "    proposals_per_week: " + yaml_p(*s.proposals_per_week) + "\n";
    if (s.accept) {
      std::string list;
      for (std::size_t k : *s.accept) {
        list += (list.empty() ? "" : ", ") + yaml_text(e.jobs[k].job.name);
      }
      y += "    accept: [" + list + "]\n";
    }
    for (const auto& c : s.close) {
      y += "    close: [{contract: " + yaml_text(sheet.contracts[c.contract].id) +
           ", on: " + c.on.to_string() + "}]\n";
    }
    if (s.until_recovered) y += "    until_recovered: true\n";
  }
  if (rules.private_ratings_until != model::rule_set{}.private_ratings_until) {
    y += comment(fmt::format("Clients could leave a private rating until {} "
                             "(--private-ratings-until): a contract that ended later is classed "
                             "by its public stars (docs/score-rules.md).",
                             rules.private_ratings_until.to_string()),
                 0);
    y += "score:\n";
    y += "  private_ratings_until: " + rules.private_ratings_until.to_string() + "\n";
  }
  y += comment("10,000 runs over 24 months, until the displayed JSS is 90 or more.", 0);
  y += "simulation:\n";
  y += "  runs: 10000\n";
  y += "  horizon_months: 24\n";
  y += "  seed: 1\n";
  y += "  target: {jss: 90, hold: 1}\n";
  return y;
}

// --- the command --------------------------------------------------------------

model::date today_from_clock() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return model::date::from_days(static_cast<model::day_count>(now.time_since_epoch().count()));
}

[[noreturn]] void refuse(const std::string& message) { throw model::input_error(message); }

std::vector<observation> parse_observed(const std::vector<std::string>& items, model::date today) {
  std::vector<observation> out;
  std::vector<std::string> problems;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    const auto on = eq == std::string::npos ? std::nullopt : model::date::parse(item.substr(0, eq));
    const std::string value = eq == std::string::npos ? std::string() : item.substr(eq + 1);
    std::optional<int> jss;
    bool jss_ok = value == "none";
    if (!jss_ok && !value.empty() && value.size() <= 3 &&
        value.find_first_not_of("0123456789") == std::string::npos) {
      const int x = std::stoi(value);
      jss_ok = x >= 0 && x <= 100;
      jss = x;
    }
    if (!on || !jss_ok) {
      problems.push_back(fmt::format("jssim init: --observed {}: expected DATE=JSS, the date as "
                                     "YYYY-MM-DD and the JSS a whole number from 0 to 100 or "
                                     "`none` (2026-11-08=64)",
                                     item));
      continue;
    }
    if (*on > today) {
      problems.push_back(fmt::format("jssim init: --observed {}: {} is after today ({})", item,
                                     on->to_string(), today.to_string()));
      continue;
    }
    out.push_back({*on, value == "none" ? std::nullopt : jss});
  }
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p;
    refuse(text);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const observation& a, const observation& b) { return a.on < b.on; });
  // Days that fall on the same recalculation day saw the same score (MODEL.md 11.2).
  const model::rule_set rules;
  for (std::size_t i = 1; i < out.size(); ++i) {
    const observation& a = out[i - 1];
    const observation& b = out[i];
    if (rules.recalc_on_or_before(a.on) == rules.recalc_on_or_before(b.on) && a.jss != b.jss) {
      const auto shown = [](const observation& o) {
        return fmt::format("{}={}", o.on.to_string(), o.jss ? std::to_string(*o.jss) : "none");
      };
      problems.push_back(fmt::format(
          "jssim init: --observed {} and --observed {}: both days show the score of the "
          "recalculation on {}, so they cannot differ; correct one or leave it out",
          shown(a), shown(b), rules.recalc_on_or_before(a.on).to_string()));
    }
  }
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p;
    refuse(text);
  }
  return out;
}

int init_command(const init_options& options) {
  model::date today = today_from_clock();
  if (options.today) {
    const auto d = model::date::parse(*options.today);
    if (!d) refuse("jssim init: --today: expected a date as YYYY-MM-DD, got " + *options.today);
    today = *d;
  }
  if (!(options.proposals_per_week >= 0.1 && options.proposals_per_week <= 5000)) {
    refuse(fmt::format("jssim init: --proposals-per-week: expected a number from 0.1 to 5000, "
                       "got {}",
                       options.proposals_per_week));
  }
  if (options.out.empty()) refuse("jssim init: --out: expected the path of the scenario to write");
  std::error_code ec;
  if (std::filesystem::exists(options.out, ec) && !options.force) {
    refuse(fmt::format("jssim init: {} exists; it is kept as it is (give --force to replace it)",
                       options.out));
  }
  if (std::filesystem::is_directory(options.out, ec)) {
    refuse(fmt::format("jssim init: --out {} is a directory; expected a file", options.out));
  }
  const std::vector<observation> observed = parse_observed(options.observed, today);
  model::rule_set rules;
  if (options.private_ratings_until) {
    const auto d = model::date::parse(*options.private_ratings_until);
    if (!d) {
      refuse("jssim init: --private-ratings-until: expected a date as YYYY-MM-DD, got " +
             *options.private_ratings_until);
    }
    rules.private_ratings_until = *d;
  }

  input::contracts_sheet sheet;
  try {
    sheet = input::read_contracts_csv_file(options.history, today);
  } catch (const model::scenario_error& e) {
    fmt::print(stderr, "{}\n", e.what());
    fmt::print(stderr, "{}: {} found; nothing written\n", options.history,
               counted(input::problem_count(e), "problem"));
    return exit_bad_input;
  }

  // A contract that ended after the last day of private ratings has none,
  // not even a hidden one (docs/score-rules.md, "The end of private ratings").
  for (model::history_contract& h : sheet.contracts) {
    if (h.ended && !rules.private_rating_counts(*h.ended) && h.private_rating.unknown()) {
      h.private_rating = {};
    }
  }

  // observed.jss: the latest observation on or after the last recalculation
  // day before today (the score the profile shows now); the rest: the timeline.
  const model::date shown_since = rules.recalc_on_or_before(today);
  std::optional<observation> latest;
  std::vector<observation> timeline;
  std::optional<std::size_t> latest_index;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (observed[i].on >= shown_since) latest_index = i;  // sorted: the last is the latest
  }
  // A scenario's observed.jss is today's score, and its timeline adds the
  // earlier ones: earlier ones alone do not make an `observed` section.
  if (!observed.empty() && !latest_index) {
    refuse(fmt::format("jssim init: --observed: give also the score the profile shows today, "
                       "dated {} (the latest recalculation day) to {}: observed.jss is today's "
                       "score, and the earlier days join it in observed.timeline",
                       shown_since.to_string(), today.to_string()));
  }
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (latest_index && i == *latest_index) {
      latest = observed[i];
    } else {
      timeline.push_back(observed[i]);
    }
  }

  model::estimate_settings settings;
  settings.proposals_per_week = options.proposals_per_week;
  settings.rules = rules;
  const model::estimates e = model::estimate_pipeline(sheet.contracts, today, settings);
  const std::string name =
      options.name ? *options.name : std::filesystem::path(options.history).stem().string();
  const std::string text = scenario_text(options, sheet, e, today, name, latest, timeline, rules);

  // What is written must load, and score as the sheet does: a problem here
  // is reported as the scenario's, and nothing is written.
  const model::scenario loaded = input::load_scenario_string(text, options.out);
  {
    std::vector<model::contract> mine;
    for (const auto& h : sheet.contracts) {
      model::contract c = h.to_contract();
      c.client = h.client_index;
      mine.push_back(c);
    }
    const model::date on = rules.recalc_on_or_before(today);
    const auto a = model::score_as_of(mine, on, rules);
    const auto b = model::score_as_of(loaded.history_contracts(), on, loaded.rules);
    JSSIM_ASSERT(a.displayed == b.displayed && a.best == b.best,
                 "the scenario init writes scores differently from its sheet");
  }

  // What `check` checks beyond loading: that the hidden ratings can show
  // observed.jss.
  try {
    const sim::run_plan plan(loaded);
  } catch (const model::scenario_error& unexplained) {
    std::string why;
    for (const auto& p : unexplained.problems()) {
      why += fmt::format("{}jssim init: --observed {}={}: {}", why.empty() ? "" : "\n",
                          latest ? latest->on.to_string() : std::string("?"),
                          latest && latest->jss ? std::to_string(*latest->jss) : "none",
                          p.message);
    }
    refuse(why + "\nnothing written");
  }

  if (std::filesystem::exists(options.out, ec) && !options.force) {
    refuse(fmt::format("jssim init: {} exists; it is kept as it is (give --force to replace it)",
                       options.out));
  }
  analysis::write_file_atomically(options.out, [&](std::ostream& out) { out << text; });
  fmt::print("{}: {} from {}, {}, {}; next: jssim check {} && jssim run {}\n", options.out,
             counted(sheet.contracts.size(), "contract"), options.history,
             counted(e.jobs.size(), "job type"),
             counted(e.strategies.size(), "strategy", "strategies"), options.out, options.out);
  if (!timeline.empty()) {
    fmt::print("{}: observed.timeline holds {}\n", options.out,
               counted(timeline.size(), "earlier observation"));
  }
  return exit_ok;
}

}  // namespace

void add_init_command(CLI::App& app, int& status) {
  auto options = std::make_shared<init_options>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Write a commented scenario from the contracts CSV you keep (MODEL.md 11.1)");
  cmd->add_option("--history", options->history,
                  "Contracts CSV: a header row (id, client, started, ...), one contract a row")
      ->required();
  cmd->add_option("--out", options->out, "Scenario YAML to write")->required();
  cmd->add_option("--today", options->today, "Today, YYYY-MM-DD (default: the system's date)");
  cmd->add_option("--name", options->name, "freelancer.name (default: the CSV's file name)");
  cmd->add_option("--observed", options->observed,
                  "DATE=JSS: a score the profile showed that day (0-100 or none); repeatable");
  cmd->add_option("--proposals-per-week", options->proposals_per_week,
                  "The proposals she sends a week, for the win rates (default 5)");
  cmd->add_option("--private-ratings-until", options->private_ratings_until,
                  "The last day a client could leave a private rating: contracts ended later "
                  "are classed by their stars (score.private_ratings_until)");
  cmd->add_flag("--force", options->force, "Replace --out if it exists");
  cmd->callback([options, &status] { status = init_command(*options); });
}

}  // namespace jssim::app
