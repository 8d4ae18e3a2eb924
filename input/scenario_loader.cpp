// SPDX-License-Identifier: MIT
#include "input/scenario_loader.hpp"

#include <algorithm>  // std::find
#include <array>
#include <cerrno>      // errno
#include <cmath>       // std::abs
#include <cstdint>     // std::int64_t
#include <filesystem>  // std::filesystem::status, file_size
#include <fstream>
#include <optional>
#include <system_error>  // std::error_code
#include <type_traits>   // std::remove_reference_t
#include <unordered_map>
#include <unordered_set>
#include <utility>  // std::move
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "input/detail/compose.hpp"
#include "input/detail/plan_reader.hpp"
#include "input/detail/sensitivity_reader.hpp"
#include "model/detail/suggest.hpp"
#include "input/detail/yaml_guard.hpp"
#include "input/detail/yaml_reader.hpp"
#include "model/error.hpp"
#include "model/estimate.hpp"  // the built-in priors of hidden private ratings
#include "model/scenario_warnings.hpp"

namespace jssim::input {

using namespace jssim::model;  // NOLINT(google-build-using-namespace): it reads the model
namespace {

using detail::line_of;
using detail::mapping;
using detail::quantity;
using detail::reader;
using detail::value_at;

// The keys valid at each spot of the file (MODEL.md section 6), for the
// unknown-key check and its suggestions.
constexpr std::array<std::string_view, 10> top_keys{
    "freelancer", "history", "observed", "pipeline",    "strategies",
    "simulation", "score",   "extends",  "sensitivity", "plan"};
constexpr std::array<std::string_view, 2> freelancer_keys{"name", "today"};
constexpr std::array<std::string_view, 15> contract_keys{
    "id",    "client",  "type",     "started",        "ended",  "earned", "first_paid", "last_paid",
    "stars", "private", "disputed", "client_flagged", "paused", "future", "prior"};
constexpr std::array<std::string_view, 4> future_keys{"outcomes", "ends_in_days", "ghost",
                                                      "weekly_usd"};
constexpr std::array<std::string_view, 2> observed_keys{"jss", "timeline"};
constexpr std::array<std::string_view, 2> timeline_keys{"on", "jss"};
constexpr std::array<std::string_view, 4> pipeline_keys{"proposals_per_week", "max_parallel",
                                                        "jobs", "outcomes"};
constexpr std::array<std::string_view, 10> job_keys{
    "name",       "win_rate",         "type",  "duration_days", "value_usd",
    "weekly_usd", "close_delay_days", "ghost", "rehire",        "outcomes"};
constexpr std::array<std::string_view, 4> row_keys{"p", "stars", "private", "feedback"};
constexpr std::array<std::string_view, 9> strategy_keys{
    "name",   "proposals_per_week",     "max_parallel",       "accept",
    "close",  "close_stale_after_days", "own_close_feedback", "until_recovered",
    "extends"};
constexpr std::array<std::string_view, 2> close_keys{"contract", "on"};
constexpr std::array<std::string_view, 4> simulation_keys{"runs", "horizon_months", "seed",
                                                          "target"};
constexpr std::array<std::string_view, 3> target_keys{"jss", "hold", "top_rated"};
constexpr std::array<std::string_view, 17> score_keys{"rules",
                                                      "private_positive_min",
                                                      "private_neutral_min",
                                                      "stars_positive_min",
                                                      "stars_neutral_min",
                                                      "min_clients",
                                                      "min_outcomes",
                                                      "stale_after_days",
                                                      "stale_open_class",
                                                      "long_term_days",
                                                      "span_bonus_days",
                                                      "weight_max",
                                                      "tier_limits",
                                                      "tier_weights",
                                                      "recalc_every_days",
                                                      "recalc_anchor",
                                                      "private_ratings_until"};
constexpr std::array<std::string_view, 2> contract_type_names{"fixed", "hourly"};
constexpr std::array<std::string_view, 4> class_names{"positive", "neutral", "negative",
                                                      "excluded"};
constexpr std::array<std::string_view, 1> no_feedback{"none"};

// Limits beyond any real scenario, so that the simulator never meets a value
// that overflows its counters or its memory.
constexpr std::int64_t max_runs = 100'000'000;
constexpr std::int64_t max_horizon_months = 120;
/// The range of freelancer.today, far inside the years 1 to 9999 that dates
/// hold (date::from_ymd) and make sense of.
constexpr date earliest_today = date::from_days(-25'567);  // 1900-01-01
constexpr date latest_today = date::from_days(2'568'019);  // 9000-12-31
constexpr double max_proposals_per_week = 10'000;
constexpr std::int64_t max_count = 1'000'000;  // max_parallel, hold, min_clients, ...
constexpr auto max_day_count = static_cast<std::int64_t>(max_days);

std::vector<std::string> names_of(const auto& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

// "; did you mean `x`?" or "; the <things> are `a`, `b` or `c`" (or nothing
// when there are too many to list).
std::string hint(const std::string& word, std::vector<std::string> names, std::string_view things) {
  std::string suggestion = detail::did_you_mean(word, names);
  if (!suggestion.empty()) return suggestion;
  // Names may repeat when the file has a duplicate (reported on its own).
  std::vector<std::string> unique;
  for (auto& name : names) {
    if (std::find(unique.begin(), unique.end(), name) == unique.end()) unique.push_back(name);
  }
  if (unique.empty() || unique.size() > 12) return {};
  return fmt::format("; the {} are {}", things, detail::one_of(unique));
}

// Fills a `scenario` from the tree of a file that passed screening. Reads the
// sections in dependency order (the outcome tables before what names them,
// the history before the closes), whatever their order in the file.
class scenario_reader {
 public:
  scenario_reader(reader& r, const std::string& path) : r_(r) { s_.path = path; }

  scenario read(const YAML::Node& root) {
    const value_at top = reader::root(root);
    const auto m = r_.map(top, top_keys,
                          "a mapping with freelancer, history, pipeline and simulation at the "
                          "top of the file");
    if (!m) return std::move(s_);
    // Followed before reading (detail/compose.hpp); its shape is checked here,
    // with the file's other problems. When it is not a path, the base that
    // holds the sections missing here is unknown: only the `extends` is wrong.
    bool extends_broken = false;
    if (auto v = m->get("extends")) {
      extends_broken = !r_.text(*v, "the path of a scenario to extend").has_value();
    }
    const auto section = [&](std::string_view key, std::string_view what) {
      return extends_broken ? m->get(key) : m->require(key, what);
    };
    if (auto v = section("freelancer", "a mapping with name and today")) read_freelancer(*v);
    if (auto v = m->get("score")) read_score(*v);
    if (auto v = section("pipeline", "a mapping with proposals_per_week, jobs and outcomes")) {
      read_pipeline(*v);
    }
    if (auto v = section("history", "a list of contracts (write `history: []` for none)")) {
      read_history(*v);
    }
    if (auto v = m->get("observed")) read_observed(*v);
    if (auto v = m->get("strategies")) {
      read_strategies(*v);
      detail::compose_strategies(r_, s_.strategies, strategy_links_);
    }
    if (s_.strategies.empty()) {
      strategy baseline;
      baseline.name = "baseline";
      s_.strategies.push_back(std::move(baseline));
    }
    if (auto v = section("simulation",
                         "a mapping with runs, horizon_months, seed and target "
                         "(write `simulation: {}` for the defaults)")) {
      read_simulation(*v);
    }
    // Last: its paths name the jobs, tables, strategies and contracts above.
    if (auto v = m->get("sensitivity")) {
      s_.sensitivity = detail::read_sensitivity(r_, *v, s_, !r_.failed());
    }
    if (auto v = m->get("plan")) s_.plan = detail::read_plan(r_, *v, s_, !r_.failed());
    return std::move(s_);
  }

 private:
  // --- freelancer, observed -------------------------------------------------

  void read_freelancer(const value_at& v) {
    const auto m = r_.map(v, freelancer_keys, "a mapping with name and today");
    if (!m) return;
    if (auto name = m->require("name", "the freelancer's name")) {
      if (auto text = r_.text(*name, "a name")) s_.name = *text;
    }
    if (auto today = m->require("today", "the first day simulated, as YYYY-MM-DD")) {
      today_ = r_.day(*today);
      // Dates run from year 1 to 9999: the windows and the recalculation
      // grid reach years before today, the horizon up to ten years after.
      if (today_ && (*today_ < earliest_today || *today_ > latest_today)) {
        r_.expected(*today, fmt::format("a day from {} to {}: the 24 months before it and the "
                                        "horizon after it must stay within the years 1 to 9999",
                                        earliest_today.to_string(), latest_today.to_string()));
        today_.reset();
      }
      if (today_) s_.today = *today_;
    }
  }

  void read_observed(const value_at& v) {
    const auto m = r_.map(v, observed_keys, "a mapping with jss and, optionally, timeline");
    if (!m) return;
    if (auto jss = m->require("jss", "the JSS the profile shows, a whole number from 0 to 100")) {
      if (auto x = r_.whole(*jss, 0, 100, "a JSS, a whole number from 0 to 100")) {
        s_.observed_jss = static_cast<int>(*x);
        s_.observed_jss_at = r_.where(*jss);
      }
    }
    if (auto t = m->get("timeline")) read_timeline(*t);
  }

  /// observed.timeline (MODEL.md section 11.2): the scores she saw before.
  void read_timeline(const value_at& v) {
    const auto items = r_.list(v, "a list of {on: date, jss: score or none}");
    if (!items) return;
    std::optional<date> first_start;
    for (const history_contract& h : s_.history) {
      if (!first_start || h.started < *first_start) first_start = h.started;
    }
    // The recalculation day each entry falls on, to find two that disagree.
    struct seen_on {
      date recalc;
      std::size_t item;   ///< its index in the file's list
      std::size_t entry;  ///< its index in observed_timeline
    };
    std::vector<seen_on> days;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const value_at& item = (*items)[i];
      const auto m = r_.map(item, timeline_keys, "a mapping {on: date, jss: score or none}");
      if (!m) continue;
      observed_score o;
      bool ok = true;
      if (auto on = m->require("on", "the day she saw the profile, as YYYY-MM-DD")) {
        const auto d = r_.day(*on);
        ok = d.has_value();
        if (d && today_ && *d > *today_) {
          r_.expected(*on, fmt::format("a day on or before today ({}): a score she saw",
                                       today_->to_string()));
          ok = false;
        } else if (d && first_start && *d < *first_start) {
          r_.expected(*on, fmt::format("a day on or after the history's first start ({}): "
                                       "before it the profile had nothing to score",
                                       first_start->to_string()));
          ok = false;
        }
        if (d) o.on = *d;
      } else {
        ok = false;
      }
      if (auto jss = m->require("jss", "the JSS the profile showed, 0 to 100, or none")) {
        if (jss->node.IsScalar() && jss->node.Scalar() == "none") {
          o.jss.reset();
        } else if (auto x = r_.whole(*jss, 0, 100,
                                     "a JSS, a whole number from 0 to 100, or `none` (no score)")) {
          o.jss = static_cast<int>(*x);
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      if (!ok || !today_) continue;
      o.at = r_.where(item);
      const date recalc = s_.rules.recalc_on_or_before(o.on);
      const auto shown = [](const std::optional<int>& jss) {
        return jss ? fmt::format("{} %", *jss) : std::string("no score");
      };
      bool clash = false;
      for (const seen_on& before : days) {
        const observed_score& other = s_.observed_timeline[before.entry];
        if (before.recalc != recalc || other.jss == o.jss) continue;
        r_.report(item, fmt::format("{} on {} disagrees with observed.timeline[{}], {} on {}: both "
                                    "show the recalculation of {}, which shows one score",
                                    shown(o.jss), o.on.to_string(), before.item, shown(other.jss),
                                    other.on.to_string(), recalc.to_string()));
        clash = true;
        break;
      }
      if (!clash && s_.observed_jss && recalc == s_.rules.recalc_on_or_before(*today_) &&
          o.jss != s_.observed_jss) {
        r_.report(item, fmt::format("{} on {} disagrees with observed.jss, {} % today ({}): both "
                                    "show the recalculation of {}, which shows one score",
                                    shown(o.jss), o.on.to_string(), *s_.observed_jss,
                                    today_->to_string(), recalc.to_string()));
        clash = true;
      }
      if (clash) continue;
      days.push_back({recalc, i, s_.observed_timeline.size()});
      s_.observed_timeline.push_back(o);
    }
  }

  // --- score (MODEL.md section 4) -------------------------------------------

  void read_score(const value_at& v) {
    const auto m = r_.map(v, score_keys, "a mapping of score parameters");
    if (!m) return;
    rule_set rules;
    // The named rule set first, whatever the key order: the other keys
    // override its values.
    if (auto name = m->get("rules")) {
      if (auto text = r_.one_of(*name, rule_set_names, "a rule set")) {
        if (auto named = rule_set_named(*text)) rules = *named;
      }
    }
    const auto real = [&](std::string_view key, double& field, detail::number_range range,
                          std::string_view what) -> std::optional<value_at> {
      auto at = m->get(key);
      if (!at) return std::nullopt;
      if (auto x = r_.number(*at, range, what)) {
        field = *x;
        return at;
      }
      return std::nullopt;
    };
    const auto whole = [&](std::string_view key, auto& field, std::int64_t lo, std::int64_t hi,
                           std::string_view what) {
      if (auto at = m->get(key)) {
        if (auto x = r_.whole(*at, lo, hi, what)) {
          field = static_cast<std::remove_reference_t<decltype(field)>>(*x);
        }
      }
    };
    const auto pos_min = real("private_positive_min", rules.private_positive_min, {0, 10},
                              "a private rating from 0 to 10");
    const auto neu_min = real("private_neutral_min", rules.private_neutral_min, {0, 10},
                              "a private rating from 0 to 10");
    const auto stars_pos =
        real("stars_positive_min", rules.stars_positive_min, {0, 5}, "a star rating from 0 to 5");
    const auto stars_neu =
        real("stars_neutral_min", rules.stars_neutral_min, {0, 5}, "a star rating from 0 to 5");
    if ((pos_min || neu_min) && rules.private_neutral_min > rules.private_positive_min) {
      r_.report(neu_min ? *neu_min : *pos_min,
                fmt::format("private_neutral_min ({}) is above private_positive_min ({}); a "
                            "neutral rating cannot need more than a positive one",
                            rules.private_neutral_min, rules.private_positive_min));
    }
    if ((stars_pos || stars_neu) && rules.stars_neutral_min > rules.stars_positive_min) {
      r_.report(stars_neu ? *stars_neu : *stars_pos,
                fmt::format("stars_neutral_min ({}) is above stars_positive_min ({}); a neutral "
                            "rating cannot need more than a positive one",
                            rules.stars_neutral_min, rules.stars_positive_min));
    }
    whole("min_clients", rules.min_clients, 1, max_count, "a whole number of clients, 1 or more");
    whole("min_outcomes", rules.min_outcomes, 1, max_count,
          "a whole number of outcomes, 1 or more");
    whole("stale_after_days", rules.stale_after_days, 0, max_day_count,
          "a whole number of days, 0 or more");
    whole("long_term_days", rules.long_term_days, 0, max_day_count,
          "a whole number of days, 0 or more");
    whole("span_bonus_days", rules.span_bonus_days, 1, max_day_count,
          "a whole number of days, 1 or more");
    whole("recalc_every_days", rules.recalc_every_days, 1, max_day_count,
          "a whole number of days, 1 or more (1: a daily update)");
    if (auto at = m->get("stale_open_class")) {
      if (auto text = r_.one_of(*at, class_names, "a class")) {
        if (auto c = outcome_class_from_string(*text)) rules.stale_open_class = *c;
      }
    }
    real("weight_max", rules.weight_max, {0, 1e6, true}, "a weight above 0");
    if (auto at = m->get("tier_limits")) {
      const auto xs = numbers(*at, 2, "[limit, limit]: 2 amounts in USD", {0, max_usd},
                              "an amount in USD, 0 or more");
      if (xs && (*xs)[0] >= (*xs)[1]) {
        r_.report(*at, fmt::format("expected increasing limits, got [{}, {}]", (*xs)[0], (*xs)[1]));
      } else if (xs) {
        rules.tier_limits = {(*xs)[0], (*xs)[1]};
      }
    }
    if (auto at = m->get("tier_weights")) {
      const auto xs = numbers(*at, 3, "[weight, weight, weight]: 3 weights", {0, 1e6, true},
                              "a weight above 0");
      if (xs) rules.tier_weights = {(*xs)[0], (*xs)[1], (*xs)[2]};
    }
    if (auto at = m->get("recalc_anchor")) {
      if (auto d = r_.day(*at)) rules.recalc_anchor = *d;
    }
    if (auto at = m->get("private_ratings_until")) {
      if (auto d = r_.day(*at)) rules.private_ratings_until = *d;
    }
    s_.rules = rules;
  }

  // A list of exactly `count` numbers, each in `range`.
  std::optional<std::vector<double>> numbers(const value_at& v, std::size_t count,
                                             std::string_view form, detail::number_range range,
                                             std::string_view what) {
    const auto items = r_.list(v, fmt::format("a list {}", form));
    if (!items) return std::nullopt;
    if (items->size() != count) {
      r_.report(v, fmt::format("expected a list {}, got a list of {}", form, items->size()));
      return std::nullopt;
    }
    std::vector<double> xs;
    bool ok = true;
    for (const auto& item : *items) {
      const auto x = r_.number(item, range, what);
      ok = ok && x.has_value();
      xs.push_back(x.value_or(0));
    }
    if (!ok) return std::nullopt;
    return xs;
  }

  // --- pipeline -------------------------------------------------------------

  void read_pipeline(const value_at& v) {
    const auto m = r_.map(v, pipeline_keys, "a mapping with proposals_per_week, jobs and outcomes");
    if (!m) return;
    if (auto at = m->require("proposals_per_week", "the proposals sent per week, 0 or more")) {
      if (auto x = proposals_per_week(*at)) s_.pipeline.proposals_per_week = *x;
    }
    if (auto at = m->get("max_parallel")) {
      if (auto x = max_parallel(*at)) s_.pipeline.max_parallel = *x;
    }
    if (auto at = m->require("outcomes",
                             "named outcome tables, such as `good: [{p: 1, stars: "
                             "5.0, private: 10}]`")) {
      read_outcome_tables(*at);
    }
    if (auto at = m->require("jobs", "a list of job types")) read_jobs(*at);
  }

  std::optional<double> proposals_per_week(const value_at& v) {
    return r_.number(
        v, {0, max_proposals_per_week},
        fmt::format("a number of proposals per week from 0 to {}", max_proposals_per_week));
  }

  std::optional<int> max_parallel(const value_at& v) {
    const auto x = r_.whole(v, 1, max_count, "a whole number of jobs at once, 1 or more");
    if (!x) return std::nullopt;
    return static_cast<int>(*x);
  }

  void read_outcome_tables(const value_at& v) {
    const auto entries = r_.named_entries(v, "a mapping of named outcome tables");
    if (!entries) return;
    if (entries->empty()) {
      r_.report(v, "expected at least one outcome table, got none");
      return;
    }
    tables_known_ = true;
    for (const auto& [key, rows] : *entries) {
      outcome_table table;
      table.name = key.node.Scalar();
      table_ids_.emplace(table.name, s_.pipeline.outcomes.size());
      read_outcome_rows(rows, table);
      s_.pipeline.outcomes.push_back(std::move(table));
    }
  }

  void read_outcome_rows(const value_at& v, outcome_table& table) {
    const auto rows = r_.list(v, "a list of rows such as {p: 0.9, stars: 5.0, private: 10}");
    if (!rows) return;
    if (rows->empty()) {
      r_.report(v, "expected at least one row, got an empty list");
      return;
    }
    bool complete = true;
    double sum = 0;
    for (const auto& row_at : *rows) {
      const auto row = read_outcome_row(row_at);
      if (!row) {
        complete = false;
        continue;
      }
      sum += row->p;
      table.rows.push_back(*row);
    }
    if (complete && std::abs(sum - 1) > 1e-9) {
      r_.report(v, fmt::format("the p of the rows sum to {:.10g}; they must sum to 1", sum));
    }
  }

  std::optional<outcome_row> read_outcome_row(const value_at& v) {
    const auto m = r_.map(v, row_keys,
                          "a row such as {p: 0.9, stars: 5.0, private: 10} or {p: 0.1, "
                          "feedback: none}");
    if (!m) return std::nullopt;
    outcome_row row;
    bool ok = false;
    if (auto p = m->require("p", "the row's probability, between 0 and 1")) {
      if (auto x = r_.probability(*p)) {
        row.p = *x;
        ok = true;
      }
    }
    if (auto at = m->get("stars")) {
      if (auto x = r_.number(*at, {1, 5}, "stars from 1.0 to 5.0")) {
        row.stars = *x;
      } else {
        ok = false;
      }
    }
    if (auto at = m->get("private")) {
      if (auto x = r_.whole(*at, 0, 10, "a private rating, a whole number from 0 to 10")) {
        row.private_rating = static_cast<int>(*x);
      } else {
        ok = false;
      }
    }
    if (auto at = m->get("feedback")) {
      if (!r_.one_of(*at, no_feedback, "feedback")) {
        ok = false;
      } else if (m->has("stars") || m->has("private")) {
        r_.report(*at, "`feedback: none` cannot go with stars or private; keep one or the other");
        ok = false;
      }
    } else if (!m->has("stars") && !m->has("private")) {
      r_.report(v, "expected stars and/or private, or `feedback: none`");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return row;
  }

  void read_jobs(const value_at& v) {
    const auto items = r_.list(v, "a list of job types");
    if (!items) return;
    if (items->empty()) {
      r_.report(v, "expected at least one job type, got an empty list");
      return;
    }
    jobs_known_ = true;
    for (const auto& item : *items) read_job(item);
  }

  void read_job(const value_at& v) {
    const auto m = r_.map(v, job_keys,
                          "a job type: a mapping with name, win_rate, duration_days and "
                          "value_usd or weekly_usd");
    job_type job;
    if (!m) {
      jobs_known_ = false;
      s_.pipeline.jobs.push_back(std::move(job));
      return;
    }
    if (auto at = m->require("name", "the job type's name")) {
      if (auto name = r_.text(*at, "a name")) {
        const auto [other, fresh] = job_ids_.try_emplace(*name, s_.pipeline.jobs.size());
        if (!fresh) {
          r_.report(*at, fmt::format("job type `{}` is already defined by pipeline.jobs[{}]; "
                                     "names must be unique",
                                     *name, other->second));
        }
        job.name = *name;
      } else {
        jobs_known_ = false;
      }
    } else {
      jobs_known_ = false;
    }
    if (auto at = m->require("win_rate", "the chance that a proposal wins, between 0 and 1")) {
      if (auto x = r_.probability(*at)) job.win_rate = *x;
    }
    std::optional<contract_type> type = contract_type::fixed;
    if (auto at = m->get("type")) type = read_contract_type(*at);
    if (auto at =
            m->require("duration_days", "a distribution of days, such as {uniform: [7, 30]}")) {
      if (auto d = r_.distribution_of(*at, quantity::days)) job.duration_days = *d;
    }
    if (type == contract_type::fixed) {
      job.type = contract_type::fixed;
      if (auto at = m->require("value_usd",
                               "the USD a fixed job pays, a distribution such as "
                               "{uniform: [40, 250]}")) {
        if (auto d = r_.distribution_of(*at, quantity::usd)) job.value_usd = *d;
      }
      if (auto at = m->get("weekly_usd")) {
        r_.report(*at, "weekly_usd is for hourly jobs; a fixed job is paid value_usd");
      }
    } else if (type == contract_type::hourly) {
      job.type = contract_type::hourly;
      if (auto at = m->require("weekly_usd",
                               "the USD an hourly job pays per week, a "
                               "distribution such as {uniform: [100, 300]}")) {
        if (auto d = r_.distribution_of(*at, quantity::usd)) job.weekly_usd = *d;
      }
      if (auto at = m->get("value_usd")) {
        r_.report(*at, "value_usd is for fixed jobs; an hourly job is paid weekly_usd");
      }
    }
    if (auto at = m->get("close_delay_days")) {
      if (auto d = r_.distribution_of(*at, quantity::days)) job.close_delay_days = *d;
    }
    if (auto at = m->get("ghost")) {
      if (auto x = r_.probability(*at)) job.ghost = *x;
    }
    if (auto at = m->get("rehire")) {
      if (auto x = r_.probability(*at)) job.rehire = *x;
    }
    if (auto at = m->get("outcomes")) {
      if (auto t = table_ref(*at)) job.outcomes = *t;
    }
    s_.pipeline.jobs.push_back(std::move(job));
  }

  std::optional<contract_type> read_contract_type(const value_at& v) {
    const auto text = r_.one_of(v, contract_type_names, "a contract type");
    if (!text) return std::nullopt;
    return *text == "hourly" ? contract_type::hourly : contract_type::fixed;
  }

  // The index of the outcome table that `v` names.
  std::optional<std::size_t> table_ref(const value_at& v) {
    const auto name = r_.text(v, "the name of a table of pipeline.outcomes");
    // Without a readable list of tables, "no such table" would be noise.
    if (!name || !tables_known_) return std::nullopt;
    if (auto i = table_ids_.find(*name); i != table_ids_.end()) return i->second;
    r_.report_with(v, [&] {
      return fmt::format("no outcome table named `{}` in pipeline.outcomes{}", *name,
                         hint(*name, names_of(s_.pipeline.outcomes), "tables"));
    });
    return std::nullopt;
  }

  // A history contract's `prior`: a table of pipeline.outcomes; or `by-stars`,
  // the table of its public stars' band; or a built-in table the file does not
  // define (`private-if-N-stars`, docs/score-rules.md), added to the tables.
  std::optional<std::size_t> prior_ref(const value_at& v, const history_contract& h) {
    const auto name = r_.text(v, "the name of a table of pipeline.outcomes, or `by-stars`");
    if (!name || !tables_known_) return std::nullopt;
    std::string wanted = *name;
    if (wanted == "by-stars") {
      if (!h.stars.given()) {
        r_.report(v, "`by-stars` draws from the table of the contract's public stars, and it "
                     "has none; give `stars` (a number, not `unknown`) or name a table");
        return std::nullopt;
      }
      wanted = private_prior_name(h.stars.value);
    }
    if (auto i = table_ids_.find(wanted); i != table_ids_.end()) return i->second;
    if (auto builtin = private_prior_named(wanted)) {
      const std::size_t index = s_.pipeline.outcomes.size();
      s_.pipeline.outcomes.push_back(std::move(*builtin));
      table_ids_.emplace(wanted, index);
      return index;
    }
    r_.report_with(v, [&] {
      return fmt::format("no outcome table named `{}` in pipeline.outcomes, and it is not "
                         "`by-stars` or a built-in `private-if-N-stars` (N 1 to 5){}",
                         *name, hint(*name, names_of(s_.pipeline.outcomes), "tables"));
    });
    return std::nullopt;
  }

  // --- history --------------------------------------------------------------

  void read_history(const value_at& v) {
    const auto items = r_.list(v, "a list of contracts (write `history: []` for none)");
    if (!items) return;
    ids_known_ = true;
    for (const auto& item : *items) read_contract(item);
  }

  // `d`, checked against today: the history ends today.
  void not_after_today(const value_at& where, date d) {
    if (today_ && d > *today_) {
      r_.report(where, fmt::format("{} is after today ({}); the history holds what happened up "
                                   "to today",
                                   d.to_string(), today_->to_string()));
    }
  }

  // A date of the contract, or nothing when absent or unusable.
  std::optional<date> contract_date(const mapping& m, std::string_view key,
                                    std::optional<value_at>& at) {
    at = m.get(key);
    if (!at) return std::nullopt;
    const auto d = r_.day(*at);
    if (d) not_after_today(*at, *d);
    return d;
  }

  void order(const std::optional<value_at>& later_at, std::optional<date> earlier,
             std::optional<date> later, std::string_view earlier_name) {
    if (earlier && later && *later < *earlier) {
      r_.expected(*later_at,
                  fmt::format("a date on or after {} ({})", earlier_name, earlier->to_string()));
    }
  }

  void read_contract(const value_at& v) {
    const auto m =
        r_.map(v, contract_keys, "a contract: a mapping with id, client, started and the rest");
    history_contract h;
    h.line = line_of(v.mark);
    if (!m) {
      ids_known_ = false;
      s_.history.push_back(std::move(h));
      return;
    }
    if (auto at = m->require("id", "an id naming the contract, unique in the history")) {
      if (auto id = r_.text(*at, "an id")) {
        const auto [other, fresh] = contract_ids_.try_emplace(*id, s_.history.size());
        if (!fresh) {
          r_.report(*at, fmt::format("id `{}` is already used by history[{}] (line {}); ids "
                                     "must be unique",
                                     *id, other->second, s_.history[other->second].line));
        }
        h.id = *id;
      } else {
        ids_known_ = false;
      }
    } else {
      ids_known_ = false;
    }
    if (auto at = m->require("client", "the client's name; repeat contracts share it")) {
      if (auto client = r_.text(*at, "a client name")) {
        h.client = *client;
        h.client_index = client_index(*client);
      }
    }
    if (auto at = m->get("type")) {
      if (auto t = read_contract_type(*at)) h.type = *t;
    }

    std::optional<value_at> ended_at;
    std::optional<date> started;
    if (auto at = m->require("started", "the start date, as YYYY-MM-DD")) {
      started = r_.day(*at);
      if (started) {
        not_after_today(*at, *started);
        h.started = *started;
      }
    }
    const auto ended = contract_date(*m, "ended", ended_at);
    order(ended_at, started, ended, "started");
    h.ended = ended;

    read_payments(*m, h, started, ended);

    // `ended_on:` already says "did you mean `ended`?": ratings are no error then.
    const bool ended_given = ended_at.has_value() || m->misspelt("ended");
    read_rating(*m, "stars", h.stars, ended_given);
    read_rating(*m, "private", h.private_rating, ended_given);
    after_private_ratings(*m, h);
    for (auto [key, field] :
         {std::pair{"disputed", &h.disputed}, std::pair{"client_flagged", &h.client_flagged},
          std::pair{"paused", &h.paused}}) {
      if (auto at = m->get(key)) {
        if (auto b = r_.boolean(*at)) *field = *b;
      }
    }

    std::optional<value_at> prior_at = m->get("prior");
    if (prior_at) {
      if (auto t = prior_ref(*prior_at, h)) h.prior = *t;
    }
    check_prior(*m, h, prior_at);

    if (auto at = m->get("future")) {
      if (ended_at) {
        r_.report(*at,
                  "only an open contract has a future, and this one has `ended`; remove "
                  "one of them");
      } else {
        h.future = read_future(*at);
      }
    }
    s_.history.push_back(std::move(h));
  }

  void read_payments(const mapping& m, history_contract& h, std::optional<date> started,
                     std::optional<date> ended) {
    std::optional<value_at> first_at;
    std::optional<value_at> last_at;
    const auto earned_at = m.get("earned");
    bool earned_read = false;  // unreadable earned is reported once, not again by the dates
    if (earned_at) {
      if (auto x = r_.number(*earned_at, {0, max_usd}, "an amount in USD, 0 or more")) {
        h.earned = *x;
        earned_read = true;
      }
    }
    const auto first = contract_date(m, "first_paid", first_at);
    const auto last = contract_date(m, "last_paid", last_at);
    if (h.earned > 0) {
      if (!last_at && m.absent("last_paid")) {
        r_.report(m.self().mark, m.self().path + ".last_paid",
                  "missing; expected the date of the latest payment (required when earned is "
                  "above 0)");
      }
    } else if (earned_at || first_at || last_at) {
      // earned was 0 (or unreadable, already reported): payment dates mean
      // money was paid, so one of the two is a mistake.
      for (const auto& at : {first_at, last_at}) {
        if (at && earned_read && h.earned == 0) {
          r_.report(*at, "a payment date needs earned above 0; give earned or remove the date");
        } else if (at && !earned_at) {
          r_.report(*at, "a payment date needs earned (the USD paid); give it or remove the date");
        }
      }
    }
    order(first_at, started, first, "started");
    // Without first_paid, last_paid is the first payment: not before the
    // start either (unless the start is already reported as after the end).
    if (!first_at && !(ended && started && *ended < *started)) {
      order(last_at, started, last, "started");
    }
    order(last_at, first, last, "first_paid");
    if (ended && last && *last > *ended) {
      r_.expected(*last_at, fmt::format("a date on or before ended ({})", ended->to_string()));
    }
    if (h.earned > 0) {
      h.last_paid = last;
      h.first_paid = first ? first : last;
    }
  }

  void read_rating(const mapping& m, std::string_view key, rating& field, bool ended) {
    const auto at = m.get(key);
    if (!at) return;
    const bool stars = key == "stars";
    if (at->node.IsScalar() && at->node.Scalar() == "unknown") {
      field.state = rating::kind::unknown;
    } else if (stars) {
      if (auto x = r_.number(*at, {1, 5}, "stars from 1.0 to 5.0, or `unknown`")) {
        field = {rating::kind::given, *x};
      }
    } else if (auto x = r_.whole(*at, 0, 10,
                                 "a private rating, a whole number from 0 to 10, or `unknown`")) {
      field = {rating::kind::given, static_cast<double>(*x)};
    }
    if (!ended) {
      r_.report(*at, fmt::format("an open contract has no {} rating yet (ratings come at the "
                                 "end); give `ended` or remove it",
                                 stars ? "star" : "private"));
    }
  }

  // A contract that ended after score.private_ratings_until has no private
  // rating, neither known nor hidden (docs/score-rules.md): a hidden one is
  // dropped, a known one kept as written but not counted; both are said.
  void after_private_ratings(const mapping& m, history_contract& h) {
    const date until = s_.rules.private_ratings_until;
    if (!h.ended || *h.ended <= until) return;
    const auto at = m.get("private");
    if (!at || h.private_rating.state == rating::kind::none) return;
    const std::string why = fmt::format(
        "this contract ended on {}, after score.private_ratings_until ({}), when clients "
        "could no longer leave a private rating",
        h.ended->to_string(), until.to_string());
    if (h.private_rating.unknown()) {
      h.private_rating = {};
      s_.warnings.push_back({r_.where(*at), fmt::format("warning: `unknown` is not drawn: {}; "
                                                        "it is classed by its stars",
                                                        why)});
    } else {
      s_.warnings.push_back(
          {r_.where(*at), fmt::format("warning: not counted: {}; it is classed by its stars", why)});
    }
  }

  // Unknown ratings are drawn from rows that give them (MODEL.md section 10):
  // a prior table without such a row could never explain them.
  void check_prior(const mapping& m, const history_contract& h,
                   const std::optional<value_at>& prior_at) {
    if (!h.has_unknown() || !tables_known_ || h.prior >= s_.pipeline.outcomes.size()) return;
    const outcome_table& table = s_.pipeline.outcomes[h.prior];
    const bool stars = h.stars.unknown();
    const bool priv = h.private_rating.unknown();
    for (const auto& row : table.rows) {
      if (row.p > 0 && (!stars || row.stars >= 0) && (!priv || row.private_rating >= 0)) return;
    }
    const std::string what = stars && priv ? "stars and private" : stars ? "stars" : "private";
    const value_at where = prior_at ? *prior_at : *m.get(stars ? "stars" : "private");
    r_.report(where, fmt::format("`unknown` ratings are drawn from the prior table `{}`, and no "
                                 "row of it gives {}; name another table with `prior`",
                                 table.name, what));
  }

  std::optional<contract_future> read_future(const value_at& v) {
    const auto m = r_.map(v, future_keys,
                          "a mapping with outcomes, ends_in_days, ghost and "
                          "weekly_usd");
    if (!m) return std::nullopt;
    contract_future f;
    if (auto at = m->get("outcomes")) {
      if (auto t = table_ref(*at)) f.outcomes = *t;
    }
    std::optional<double> ghost = 0.0;
    if (auto at = m->get("ghost")) {
      ghost = r_.probability(*at);
      if (ghost) f.ghost = *ghost;
    }
    if (auto at = m->get("ends_in_days")) {
      f.ends_in_days = r_.distribution_of(*at, quantity::days);
    } else if (ghost && *ghost < 1 && m->absent("ends_in_days")) {
      r_.report(m->self().mark, m->self().path + ".ends_in_days",
                "missing; expected a distribution of the days from today to the client's "
                "close (required unless ghost is 1)");
    }
    if (auto at = m->get("weekly_usd")) {
      if (auto d = r_.distribution_of(*at, quantity::usd)) f.weekly_usd = *d;
    }
    return f;
  }

  std::int32_t client_index(const std::string& client) {
    const auto [found, fresh] =
        client_ids_.try_emplace(client, static_cast<std::int32_t>(s_.clients.size()));
    if (fresh) s_.clients.push_back(client);
    return found->second;
  }

  // --- strategies -----------------------------------------------------------

  void read_strategies(const value_at& v) {
    const auto items = r_.list(v, "a list of strategies, each a mapping with a name");
    if (!items) return;
    for (const auto& item : *items) read_strategy(item);
  }

  void read_strategy(const value_at& v) {
    const auto m = r_.map(v, strategy_keys, "a strategy: a mapping with a name and settings");
    if (!m) return;
    strategy st;
    st.line = line_of(v.mark);
    if (auto at = m->require("name", "the strategy's name")) {
      if (auto name = r_.text(*at, "a name")) {
        const auto [other, fresh] = strategy_ids_.try_emplace(*name, s_.strategies.size());
        if (!fresh) {
          r_.report(*at, fmt::format("strategy `{}` is already defined by strategies[{}] (line "
                                     "{}); names must be unique",
                                     *name, other->second, s_.strategies[other->second].line));
        }
        st.name = *name;
      }
    }
    if (auto at = m->get("proposals_per_week")) st.proposals_per_week = proposals_per_week(*at);
    if (auto at = m->get("max_parallel")) st.max_parallel = max_parallel(*at);
    if (auto at = m->get("accept")) st.accept = read_accept(*at);
    if (auto at = m->get("close")) read_closes(*at, st);
    if (auto at = m->get("close_stale_after_days")) {
      if (auto x = r_.whole(*at, 0, max_day_count, "a whole number of days, 0 or more")) {
        st.close_stale_after_days = static_cast<day_count>(*x);
      }
    }
    if (auto at = m->get("own_close_feedback")) {
      if (auto x = r_.probability(*at)) st.own_close_feedback = *x;
    }
    if (auto at = m->get("until_recovered")) {
      if (auto b = r_.boolean(*at)) st.until_recovered = *b;
    }
    // `extends` and which keys are given, for composing (detail/compose.hpp).
    strategy_links_.push_back(detail::read_strategy_links(r_, *m));
    s_.strategies.push_back(std::move(st));
  }

  std::vector<std::size_t> read_accept(const value_at& v) {
    std::vector<std::size_t> accepted;
    std::unordered_set<std::size_t> taken;  // each job type once
    const auto items = r_.list(v, "a list of job type names from pipeline.jobs");
    if (!items) return accepted;
    for (const auto& item : *items) {
      const auto name = r_.text(item, "the name of a job type of pipeline.jobs");
      if (!name || !jobs_known_) continue;
      const auto index = job_ids_.find(*name);
      if (index == job_ids_.end()) {
        r_.report_with(item, [&] {
          return fmt::format("no job type named `{}` in pipeline.jobs{}", *name,
                             hint(*name, names_of(s_.pipeline.jobs), "job types"));
        });
      } else if (taken.insert(index->second).second) {
        accepted.push_back(index->second);
      }
    }
    return accepted;
  }

  void read_closes(const value_at& v, strategy& st) {
    const auto items = r_.list(v, "a list of {contract: id, on: date}");
    if (!items) return;
    std::unordered_map<std::size_t, std::size_t> closed;  // contract -> its close, for duplicates
    for (const auto& item : *items) {
      const auto m = r_.map(item, close_keys, "a mapping {contract: id, on: date}");
      if (!m) continue;
      scheduled_close c;
      bool ok = true;
      if (auto at = m->require("contract", "the id of an open contract of the history")) {
        ok = resolve_close(*at, c) && ok;
      } else {
        ok = false;
      }
      if (auto at = m->get("on")) {
        const auto d = r_.day(*at);
        ok = ok && d.has_value();
        if (d && today_ && *d < *today_) {
          r_.expected(*at, fmt::format("a day on or after today ({})", today_->to_string()));
          ok = false;
        }
        if (d) c.on = *d;
      } else if (today_) {
        c.on = *today_;
      }
      if (!ok) continue;
      const auto [before, fresh] = closed.try_emplace(c.contract, st.close.size());
      if (!fresh) {
        r_.report(item, fmt::format("contract `{}` is already closed by close[{}]",
                                    s_.history[c.contract].id, before->second));
        continue;
      }
      st.close.push_back(c);
    }
  }

  bool resolve_close(const value_at& at, scheduled_close& c) {
    const auto id = r_.text(at, "the id of an open contract of the history");
    if (!id) return false;
    if (!ids_known_) return false;  // an unreadable id may be the one meant
    const auto found = contract_ids_.find(*id);
    if (found == contract_ids_.end()) {
      r_.report_with(at, [&] {
        std::vector<std::string> ids;
        for (const auto& h : s_.history) ids.push_back(h.id);
        return fmt::format("no contract with id `{}` in the history{}", *id,
                           hint(*id, std::move(ids), "ids"));
      });
      return false;
    }
    const std::size_t index = found->second;
    const history_contract& h = s_.history[index];
    if (h.ended) {
      r_.report(at, fmt::format("contract `{}` ended on {}; only an open contract can be closed",
                                *id, h.ended->to_string()));
      return false;
    }
    c.contract = index;
    return true;
  }

  // --- simulation -----------------------------------------------------------

  void read_simulation(const value_at& v) {
    const auto m =
        r_.map(v, simulation_keys, "a mapping with runs, horizon_months, seed and target");
    if (!m) return;
    simulation_settings& sim = s_.simulation;
    if (auto at = m->get("runs")) {
      if (auto x = r_.whole(*at, 1, max_runs,
                            fmt::format("a whole number of runs from 1 to {}", max_runs))) {
        sim.runs = static_cast<std::uint64_t>(*x);
      }
    }
    if (auto at = m->get("horizon_months")) {
      if (auto x =
              r_.whole(*at, 1, max_horizon_months,
                       fmt::format("a whole number of months from 1 to {}", max_horizon_months))) {
        sim.horizon_months = static_cast<int>(*x);
      }
    }
    if (auto at = m->get("seed")) {
      if (auto x = r_.whole_u64(*at, "a whole number from 0 to 18446744073709551615")) {
        sim.seed = *x;
      }
    }
    if (auto at = m->get("target")) {
      const auto t = r_.map(*at, target_keys, "a mapping with jss, hold and top_rated");
      if (!t) return;
      if (auto jss = t->get("jss")) {
        if (auto x = r_.number(*jss, {0, 100, true}, "a JSS above 0 and at most 100")) {
          sim.target.jss = *x;
          sim.target.jss_line = line_of(jss->mark);
        }
      }
      if (auto hold = t->get("hold")) {
        if (auto x = r_.whole(*hold, 1, max_count,
                              "a whole number of recalculations in a row, 1 or more")) {
          sim.target.hold = static_cast<int>(*x);
        }
      }
      if (auto top = t->get("top_rated")) {
        if (auto b = r_.boolean(*top)) sim.target.top_rated = *b;
      }
    }
  }

  reader& r_;
  scenario s_;
  std::optional<date> today_;
  // Whether every name of a section was read: without it, "no table/job
  // type/contract named x" could be a consequence of an earlier problem.
  bool tables_known_ = false;
  bool jobs_known_ = false;
  bool ids_known_ = false;
  // Name -> index, hashed: a hostile file may hold 50,000 contracts.
  std::unordered_map<std::string, std::size_t> table_ids_;
  std::unordered_map<std::string, std::size_t> job_ids_;
  std::unordered_map<std::string, std::size_t> contract_ids_;
  std::unordered_map<std::string, std::size_t> strategy_ids_;
  std::unordered_map<std::string, std::int32_t> client_ids_;
  std::vector<detail::strategy_links> strategy_links_;  // one per strategy
};

scenario_error file_error(const std::string& file, int line, int column, std::string message) {
  return scenario_error(source_location{file, line, column, {}}, std::move(message));
}

// The tree of a scenario's text, screened first (detail/yaml_guard.hpp).
YAML::Node parse_tree(std::string_view yaml_text, const std::string& file_label) {
  if (auto problem = detail::screen(yaml_text)) {
    throw file_error(file_label, problem->line, problem->column, problem->message);
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw file_error(file_label, line_of(e.mark), e.mark.is_null() ? 0 : e.mark.column + 1,
                     "YAML syntax error: " + e.msg);
  } catch (const std::exception& e) {
    throw file_error(file_label, 0, 0, std::string("YAML syntax error: ") + e.what());
  }
  // `key:` with nothing after it is reported at the key, not the next line.
  detail::unmark_empty_values(root, yaml_text);
  if (!root.IsDefined() || root.IsNull()) {
    throw file_error(file_label, 0, 0,
                     "the file is empty; a scenario needs freelancer, history, pipeline and "
                     "simulation");
  }
  return root;
}

}  // namespace

std::string read_scenario_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    throw input_error(fmt::format("{}: cannot read the scenario: {}", path,
                                  ec ? ec.message() : std::string("no such file")));
  }
  if (fs::is_directory(status)) {
    throw input_error(path + ": cannot read the scenario: it is a directory");
  }
  // A regular file is measured before anything is read; a pipe or a device
  // has no size, and its reading below stops one byte past the limit.
  if (fs::is_regular_file(status)) {
    const auto size = fs::file_size(path, ec);
    if (!ec) {
      if (auto problem = detail::check_size(static_cast<std::size_t>(size))) {
        throw file_error(path, 0, 0, problem->message);
      }
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw input_error(fmt::format("{}: cannot read the scenario: {}", path,
                                  std::error_code(errno, std::generic_category()).message()));
  }
  std::string text(detail::max_scenario_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw input_error(path + ": cannot read the scenario: a read error");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > detail::max_scenario_bytes) {
    throw file_error(path, 0, 0,
                     fmt::format("the file is larger than {} MiB, the most a scenario may be",
                                 detail::max_scenario_bytes / (1024 * 1024)));
  }
  return text;
}

namespace {

// A base of an `extends` chain (detail/compose.hpp), read like any scenario file.
detail::loaded_tree load_tree(const std::string& path) {
  const std::string text = read_scenario_file(path);
  return {parse_tree(text, path), text.size()};
}

}  // namespace

scenario load_scenario_string(std::string_view yaml_text, const std::string& file_label) {
  const YAML::Node root = parse_tree(yaml_text, file_label);
  // A scenario that `extends` others is read merged with them.
  const detail::composed_tree tree =
      detail::compose_files(root, file_label, yaml_text.size(), load_tree);
  reader r(file_label);
  scenario s;
  try {
    s = scenario_reader(r, file_label).read(tree.root());
  } catch (const YAML::Exception& e) {
    // Not expected after screening; kept so that a yaml-cpp surprise is a
    // message, not a crash.
    r.report(e.mark, {}, "could not read the YAML: " + e.msg);
  }
  // The reader names the extending file; each problem gets the file it is in.
  auto problems = tree.attribute(r.problems());
  if (!problems.empty()) throw scenario_error(std::move(problems));
  // Valid, but meaningless or misleading: said, not refused.
  // The reader's own (a rating that cannot count) first, in file order.
  std::vector<diagnostic> warnings = std::move(s.warnings);
  for (diagnostic& w : scenario_warnings(s)) warnings.push_back(std::move(w));
  s.warnings = tree.attribute(std::move(warnings));
  // So does observed.jss, which the runs may find no history to show.
  if (s.observed_jss) {
    s.observed_jss_at = tree.attribute({diagnostic{s.observed_jss_at, {}}}).front().where;
  }
  for (observed_score& o : s.observed_timeline) {
    o.at = tree.attribute({diagnostic{o.at, {}}}).front().where;
  }
  return s;
}

scenario load_scenario_file(const std::string& path) {
  return load_scenario_string(read_scenario_file(path), path);
}

std::uint64_t problem_count(const scenario_error& e) { return detail::reader::total(e.problems()); }

}  // namespace jssim::input
