// SPDX-License-Identifier: MIT
// One run of one strategy: the dynamics of MODEL.md section 7 played on a
// world (world.hpp), with the score recalculated on the marketplace's grid.
#pragma once

#include <array>
#include <cstdint>  // std::int16_t, std::int64_t, std::uint32_t, std::uint64_t, INT32_MAX, INT64_MAX
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/scenario.hpp"
#include "model/score.hpp"
#include "model/window_sums.hpp"
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

/// What one run of a strategy did that a strategy following it
/// (run_plan::leader) reads instead of playing it: both win the same jobs,
/// which fare the same, and differ only in some history contracts
/// (run_plan::differing). The follower plays its history contracts; its
/// score on each recalculation is the leader's windows with the differing
/// contracts' part taken out and its own put in. The windows' sums are exact
/// (window_sums::incremental), so the result is model::score's to the bit.
struct won_tape {
  /// The leader's windows (sums, outcomes, clients) on each recalculation.
  std::vector<std::array<model::window_score, model::window_months.size()>> windows;
  /// ids[begin[k]] to ids[begin[k + 1] - 1]: the history contracts that
  /// changed before recalculation k, with `contracts` as they stood on its day.
  std::vector<std::uint32_t> begin;
  std::vector<std::uint32_t> ids;
  std::vector<model::contract> contracts;
  std::uint32_t jobs_won = 0;
  /// USD the won contracts paid during the simulation.
  double earned_usd = 0;
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

  /// Plays strategy `strategy` (an index into scenario.strategies) on `w`;
  /// with a `tape` (and no trace), records in it what followers read.
  void play(const world& w, std::size_t strategy, run_result& out, trace_sink* trace = nullptr,
            won_tape* tape = nullptr);

  /// Plays strategy `strategy` on `w` as play() would, what its won contracts
  /// do read from `tape`, which play() recorded on `w` for
  /// plan.leader(strategy): only the history contracts' events are played. The same result as play(),
  /// but for earned_usd, summed in another order (its last bits may differ).
  void follow(const world& w, std::size_t strategy, const won_tape& tape, run_result& out);

  /// The contracts of the run being played, the history first, then the jobs
  /// won in the order they started: for a trace sink that looks at them.
  [[nodiscard]] std::span<const model::contract> contracts() const { return contracts_; }
  /// Events handled since the runner was made (offers, work ends, closes,
  /// rehires, recalculations; payments only when queued for a trace), for benchmarks.
  [[nodiscard]] std::uint64_t events_handled() const { return events_handled_; }

 private:
  enum class origin : std::uint8_t { history, won };

  /// No payment is due: later than any day of a run.
  static constexpr std::int32_t no_payment = INT32_MAX;

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
    /// A history contract in changed_history_, recorded at the next recalculation.
    bool taped = false;
    /// The day of its next weekly payment not yet applied, `no_payment` when
    /// none is due (see pay_until).
    day next_pay{no_payment};
    /// Its index in paying_ while next_pay is set.
    std::uint32_t paying_at = 0;
  };

  struct event_payload {
    std::uint32_t index = 0;
  };

  /// The strategy's settings in force; they revert at recovery with
  /// until_recovered.
  struct settings {
    double proposals_per_week = 0;
    /// offer_rate of each job type under proposals_per_week.
    std::vector<double> rates;
    int max_parallel = 0;
    /// By job type (bytes, not std::vector<bool>: read on every offer taken).
    std::vector<std::uint8_t> accepts;
    bool stale_closes = false;
    model::day_count stale_after = 0;
    double own_close_feedback = 0;
    bool scheduled_closes = false;
  };

  /// Everything play() and follow() do before the first event: the run's
  /// state, the history's events and the strategy's closes.
  void start(const world& w, std::size_t strategy, run_result& out, trace_sink* trace);
  /// The events up to the horizon; offers only when `offers`.
  void play_events(bool offers);
  /// Contract `c` gained a fact: the scorer is told, and the tape if it
  /// records history contracts.
  void changed(std::uint32_t c) {
    scorer_.touch(c);
    if (tape_ != nullptr) tape_history(c);
  }
  /// History contract `c` (if it is one) changed: recorded at the next
  /// recalculation.
  void tape_history(std::uint32_t c) {
    live_contract& l = live_[c];
    if (l.from != origin::history || l.taped) return;
    l.taped = true;
    changed_history_.push_back(c);
  }
  /// The follower's score on recalculation `index`, day `t`: the leader's
  /// windows, the differing contracts' part as the leader had them taken out
  /// and as this run has them put in.
  const model::score_result& followed_score(std::uint32_t index, model::date t);
  void apply_strategy(const model::strategy& s);
  void revert_to_pipeline();
  /// Works out settings_.rates from settings_.proposals_per_week.
  void set_rates();
  /// Queues an event, unless it falls after the horizon. Inline: a run
  /// schedules about two events per job it takes.
  void schedule(day when, phase p, std::uint32_t index) {
    if (when > plan_->horizon()) return;
    queue_.schedule(when, static_cast<std::uint8_t>(p), event_payload{index});
  }
  /// Where an event of day `when` in phase `p` comes in the run: events run in
  /// increasing (day, phase), and never two with the same one outside the queue.
  static std::int64_t event_order(day when, std::uint8_t p) {
    return static_cast<std::int64_t>(when.value) * 256 + p;
  }
  static std::int64_t event_order(day when, phase p) {
    return event_order(when, static_cast<std::uint8_t>(p));
  }
  static constexpr std::int64_t no_event = INT64_MAX;
  /// The day of simulated recalculation `index`.
  [[nodiscard]] day recalc_day(std::uint32_t index) const {
    return day{plan_->recalc_days()[index] - today_};
  }

  void on_payment(day d, std::uint32_t c);
  /// The weekly payments: without a trace they are not queued but applied,
  /// in each contract's order, when the contract is looked at (a close, a
  /// stale check, a recalculation, a Top Rated check, the end of the run). A
  /// payment is the first thing on its day, so applying every payment due on
  /// or before the day being played leaves the contract as the queue would.
  /// With a trace, they are queued (on_payment) so that the story tells them
  /// in the day's order.
  void start_payments(std::uint32_t c, day first);
  /// Applies contract `c`'s payments due on or before `d`.
  void pay_until(std::uint32_t c, day d) {
    if (live_[c].next_pay <= d) pay_due(c, d);
  }
  void pay_due(std::uint32_t c, day d);
  /// Applies every contract's payments due on or before `d`.
  void pay_all_until(day d);
  /// The weekly payment of contract `c` due on `d`; sets `next` to the day
  /// of the one after (`no_payment` if none is due by the horizon).
  [[nodiscard]] double payment_on(std::uint32_t c, day d, day& next) const;
  /// Contract `c` pays no more (it closed).
  void stop_payments(std::uint32_t c);
  /// Takes contract `c` out of paying_.
  void leave_paying(std::uint32_t c);
  void on_work_end(day d, std::uint32_t c);
  void on_client_close(day d, std::uint32_t c);
  void on_own_close(day d, std::uint32_t close_index);
  void on_stale_check(day d, std::uint32_t c);
  void on_rehire(day d, std::uint32_t parent);
  /// Whether the strategy's offer rate keeps offer `k`, of job type `job`
  /// (thinning, MODEL.md section 8: the world holds offers at the largest
  /// rate): keep_u * the largest rate < the strategy's rate. At the largest
  /// rate every offer is kept (keep_u < 1, and a product by a number below 1
  /// rounds below the other factor), so keep_u is not drawn.
  [[nodiscard]] bool kept(std::uint32_t k, std::uint32_t job) const {
    const double largest = plan_->max_rate(job);
    const double rate = settings_.rates[job];
    return rate >= largest || world_->keep_u(k) * largest < rate;
  }
  /// Offer `k`: taken if the strategy accepts its job type, has room for it
  /// and keeps it (kept()). Thinning is asked last, so that an offer declined
  /// anyway never draws its keep_u; a thinned-out offer is not one the
  /// freelancer saw, so the trace says nothing of it. Inline: most offers
  /// are thinned out or declined, and the event loop asks for every one.
  void on_offer(day d, std::uint32_t k) {
    const std::uint32_t job = world_->offers[k].job;
    if (settings_.accepts[job] != 0 && running_ < settings_.max_parallel) {
      if (kept(k, job)) take_offer(d, k);
    } else if (trace_ != nullptr && kept(k, job)) {
      note_decline(d, job);
    }
  }
  /// Takes offer `k`, which the strategy keeps.
  void take_offer(day d, std::uint32_t k);
  /// Notes in the trace that an offer of job type `job` is declined.
  void note_decline(day d, std::uint32_t job);
  void on_recalculation(day d, std::uint32_t index);
  void on_top_rated_check(day d, std::uint32_t index);
  /// Counts a Saturday showing `jss` and tells whether it meets the Top Rated
  /// rule, with `history_earned` USD of the history in its last 12 months.
  bool top_rated_on(day d, jss_value jss, double history_earned);
  /// Notes a payment for the Top Rated earnings rule.
  void record_payment(day d, double usd) {
    if (!paid_by_day_.empty()) paid_by_day_[static_cast<std::size_t>(d.value)] += usd;
  }

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
  /// Where play() records what followers read, or nullptr.
  won_tape* tape_ = nullptr;
  /// The tape follow() reads, or nullptr.
  const won_tape* following_ = nullptr;
  /// The history contracts changed since the last recalculation, while recording.
  std::vector<std::uint32_t> changed_history_;
  /// While following: run_plan::differing of the strategy, the leader's
  /// versions of those contracts, this run's (both as of the last
  /// recalculation), and the score put together from the tape.
  std::span<const std::uint32_t> differing_;
  std::vector<model::contract> leader_differing_;
  std::vector<model::contract> own_differing_;
  /// The sums of leader_differing_ and own_differing_, worked out again only
  /// when they may have moved.
  model::remembered_sums leader_sums_;
  model::remembered_sums own_sums_;
  /// own_sums_ less leader_sums_, window by window (sums, outcomes and
  /// clients), while both hold and neither list changed; then the
  /// follower's windows are the leader's plus these.
  std::array<model::window_score, model::window_months.size()> difference_{};
  bool difference_known_ = false;
  model::score_result followed_;
  /// Whether followed_ is complete (since the run's first recalculation).
  bool followed_known_ = false;
  event_queue<event_payload> queue_;
  std::vector<model::contract> contracts_;
  /// The score of contracts_, kept up to date: every change to a contract
  /// is told to it (touch), so a recalculation costs only what changed.
  model::window_sums scorer_;
  std::uint64_t events_handled_ = 0;
  std::vector<live_contract> live_;
  /// The contracts with a weekly payment due (next_pay set), without a trace.
  std::vector<std::uint32_t> paying_;
  /// Whether payments are applied lazily (no trace) or queued.
  bool lazy_payments_ = true;
  settings settings_;
  std::int32_t next_client_ = 0;
  int running_ = 0;
  int streak_ = 0;
  bool recovered_ = false;
  // Top Rated targets only: whether each Saturday so far (the past ones
  // first) showed the rule's JSS, and the USD paid on each simulated day.
  std::vector<bool> weeks_at_jss_;
  std::vector<double> paid_by_day_;
  /// paid_before_[k]: the USD paid on days 0 to k - 1, extended as Saturdays
  /// come (no payment is dated before a day already checked).
  std::vector<double> paid_before_;
};

}  // namespace jssim::sim
