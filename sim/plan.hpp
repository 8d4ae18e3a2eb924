// SPDX-License-Identifier: MIT
// What is the same for every run of a scenario: the recalculation grid, the
// recovery slots, the horizon and the offer rates of the shared world.
#pragma once

#include <cstdint>  // std::uint32_t
#include <vector>

#include "model/date.hpp"
#include "model/scenario.hpp"
#include "sim/clock.hpp"

namespace jssim::sim {

/// The offer rate per day of job type `job` under `proposals_per_week`.
double offer_rate(const model::job_type& job, double proposals_per_week);

/// The fixed frame of every run of a scenario.
///
/// A run's recovery is a slot: 0 when the score meets the target today, s + 1
/// when it first does on simulated recalculation s, `censored_slot()` when it
/// does not within the horizon.
class run_plan {
 public:
  /// Keeps a reference to `scenario`, which must outlive the plan.
  explicit run_plan(const model::scenario& scenario);

  [[nodiscard]] const model::scenario& scenario() const { return *scenario_; }
  /// The simulated recalculation days: today < d <= horizon.
  [[nodiscard]] const std::vector<model::date>& recalc_days() const { return recalc_days_; }
  [[nodiscard]] std::size_t recalc_count() const { return recalc_days_.size(); }
  [[nodiscard]] std::uint32_t censored_slot() const {
    return static_cast<std::uint32_t>(recalc_days_.size() + 1);
  }
  /// Days from today to the recovery of `slot`; -1 for the censored slot.
  [[nodiscard]] model::day_count slot_days(std::uint32_t slot) const;
  /// The last day simulated.
  [[nodiscard]] day horizon() const { return horizon_; }
  /// The largest offer rate per day of job type `job` over the pipeline and
  /// every strategy: the rate at which the shared world draws its offers.
  [[nodiscard]] double max_rate(std::size_t job) const { return max_rates_[job]; }

 private:
  const model::scenario* scenario_;
  std::vector<model::date> recalc_days_;
  day horizon_;
  std::vector<double> max_rates_;
};

}  // namespace jssim::sim
