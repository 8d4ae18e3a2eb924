// SPDX-License-Identifier: MIT
#include "analysis/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>  // std::any_of
#include <limits>
#include <optional>
#include <utility>  // std::pair

#include "analysis/report.hpp"  // run_heading, start_sentence, joined
#include "analysis/sensitivity_report.hpp"
#include "model/assert.hpp"
#include "model/score.hpp"

namespace jssim::analysis {
namespace {

using fact = std::pair<std::string, std::string>;

/// A number the scenario gives, as short as it is exact: 0.06, 8, 1500.
std::string given(double v) { return fmt::format("{}", v); }

std::string rating_text(const model::rating& r) {
  if (r.unknown()) return "unknown";
  if (r.given()) return given(r.value);
  return {};
}

std::string_view type_text(model::contract_type t) {
  return t == model::contract_type::fixed ? "fixed" : "hourly";
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

/// A share of the summary for a sentence, as the terminal's table writes it.
std::string percent(const std::optional<double>& p) {
  return p ? fmt::format("{:.1f} %", 100.0 * *p) : std::string("not known");
}

void add_history(html_section& s, const model::scenario& sc) {
  const model::rule_set& rules = sc.rules;
  const model::date on = rules.recalc_on_or_before(sc.today);
  std::vector<model::contract> seen;
  csv_table t;
  t.header = {"contract", "client", "type", "started", "ended", "earned_usd", "stars", "private",
              "class", "weight", "reference", "counted_in"};
  std::vector<std::vector<std::string>> rows;
  for (const model::history_contract& h : sc.history) {
    std::vector<std::string> row{h.id,
                                 h.client,
                                 std::string(type_text(h.type)),
                                 h.started.to_string(),
                                 h.ended ? h.ended->to_string() : std::string("open"),
                                 format_fixed(h.earned, 2),
                                 rating_text(h.stars),
                                 rating_text(h.private_rating)};
    const auto c = model::as_of(h.to_contract(), on);
    if (!c) {
      row.insert(row.end(), {"not started", "", "", ""});
    } else {
      seen.push_back(*c);
      const model::classification k = model::classify(*c, on, rules);
      const bool counted = k.cls != model::outcome_class::excluded;
      row.emplace_back(model::to_string(k.cls));
      row.push_back(counted ? format_fixed(k.weight, 2) : std::string());
      row.push_back(k.reference.to_string());
      row.emplace_back();
      if (counted) {
        std::vector<std::string> windows;
        const model::score_result none = model::score({}, on, rules);
        for (const model::window_score& w : none.windows) {
          if (k.reference >= w.from && k.reference <= on) windows.push_back(fmt::format("{}m", w.months));
        }
        row.back() = windows.empty() ? std::string("none") : joined(windows);
      }
    }
    t.rows.push_back(std::move(row));
  }
  const model::score_result score = model::score(seen, on, rules);
  s.subheading("The history, as the score counts it");
  s.paragraph(fmt::format(
      "Scored on {}, the latest recalculation on or before today ({}), with the rules {}: {}. "
      "Each contract's class and weight are those of that day; a contract counts in the "
      "windows that hold its reference date (the end, or the last payment of an open one).",
      on.to_string(), sc.today.to_string(), rules.name,
      score.displayed ? fmt::format("the profile shows {} %", *score.displayed)
                      : std::string("no score shows")));
  if (std::any_of(sc.history.begin(), sc.history.end(),
                  [](const model::history_contract& h) { return h.has_unknown(); })) {
    s.paragraph("Ratings marked unknown are scored here as not given; the runs draw them "
                "(jssim explain shows how).");
  }
  s.table(t, fmt::format("History contracts on {} ({} contracts)", on.to_string(), t.rows.size()));

  // What the open contracts' clients may still do.
  csv_table futures;
  futures.header = {"contract", "outcomes", "ends_in_days", "ghost", "weekly_usd"};
  for (const model::history_contract& h : sc.history) {
    if (!h.is_open()) continue;
    if (!h.future) {
      futures.rows.push_back({h.id, "", "never", "", ""});
      continue;
    }
    const model::contract_future& f = *h.future;
    futures.rows.push_back({h.id, sc.pipeline.outcomes.at(f.outcomes).name,
                            f.ends_in_days ? f.ends_in_days->to_string() : std::string("never"),
                            given(f.ghost), f.weekly_usd.to_string()});
  }
  if (!futures.rows.empty()) {
    s.table(futures, "What the clients of open contracts may still do (ghost: the chance "
                     "they never act again)");
  }
}

void add_pipeline(html_section& s, const model::scenario& sc) {
  const model::pipeline_settings& p = sc.pipeline;
  s.subheading("The pipeline");
  s.facts({{"proposals a week", given(p.proposals_per_week)},
           {"most jobs at once", p.max_parallel == std::numeric_limits<int>::max()
                                     ? std::string("no limit")
                                     : fmt::format("{}", p.max_parallel)}});
  csv_table jobs;
  jobs.header = {"job type", "type", "win_rate", "duration_days", "value",
                 "close_delay_days", "ghost", "rehire", "outcomes"};
  for (const model::job_type& j : p.jobs) {
    jobs.rows.push_back(
        {j.name, std::string(type_text(j.type)), given(j.win_rate), j.duration_days.to_string(),
         j.type == model::contract_type::fixed ? "USD " + j.value_usd.to_string()
                                               : "USD a week " + j.weekly_usd.to_string(),
         j.close_delay_days.to_string(), given(j.ghost), given(j.rehire),
         p.outcomes.at(j.outcomes).name});
  }
  s.table(jobs, "Job types (win_rate: per proposal)");
  for (const model::outcome_table& table : p.outcomes) {
    csv_table rows;
    rows.header = {"p", "stars", "private"};
    for (const model::outcome_row& r : table.rows) {
      rows.rows.push_back({given(r.p), r.stars >= 0 ? given(r.stars) : std::string("none"),
                           r.private_rating >= 0 ? fmt::format("{}", r.private_rating)
                                                 : std::string("none")});
    }
    s.table(rows, fmt::format("Outcome table \u201c{}\u201d: what a client does at the end",
                              table.name));
  }
}

void add_strategies(html_section& s, const model::scenario& sc) {
  const model::pipeline_settings& p = sc.pipeline;
  s.subheading("The strategies");
  s.paragraph(fmt::format("The first, \u201c{}\u201d, is the baseline every other is compared "
                          "with. A setting left out is the pipeline's.",
                          sc.strategies.front().name));
  csv_table t;
  t.header = {"strategy", "proposals_per_week", "max_parallel", "accept", "close",
              "close_stale_after_days", "own_close_feedback", "until_recovered"};
  for (const model::strategy& st : sc.strategies) {
    std::string accept = "all";
    if (st.accept) {
      std::vector<std::string> names;
      for (const std::size_t j : *st.accept) names.push_back(p.jobs.at(j).name);
      accept = names.empty() ? std::string("none") : joined(names);
    }
    std::vector<std::string> closes;
    for (const model::scheduled_close& c : st.close) {
      closes.push_back(fmt::format("{} on {}", sc.history.at(c.contract).id, c.on.to_string()));
    }
    t.rows.push_back(
        {st.name,
         st.proposals_per_week ? given(*st.proposals_per_week)
                               : fmt::format("({})", given(p.proposals_per_week)),
         st.max_parallel ? fmt::format("{}", *st.max_parallel) : std::string("(pipeline's)"),
         accept, closes.empty() ? std::string("none") : joined(closes),
         st.close_stale_after_days ? fmt::format("{}", *st.close_stale_after_days)
                                   : std::string("never"),
         given(st.own_close_feedback), yes_no(st.until_recovered)});
  }
  s.table(t, "Strategies (in brackets: the pipeline's value)");
}

void add_rules(html_section& s, const model::scenario& sc) {
  const model::rule_set& r = sc.rules;
  const model::recovery_target& target = sc.simulation.target;
  s.subheading("The target and the rule set");
  s.facts({
      {"target", target.top_rated ? std::string("the Top Rated rule")
                                  : fmt::format("JSS {} or more", given(target.jss))},
      {"held for", fmt::format("{} recalculation{}", target.hold, target.hold == 1 ? "" : "s")},
      {"horizon", fmt::format("{} months, to {}", sc.simulation.horizon_months,
                              sc.horizon().to_string())},
      {"rule set", r.name},
      {"private ratings count",
       !r.private_ratings_count                ? std::string("no")
       : r.private_ratings_until == model::date_max ? std::string("yes")
                                                    : fmt::format("for contracts ended on or before {}",
                                                                  r.private_ratings_until.to_string())},
      {"positive", fmt::format("private {} or more, or {} stars or more", given(r.private_positive_min),
                               given(r.stars_positive_min))},
      {"neutral", fmt::format("private {} or more, or {} stars or more", given(r.private_neutral_min),
                              given(r.stars_neutral_min))},
      {"an open contract is stale after",
       fmt::format("{} days idle, and counts as {}", r.stale_after_days,
                   model::to_string(r.stale_open_class))},
      {"long-term after", fmt::format("{} days", r.long_term_days)},
      {"weight", fmt::format("{}, {} or {} by earnings (up to {} and {} USD), plus 1 a {} days, "
                             "at most {}",
                             given(r.tier_weights[0]), given(r.tier_weights[1]),
                             given(r.tier_weights[2]), given(r.tier_limits[0]),
                             given(r.tier_limits[1]), r.span_bonus_days, given(r.weight_max))},
      {"a window counts with", fmt::format("{} clients and {} outcomes or more", r.min_clients,
                                           r.min_outcomes)},
      {"recalculated", fmt::format("every {} days, from {}", r.recalc_every_days,
                                   r.recalc_anchor.to_string())},
  });
}

/// The command line as a person would type it again.
std::string command_text(const std::vector<std::string>& args) {
  std::vector<std::string> quoted;
  for (const std::string& a : args) {
    const bool plain = !a.empty() && a.find_first_of(" \t\"'\\$`") == std::string::npos;
    quoted.push_back(plain ? a : "'" + a + "'");
  }
  std::string text;
  for (const std::string& q : quoted) text += (text.empty() ? "" : " ") + q;
  return text;
}

}  // namespace

void add_assumptions(html_document& page, const model::scenario& sc) {
  html_section& s = page.add_section("What the answer assumes", "assumptions");
  s.paragraph(fmt::format("The scenario {} as of {}. Every number below is the scenario's; "
                          "change them there and run again.",
                          sc.path.empty() ? std::string("given") : sc.path, sc.today.to_string()));
  add_history(s, sc);
  add_pipeline(s, sc);
  add_strategies(s, sc);
  add_rules(s, sc);
}

void add_provenance(html_document& page, const run_manifest& m) {
  html_section& s = page.add_section("Where this comes from", "provenance");
  s.paragraph("The fields of the run's manifest: the same program, scenario bytes, seed and "
              "runs give the same numbers, whatever the threads.");
  std::vector<fact> facts{
      {"program", "jssim " + m.jssim_version},
      {"scenario", m.scenario_path},
      {"scenario SHA-256", m.scenario_sha256},
      {"seed", fmt::format("{}", m.seed)},
      {"runs", fmt::format("{}", m.runs)},
      {"threads", fmt::format("{}", m.threads)},
      {"started", iso8601_utc(m.started)},
      {"finished", iso8601_utc(m.finished)},
      {"command line", command_text(m.command_line)},
  };
  if (m.precision) {
    const manifest_precision& p = *m.precision;
    facts.emplace_back(
        "precision",
        fmt::format("half-width {} asked, at most {} runs; {}; widest: {} ({})", given(p.half_width),
                    p.max_runs, p.reached ? "reached" : "not reached", p.widest,
                    format_fixed(p.widest_half_width, 6)));
  }
  facts.emplace_back("files", joined(m.files));
  s.facts(facts);
}

std::string run_report_html(const run_report& r) {
  JSSIM_ASSERT(r.scenario != nullptr, "a run report has its scenario");
  const model::scenario& sc = *r.scenario;
  html_document page(run_heading(sc, r.summary));
  if (const std::string start = start_sentence(sc, r.summary); !start.empty()) page.lead(start);
  for (const std::string& note : r.notes) page.lead(note);

  html_section& answer = page.add_section("The answer", "answer");
  if (!r.comparisons.empty()) {
    answer.paragraph("Run by run, on the same futures:");
    std::vector<std::string> sentences;
    for (const compare_row& c : r.comparisons) sentences.push_back(describe_comparison(c));
    answer.list(sentences);
  }
  answer.preformatted(comparison_table(sc, r.summary), "The comparison as the terminal shows it");

  const std::string target_text = sc.simulation.target.top_rated
                                      ? std::string("the Top Rated rule")
                                      : fmt::format("JSS {}", given(sc.simulation.target.jss));
  std::vector<std::string> shares;
  for (const summary_row& s : r.summary) {
    shares.push_back(fmt::format("{}: {} by 3 months, {} by 6, {} by 12, {} by the horizon",
                                 s.strategy, percent(s.p_recovered_3m), percent(s.p_recovered_6m),
                                 percent(s.p_recovered_12m), percent(s.p_recovered)));
  }
  page.add_section("When the score comes back", "recovery")
      .figure(r.recovery_svg,
              fmt::format("recovery.svg: the share of runs back at {} by each date, one line a "
                          "strategy with its 95 % band; marks at 3, 6 and 12 months.",
                          target_text),
              "Share of runs recovered. " + joined(shares) + ".", r.recovery_svg_narrow);

  std::vector<std::string> medians;
  for (const summary_row& s : r.summary) {
    std::string last;
    for (const curve_row& c : r.curve) {
      if (c.strategy == s.strategy) last = format_optional_int(c.jss_p50);
    }
    medians.push_back(fmt::format("{} {}", s.strategy, last.empty() ? "no score" : last));
  }
  page.add_section("The score along the way", "jss")
      .figure(r.jss_svg,
              "jss.svg: one panel a strategy, the median displayed JSS as a line over its 10th to "
              "90th percentile band, the baseline's median in grey for reference.",
              "Median displayed JSS on the last simulated recalculation day: " + joined(medians) +
                  ".",
              r.jss_svg_narrow);

  const csv_table summary = summary_table(r.summary);
  html_section& tables = page.add_section("The numbers (summary.csv)", "summary");
  tables.paragraph("The cells of summary.csv, as written: shares as fractions of 1 with 6 "
                   "decimals, days from today; an empty cell is a quantile not reached or a "
                   "share past the horizon.");
  tables.table(select_columns(summary, {"strategy", "runs", "start_jss", "p_recovered_3m",
                                        "p_recovered_6m", "p_recovered_12m", "p_recovered",
                                        "p_recovered_lo", "p_recovered_hi"}),
               "Recovered by 3, 6 and 12 months and by the horizon (Wilson 95 % interval)");
  tables.table(select_columns(summary, {"strategy", "median_days", "median_days_lo",
                                        "median_days_hi", "p10_days", "p90_days", "rmst_days",
                                        "rmst_lo", "rmst_hi"}),
               "Days to recover: median with its exact 95 % interval, 10th and 90th "
               "percentiles, restricted mean");
  tables.table(select_columns(summary, {"strategy", "mean_jobs_won", "mean_earned_usd"}),
               "Work over the horizon: mean jobs won and USD earned a run");

  if (!r.comparisons.empty()) {
    const csv_table compare = compare_table(r.comparisons);
    html_section& pairs = page.add_section("Run by run (compare.csv)", "compare");
    pairs.paragraph("The cells of compare.csv: each strategy against the baseline on the same "
                    "futures; a gain is the baseline's days minus the strategy's.");
    pairs.table(select_columns(compare, {"strategy", "baseline", "p_earlier", "p_same",
                                         "p_later", "median_gain_days", "median_gain_lo",
                                         "median_gain_hi", "mcnemar_p"}),
                "Earlier, the same day or later than the baseline; the median gain in days");
    pairs.table(select_columns(compare, {"strategy", "runs", "p_earlier_lo", "p_earlier_hi",
                                         "p_same_lo", "p_same_hi", "p_later_lo", "p_later_hi",
                                         "runs_6m_strategy_only", "runs_6m_baseline_only"}),
                "Their Wilson 95 % intervals, and the runs recovered within 6 months under "
                "only one of the two");
  }

  add_assumptions(page, sc);
  add_provenance(page, r.manifest);
  return page.render();
}

std::string sensitivity_report_html(const sensitivity_report& r) {
  JSSIM_ASSERT(r.scenario != nullptr && r.result != nullptr,
               "a sensitivity report has its scenario and study");
  const model::scenario& sc = *r.scenario;
  const study_result& study = *r.result;
  const std::vector<std::string> heading = sensitivity_heading(study, sc.name);
  html_document page(heading.front());
  for (std::size_t i = 1; i < heading.size(); ++i) page.lead(heading[i]);

  const csv_table tornado = tornado_table(study);
  std::vector<std::string> swings;
  for (const auto& row : tornado.rows) {
    swings.push_back(fmt::format("{}: {} to {}, swing {} [{}, {}]", row[tornado.column("label")],
                                 row[tornado.column("outcome_low")],
                                 row[tornado.column("outcome_high")],
                                 row[tornado.column("swing")], row[tornado.column("swing_lo")],
                                 row[tornado.column("swing_hi")]));
  }
  html_section& levers = page.add_section("What moves the outcome", "tornado");
  levers.figure(r.tornado_svg,
                "tornado.svg: each number from its low to its high end, the others as written; "
                "right, the swing with its 95 % interval.",
                "From the largest swing down, the outcome at the low and the high end: " +
                    joined(swings) + ".");
  for (const std::string& note : sensitivity_notes(study)) levers.paragraph(note);
  levers.preformatted(sensitivity_table(study, sc.name), "The study as the terminal shows it");

  html_section& table = page.add_section("The numbers (tornado.csv)", "numbers");
  table.paragraph("The cells of tornado.csv, as written.");
  table.table(select_columns(tornado, {"parameter", "label", "rank", "tier", "base", "low",
                                       "high", "outcome_low", "outcome_high", "swing",
                                       "swing_lo", "swing_hi", "effect"}),
              "Swings, largest first (swing: at high minus at low, with its 95 % interval)");
  table.table(select_columns(tornado, {"parameter", "src", "src_lo", "src_hi", "prcc",
                                       "prcc_lo", "prcc_hi", "outcome", "base_outcome", "r2",
                                       "rank_r2"}),
              "Over the Latin hypercube: SRC and PRCC with their 95 % intervals, and R\u00b2");

  add_assumptions(page, sc);
  add_provenance(page, r.manifest);
  return page.render();
}

std::string plan_report_html(const plan_report& r) {
  JSSIM_ASSERT(r.scenario != nullptr && r.result != nullptr, "a plan report has its scenario and race");
  const model::scenario& sc = *r.scenario;
  const race_result& race = *r.result;
  html_document page(fmt::format("{}: {} plans raced on the same runs (seed {})",
                                 sc.name.empty() ? sc.path : sc.name, race.plans.size(),
                                 sc.simulation.seed));
  // The terminal's closing sentences lead the page: why the race stopped and
  // which plan is best, with its gain over the baseline.
  const std::string terminal = race_table(race);
  std::size_t from = 0;
  while (from < terminal.size()) {
    std::size_t to = terminal.find('\n', from);
    if (to == std::string::npos) to = terminal.size();
    const std::string_view line(terminal.data() + from, to - from);
    if (line.starts_with("The race stopped") || line.starts_with("Best plan:") ||
        line.starts_with("No plan meets")) {
      page.lead(line);
    }
    from = to + 1;
  }
  html_section& leading = page.add_section("The leading plans", "plans");
  leading.preformatted(terminal, "The race as the terminal shows it");
  html_section& table = page.add_section("Every plan (plan.csv)", "numbers");
  table.paragraph(fmt::format("The cells of plan.csv, as written: each plan's {} with its 95 % "
                              "interval, and its paired difference from `{}` on the same runs.",
                              model::to_string(race.objective), race.baseline_name));
  table.table(plan_table(race), "Every plan, best first");
  html_section& best = page.add_section("The best plan as a strategy (best.yaml)", "best");
  best.paragraph("Paste it under `strategies:` and run it with `jssim run` on a new seed.");
  best.preformatted(r.best_yaml, "best.yaml");
  add_assumptions(page, sc);
  add_provenance(page, r.manifest);
  return page.render();
}

}  // namespace jssim::analysis
