// SPDX-License-Identifier: MIT
// A minimal valid scenario built in C++, and the tools to play hand-made
// worlds on it, for tests whose answers are computed by hand.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/distribution.hpp"
#include "model/scenario.hpp"
#include "model/score.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

namespace jssim::test {

inline model::date iso(std::string_view text) { return model::date::parse(text).value(); }

/// The tiny scenario's today. Recalculations fall on today + 14, 28, 42, 56;
/// the horizon (2 months) is today + 61.
inline const model::date tiny_today = iso("2026-03-01");

/// Rows of the tiny scenario's table 0, "mixed".
enum tiny_row : std::uint32_t { row_positive = 0, row_neutral = 1, row_negative = 2, row_silent = 3 };
/// The tiny scenario's tables and job types.
inline constexpr std::size_t table_mixed = 0;
inline constexpr std::size_t table_good = 1;  ///< one row: 5 stars, private 10
inline constexpr std::uint32_t job_quick = 0;

/// A closed history contract worth $100 (weight 1), ended in February 2026 so
/// that it stays in every window until the horizon.
inline model::history_contract closed_contract(std::string id, std::int32_t client, double stars,
                                               int private_rating) {
  model::history_contract h;
  h.id = std::move(id);
  h.client_index = client;
  h.started = iso("2026-02-01");
  h.ended = iso("2026-02-10");
  h.earned = 100;
  h.first_paid = iso("2026-02-10");
  h.last_paid = iso("2026-02-10");
  h.stars = {model::rating::kind::given, stars};
  h.private_rating = {model::rating::kind::given, static_cast<double>(private_rating)};
  return h;
}

/// A minimal valid scenario:
/// - today 2026-03-01, a recalculation every 14 days from today, a horizon of
///   2 months (day 61), target 90 held once;
/// - a history of three closed $100 contracts of three clients: ann and bob
///   positive, cat negative, so the start JSS is 100 (2 - 1) / 3 = 33;
/// - one fixed job type `quick` (duration 5, $100, no close delay, no ghost,
///   no rehire, table `mixed`) and one strategy, `baseline`.
///
/// Hand-computed JSS with every contract weighing 1 (P positives, U neutrals,
/// N negatives): one more positive 50, two more 60, one more neutral 25, one
/// more negative 0.
///
/// The job's win rate is 0.1 with 7 proposals a week (0.1 offers a day): a
/// hand-made world's offers are kept only where the offer rate is positive
/// (a strategy keeps an offer when keep_u < its rate / the largest rate).
/// Tests that use world_builder set the rates they want.
inline model::scenario tiny_scenario() {
  model::scenario sc;
  sc.path = "tiny.yaml";
  sc.name = "tiny";
  sc.today = tiny_today;
  sc.rules.recalc_anchor = tiny_today;
  sc.clients = {"ann", "bob", "cat"};
  sc.history.push_back(closed_contract("ann-1", 0, 5.0, 10));
  sc.history.back().client = "ann";
  sc.history.push_back(closed_contract("bob-1", 1, 5.0, 10));
  sc.history.back().client = "bob";
  sc.history.push_back(closed_contract("cat-1", 2, 1.0, 0));
  sc.history.back().client = "cat";

  sc.pipeline.proposals_per_week = 7;
  model::outcome_table mixed;
  mixed.name = "mixed";
  mixed.rows = {{0.7, 5.0, 10}, {0.1, 4.0, 8}, {0.1, 1.0, 0}, {0.1, -1, -1}};
  model::outcome_table good;
  good.name = "good";
  good.rows = {{1.0, 5.0, 10}};
  sc.pipeline.outcomes = {mixed, good};

  model::job_type quick;
  quick.name = "quick";
  quick.win_rate = 0.1;
  quick.type = model::contract_type::fixed;
  quick.duration_days = model::distribution::fixed(5);
  quick.value_usd = model::distribution::fixed(100);
  quick.close_delay_days = model::distribution::fixed(0);
  quick.outcomes = table_mixed;
  sc.pipeline.jobs.push_back(quick);

  model::strategy baseline;
  baseline.name = "baseline";
  sc.strategies.push_back(baseline);

  sc.simulation.runs = 100;
  sc.simulation.horizon_months = 2;
  sc.simulation.seed = 1;
  return sc;
}

/// Adds an hourly job type `hourly` (duration 30, $70 a week, table `mixed`)
/// and returns its index.
inline std::uint32_t add_hourly_job(model::scenario& sc) {
  model::job_type hourly;
  hourly.name = "hourly";
  hourly.win_rate = 0.1;
  hourly.type = model::contract_type::hourly;
  hourly.duration_days = model::distribution::fixed(30);
  hourly.weekly_usd = model::distribution::fixed(70);
  hourly.outcomes = table_mixed;
  sc.pipeline.jobs.push_back(hourly);
  return static_cast<std::uint32_t>(sc.pipeline.jobs.size() - 1);
}

/// Adds an open, unpaid history contract of a new client that started on
/// `started`, without a future; returns its index.
inline std::uint32_t add_open_contract(model::scenario& sc, std::string id, model::date started) {
  model::history_contract h;
  h.id = std::move(id);
  h.client = h.id + "-client";
  h.client_index = static_cast<std::int32_t>(sc.clients.size());
  sc.clients.push_back(h.client);
  h.started = started;
  h.paused = true;
  sc.history.push_back(h);
  return static_cast<std::uint32_t>(sc.history.size() - 1);
}

/// An empty history (no client, no score).
inline void clear_history(model::scenario& sc) {
  sc.history.clear();
  sc.clients.clear();
}

/// A world without offers whose clients never act: the history of `sc` and
/// its start JSS, computed as world_builder does.
inline sim::world hand_world(const model::scenario& sc) {
  sim::world w;
  w.run = 0;
  w.history = sc.history_contracts();
  w.futures.assign(sc.history.size(), sim::future_draws{});
  w.start_jss =
      model::score_as_of(w.history, sc.rules.recalc_on_or_before(sc.today), sc.rules).displayed;
  return w;
}

/// The attributes of a job: `duration` days of work, positive outcome, no
/// delay, no ghost, kept by every strategy (keep_u 0), never answering an own
/// close nor rehiring unless the test says so.
inline sim::job_draws job(model::day_count duration, double value_usd = 100) {
  sim::job_draws d;
  d.keep_u = 0;
  d.duration = duration;
  d.value_usd = value_usd;
  d.row = row_positive;
  d.own_close_u = 0.99;
  d.rehire_u = 0.99;
  return d;
}

/// An hourly job's attributes.
inline sim::job_draws hourly_job(model::day_count duration, double weekly_usd) {
  sim::job_draws d = job(duration, 0);
  d.weekly_usd = weekly_usd;
  return d;
}

/// Adds an offer of job type `type` landing on `on` (offers must be added in
/// time order); its number is its rank among the offers of its type.
inline void add_offer(sim::world& w, std::int32_t on, const sim::job_draws& draws,
                      std::uint32_t type = job_quick) {
  std::uint32_t number = 0;
  for (const auto& o : w.offers) number += o.job == type ? 1U : 0U;
  const double time = on == 0 ? 0.0 : on - 0.5;
  w.offers.push_back(sim::offer{time, sim::day{on}, type, number, draws});
}

/// One thing that happened in a run, as the trace tells it.
struct traced_event {
  std::int32_t day = 0;  ///< days after today
  std::string kind;
  std::string detail;
};

/// One recalculation, as the trace tells it.
struct traced_recalculation {
  std::int32_t day = 0;
  sim::jss_value jss = sim::no_score;
  bool recovered = false;
};

/// A trace_sink that keeps everything, with queries for tests.
class recording_sink final : public sim::trace_sink {
 public:
  explicit recording_sink(model::date today) : today_(today) {}

  void event(model::date on, std::string_view kind, const std::string& detail) override {
    events.push_back({on - today_, std::string(kind), detail});
  }
  void recalculation(const model::score_result& score, bool recovered) override {
    recalculations.push_back({score.on - today_,
                              score.displayed ? static_cast<sim::jss_value>(*score.displayed)
                                              : sim::no_score,
                              recovered});
  }

  /// The days of the events of `kind` whose detail contains `needle`.
  [[nodiscard]] std::vector<std::int32_t> days(std::string_view kind,
                                               std::string_view needle = {}) const {
    std::vector<std::int32_t> out;
    for (const auto& e : events) {
      if (e.kind == kind && e.detail.find(needle) != std::string::npos) out.push_back(e.day);
    }
    return out;
  }
  /// The kinds of the events of day `d`, in the order they happened.
  [[nodiscard]] std::vector<std::string> kinds_on(std::int32_t d) const {
    std::vector<std::string> out;
    for (const auto& e : events) {
      if (e.day == d) out.push_back(e.kind);
    }
    return out;
  }
  /// Everything, one event a line, for failure messages.
  [[nodiscard]] std::string story() const {
    std::string out;
    for (const auto& e : events) {
      out += "day " + std::to_string(e.day) + " " + e.kind + ": " + e.detail + "\n";
    }
    return out;
  }

  std::vector<traced_event> events;
  std::vector<traced_recalculation> recalculations;

 private:
  model::date today_;
};

/// A run of one strategy on a hand-made world, with its trace.
struct played_run {
  sim::run_result result;
  recording_sink trace;
  /// slot_days(result.recovery_slot): days to recover, 0 at once, -1 censored.
  model::day_count recovery_days = 0;
  std::uint32_t censored_slot = 0;
};

/// Plays strategy `strategy` of `sc` on `w`.
inline played_run play(const model::scenario& sc, const sim::world& w, std::size_t strategy = 0) {
  const sim::run_plan plan(sc);
  sim::runner runner(plan);
  played_run out{{}, recording_sink(sc.today), 0, plan.censored_slot()};
  runner.play(w, strategy, out.result, &out.trace);
  out.recovery_days = plan.slot_days(out.result.recovery_slot);
  return out;
}

/// `n` displayed scores, for comparing with run_result::jss.
inline std::vector<sim::jss_value> scores(std::initializer_list<int> values) {
  std::vector<sim::jss_value> out;
  for (int v : values) out.push_back(static_cast<sim::jss_value>(v));
  return out;
}

}  // namespace jssim::test
