// SPDX-License-Identifier: MIT
// What a history cannot say, estimated from it (MODEL.md section 11.1): the
// job types she wins, with value and duration distributions fitted to her
// own contracts, win rates, outcome tables from her own ratings, a rehire
// rate, a future for each open contract, and the standard strategies. Each
// estimate carries its arithmetic as text, for the comments of the scenario
// `jssim init` writes. No I/O.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/rules.hpp"
#include "model/scenario.hpp"

namespace jssim::model {

/// What the estimates assume that the history does not hold.
struct estimate_settings {
  /// The proposals she sends a week (`--proposals-per-week`).
  double proposals_per_week = 5;
  /// The score's rules: small jobs are the first tier, stale is stale_after_days.
  rule_set rules;
};

/// An estimated job type and how it was made.
struct estimated_job {
  job_type job;
  /// Comment lines: where each number comes from and what to change.
  std::vector<std::string> notes;
};

/// An outcome table and where its numbers come from.
struct estimated_table {
  outcome_table table;
  std::vector<std::string> notes;
};

/// The future of one open history contract.
struct estimated_future {
  std::size_t contract = 0;  ///< index into the history
  day_count idle_days = 0;
  contract_future future;
  std::vector<std::string> notes;
};

/// A standard strategy and why it is there.
struct estimated_strategy {
  strategy settings;
  std::string note;
};

/// Everything `jssim init` estimates.
struct estimates {
  double proposals_per_week = 5;
  std::vector<estimated_job> jobs;
  /// The first is her own ratings (`her-ratings`), the default table; then
  /// the priors of hidden private ratings, one per star band in use.
  std::vector<estimated_table> outcomes;
  /// Per history contract: the table its unknown ratings are drawn from.
  std::vector<std::size_t> prior;
  std::vector<estimated_future> futures;
  std::vector<estimated_strategy> strategies;
  /// Comment lines about the pipeline as a whole (the rehire rate, the window).
  std::vector<std::string> notes;
};

/// Names of what estimate_pipeline writes, fixed so that strategies and
/// tests can name them.
inline constexpr const char* small_jobs_name = "small fixed jobs";
inline constexpr const char* fixed_jobs_name = "fixed jobs";
inline constexpr const char* hourly_jobs_name = "hourly jobs";
inline constexpr const char* own_ratings_table = "her-ratings";

/// Estimates a pipeline, futures and strategies from `history` as of `today`.
/// Works for any history, an empty one included (then every number is a
/// stated default).
///
///     const estimates e = estimate_pipeline(s.history, s.today, {});
///     e.jobs.front().job.win_rate;  // contracts won a week / 5 proposals a week
estimates estimate_pipeline(std::span<const history_contract> history, date today,
                            const estimate_settings& settings);

/// The prior of a hidden private rating given the public stars: the private
/// ratings a client who gave `stars` is assumed to have given, as rows
/// {p, private}. A 4-star client gave 10 less often than a 5-star one.
outcome_table private_prior_for_stars(double stars);

/// The name of private_prior_for_stars(stars): `private-if-N-stars`, N the
/// star band (the stars rounded half up, 1 to 5: 4.5 is a 5, 4.4 a 4).
std::string private_prior_name(double stars);

/// The built-in table of that name (`private-if-1-stars` ... `private-if-5-stars`),
/// which `prior:` may name without defining it; nothing for another name.
std::optional<outcome_table> private_prior_named(std::string_view name);

/// The stated prior that her own ratings are smoothed toward.
outcome_table typical_outcomes();

/// How strongly her ratings are pulled toward typical_outcomes(): as if she
/// had this many more contracts rated like the prior.
inline constexpr double prior_weight = 4;

}  // namespace jssim::model
