// SPDX-License-Identifier: MIT
#include "model/sensitivity.hpp"

#include <algorithm>  // std::all_of, std::find_if, std::min
#include <cmath>      // std::floor, std::isfinite, std::isnan
#include <cstdint>    // std::int64_t
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>  // std::move, std::pair

#include <fmt/format.h>

#include "model/detail/suggest.hpp"
#include "model/scenario.hpp"

namespace jssim::model {
namespace {

// The loader's limits (scenario_loader.cpp), so that a study never sets a
// value the loader would refuse.
constexpr double max_proposals_per_week = 10'000;
constexpr double max_count = 1'000'000;
// The largest factor on a distribution: a hundred times a guess is already no
// longer the same scenario, and day counts stay far from overflowing.
constexpr double max_scale = 100;

parameter_domain probability() { return {0, 1, false, false, "a probability between 0 and 1"}; }
parameter_domain days() {
  return {0, max_days, false, false,
          fmt::format("a number of days from 0 to {}", max_days)};
}
parameter_domain whole_days(double lo) {
  return {lo, max_days, false, true,
          fmt::format("a whole number of days from {} to {}", lo, max_days)};
}
parameter_domain usd() {
  return {0, max_usd, false, false, "an amount in USD, 0 or more"};
}
parameter_domain scale() {
  return {0, max_scale, false, false, fmt::format("a factor from 0 to {}", max_scale)};
}
parameter_domain count(std::string_view of) {
  return {1, max_count, false, true, fmt::format("a whole number of {}, 1 or more", of)};
}
parameter_domain proposals() {
  return {0, max_proposals_per_week, false, false,
          fmt::format("a number of proposals per week from 0 to {}", max_proposals_per_week)};
}
parameter_domain weight() { return {0, 1e6, true, false, "a weight above 0"}; }

// Half up, as the loader's whole numbers and the simulator's days.
double rounded(double x, const parameter_domain& d) { return d.whole ? std::floor(x + 0.5) : x; }

std::optional<double> unless_unlimited(int max_parallel) {
  if (max_parallel == std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<double>(max_parallel);
}

void scale_distribution(distribution& d, double factor) {
  d.a *= factor;
  d.b *= factor;
  d.c *= factor;
  for (auto& choice : d.choices) choice.first *= factor;
}

// --- the catalogue of paths ---------------------------------------------

// Every path of a scenario with its target, built once per section (or per
// resolve_parameter). The getters and setters capture indexes, never
// pointers: they apply to copies of the scenario.
class catalogue {
 public:
  explicit catalogue(const scenario& s) {
    add_pipeline(s);
    add_score();
    add_strategies(s);
    add_history(s);
  }

  [[nodiscard]] const std::vector<parameter_target>& targets() const { return targets_; }

 private:
  void add(std::string path, parameter_domain domain,
           std::function<std::optional<double>(const scenario&)> get,
           std::function<void(scenario&, double)> set) {
    targets_.push_back({std::move(path), std::move(domain), std::move(get), std::move(set)});
  }

  // A distribution of the scenario, reached by `access` (a generic lambda
  // taking a scenario, const or not): the number itself when it is fixed, and
  // its scale always.
  template <class Access>
  void add_distribution(const std::string& prefix, const distribution& base,
                        const parameter_domain& domain, Access access) {
    if (base.shape == distribution::kind::fixed) {
      add(prefix, domain,
          [access](const scenario& s) -> std::optional<double> { return access(s).a; },
          [access, domain](scenario& s, double x) {
            access(s) = distribution::fixed(rounded(x, domain));
          });
    }
    add(prefix + ".scale", scale(), [](const scenario&) -> std::optional<double> { return 1.0; },
        [access](scenario& s, double x) { scale_distribution(access(s), x); });
  }

  void add_pipeline(const scenario& s) {
    add("pipeline.proposals_per_week", proposals(),
        [](const scenario& sc) -> std::optional<double> {
          return sc.pipeline.proposals_per_week;
        },
        [](scenario& sc, double x) { sc.pipeline.proposals_per_week = x; });
    add("pipeline.max_parallel", count("jobs at once"),
        [](const scenario& sc) { return unless_unlimited(sc.pipeline.max_parallel); },
        [](scenario& sc, double x) {
          sc.pipeline.max_parallel = static_cast<int>(std::floor(x + 0.5));
        });
    for (std::size_t j = 0; j < s.pipeline.jobs.size(); ++j) add_job(s, j);
    for (std::size_t t = 0; t < s.pipeline.outcomes.size(); ++t) add_table(s, t);
  }

  void add_job(const scenario& s, std::size_t j) {
    const job_type& job = s.pipeline.jobs[j];
    const std::string prefix = fmt::format("pipeline.jobs[{}]", bracketed(job.name, j));
    using member = double job_type::*;
    for (const auto& [key, field] :
         {std::pair<const char*, member>{"win_rate", &job_type::win_rate},
          std::pair<const char*, member>{"ghost", &job_type::ghost},
          std::pair<const char*, member>{"rehire", &job_type::rehire}}) {
      add(prefix + "." + key, probability(),
          [j, f = field](const scenario& sc) -> std::optional<double> {
            return sc.pipeline.jobs[j].*f;
          },
          [j, f = field](scenario& sc, double x) { sc.pipeline.jobs[j].*f = x; });
    }
    using dist_member = distribution job_type::*;
    const auto job_distribution = [&](const char* key, dist_member field,
                                      const parameter_domain& d) {
      add_distribution(prefix + "." + key, job.*field, d,
                       [j, field](auto& sc) -> auto& { return sc.pipeline.jobs[j].*field; });
    };
    job_distribution("duration_days", &job_type::duration_days, days());
    job_distribution("close_delay_days", &job_type::close_delay_days, days());
    if (job.type == contract_type::fixed) {
      job_distribution("value_usd", &job_type::value_usd, usd());
    } else {
      job_distribution("weekly_usd", &job_type::weekly_usd, usd());
    }
  }

  void add_table(const scenario& s, std::size_t t) {
    const outcome_table& table = s.pipeline.outcomes[t];
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
      parameter_domain d = probability();
      if (table.rows.size() == 1) d = {1, 1, false, false, "1 (the only row of its table)"};
      add(fmt::format("pipeline.outcomes.{}[{}].p", table.name, row), d,
          [t, row](const scenario& sc) -> std::optional<double> {
            return sc.pipeline.outcomes[t].rows[row].p;
          },
          [t, row](scenario& sc, double x) {
            set_row_probability(sc.pipeline.outcomes[t], row, x);
          });
    }
  }

  // The other rows keep their proportions and take up 1 - p between them;
  // when they had nothing to keep, they share it evenly.
  static void set_row_probability(outcome_table& table, std::size_t row, double p) {
    double others = 0;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      if (i != row) others += table.rows[i].p;
    }
    const auto n_others = static_cast<double>(table.rows.size() - 1);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      if (i == row) continue;
      table.rows[i].p = others > 0 ? table.rows[i].p * (1 - p) / others : (1 - p) / n_others;
    }
    table.rows[row].p = p;
  }

  void add_score() {
    using real = double rule_set::*;
    for (const auto& [key, field, lo, hi, what] :
         {std::tuple<const char*, real, double, double, const char*>{
              "private_positive_min", &rule_set::private_positive_min, 0, 10,
              "a private rating from 0 to 10"},
          {"private_neutral_min", &rule_set::private_neutral_min, 0, 10,
           "a private rating from 0 to 10"},
          {"stars_positive_min", &rule_set::stars_positive_min, 0, 5, "a star rating from 0 to 5"},
          {"stars_neutral_min", &rule_set::stars_neutral_min, 0, 5, "a star rating from 0 to 5"}}) {
      add(std::string("score.") + key, {lo, hi, false, false, what},
          [f = field](const scenario& sc) -> std::optional<double> { return sc.rules.*f; },
          [f = field](scenario& sc, double x) { sc.rules.*f = x; });
    }
    using whole_int = int rule_set::*;
    for (const auto& [key, field, of] :
         {std::tuple<const char*, whole_int, const char*>{"min_clients", &rule_set::min_clients,
                                                          "clients"},
          {"min_outcomes", &rule_set::min_outcomes, "outcomes"}}) {
      add(std::string("score.") + key, count(of),
          [f = field](const scenario& sc) -> std::optional<double> { return sc.rules.*f; },
          [f = field](scenario& sc, double x) {
            sc.rules.*f = static_cast<int>(std::floor(x + 0.5));
          });
    }
    using day_field = day_count rule_set::*;
    for (const auto& [key, field, lo] :
         {std::tuple<const char*, day_field, double>{"stale_after_days",
                                                     &rule_set::stale_after_days, 0},
          {"long_term_days", &rule_set::long_term_days, 0},
          {"span_bonus_days", &rule_set::span_bonus_days, 1},
          {"recalc_every_days", &rule_set::recalc_every_days, 1}}) {
      add(std::string("score.") + key, whole_days(lo),
          [f = field](const scenario& sc) -> std::optional<double> { return sc.rules.*f; },
          [f = field](scenario& sc, double x) {
            sc.rules.*f = static_cast<day_count>(std::floor(x + 0.5));
          });
    }
    add("score.weight_max", weight(),
        [](const scenario& sc) -> std::optional<double> { return sc.rules.weight_max; },
        [](scenario& sc, double x) { sc.rules.weight_max = x; });
    for (std::size_t i = 0; i < 2; ++i) {
      add(fmt::format("score.tier_limits[{}]", i), usd(),
          [i](const scenario& sc) -> std::optional<double> { return sc.rules.tier_limits[i]; },
          [i](scenario& sc, double x) { sc.rules.tier_limits[i] = x; });
    }
    for (std::size_t i = 0; i < 3; ++i) {
      add(fmt::format("score.tier_weights[{}]", i), weight(),
          [i](const scenario& sc) -> std::optional<double> { return sc.rules.tier_weights[i]; },
          [i](scenario& sc, double x) { sc.rules.tier_weights[i] = x; });
    }
  }

  void add_strategies(const scenario& s) {
    for (std::size_t k = 0; k < s.strategies.size(); ++k) {
      const std::string prefix =
          fmt::format("strategies[{}]", bracketed(s.strategies[k].name, k));
      add(prefix + ".proposals_per_week", proposals(),
          [k](const scenario& sc) -> std::optional<double> {
            return sc.strategies[k].proposals_per_week.value_or(sc.pipeline.proposals_per_week);
          },
          [k](scenario& sc, double x) { sc.strategies[k].proposals_per_week = x; });
      add(prefix + ".max_parallel", count("jobs at once"),
          [k](const scenario& sc) {
            const strategy& st = sc.strategies[k];
            return unless_unlimited(st.max_parallel.value_or(sc.pipeline.max_parallel));
          },
          [k](scenario& sc, double x) {
            sc.strategies[k].max_parallel = static_cast<int>(std::floor(x + 0.5));
          });
      add(prefix + ".close_stale_after_days", whole_days(0),
          [k](const scenario& sc) -> std::optional<double> {
            if (const auto& d = sc.strategies[k].close_stale_after_days) return *d;
            return std::nullopt;
          },
          [k](scenario& sc, double x) {
            sc.strategies[k].close_stale_after_days = static_cast<day_count>(std::floor(x + 0.5));
          });
      add(prefix + ".own_close_feedback", probability(),
          [k](const scenario& sc) -> std::optional<double> {
            return sc.strategies[k].own_close_feedback;
          },
          [k](scenario& sc, double x) { sc.strategies[k].own_close_feedback = x; });
    }
  }

  void add_history(const scenario& s) {
    for (std::size_t h = 0; h < s.history.size(); ++h) {
      const history_contract& c = s.history[h];
      if (!c.future) continue;
      const std::string prefix = fmt::format("history[{}].future", bracketed(c.id, h));
      parameter_domain ghost = probability();
      // Without ends_in_days the client can only be a ghost (the loader's rule).
      if (!c.future->ends_in_days) {
        ghost = {1, 1, false, false, "1 (the contract has no ends_in_days)"};
      }
      add(prefix + ".ghost", ghost,
          [h](const scenario& sc) -> std::optional<double> { return sc.history[h].future->ghost; },
          [h](scenario& sc, double x) { sc.history[h].future->ghost = x; });
      if (c.future->ends_in_days) {
        add_distribution(prefix + ".ends_in_days", *c.future->ends_in_days, days(),
                         [h](auto& sc) -> auto& { return *sc.history[h].future->ends_in_days; });
      }
      add_distribution(prefix + ".weekly_usd", c.future->weekly_usd, usd(),
                       [h](auto& sc) -> auto& { return sc.history[h].future->weekly_usd; });
    }
  }

  // A name in brackets, or the index when the name would not read back.
  static std::string bracketed(const std::string& name, std::size_t index) {
    if (name.empty() || name.find(']') != std::string::npos) return fmt::format("{}", index);
    return name;
  }

  std::vector<parameter_target> targets_;
};

// --- reading a path -----------------------------------------------------

struct token {
  bool bracket = false;
  std::string text;
};

// `a.b[c].d` as keys and brackets; nothing when malformed.
std::optional<std::vector<token>> tokenize(std::string_view path) {
  std::vector<token> out;
  std::size_t i = 0;
  bool need_key = true;  // at the start and after a dot
  while (i < path.size()) {
    if (path[i] == '[') {
      if (need_key && !out.empty()) return std::nullopt;  // `a.[b]`
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      out.push_back({true, std::string(path.substr(i + 1, close - i - 1))});
      i = close + 1;
      need_key = false;
      if (i < path.size()) {
        if (path[i] == '.') {
          ++i;
          need_key = true;
          if (i == path.size()) return std::nullopt;
        } else if (path[i] != '[') {
          return std::nullopt;
        }
      }
      continue;
    }
    if (!need_key) return std::nullopt;
    const std::size_t end = path.find_first_of(".[", i);
    const std::size_t stop = end == std::string_view::npos ? path.size() : end;
    if (stop == i) return std::nullopt;
    out.push_back({false, std::string(path.substr(i, stop - i))});
    i = stop;
    need_key = false;
    if (i < path.size() && path[i] == '.') {
      ++i;
      need_key = true;
      if (i == path.size()) return std::nullopt;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.size() < 10 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The name that bracket `text` means among `names`: itself, or the name at
// that index.
std::optional<std::string> name_or_index(const std::string& text,
                                         const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), text) != names.end()) return text;
  if (all_digits(text)) {
    const auto index = static_cast<std::size_t>(std::stoul(text));
    if (index < names.size()) return names[index];
  }
  return std::nullopt;
}

template <class Items, class Name>
std::vector<std::string> names_of(const Items& items, Name name) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(name(item));
  return out;
}

// The path with index brackets of the named collections turned into names,
// as the catalogue writes them; how far that went when a name is unknown.
struct canonical_form {
  std::string path;
  /// The problem with a bracket, such as "no job type named `x`".
  std::string problem;
};

std::string join(const std::vector<token>& tokens) {
  std::string out;
  for (const token& t : tokens) {
    if (t.bracket) {
      out += '[' + t.text + ']';
    } else {
      if (!out.empty()) out += '.';
      out += t.text;
    }
  }
  return out;
}

canonical_form canonicalize(const scenario& s, std::vector<token> tokens) {
  const auto fix = [&](std::size_t at, const std::vector<std::string>& names,
                       std::string_view things, std::string_view where) -> std::string {
    token& t = tokens[at];
    const auto name = name_or_index(t.text, names);
    if (name) {
      // A name that the catalogue writes as an index stays an index.
      if (name->find(']') == std::string::npos && !name->empty()) t.text = *name;
      return {};
    }
    std::string message = fmt::format("no {} named `{}` in {}", things, t.text, where);
    message += detail::did_you_mean(t.text, names);
    if (all_digits(t.text)) {
      message += fmt::format(" (indexes go from 0 to {})", names.empty() ? 0 : names.size() - 1);
    }
    return message;
  };
  std::string problem;
  const auto key = [&](std::size_t i, std::string_view text) {
    return i < tokens.size() && !tokens[i].bracket && tokens[i].text == text;
  };
  const auto bracket = [&](std::size_t i) { return i < tokens.size() && tokens[i].bracket; };
  if (key(0, "pipeline") && key(1, "jobs") && bracket(2)) {
    problem = fix(2, names_of(s.pipeline.jobs, [](const job_type& j) { return j.name; }),
                  "job type", "pipeline.jobs");
  } else if (key(0, "pipeline") && key(1, "outcomes") && tokens.size() > 2) {
    // `outcomes.good[0]` or `outcomes[good][0]`: the table name is a key or a bracket.
    const auto tables =
        names_of(s.pipeline.outcomes, [](const outcome_table& t) { return t.name; });
    token& table = tokens[2];
    if (std::find(tables.begin(), tables.end(), table.text) == tables.end()) {
      problem = fmt::format("no outcome table named `{}` in pipeline.outcomes{}", table.text,
                            detail::did_you_mean(table.text, tables));
    }
    table.bracket = false;
  } else if (key(0, "strategies") && bracket(1)) {
    problem = fix(1, names_of(s.strategies, [](const strategy& st) { return st.name; }),
                  "strategy", "strategies");
  } else if (key(0, "history") && bracket(1)) {
    problem = fix(1, names_of(s.history, [](const history_contract& h) { return h.id; }),
                  "contract", "the history");
  }
  return {join(tokens), std::move(problem)};
}

// Whether `path` starts with `prefix` at a token boundary.
bool under(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

// "the paths under `p` are `a`, `b`, ... (and N more)", for the longest
// prefix of `path` that some valid path shares; empty when none does.
std::string nearby(std::string_view path, const std::vector<std::string>& valid) {
  constexpr std::size_t shown = 12;
  auto tokens = tokenize(path);
  if (!tokens) return {};
  while (!tokens->empty()) {
    const std::string prefix = join(*tokens);
    std::vector<std::string> matches;
    for (const auto& v : valid) {
      if (under(v, prefix)) matches.push_back(v);
    }
    if (!matches.empty()) {
      const std::size_t more = matches.size() > shown ? matches.size() - shown : 0;
      matches.resize(std::min(matches.size(), shown));
      std::string text =
          fmt::format("the paths under `{}` are {}", prefix, detail::one_of(matches));
      if (more > 0) text += fmt::format(" (and {} more)", more);
      return text;
    }
    tokens->pop_back();
  }
  return {};
}

parameter_lookup resolve_in(const std::vector<parameter_target>& targets, const scenario& s,
                            std::string_view path);

}  // namespace

std::string_view to_string(sensitivity_outcome o) {
  return sensitivity_outcome_names[static_cast<std::size_t>(o)];
}

std::optional<sensitivity_outcome> sensitivity_outcome_from_string(std::string_view text) {
  for (std::size_t i = 0; i < std::size(sensitivity_outcome_names); ++i) {
    if (sensitivity_outcome_names[i] == text) return static_cast<sensitivity_outcome>(i);
  }
  return std::nullopt;
}

bool parameter_domain::contains(double x) const {
  if (!std::isfinite(x) || x > hi || x < lo || (lo_open && x == lo)) return false;
  return !whole || std::floor(x) == x;
}

std::vector<std::string> parameter_paths(const scenario& s) {
  catalogue c(s);
  return names_of(c.targets(), [](const parameter_target& t) { return t.canonical; });
}

parameter_lookup resolve_parameter(const scenario& s, std::string_view path) {
  return resolve_in(catalogue(s).targets(), s, path);
}

parameter_catalogue::parameter_catalogue(const scenario& s)
    : scenario_(&s), targets_(catalogue(s).targets()) {}

parameter_lookup parameter_catalogue::resolve(std::string_view path) const {
  return resolve_in(targets_, *scenario_, path);
}

namespace {

parameter_lookup resolve_in(const std::vector<parameter_target>& targets, const scenario& s,
                            std::string_view path) {
  // A longer path is no typo of ours, and its messages would be as long.
  if (path.size() > max_parameter_path) {
    return {std::nullopt, fmt::format("a path of {} bytes; paths are at most {}", path.size(),
                                      max_parameter_path)};
  }
  const auto tokens = tokenize(path);
  if (!tokens) {
    return {std::nullopt,
            fmt::format("`{}` is not a path; expected keys joined by `.` with names or indexes "
                        "in brackets, such as `pipeline.jobs[quick fixed].win_rate`",
                        path)};
  }
  const canonical_form form = canonicalize(s, *tokens);
  for (const parameter_target& t : targets) {
    if (t.canonical == form.path) return {t, {}};
  }
  const std::vector<std::string> valid =
      names_of(targets, [](const parameter_target& t) { return t.canonical; });
  std::string message =
      form.problem.empty() ? fmt::format("`{}` names no number of the scenario", path)
                           : fmt::format("`{}`: {}", path, form.problem);
  // A misspelt key: the path as a whole is close to a valid one.
  if (form.problem.empty()) message += detail::did_you_mean(form.path, valid);
  // Distributions that are not a fixed number have only a scale.
  if (std::find(valid.begin(), valid.end(), form.path + ".scale") != valid.end()) {
    message += fmt::format("; it is a distribution, not a number: vary `{}.scale` instead (a "
                           "factor on every value it can take, base 1)",
                           form.path);
    return {std::nullopt, std::move(message)};
  }
  if (const std::string listing = nearby(form.path, valid); !listing.empty()) {
    message += message.ends_with('?') ? " The " : ". The ";
    message += listing.substr(4);  // past "the "
  }
  return {std::nullopt, std::move(message)};
}

}  // namespace

}  // namespace jssim::model
