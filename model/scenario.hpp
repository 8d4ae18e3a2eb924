// SPDX-License-Identifier: MIT
// A scenario as plain typed data (MODEL.md section 6). It knows nothing of
// YAML: scenario_loader.hpp makes one from a file, and validates it, so that
// everything downstream may rely on the invariants written here.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/distribution.hpp"
#include "model/error.hpp"  // source_location
#include "model/plan_space.hpp"
#include "model/rules.hpp"
#include "model/sensitivity.hpp"

namespace jssim::model {

/// The largest day count a distribution or setting may give: about 270 years,
/// far from overflowing date arithmetic. The loader refuses more.
inline constexpr double max_days = 100'000;
/// The largest amount of USD accepted, so that sums stay finite and exact
/// enough. The loader refuses more.
inline constexpr double max_usd = 1e12;

/// A rating in the history: not given, given with a value, or given but not
/// visible to the freelancer (`unknown`, MODEL.md section 10).
struct rating {
  enum class kind : std::uint8_t { none, given, unknown };
  kind state = kind::none;
  double value = 0;

  [[nodiscard]] bool given() const { return state == kind::given; }
  [[nodiscard]] bool unknown() const { return state == kind::unknown; }
};

/// What a client does at the end: one row of an outcome table. A row gives
/// stars and/or a private rating, or no feedback at all.
struct outcome_row {
  double p = 0;
  /// Public stars 1.0 to 5.0, or negative when the row gives none.
  double stars = -1;
  /// Private rating 0 to 10, or negative when the row gives none.
  int private_rating = -1;

  [[nodiscard]] bool feedback() const { return stars >= 0 || private_rating >= 0; }
};

/// A named table of outcomes; the probabilities sum to 1.
struct outcome_table {
  std::string name;
  std::vector<outcome_row> rows;
};

enum class contract_type : std::uint8_t { fixed, hourly };

/// A kind of job the freelancer bids for.
struct job_type {
  std::string name;
  double win_rate = 0;  ///< per proposal
  contract_type type = contract_type::fixed;
  distribution duration_days;
  distribution value_usd;   ///< fixed jobs
  distribution weekly_usd;  ///< hourly jobs, drawn once per job
  distribution close_delay_days = distribution::fixed(0);
  double ghost = 0;
  double rehire = 0;
  std::size_t outcomes = 0;  ///< index into pipeline::outcomes
};

/// Where new work comes from.
struct pipeline_settings {
  double proposals_per_week = 0;
  /// The most won jobs running at once; unlimited by default.
  int max_parallel = std::numeric_limits<int>::max();
  std::vector<job_type> jobs;
  std::vector<outcome_table> outcomes;

  /// The index of the table named `name`, or nothing.
  [[nodiscard]] std::optional<std::size_t> table_index(const std::string& name) const;
  /// The index of the job type named `name`, or nothing.
  [[nodiscard]] std::optional<std::size_t> job_index(const std::string& name) const;
};

/// What the client of an open history contract may do next.
struct contract_future {
  std::size_t outcomes = 0;  ///< index into pipeline::outcomes
  /// Days from today to the client's close; always set unless ghost is 1.
  std::optional<distribution> ends_in_days;
  double ghost = 0;
  /// Paid every 7 days from today until the contract ends; drawn once.
  distribution weekly_usd = distribution::fixed(0);
};

/// One contract of the freelancer's history, as of today.
struct history_contract {
  std::string id;
  std::string client;
  std::int32_t client_index = 0;  ///< dense index into scenario::clients
  contract_type type = contract_type::fixed;
  date started;
  std::optional<date> ended;
  double earned = 0;
  std::optional<date> first_paid;  ///< set whenever earned > 0
  std::optional<date> last_paid;   ///< set whenever earned > 0
  rating stars;
  rating private_rating;
  bool disputed = false;
  bool client_flagged = false;
  bool paused = false;  ///< informational
  /// For open contracts only; nothing: the client never acts again.
  std::optional<contract_future> future;
  /// The table unknown ratings are drawn from (MODEL.md section 10).
  std::size_t prior = 0;
  int line = 0;  ///< where it starts in the file, for messages

  [[nodiscard]] bool is_open() const { return !ended.has_value(); }
  [[nodiscard]] bool has_unknown() const { return stars.unknown() || private_rating.unknown(); }
  /// The scorer's view; unknown ratings are taken as not given.
  [[nodiscard]] contract to_contract() const;
};

/// The freelancer closing one of her history contracts on a given day.
struct scheduled_close {
  std::size_t contract = 0;  ///< index into scenario::history
  date on;
};

/// A score the profile showed on a day she looked (MODEL.md section 11.2,
/// `observed.timeline`): the displayed JSS of the latest recalculation day on
/// or before `on`, the history as it stood then.
struct observed_score {
  date on;
  std::optional<int> jss;  ///< nothing: the profile showed no score (`none`)
  /// Where it is written (the item of the list), for the errors that name it.
  source_location at;
};

/// A way back that the freelancer weighs; unset settings are the pipeline's.
struct strategy {
  std::string name;
  std::optional<double> proposals_per_week;
  std::optional<int> max_parallel;
  /// Job types (indexes into pipeline::jobs) she accepts; nothing: all.
  std::optional<std::vector<std::size_t>> accept;
  std::vector<scheduled_close> close;
  std::optional<day_count> close_stale_after_days;
  double own_close_feedback = 0.3;
  bool until_recovered = false;
  int line = 0;
};

/// When a run counts as recovered.
struct recovery_target {
  double jss = 90;
  int hold = 1;
  /// The marketplace's Top Rated rule instead of a bare JSS threshold.
  bool top_rated = false;
  /// The line `jss` is written on; 0 when the file gives none (the default).
  int jss_line = 0;
};

struct simulation_settings {
  std::uint64_t runs = 10000;
  int horizon_months = 24;
  std::uint64_t seed = 1;
  recovery_target target;
};

/// A whole scenario: who, what happened, what may happen, what to compare.
struct scenario {
  /// The file it came from, for messages and the manifest.
  std::string path;
  std::string name;  ///< freelancer.name
  date today;
  std::vector<history_contract> history;
  std::optional<int> observed_jss;
  /// Where observed.jss is written, for the error when no history shows it;
  /// line 0 for a scenario not read from a file.
  source_location observed_jss_at;
  /// observed.timeline, in the file's order: `on` is on or before today and
  /// on or after the history's first start, and no two entries on one
  /// recalculation day (today's observed.jss included) disagree.
  std::vector<observed_score> observed_timeline;
  pipeline_settings pipeline;
  /// Never empty after loading: a scenario without strategies gets `baseline`.
  std::vector<strategy> strategies;
  simulation_settings simulation;
  rule_set rules;
  /// Client names; history_contract::client_index points here. Clients of
  /// simulated jobs get indexes after these.
  std::vector<std::string> clients;
  /// The `sensitivity:` section, when the file has one (docs/sensitivity.md).
  std::optional<sensitivity_spec> sensitivity;
  /// The `plan:` section, when the file has one (docs/plan.md).
  std::optional<plan_spec> plan;
  /// What is valid but means nothing or will mislead (model/scenario_warnings.hpp),
  /// each naming the file it is written in; `check` and `run` print them.
  std::vector<diagnostic> warnings;

  /// add_months(today, horizon_months): the last day simulated.
  [[nodiscard]] date horizon() const { return today.add_months(simulation.horizon_months); }
  /// The history as the scorer sees it (unknown ratings not given).
  [[nodiscard]] std::vector<contract> history_contracts() const;
  /// The index of the history contract with this id, or nothing.
  [[nodiscard]] std::optional<std::size_t> contract_index(const std::string& id) const;
  /// The index of the strategy with this name, or nothing.
  [[nodiscard]] std::optional<std::size_t> strategy_index(const std::string& name) const;
};

}  // namespace jssim::model
