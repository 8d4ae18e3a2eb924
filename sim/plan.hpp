// SPDX-License-Identifier: MIT
// What is the same for every run of a scenario: the recalculation grid, the
// recovery slots, the horizon and the offer rates of the shared world.
#pragma once

#include <cstdint>  // std::uint32_t, std::int32_t
#include <memory>   // std::shared_ptr
#include <optional>
#include <span>
#include <vector>

#include "model/date.hpp"
#include "model/completion_search.hpp"
#include "model/inference.hpp"
#include "model/scenario.hpp"
#include "model/top_rated.hpp"
#include "model/window_sums.hpp"
#include "sim/clock.hpp"
#include "sim/sample.hpp"

namespace jssim::sim {

/// The offer rate per day of job type `job` under `proposals_per_week`.
double offer_rate(const model::job_type& job, double proposals_per_week);

/// The largest proposals a week any strategy of `scenario` uses (MODEL.md
/// section 8): its own, and the pipeline's when it sets none or reverts to it
/// at recovery (until_recovered). The shared world draws offers at this rate.
double busiest_proposals_per_week(const model::scenario& scenario);

/// A job type made ready to draw its jobs' attributes (world.hpp, draw_job).
struct job_sampler {
  const model::job_type* type = nullptr;
  /// The rows of its outcome table.
  std::span<const model::outcome_row> rows;
  sampler duration;
  sampler value;   ///< fixed jobs
  sampler weekly;  ///< hourly jobs
  sampler close_delay;
};

/// How the runs start when the history hides ratings (MODEL.md section 10).
struct hidden_start {
  model::hidden_ratings ratings;
  /// The exact posterior when the completions are few enough to weigh one by
  /// one (model::max_enumerated_completions); nothing: each run samples by
  /// rejection.
  std::optional<model::posterior> exact;
  /// The running sums of exact->explaining's probabilities, for drawing.
  std::vector<double> cumulative;
  /// The observations every run's completion gives (model::conditions):
  /// observed.jss and observed.timeline, oldest first.
  std::vector<model::observation> conditions;
  /// Too many completions give them to list one by one, but the search
  /// found them all: each run draws exactly from it (shared by the plans'
  /// copies; read only).
  std::shared_ptr<const model::completion_search> search;
  /// Neither enumeration nor the search applies (too many states): runs draw
  /// by rejection. `pilot` are the distinct completions that gave every
  /// observation among `pilot_draws` draws from the priors made before any
  /// run; a run that finds none in max_hidden_draws takes one of them.
  std::vector<model::completion_choice> pilot;
  std::uint64_t pilot_draws = 0;
  std::uint64_t pilot_accepted = 0;
};

/// The draws from the priors made before any run when runs sample by
/// rejection (hidden_start::pilot).
inline constexpr std::uint64_t hidden_pilot_draws = 20'000;

/// Draws a completion of `unknowns` from their priors, one uniform of `s`
/// per unknown, into `choice` (sized to match).
void draw_prior(std::span<const model::hidden_contract> unknowns, stream& s,
                model::completion_choice& choice);

/// What a Top Rated target needs of the history, the same for every run.
struct top_rated_frame {
  model::top_rated_rule rule;
  /// The `rule.weeks` Saturdays on or before today, oldest first: the weeks
  /// that count before the first simulated Saturday.
  std::vector<model::date> past_saturdays;
  /// USD of the history's payments within the last `rule.earned_months`
  /// months of today (index 0) and of each recovery day (index s + 1).
  std::vector<double> history_earned;
  /// For each recovery day: the latest simulated recalculation on or before
  /// it (an index into recalc_days), or -1 when there is none yet and the
  /// profile still shows start_jss.
  std::vector<std::int32_t> shown_recalc;
  /// The earliest start of the history's contracts.
  std::optional<model::date> first_start;
};

/// The fixed frame of every run of a scenario.
///
/// A run's recovery is a slot: 0 when the score meets the target today, s + 1
/// when it first does on recovery day s, `censored_slot()` when it does not
/// within the horizon. The recovery days are the simulated recalculation days,
/// or for a Top Rated target the Saturdays in (today, horizon], on which the
/// marketplace counts its weeks.
class run_plan {
 public:
  /// Keeps a reference to `scenario`, which must outlive the plan. With hidden
  /// ratings it weighs their completions (MODEL.md section 10); it throws
  /// model::input_error when none explains `observed.jss`, or when nothing is
  /// hidden and the history does not show it.
  explicit run_plan(const model::scenario& scenario);

  [[nodiscard]] const model::scenario& scenario() const { return *scenario_; }
  /// The simulated recalculation days: today < d <= horizon.
  [[nodiscard]] const std::vector<model::date>& recalc_days() const { return recalc_days_; }
  [[nodiscard]] std::size_t recalc_count() const { return recalc_days_.size(); }
  /// The window starts of simulated recalculation `index`, worked out once
  /// for all runs: model::window_starts_on(recalc_days()[index]).
  [[nodiscard]] const model::window_starts& window_starts(std::size_t index) const {
    return window_starts_[index];
  }
  /// The days a run may recover on, in order (see the class comment).
  [[nodiscard]] const std::vector<model::date>& recovery_days() const { return recovery_days_; }
  [[nodiscard]] std::uint32_t censored_slot() const {
    return static_cast<std::uint32_t>(recovery_days_.size() + 1);
  }
  /// The hidden ratings and how runs draw them; nullptr when nothing is hidden.
  [[nodiscard]] const hidden_start* hidden() const { return hidden_ ? &*hidden_ : nullptr; }
  /// The Top Rated frame; nullptr unless the target is Top Rated.
  [[nodiscard]] const top_rated_frame* top_rated() const {
    return top_rated_ ? &*top_rated_ : nullptr;
  }
  /// The JSS the target asks: a Top Rated target its rule's `min_jss`,
  /// whatever simulation.target.jss says (a base file may set it); otherwise
  /// simulation.target.jss.
  [[nodiscard]] double target_jss() const {
    return top_rated_ ? top_rated_->rule.min_jss : scenario_->simulation.target.jss;
  }
  /// Days from today to the recovery of `slot`; -1 for the censored slot.
  [[nodiscard]] model::day_count slot_days(std::uint32_t slot) const;
  /// The last day simulated.
  [[nodiscard]] day horizon() const { return horizon_; }
  /// The largest offer rate per day of job type `job` that any strategy uses
  /// (the pipeline's counts when a strategy keeps it or reverts to it): the
  /// rate at which the shared world draws its offers.
  [[nodiscard]] double max_rate(std::size_t job) const { return max_rates_[job]; }
  /// Job type `job` made ready to draw.
  [[nodiscard]] const job_sampler& job(std::size_t job) const { return jobs_[job]; }
  /// The strategy whose won contracts strategy `s` shares on every run:
  /// the first one (`s` itself when none comes before it) that takes the same
  /// offers and treats its jobs the same way whatever the score shows, and so
  /// differs at most in which history contracts it closes when. A strategy
  /// that follows another plays only its history contracts and reads the
  /// won ones from the leader's run (runner::follow).
  [[nodiscard]] std::size_t leader(std::size_t s) const { return leaders_[s]; }
  /// Whether some strategy follows `s`.
  [[nodiscard]] bool leads(std::size_t s) const { return leads_[s] != 0; }
  /// For a strategy that follows another: the history contracts that may
  /// fare differently in the two, in increasing order: those either closes,
  /// and every contract of their clients (a client counts once in a window,
  /// so its contracts go together). Empty for a leader.
  [[nodiscard]] std::span<const std::uint32_t> differing(std::size_t s) const {
    return differing_[s];
  }

 private:
  const model::scenario* scenario_;
  std::vector<model::date> recalc_days_;
  std::vector<model::window_starts> window_starts_;
  std::vector<model::date> recovery_days_;
  day horizon_;
  std::vector<double> max_rates_;
  std::vector<job_sampler> jobs_;
  std::optional<hidden_start> hidden_;
  std::optional<top_rated_frame> top_rated_;
  std::vector<std::size_t> leaders_;
  std::vector<std::uint8_t> leads_;
  std::vector<std::vector<std::uint32_t>> differing_;
};

/// Whether strategies `a` and `b` of `scenario` win the same jobs and treat
/// them alike on every run: the same offer rate, parallel work, accepted job
/// types, stale closes and own-close feedback, and neither reverts when
/// recovered nor is judged by a Top Rated target (whose earnings rule reads
/// the history's payments). Their scheduled closes, of history contracts
/// only, may differ. The rule set's weights must keep the window sums exact
/// (model::window_sums::incremental), for a follower's score is worked out
/// from its leader's by difference.
[[nodiscard]] bool same_won_contracts(const model::scenario& scenario, const model::strategy& a,
                                      const model::strategy& b);

}  // namespace jssim::sim
