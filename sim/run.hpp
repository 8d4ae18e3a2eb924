// SPDX-License-Identifier: MIT
// One run of one strategy: the dynamics of MODEL.md section 7 played on a
// world (world.hpp), with the score recalculated on the marketplace's grid.
#pragma once

#include <cstdint>  // std::int16_t, std::uint32_t
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/scenario.hpp"
#include "model/score.hpp"
#include "sim/clock.hpp"
#include "sim/event_queue.hpp"
#include "sim/phase.hpp"
#include "sim/plan.hpp"
#include "sim/world.hpp"

namespace jssim::sim {

/// The displayed JSS in compact form: 0 to 100, or `no_score`.
using jss_value = std::int16_t;
inline constexpr jss_value no_score = -1;

/// What one run of one strategy produced.
struct run_result {
  std::uint32_t recovery_slot = 0;
  /// The displayed JSS on each simulated recalculation day.
  std::vector<jss_value> jss;
  jss_value start_jss = no_score;
  std::uint32_t jobs_won = 0;
  /// USD paid during the simulation.
  double earned_usd = 0;

  /// The displayed JSS on the last recalculation day (today's if none).
  [[nodiscard]] jss_value final_jss() const { return jss.empty() ? start_jss : jss.back(); }
};

/// Receives the story of a run, for `jssim replay`. Optional and slow: a run
/// without a sink formats nothing.
class trace_sink {
 public:
  virtual ~trace_sink() = default;
  /// Something happened on `on`: `kind` is one word (offer, start, payment,
  /// close, feedback, decline, ...), `detail` a sentence.
  virtual void event(model::date on, std::string_view kind, const std::string& detail) = 0;
  /// A recalculation and its outcome.
  virtual void recalculation(const model::score_result& score, bool recovered) = 0;
};

/// Plays runs of one scenario. Not thread-safe: each thread has its own, and
/// reuses it for many runs so that no run allocates once warmed up.
///
///     run_plan plan(scenario);
///     runner r(plan);
///     world w;
///     world_builder(plan).build(0, w);
///     run_result out;
///     r.play(w, 0, out);
class runner {
 public:
  explicit runner(const run_plan& plan);

  /// Plays strategy `strategy` (an index into scenario.strategies) on `w`.
  void play(const world& w, std::size_t strategy, run_result& out, trace_sink* trace = nullptr);

 private:
  enum class origin : std::uint8_t { history, won };

  /// The run's knowledge of a contract beside what the scorer sees.
  struct live_contract {
    origin from = origin::history;
    std::uint32_t job = 0;
    std::uint32_t number = 0;      ///< offer number, for rehire streams
    std::uint32_t generation = 0;  ///< 0 for an offer, n for its n-th rehire
    day work_end{0};
    std::uint32_t table = 0;
    std::uint32_t row = 0;
    double own_close_u = 0;
    double rehire_u = 0;
    double weekly_usd = 0;
    double value_usd = 0;
    model::day_count close_delay = 0;
    bool ghost = false;
    bool stale_check_pending = false;
  };

  struct event_payload {
    std::uint32_t index = 0;
  };

  /// The strategy's settings in force; they revert at recovery with
  /// until_recovered.
  struct settings {
    double proposals_per_week = 0;
    int max_parallel = 0;
    std::vector<bool> accepts;
    bool stale_closes = false;
    model::day_count stale_after = 0;
    double own_close_feedback = 0;
    bool scheduled_closes = false;
  };

  void apply_strategy(const model::strategy& s);
  void revert_to_pipeline();
  void schedule(day when, phase p, std::uint32_t index);

  void on_payment(day d, std::uint32_t c);
  void on_work_end(day d, std::uint32_t c);
  void on_client_close(day d, std::uint32_t c);
  void on_own_close(day d, std::uint32_t close_index);
  void on_stale_check(day d, std::uint32_t c);
  void on_rehire(day d, std::uint32_t parent);
  void on_offer(day d, std::uint32_t offer_index);
  void on_recalculation(day d, std::uint32_t index);

  void take_job(day d, std::uint32_t job, std::uint32_t number, std::uint32_t generation,
                std::int32_t client, const job_draws& draws);
  void close(day d, std::uint32_t c, bool with_feedback, std::string_view how);
  void schedule_stale_check(day d, std::uint32_t c);
  [[nodiscard]] model::date date_of(day d) const { return today_ + d.value; }
  /// How a trace names contract `c`: its id, or its number and job type.
  [[nodiscard]] std::string label(std::uint32_t c) const;
  void note(day d, std::string_view kind, const std::string& detail);

  const run_plan* plan_;
  const model::scenario* scenario_;
  model::date today_;

  // Per-run state, reused across runs.
  const world* world_ = nullptr;
  const model::strategy* strategy_ = nullptr;
  run_result* out_ = nullptr;
  trace_sink* trace_ = nullptr;
  event_queue<event_payload> queue_;
  std::vector<model::contract> contracts_;
  std::vector<live_contract> live_;
  settings settings_;
  std::int32_t next_client_ = 0;
  int running_ = 0;
  int streak_ = 0;
  bool recovered_ = false;
};

}  // namespace jssim::sim
