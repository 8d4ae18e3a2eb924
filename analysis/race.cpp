// SPDX-License-Identifier: MIT
#include "analysis/race.hpp"

#include <algorithm>  // std::sort, std::min, std::max
#include <cmath>      // std::sqrt, std::isfinite, std::round
#include <limits>
#include <memory>
#include <span>
#include <utility>  // std::move

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "analysis/csv.hpp"
#include "analysis/histogram.hpp"  // quantile_rank
#include "analysis/paired.hpp"
#include "analysis/statistics.hpp"
#include "model/assert.hpp"
#include "model/error.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

namespace jssim::analysis {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// What the race keeps of each run of one strategy: the days to recover (-1:
/// censored) and the USD earned, indexed by run.
struct series {
  std::vector<std::int32_t> days;
  std::vector<double> earned;

  void resize(std::uint64_t n) {
    days.resize(n, -2);
    earned.resize(n, 0);
  }
};

/// Writes each run's results into the series of the strategies played. Runs
/// are distinct elements, so the workers share the series without a lock,
/// and the result does not depend on which worker played which run.
class race_collector final : public sim::run_collector {
 public:
  race_collector(const sim::run_plan& plan, std::vector<series*> targets)
      : plan_(&plan), targets_(std::move(targets)) {}

  void add(std::uint64_t run, std::span<const sim::run_result> results) override {
    for (std::size_t s = 0; s < targets_.size(); ++s) {
      series* t = targets_[s];
      if (t == nullptr) continue;  // the pacer
      t->days[run] = static_cast<std::int32_t>(plan_->slot_days(results[s].recovery_slot));
      t->earned[run] = results[s].earned_usd;
    }
  }
  [[nodiscard]] std::unique_ptr<sim::run_collector> empty_copy() const override {
    return std::make_unique<race_collector>(*this);
  }
  void merge(const sim::run_collector& /*other*/) override {}

 private:
  const sim::run_plan* plan_;
  std::vector<series*> targets_;
};

/// How the objective reads the runs of one strategy.
struct objective_reader {
  model::plan_objective objective;
  std::int32_t horizon_days;
  std::int32_t limit_days;  ///< p_recovered_Xm: the last day that counts

  [[nodiscard]] bool recovered(std::int32_t days) const {
    return days >= 0 && days <= limit_days;
  }
  /// min(T, h): the restricted time.
  [[nodiscard]] double restricted(std::int32_t days) const {
    return days < 0 ? horizon_days : std::min(days, horizon_days);
  }
};

/// The times of runs 0..n-1, censored as infinity, sorted.
std::vector<double> sorted_times(const series& s, std::uint64_t n) {
  std::vector<double> t(n);
  for (std::uint64_t r = 0; r < n; ++r) t[r] = s.days[r] < 0 ? inf : s.days[r];
  std::sort(t.begin(), t.end());
  return t;
}

double at_rank(const std::vector<double>& sorted, std::uint64_t rank) {
  if (rank == 0) return -inf;
  if (rank > sorted.size()) return inf;
  return sorted[rank - 1];
}

struct mean_se {
  double mean = 0;
  double se = 0;
};

template <class F>
mean_se mean_of(std::uint64_t n, F&& value) {
  double sum = 0;
  for (std::uint64_t r = 0; r < n; ++r) sum += value(r);
  const double mean = sum / static_cast<double>(n);
  double ss = 0;
  for (std::uint64_t r = 0; r < n; ++r) {
    const double d = value(r) - mean;
    ss += d * d;
  }
  const double var = n > 1 ? ss / static_cast<double>(n - 1) : 0;
  return {mean, std::sqrt(var / static_cast<double>(n))};
}

/// The objective over runs 0..n-1 with its 95 % interval.
plan_estimate objective_estimate(const objective_reader& o, const series& s, std::uint64_t n) {
  switch (o.objective) {
    case model::plan_objective::median_days: {
      const auto t = sorted_times(s, n);
      const auto ranks = binomial_order_statistic_interval(n, 0.5, 0.95);
      return {at_rank(t, quantile_rank(0.5, n)), at_rank(t, ranks.lower_rank),
              at_rank(t, ranks.upper_rank)};
    }
    case model::plan_objective::rmst_days: {
      const auto m = mean_of(n, [&](std::uint64_t r) { return o.restricted(s.days[r]); });
      const double h = o.horizon_days;
      return {m.mean, std::max(0.0, m.mean - z_95 * m.se), std::min(h, m.mean + z_95 * m.se)};
    }
    default: {
      std::uint64_t k = 0;
      for (std::uint64_t r = 0; r < n; ++r) k += o.recovered(s.days[r]) ? 1U : 0U;
      const interval w = wilson_interval(k, n);
      return {static_cast<double>(k) / static_cast<double>(n), w.lo, w.hi};
    }
  }
}

/// Discordant runs of a p_recovered objective: b where only `a` recovered in
/// time, c where only `b` did.
std::pair<std::uint64_t, std::uint64_t> discordant(const objective_reader& o, const series& a,
                                                   const series& b, std::uint64_t n) {
  std::uint64_t only_a = 0;
  std::uint64_t only_b = 0;
  for (std::uint64_t r = 0; r < n; ++r) {
    const bool ra = o.recovered(a.days[r]);
    const bool rb = o.recovered(b.days[r]);
    only_a += ra && !rb ? 1U : 0U;
    only_b += rb && !ra ? 1U : 0U;
  }
  return {only_a, only_b};
}

/// The paired difference `plan` - `base` over runs 0..n-1, with its 95 %
/// interval (see raced_plan::vs_baseline).
plan_estimate paired_estimate(const objective_reader& o, const series& plan, const series& base,
                         std::uint64_t n) {
  switch (o.objective) {
    case model::plan_objective::median_days: {
      paired_histogram pairs(static_cast<std::size_t>(o.horizon_days) + 1);
      const auto bin = [](std::int32_t d) {
        return d < 0 ? censored : std::optional<std::size_t>(static_cast<std::size_t>(d));
      };
      for (std::uint64_t r = 0; r < n; ++r) pairs.add(bin(base.days[r]), bin(plan.days[r]));
      const auto m = pairs.median_difference(0.95);
      JSSIM_ASSERT(m.has_value(), "a median difference of at least one run");
      const auto value = [](const day_difference& d) {
        if (d.is_finite()) return static_cast<double>(*d.days());
        return d.infinity() < 0 ? -inf : inf;
      };
      return {value(m->median), value(m->lower), value(m->upper)};
    }
    case model::plan_objective::rmst_days: {
      const auto m = mean_of(
          n, [&](std::uint64_t r) { return o.restricted(plan.days[r]) - o.restricted(base.days[r]); });
      return {m.mean, m.mean - z_95 * m.se, m.mean + z_95 * m.se};
    }
    default: {
      const auto [only_plan, only_base] = discordant(o, plan, base, n);
      const double nn = static_cast<double>(n);
      const double d = (static_cast<double>(only_plan) - static_cast<double>(only_base)) / nn;
      const double var =
          std::max(0.0, (static_cast<double>(only_plan + only_base) / nn - d * d) / nn);
      const double half = z_95 * std::sqrt(var);
      return {d, std::max(-1.0, d - half), std::min(1.0, d + half)};
    }
  }
}

/// One plan in the race.
struct entrant {
  raced_plan plan;
  series runs;
  bool alive = false;
  /// This stage's sorted times (median_days only).
  std::vector<double> sorted;
};

double busiest(const model::scenario& base, std::vector<model::strategy> strategies) {
  model::scenario copy;
  copy.pipeline.proposals_per_week = base.pipeline.proposals_per_week;
  copy.strategies = std::move(strategies);
  return sim::busiest_proposals_per_week(copy);
}

}  // namespace

double indifference_zone(model::plan_objective o) { return model::higher_is_better(o) ? 0.01 : 1.0; }

std::optional<race_result> run_race(const model::scenario& sc, const race_options& options) {
  JSSIM_ASSERT(sc.plan.has_value(), "a scenario with a plan: section");
  JSSIM_ASSERT(options.first_runs >= 1 && options.max_runs >= 1, "runs to play");
  const model::plan_spec& spec = *sc.plan;
  const std::uint64_t grid = model::grid_size(spec);
  JSSIM_ASSERT(grid >= 1 && grid <= model::max_plan_grid, "a grid the loader accepted");

  race_result result;
  result.objective = spec.objective;
  result.baseline_name = sc.strategies.front().name;
  const objective_reader reader{
      spec.objective, static_cast<std::int32_t>(sc.horizon() - sc.today),
      spec.objective == model::plan_objective::median_days ||
              spec.objective == model::plan_objective::rmst_days
          ? std::numeric_limits<std::int32_t>::max()
          : static_cast<std::int32_t>(sc.today.add_months(model::objective_months(spec.objective)) -
                                      sc.today)};
  const bool higher = model::higher_is_better(spec.objective);
  const double zone = indifference_zone(spec.objective);

  std::vector<entrant> plans(static_cast<std::size_t>(grid));
  std::vector<model::strategy> all{sc.strategies.front()};
  std::size_t raced = 0;
  for (std::uint64_t i = 0; i < grid; ++i) {
    entrant& e = plans[static_cast<std::size_t>(i)];
    e.plan.index = i;
    e.plan.strategy = model::plan_strategy(spec, i);
    e.plan.proposals_ok = !spec.constraints.max_proposals_per_week ||
                          model::most_proposals_per_week(sc, e.plan.strategy) <=
                              *spec.constraints.max_proposals_per_week;
    e.alive = e.plan.proposals_ok;
    if (e.alive) {
      ++raced;
      all.push_back(e.plan.strategy);
    }
  }
  if (raced == 0) {
    throw model::input_error(fmt::format(
        "{}: no plan of the grid sends at most {} proposals a week "
        "(plan.constraints.max_proposals_per_week); a plan that sets no proposals_per_week sends "
        "the pipeline's {}",
        sc.path, *spec.constraints.max_proposals_per_week, sc.pipeline.proposals_per_week));
  }
  // Every stage's world draws offers at this rate (MODEL.md section 8), so
  // that runs stay common to all plans however many are still racing.
  const double busiest_all = busiest(sc, all);

  // Stages: first_runs, twice that, ... up to max_runs.
  const std::uint64_t first = std::min(options.first_runs, options.max_runs);
  std::size_t stages = 1;
  for (std::uint64_t n = first; n < options.max_runs; n = std::min(2 * n, options.max_runs)) {
    ++stages;
  }
  // The true best plan is wrongly dropped by at most one paired test per
  // other plan and stage, or wrongly judged within the zone of the leader by
  // at most one per other plan and stage, or dropped for its earnings by at
  // most one per stage: stages x (2 K - 1) tests, each allowed alpha / that.
  result.alpha_per_test =
      options.alpha / (static_cast<double>(stages) * static_cast<double>(2 * raced - 1));
  const double a = result.alpha_per_test;
  const double z = boost::math::quantile(boost::math::normal(), 1.0 - a);

  series baseline;
  // a before b in the ranking by estimates: objective, then the share that
  // recovered within the horizon, then the grid's order.
  const auto ahead = [&](const entrant& x, const entrant& y) {
    const double vx = x.plan.objective->value;
    const double vy = y.plan.objective->value;
    if (vx != vy) return higher ? vx > vy : vx < vy;
    if (x.plan.p_recovered != y.plan.p_recovered) return x.plan.p_recovered > y.plan.p_recovered;
    return x.plan.index < y.plan.index;
  };
  const auto earns_enough = [&](const entrant& e) {
    return !spec.constraints.min_earned_usd ||
           e.plan.mean_earned_usd >= *spec.constraints.min_earned_usd;
  };

  std::uint64_t done = 0;
  for (std::uint64_t n = first;; n = std::min(2 * n, options.max_runs)) {
    ++result.stages;
    // This stage's strategies: the baseline, the plans still racing, and a
    // pacer when they no longer reach the busiest rate of the whole grid.
    model::scenario stage = sc;
    stage.plan.reset();
    stage.sensitivity.reset();
    stage.strategies = {sc.strategies.front()};
    std::vector<series*> targets{&baseline};
    baseline.resize(n);
    for (auto& e : plans) {
      if (!e.alive) continue;
      e.runs.resize(n);
      stage.strategies.push_back(e.plan.strategy);
      targets.push_back(&e.runs);
    }
    if (sim::busiest_proposals_per_week(stage) < busiest_all) {
      model::strategy pacer;
      pacer.name = "pacer";
      pacer.proposals_per_week = busiest_all;
      pacer.accept = std::vector<std::size_t>{};
      stage.strategies.push_back(std::move(pacer));
      targets.push_back(nullptr);
    }
    JSSIM_ASSERT(sim::busiest_proposals_per_week(stage) == busiest_all,
                 "every stage draws the offers of the same worlds");
    const sim::run_plan plan(stage);
    race_collector collector(plan, targets);
    sim::mc_options mc;
    mc.threads = options.threads;
    mc.cancel = options.cancel;
    if (options.progress) {
      const std::uint64_t before = done;
      mc.progress = [&options, before](std::uint64_t d) { options.progress(before + d); };
    }
    if (!sim::simulate(plan, done, n - done, mc, collector)) return std::nullopt;
    result.plays += (n - done) * stage.strategies.size();
    done = n;
    result.runs = n;

    // The estimates of the plans still racing, on runs 0..n-1.
    std::vector<entrant*> alive;
    for (auto& e : plans) {
      if (!e.alive) continue;
      e.plan.runs = n;
      e.plan.objective = objective_estimate(reader, e.runs, n);
      std::uint64_t recovered = 0;
      for (std::uint64_t r = 0; r < n; ++r) recovered += e.runs.days[r] >= 0 ? 1U : 0U;
      e.plan.p_recovered = static_cast<double>(recovered) / static_cast<double>(n);
      e.plan.mean_earned_usd = mean_of(n, [&](std::uint64_t r) { return e.runs.earned[r]; }).mean;
      if (spec.objective == model::plan_objective::median_days) e.sorted = sorted_times(e.runs, n);
      alive.push_back(&e);
    }
    const auto drop = [&](entrant& e) {
      e.alive = false;
      e.plan.dropped_after_runs = n;
      e.sorted.clear();
    };

    // Earnings below the minimum with confidence (one-sided, per plan).
    if (spec.constraints.min_earned_usd) {
      std::vector<entrant*> short_of;
      for (entrant* e : alive) {
        const auto m = mean_of(n, [&](std::uint64_t r) { return e->runs.earned[r]; });
        if (m.mean + z * m.se < *spec.constraints.min_earned_usd) short_of.push_back(e);
      }
      // When every plan falls short, none is dropped for it: the race still
      // names the best, which then meets no constraint.
      if (short_of.size() < alive.size()) {
        for (entrant* e : short_of) {
          drop(*e);
          e->plan.dropped_for_earnings = true;
        }
        std::erase_if(alive, [](const entrant* e) { return !e->alive; });
      }
    }

    // The leader: the best estimate among the plans that earn enough by
    // their estimates (all of them when none does).
    entrant* leader = nullptr;
    for (entrant* e : alive) {
      const bool better_class = leader == nullptr || (earns_enough(*e) && !earns_enough(*leader));
      const bool same_class = leader != nullptr && earns_enough(*e) == earns_enough(*leader);
      if (better_class || (same_class && ahead(*e, *leader))) leader = e;
    }
    JSSIM_ASSERT(leader != nullptr, "a plan still racing");

    // Paired tests of each plan against the leader, on the same runs:
    // worse with confidence (drop), and better by no more than the zone.
    const auto ranks = binomial_order_statistic_interval(n, 0.5, 1.0 - a);
    bool all_within = true;
    for (entrant* e : alive) {
      if (e == leader) continue;
      bool worse = false;
      double gain_hi = inf;  // how much better than the leader e may be
      switch (spec.objective) {
        case model::plan_objective::median_days: {
          const double e_lo = at_rank(e->sorted, ranks.lower_rank);
          const double l_hi = at_rank(leader->sorted, ranks.upper_rank);
          worse = e_lo > l_hi;
          gain_hi = std::isfinite(l_hi) && std::isfinite(e_lo) ? l_hi - e_lo : inf;
          break;
        }
        case model::plan_objective::rmst_days: {
          const auto m = mean_of(n, [&](std::uint64_t r) {
            return reader.restricted(e->runs.days[r]) - reader.restricted(leader->runs.days[r]);
          });
          worse = m.mean - z * m.se > 0;
          gain_hi = -m.mean + z * m.se;
          break;
        }
        default: {
          const auto [only_e, only_l] = discordant(reader, e->runs, leader->runs, n);
          if (only_l > only_e) {
            const boost::math::binomial_distribution<double> fair(
                static_cast<double>(only_e + only_l), 0.5);
            const double p = boost::math::cdf(
                boost::math::complement(fair, static_cast<double>(only_l) - 1.0));
            worse = p <= a;
          }
          const double nn = static_cast<double>(n);
          const double d = (static_cast<double>(only_e) - static_cast<double>(only_l)) / nn;
          const double var =
              std::max(0.0, (static_cast<double>(only_e + only_l) / nn - d * d) / nn);
          gain_hi = d + z * std::sqrt(var);
          break;
        }
      }
      if (worse) {
        drop(*e);
      } else if (!(gain_hi <= zone)) {
        all_within = false;
      }
    }
    std::erase_if(alive, [](const entrant* e) { return !e->alive; });

    if (alive.size() == 1) {
      result.stopped = race_result::stop::one_left;
      break;
    }
    if (all_within) {
      result.stopped = race_result::stop::indifferent;
      break;
    }
    if (n >= options.max_runs) {
      result.stopped = race_result::stop::max_runs;
      break;
    }
  }

  // The final estimates, each plan on its own runs, and the ranking.
  for (auto& e : plans) {
    if (e.plan.runs == 0) continue;
    e.plan.objective = objective_estimate(reader, e.runs, e.plan.runs);
    e.plan.vs_baseline = paired_estimate(reader, e.runs, baseline, e.plan.runs);
    e.plan.meets_constraints = e.plan.proposals_ok && !e.plan.dropped_for_earnings &&
                               earns_enough(e);
  }
  result.baseline = objective_estimate(reader, baseline, result.runs);
  std::vector<entrant*> order;
  for (auto& e : plans) order.push_back(&e);
  std::sort(order.begin(), order.end(), [&](const entrant* x, const entrant* y) {
    const bool px = x->plan.runs > 0;
    const bool py = y->plan.runs > 0;
    if (px != py) return px;
    if (!px) return x->plan.index < y->plan.index;
    if (x->alive != y->alive) return x->alive;
    if (x->alive && earns_enough(*x) != earns_enough(*y)) return earns_enough(*x);
    const std::uint64_t dx = x->plan.dropped_after_runs.value_or(0);
    const std::uint64_t dy = y->plan.dropped_after_runs.value_or(0);
    if (dx != dy) return dx > dy;
    return ahead(*x, *y);
  });
  for (entrant* e : order) result.plans.push_back(std::move(e->plan));
  return result;
}

namespace {

std::string value_text(model::plan_objective o, double x) {
  switch (o) {
    case model::plan_objective::median_days: return format_fixed(x, 0);
    case model::plan_objective::rmst_days: return format_fixed(x, 2);
    default: return format_probability(x);
  }
}

}  // namespace

csv_table plan_table(const race_result& r) {
  csv_table t;
  t.header = {"rank",         "plan",           "objective",      "estimate",
              "estimate_lo",  "estimate_hi",    "vs_baseline",    "vs_baseline_lo",
              "vs_baseline_hi", "runs",         "dropped_after_runs", "meets_constraints"};
  const std::string objective(model::to_string(r.objective));
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const raced_plan& p = r.plans[i];
    std::vector<std::string> row = {format_int(i + 1), p.strategy.name, objective};
    for (const auto& e : {p.objective, p.vs_baseline}) {
      if (e) {
        row.push_back(value_text(r.objective, e->value));
        row.push_back(value_text(r.objective, e->lo));
        row.push_back(value_text(r.objective, e->hi));
      } else {
        row.insert(row.end(), 3, std::string());
      }
    }
    row.push_back(format_int(p.runs));
    row.push_back(format_optional_int(p.dropped_after_runs));
    row.emplace_back(p.meets_constraints ? "true" : "false");
    t.rows.push_back(std::move(row));
  }
  return t;
}

void write_plan_csv(std::ostream& out, const race_result& r) { write_csv(out, plan_table(r)); }

namespace {

/// `text` as a YAML double-quoted scalar.
std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// "98 days" or "never, in most runs" for a median; "71.2 %" for a share.
std::string spoken(model::plan_objective o, double x) {
  switch (o) {
    case model::plan_objective::median_days:
      return std::isfinite(x) ? fmt::format("{:.0f} days", x) : "not within the horizon";
    case model::plan_objective::rmst_days: return fmt::format("{:.1f} days", x);
    default: return fmt::format("{:.1f} %", 100 * x);
  }
}

std::string interval_text(model::plan_objective o, const plan_estimate& e) {
  const auto end = [&](double x) {
    if (!std::isfinite(x)) return std::string(x < 0 ? "-inf" : "inf");
    switch (o) {
      case model::plan_objective::median_days: return fmt::format("{:.0f}", x);
      case model::plan_objective::rmst_days: return fmt::format("{:.1f}", x);
      default: return fmt::format("{:.1f}", 100 * x);
    }
  };
  return fmt::format("{} to {}", end(e.lo), end(e.hi));
}

}  // namespace

std::string best_yaml(const model::scenario& sc, const race_result& r,
                      const std::string& scenario_path, std::uint64_t seed) {
  const raced_plan& best = r.plans.front();
  const model::strategy& st = best.strategy;
  std::string y;
  y += fmt::format("# The best plan of {} found by `jssim plan` (seed {}, objective {}, {} "
                   "runs):\n",
                   scenario_path, seed, model::to_string(r.objective), best.runs);
  if (best.objective) {
    y += fmt::format("# {} {} (95 % interval {}); the baseline `{}`: {}.\n",
                     model::to_string(r.objective), spoken(r.objective, best.objective->value),
                     interval_text(r.objective, *best.objective), r.baseline_name,
                     spoken(r.objective, r.baseline.value));
  }
  y += "# Paste it under `strategies:`.\n";
  y += fmt::format("  - name: {}\n", yaml_quoted(st.name));
  if (st.proposals_per_week) y += fmt::format("    proposals_per_week: {}\n", *st.proposals_per_week);
  if (st.max_parallel) y += fmt::format("    max_parallel: {}\n", *st.max_parallel);
  if (st.accept) {
    std::string names;
    for (const std::size_t j : *st.accept) {
      names += (names.empty() ? "" : ", ") + yaml_quoted(sc.pipeline.jobs[j].name);
    }
    y += fmt::format("    accept: [{}]\n", names);
  }
  if (!st.close.empty()) {
    std::string closes;
    for (const auto& c : st.close) {
      closes += fmt::format("{}{{contract: {}, on: {}}}", closes.empty() ? "" : ", ",
                            yaml_quoted(sc.history[c.contract].id), c.on.to_string());
    }
    y += fmt::format("    close: [{}]\n", closes);
  }
  if (st.close_stale_after_days) {
    y += fmt::format("    close_stale_after_days: {}\n", *st.close_stale_after_days);
  }
  if (st.own_close_feedback != model::strategy{}.own_close_feedback) {
    y += fmt::format("    own_close_feedback: {}\n", st.own_close_feedback);
  }
  if (st.until_recovered) y += "    until_recovered: true\n";
  return y;
}

namespace {

/// A plan's name without its keys, `15; [quick fixed]`, and the keys alone
/// when `keys` is set: the table names the keys once, in its heading.
std::string name_part(const std::string& name, bool keys) {
  std::string out;
  std::size_t from = 0;
  while (from <= name.size()) {
    std::size_t to = name.find("; ", from);
    if (to == std::string::npos) to = name.size();
    const std::string part = name.substr(from, to - from);
    const std::size_t eq = part.find('=');
    if (!out.empty()) out += "; ";
    out += eq == std::string::npos ? part : keys ? part.substr(0, eq) : part.substr(eq + 1);
    from = to + 2;
  }
  return out;
}

}  // namespace

std::string race_table(const race_result& r, std::size_t rows) {
  const model::plan_objective o = r.objective;
  std::string t;
  std::size_t width = 4;
  const std::size_t shown = std::min(rows, r.plans.size());
  for (std::size_t i = 0; i < shown; ++i) {
    width = std::max(width, name_part(r.plans[i].strategy.name, false).size());
  }
  width = std::min<std::size_t>(width, 60);
  t += fmt::format("Each plan gives {}.\n\n", name_part(r.plans.front().strategy.name, true));
  t += fmt::format("{:>4}  {:<{}}  {:>16}  {:>22}  {:>6}  {}\n", "rank", "plan", width,
                   model::to_string(o), "vs " + r.baseline_name.substr(0, 19), "runs", "status");
  for (std::size_t i = 0; i < shown; ++i) {
    const raced_plan& p = r.plans[i];
    std::string name = name_part(p.strategy.name, false);
    if (name.size() > width) name = name.substr(0, width - 3) + "...";
    const std::string est =
        p.objective ? (std::isfinite(p.objective->value) ? value_text(o, p.objective->value)
                                                         : std::string("inf")) +
                          " [" + interval_text(o, *p.objective) + "]"
                    : "";
    const std::string vs = p.vs_baseline ? fmt::format("{:+.{}f} [{}]",
                                                       model::higher_is_better(o)
                                                           ? 100 * p.vs_baseline->value
                                                           : p.vs_baseline->value,
                                                       o == model::plan_objective::median_days ? 0 : 1,
                                                       interval_text(o, *p.vs_baseline))
                                         : "";
    std::string status;
    if (p.runs == 0) {
      status = "over max_proposals_per_week";
    } else if (p.dropped_for_earnings) {
      status = fmt::format("earns too little (dropped after {})", *p.dropped_after_runs);
    } else if (p.dropped_after_runs) {
      status = fmt::format("dropped after {} runs", *p.dropped_after_runs);
    } else {
      status = i == 0 ? "best" : "survivor";
    }
    if (p.runs > 0 && !p.meets_constraints && !p.dropped_for_earnings) status += ", misses a constraint";
    t += fmt::format("{:>4}  {:<{}}  {:>16}  {:>22}  {:>6}  {}\n", i + 1, name, width, est, vs,
                     p.runs, status);
  }
  if (r.plans.size() > shown) t += fmt::format("      ... and {} more in plan.csv\n", r.plans.size() - shown);
  const raced_plan& best = r.plans.front();
  const char* why = r.stopped == race_result::stop::one_left ? "every other plan was dropped"
                    : r.stopped == race_result::stop::indifferent
                        ? "no plan left can be better than the best by more than the indifference zone"
                        : "the runs ran out (--runs-max) before the plans left could be told apart";
  t += fmt::format("\nThe race stopped after {} runs: {}.\n", r.runs, why);
  if (!best.objective || !best.vs_baseline) return t;
  const plan_estimate& b = *best.objective;
  const plan_estimate& d = *best.vs_baseline;
  switch (o) {
    case model::plan_objective::median_days:
      t += fmt::format(
          "Best plan: {}. {} (95 % interval {} days), against {} for `{}`; run by run it "
          "recovers a median of {} ({} to {} days).\n",
          best.strategy.name,
          std::isfinite(b.value)
              ? fmt::format("Half of its runs recover within {}", spoken(o, b.value))
              : std::string("Fewer than half of its runs recover within the horizon"),
          interval_text(o, b),
          spoken(o, r.baseline.value), r.baseline_name,
          !std::isfinite(d.value) ? "an unbounded difference"
          : d.value <= 0          ? fmt::format("{:.0f} days sooner", -d.value)
                                  : fmt::format("{:.0f} days later", d.value),
          std::isfinite(d.lo) ? fmt::format("{:.0f}", d.lo) : "-inf",
          std::isfinite(d.hi) ? fmt::format("{:.0f}", d.hi) : "inf");
      break;
    case model::plan_objective::rmst_days:
      t += fmt::format(
          "Best plan: {}. It takes {} on average to recover (capped at the horizon; 95 % interval "
          "{}), against {} for `{}`: {:.1f} days {} (95 % interval {}).\n",
          best.strategy.name, spoken(o, b.value), interval_text(o, b), spoken(o, r.baseline.value),
          r.baseline_name, std::abs(d.value), d.value <= 0 ? "sooner" : "later",
          interval_text(o, d));
      break;
    default:
      t += fmt::format(
          "Best plan: {}. It recovers within {} months in {} of runs (95 % interval {} %), "
          "against {} for `{}`: {:.1f} points {} (95 % interval {}).\n",
          best.strategy.name, model::objective_months(o), spoken(o, b.value), interval_text(o, b),
          spoken(o, r.baseline.value), r.baseline_name, 100 * std::abs(d.value),
          d.value >= 0 ? "more" : "fewer", interval_text(o, d));
      break;
  }
  if (!best.meets_constraints) t += "No plan meets every constraint; this one comes closest by its estimates.\n";
  return t;
}

}  // namespace jssim::analysis
