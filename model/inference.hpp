// SPDX-License-Identifier: MIT
// What the history does not say (MODEL.md section 10): the ratings written
// `unknown`, the values their prior tables allow, and which completions of
// them explain the score the profile shows. Pure: it enumerates and weighs;
// drawing from the result is the simulation's business (sim/world.hpp).
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint32_t, std::uint64_t
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/date.hpp"
#include "model/rules.hpp"
#include "model/scenario.hpp"

namespace jssim::model {

/// The most completions `enumerate_posterior` weighs one by one; beyond, the
/// runs fall back on rejection sampling.
inline constexpr std::uint64_t max_enumerated_completions = 100'000;

/// One value a contract's hidden ratings may take: the distinct (stars,
/// private) that one or more rows of its prior table give.
struct hidden_value {
  double stars = -1;        ///< the stars it gives, when the stars are hidden
  int private_rating = -1;  ///< the private rating it gives, when hidden
  /// The sum of the p of its rows over the rows that give every hidden field.
  double prior = 0;
};

/// A history contract with hidden ratings, and what they may be.
struct hidden_contract {
  std::size_t contract = 0;  ///< index into scenario::history
  bool stars = false;        ///< whether its stars are hidden
  bool private_rating = false;  ///< whether its private rating is hidden
  /// Never empty; every prior is above 0 and they sum to 1. In the order the
  /// values first appear in the table.
  std::vector<hidden_value> values;
};

/// A completion: `choice[k]` is the index of the value of `unknowns()[k]`.
using completion_choice = std::vector<std::uint32_t>;

/// A score the completions must give (MODEL.md sections 10 and 11.2): today's
/// observed.jss, or an entry of observed.timeline.
struct observation {
  date on;      ///< the day she saw the profile (today for observed.jss)
  date recalc;  ///< the recalculation day it showed: the latest on or before `on`
  std::optional<int> jss;  ///< nothing: no score shown
  bool today = false;      ///< observed.jss (or a timeline entry on its day)
  std::size_t item = 0;    ///< the index in observed.timeline, when not today
  source_location at;      ///< where it is written
};

/// `observed.jss` or `observed.timeline[2]`.
std::string observation_name(const observation& o);
/// "71 % on 2026-10-25", "no score on 2026-10-25".
std::string observation_text(const observation& o);

/// The hidden ratings of a scenario and the score today of each completion.
///
///     hidden_ratings h(scenario);
///     posterior p = enumerate_posterior(h, scenario.observed_jss);
class hidden_ratings {
 public:
  /// Reads the unknown ratings of `scenario`, which the loader has checked
  /// (every unknown has a row of its prior table that gives it).
  explicit hidden_ratings(const scenario& scenario);

  [[nodiscard]] const std::vector<hidden_contract>& unknowns() const { return unknowns_; }
  [[nodiscard]] bool empty() const { return unknowns_.empty(); }
  /// The number of hidden ratings (a contract may hide two).
  [[nodiscard]] std::size_t field_count() const;
  /// The number of completions, the product of the value counts; saturates
  /// at the largest std::uint64_t.
  [[nodiscard]] std::uint64_t combinations() const;
  /// The day the profile's score was computed: the latest recalculation day
  /// on or before today.
  [[nodiscard]] date shown_on() const { return shown_on_; }
  /// What the profile showed and the completions must give, one per
  /// recalculation day, oldest first (today's last); empty without observed.
  [[nodiscard]] const std::vector<observation>& observations() const { return observations_; }
  [[nodiscard]] const rule_set& rules() const { return rules_; }

  /// The history as it stood on observations()[i].recalc, the unknown ratings
  /// not given, and where each unknown is in it (nothing: its feedback was not
  /// given yet on that day, so it cannot matter).
  struct day_view {
    date on;
    std::vector<contract> seen;
    std::vector<std::optional<std::size_t>> index;
  };
  [[nodiscard]] const day_view& view(std::size_t i) const { return views_.at(i); }
  /// Writes value `v` of unknown `k` into `c`, its contract.
  void set(std::size_t k, std::uint32_t v, contract& c) const;
  /// Writes completion `choice` into `seen`, a copy of `view.seen`.
  void apply_seen(const day_view& view, std::span<const std::uint32_t> choice,
                  std::span<contract> seen) const;
  /// The displayed JSS on observations()[i].recalc of the history completed
  /// by `choice`.
  [[nodiscard]] std::optional<int> shows(std::size_t i, std::span<const std::uint32_t> choice,
                                         std::vector<contract>& scratch) const;

  /// Writes the ratings of completion `choice` into `history`, the scenario's
  /// history as the scorer sees it (scenario::history_contracts()).
  void apply(std::span<const std::uint32_t> choice, std::span<contract> history) const;
  /// The displayed JSS today of the history completed by `choice`; `scratch`
  /// is working memory, reused between calls.
  [[nodiscard]] std::optional<int> start_jss(std::span<const std::uint32_t> choice,
                                             std::vector<contract>& scratch) const;
  /// The prior probability of completion `choice`: the product of its values'.
  [[nodiscard]] double prior(std::span<const std::uint32_t> choice) const;

 private:
  rule_set rules_;
  date shown_on_;
  std::vector<hidden_contract> unknowns_;
  /// The history as it stood on shown_on (as_of), unknown ratings not given.
  std::vector<contract> seen_;
  /// For each unknown, its index in seen_ when its feedback is visible on
  /// shown_on; nothing when it ended after that day (it cannot matter).
  std::vector<std::optional<std::size_t>> seen_index_;
  std::vector<observation> observations_;
  std::vector<day_view> views_;  ///< one per observation
};

/// One completion and its weight.
struct weighed_completion {
  completion_choice choice;
  double prior = 0;        ///< its prior probability
  double probability = 0;  ///< its probability given the observed score
  std::optional<int> start_jss;
};

/// The distribution of the hidden ratings given the observed score.
struct posterior {
  /// Completions weighed (by enumeration: all of them).
  std::uint64_t combinations = 0;
  /// The completions that explain the observed score (all of them without
  /// one), in enumeration order (the last unknown varies fastest); their
  /// probabilities sum to 1.
  std::vector<weighed_completion> explaining;
  /// The prior probability that a completion explains the observed score,
  /// which is the acceptance rate of rejection sampling (1 without one).
  double evidence = 1;
};

/// The observations a posterior conditions on: with `observed` (today's
/// score), hidden.observations() with today's replaced by it, the first
/// `upto` of them; without, none.
std::vector<observation> conditions(const hidden_ratings& hidden, std::optional<int> observed,
                                    std::size_t upto = static_cast<std::size_t>(-1));

/// Every completion of `hidden`, weighed; with `observed`, only those that
/// give it today and every earlier observation of hidden.observations() (the
/// first `upto` observations only, when given), renormalised. Throws
/// scenario_error at the first observation that no completion giving the
/// ones before it gives (see `unexplained_message`).
/// `hidden.combinations()` must be at most max_enumerated_completions.
posterior enumerate_posterior(const hidden_ratings& hidden, std::optional<int> observed,
                              const scenario& scenario,
                              std::size_t upto = static_cast<std::size_t>(-1));

/// The error for observation `failed` of `conds`, which no completion that
/// gives the observations before it gives: `shown` are the displayed scores
/// on its day of those completions (-1: no score), `count` how many they are.
scenario_error unexplained_observation(const scenario& scenario, const hidden_ratings& hidden,
                                       std::span<const observation> conds, std::size_t failed,
                                       std::span<const int> shown, std::uint64_t count);

/// A count of combinations as text: the number, or "more than 1.8e19" when it
/// saturated std::uint64_t.
std::string count_text(std::uint64_t n);

/// Why no completion explains `observed`, for the error the program stops
/// with at observed_jss_location: names the observed score, the day and what
/// the history shows. `shown` are the displayed scores the completions give
/// (-1: no score).
/// Where a problem with observed.jss is: its place in the file, or without
/// one (a scenario made in code) the file and the key.
source_location observed_jss_location(const scenario& scenario);

std::string unexplained_message(const scenario& scenario, const hidden_ratings& hidden,
                                int observed, std::span<const int> shown);

/// One hidden field of one contract, for reports.
enum class hidden_field : std::uint8_t { stars, private_rating };

/// `stars` or `private`, as in the scenario.
std::string_view to_string(hidden_field field);

/// The distribution of one hidden field given the observed score.
struct field_marginal {
  std::size_t contract = 0;  ///< index into scenario::history
  hidden_field field = hidden_field::private_rating;
  /// (value, probability), in the order of the values of the prior table;
  /// values with probability 0 are kept.
  std::vector<std::pair<double, double>> values;
};

/// The marginal distribution of every hidden field under `completions`
/// (each with its `probability`), contract by contract, stars first.
std::vector<field_marginal> marginals(const hidden_ratings& hidden,
                                      std::span<const weighed_completion> completions);

/// The same from each unknown's distribution: `value_probability[k][v]` is
/// the probability that unknown k takes value v (completion_search).
std::vector<field_marginal> marginals(const hidden_ratings& hidden,
                                      const std::vector<std::vector<double>>& value_probability);

}  // namespace jssim::model
