// SPDX-License-Identifier: MIT
// What is kept of the runs: exact distributions in histograms, so that memory
// does not grow with the number of runs, and per-run records only on request.
#pragma once

#include <array>
#include <cstdint>  // std::uint64_t, std::int64_t
#include <memory>
#include <span>
#include <vector>

#include "analysis/histogram.hpp"
#include "analysis/paired.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"
#include "sim/run.hpp"

namespace jssim::analysis {

/// Counts of the displayed JSS: bin 0 is "no score", bin 1 + v a score of v.
using jss_counts = std::array<std::uint64_t, 102>;

/// The bin of `jss` in jss_counts.
inline std::size_t jss_bin(sim::jss_value jss) {
  return jss == sim::no_score ? 0 : static_cast<std::size_t>(jss) + 1;
}

/// Everything kept of the runs of one strategy.
struct strategy_totals {
  /// Days to recover (bins 0..horizon days), censored runs apart.
  histogram recovery;
  /// Per simulated recalculation day, the displayed JSS.
  std::vector<jss_counts> jss;
  jss_counts start_jss{};
  std::uint64_t jobs_won = 0;
  /// USD earned during the runs, in cents: integer sums are exact and do not
  /// depend on the order in which threads add them.
  std::int64_t earned_cents = 0;

  explicit strategy_totals(const sim::run_plan& plan);
};

/// Two strategies compared run by run on the same luck.
struct pair_totals {
  std::size_t strategy = 0;   ///< A
  std::size_t reference = 0;  ///< B, the baseline unless all pairs are asked
  /// Times to recover under A and B.
  paired_histogram times;
  /// Recovered within 6 months, for McNemar's test: [a][b], 1 = recovered.
  std::array<std::array<std::uint64_t, 2>, 2> within_6m{};
};

/// One run of one strategy, for runs.csv.
struct run_record {
  std::uint32_t recovery_slot = 0;
  sim::jss_value final_jss = sim::no_score;
  std::uint32_t jobs_won = 0;
  double earned_usd = 0;
};

/// The collector of `jssim run`: every strategy's distributions, the paired
/// comparisons with the first strategy (or of every two with `all_pairs`),
/// and, with `keep_runs`, one record per run.
///
///     sim::run_plan plan(scenario);
///     totals t(plan, {.all_pairs = false, .keep_runs = false});
///     sim::simulate(plan, 0, scenario.simulation.runs, {}, t);
class totals final : public sim::run_collector {
 public:
  struct options {
    bool all_pairs = false;
    bool keep_runs = false;
  };

  /// Keeps a reference to `plan`, which must outlive the totals.
  totals(const sim::run_plan& plan, options opts);

  void add(std::uint64_t run, std::span<const sim::run_result> results) override;
  [[nodiscard]] std::unique_ptr<sim::run_collector> empty_copy() const override;
  void merge(const sim::run_collector& other) override;

  [[nodiscard]] const sim::run_plan& plan() const { return *plan_; }
  [[nodiscard]] std::uint64_t runs() const { return runs_; }
  [[nodiscard]] const std::vector<strategy_totals>& strategies() const { return strategies_; }
  [[nodiscard]] const std::vector<pair_totals>& pairs() const { return pairs_; }
  /// Per strategy, (run index, record) of every run collected, in run order
  /// once merged by sim::simulate; empty unless `keep_runs`.
  [[nodiscard]] const std::vector<std::vector<std::pair<std::uint64_t, run_record>>>& records()
      const {
    return records_;
  }

 private:
  const sim::run_plan* plan_;
  options options_;
  model::day_count six_months_ = 0;
  std::uint64_t runs_ = 0;
  std::vector<strategy_totals> strategies_;
  std::vector<pair_totals> pairs_;
  /// Run index and record, appended as they come; sorted by run when merged.
  std::vector<std::vector<std::pair<std::uint64_t, run_record>>> records_;
};

}  // namespace jssim::analysis
