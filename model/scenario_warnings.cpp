// SPDX-License-Identifier: MIT
#include "model/scenario_warnings.hpp"

#include <algorithm>  // std::sort
#include <numeric>    // std::iota
#include <regex>
#include <string>
#include <fmt/format.h>

#include "model/scenario.hpp"

namespace jssim::model {
namespace {

// What a strategy does, once the pipeline's settings stand in for the ones it
// leaves out: two strategies with equal plays are the same strategy.
struct play {
  double proposals_per_week = 0;
  int max_parallel = 0;
  std::vector<std::size_t> accept;
  std::vector<std::pair<std::size_t, date>> close;
  std::optional<day_count> close_stale_after_days;
  double own_close_feedback = 0;

  bool operator==(const play&) const = default;
};

play play_of(const scenario& sc, const strategy& s) {
  play p;
  p.proposals_per_week = s.proposals_per_week.value_or(sc.pipeline.proposals_per_week);
  p.max_parallel = s.max_parallel.value_or(sc.pipeline.max_parallel);
  if (s.accept) {
    p.accept = *s.accept;
  } else {
    p.accept.resize(sc.pipeline.jobs.size());
    std::iota(p.accept.begin(), p.accept.end(), std::size_t{0});
  }
  std::sort(p.accept.begin(), p.accept.end());
  p.accept.erase(std::unique(p.accept.begin(), p.accept.end()), p.accept.end());
  for (const scheduled_close& c : s.close) p.close.emplace_back(c.contract, c.on);
  std::sort(p.close.begin(), p.close.end());
  p.close_stale_after_days = s.close_stale_after_days;
  // Her own feedback on a close matters only where she closes.
  if (!p.close.empty() || p.close_stale_after_days) p.own_close_feedback = s.own_close_feedback;
  return p;
}

// The pipeline as a strategy that sets nothing plays it.
play pipeline_play(const scenario& sc) { return play_of(sc, strategy{}); }

diagnostic warning_at(const scenario& sc, int line, std::string key, std::string message) {
  return {source_location{sc.path, line, 0, std::move(key)}, "warning: " + std::move(message)};
}

}  // namespace

const char* looks_like_spreadsheet_value(std::string_view text) {
  if (text.empty()) return nullptr;
  const char first = text.front();
  if (first == '=' || first == '+' || first == '-' || first == '@') return "a formula";
  const std::string s(text);
  using std::regex_constants::icase;
  static const std::regex truth("true|false", icase);
  static const std::regex number("[$\\xE2\\x82\\xAC\\xC2\\xA3]*([0-9]+([.,][0-9]+)*|[.,][0-9]+)"
                                 "(e[+-]?[0-9]+)?%?",
                                 icase);
  static const std::regex date_or_time("[0-9]{1,4}([-/.:][0-9]{1,4}){1,2}( ?[ap]m)?", icase);
  static const std::string month =
      "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
      "oct(ober)?|nov(ember)?|dec(ember)?)";
  static const std::regex month_date("[0-9]{1,4}[-/ .]+" + month + "([-/ .,]+[0-9]{1,4})?|" +
                                         month + "[-/ .,]+[0-9]{1,4}([-/ .,]+[0-9]{1,4})?",
                                     icase);
  if (std::regex_match(s, truth)) return "a truth value";
  if (std::regex_match(s, number)) return "a number";
  if (std::regex_match(s, date_or_time)) return "a date, a fraction or a time";
  if (std::regex_match(s, month_date)) return "a date";
  return nullptr;
}

std::vector<diagnostic> scenario_warnings(const scenario& sc) {
  std::vector<diagnostic> out;
  const recovery_target& target = sc.simulation.target;
  if (target.top_rated && target.jss_line > 0) {
    out.push_back(warning_at(
        sc, target.jss_line, "simulation.target.jss",
        fmt::format("not used: with top_rated the target is the Top Rated badge, whose rule "
                    "asks a JSS of 90 by itself; remove jss, or top_rated to aim at JSS {}",
                    target.jss)));
  }
  const date horizon = sc.horizon();
  if (const date first = sc.rules.recalc_after(sc.today); first > horizon) {
    out.push_back(warning_at(
        sc, 0, "score.recalc_every_days",
        fmt::format("no recalculation day falls within the horizon (the first after today is "
                    "{}, the horizon {}): the score never changes and no run can recover; use a "
                    "longer simulation.horizon_months or a shorter recalc_every_days",
                    first.to_string(), horizon.to_string())));
  }
  const play pipeline = pipeline_play(sc);
  for (std::size_t i = 0; i < sc.strategies.size(); ++i) {
    const strategy& s = sc.strategies[i];
    const std::string path = fmt::format("strategies[{}]", i);
    if (i > 0) {
      const strategy& baseline = sc.strategies.front();
      const play mine = play_of(sc, s);
      const play theirs = play_of(sc, baseline);
      // until_recovered goes back to the pipeline: the same when both play it.
      const bool same_switch = s.until_recovered == baseline.until_recovered || mine == pipeline;
      if (mine == theirs && same_switch) {
        out.push_back(warning_at(
            sc, s.line, path,
            fmt::format("`{}` plays exactly as the baseline `{}`: every run of it will be the "
                        "same, and the comparison says nothing; change a setting or remove it",
                        s.name, baseline.name)));
      }
    }
    for (std::size_t k = 0; k < s.close.size(); ++k) {
      if (s.close[k].on > horizon) {
        out.push_back(warning_at(
            sc, s.line, fmt::format("{}.close[{}].on", path, k),
            fmt::format("{} is after the horizon ({}): no run reaches it, so the close never "
                        "happens",
                        s.close[k].on.to_string(), horizon.to_string())));
      }
    }
    if (const char* what = looks_like_spreadsheet_value(s.name)) {
      out.push_back(warning_at(
          sc, s.line, path + ".name",
          fmt::format("a spreadsheet opening the CSV files reads `{}` as {}, not as this name; "
                      "start it with a letter, or import the files as text",
                      s.name, what)));
    }
  }
  for (std::size_t i = 0; i < sc.history.size(); ++i) {
    const history_contract& h = sc.history[i];
    if (const char* what = looks_like_spreadsheet_value(h.id)) {
      out.push_back(warning_at(
          sc, h.line, fmt::format("history[{}].id", i),
          fmt::format("a spreadsheet opening `jssim explain --csv` reads `{}` as {}, not as "
                      "this id; start it with a letter",
                      h.id, what)));
    }
  }
  return out;
}

}  // namespace jssim::model
