// SPDX-License-Identifier: MIT
// The exact posterior of many hidden ratings without weighing every
// completion (MODEL.md sections 10 and 11.2). A hidden rating changes only
// the class of its contract, never whether it counts, its weight or its
// reference date: each window's total weight is fixed, and its score depends
// on the completion only through P - N. The search walks the unknowns one by
// one, keeping for each distinct vector of P - N over the observed days'
// windows the prior mass that reaches it; a vector from which the unknowns
// left cannot reach an observed score (each window's P - N is bounded by the
// least and the most they can add) is dropped. Completions that reach the
// same vector are merged, so the work grows with the distinct sums, not with
// the combinations.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint64_t, std::int32_t
#include <optional>
#include <span>
#include <vector>

#include "model/inference.hpp"
#include "model/score.hpp"

namespace jssim::model {

/// The most distinct states (over all unknowns) a search keeps before it
/// gives up; about 100 bytes each.
inline constexpr std::size_t max_search_states = 2'000'000;

/// The completions of `hidden` that give every observation of `conds` (a
/// prefix of hidden.observations(), from conditions()), counted, weighed and
/// ready to draw from.
///
///     auto s = completion_search::run(hidden, conditions(hidden, sc.observed_jss));
///     if (s && s->evidence() > 0) choice = s->draw(uniforms);
class completion_search {
 public:
  /// Searches; nothing when it would keep more than max_search_states
  /// states. With `track` (an index into hidden.observations() not among
  /// `conds`), also collects the scores that completions giving `conds` show
  /// on that observation's day (tracked_scores()).
  static std::optional<completion_search> run(const hidden_ratings& hidden,
                                              std::span<const observation> conds,
                                              std::optional<std::size_t> track = std::nullopt);

  /// The prior probability that a completion gives every observation.
  [[nodiscard]] double evidence() const { return evidence_; }
  /// How many completions give every observation; saturates at the largest
  /// std::uint64_t (count_text writes it).
  [[nodiscard]] std::uint64_t explaining() const { return explaining_; }
  /// The states kept, a measure of the work done.
  [[nodiscard]] std::size_t states() const { return states_; }
  /// marginal()[k][v]: the probability that unknown k takes value v given
  /// every observation (all 0 when none explains them).
  [[nodiscard]] const std::vector<std::vector<double>>& marginals() const { return marginals_; }
  /// With `track`: the displayed scores on its day (-1: no score) of the
  /// completions that give every observation, ascending.
  [[nodiscard]] const std::vector<int>& tracked_scores() const { return tracked_; }

  /// The completion that `u` picks, one uniform in [0, 1) per unknown: unknown
  /// k takes value v with its posterior probability given the values before
  /// it. Exact draws from the posterior. evidence() must be above 0.
  [[nodiscard]] completion_choice draw(std::span<const double> u) const;
  /// Every completion that gives every observation, the last unknown varying
  /// fastest, each with its prior; explaining() must be small.
  [[nodiscard]] std::vector<weighed_completion> list(const hidden_ratings& hidden) const;

 private:
  /// One unknown's step: for each state of layer k and each value, the state
  /// of layer k + 1 it leads to (-1: dropped), and each state's mass.
  struct layer {
    std::size_t states = 0;
    std::vector<std::int32_t> child;  ///< states x values
    std::vector<double> forward;      ///< prior mass of the prefixes that reach it
    std::vector<double> mass;         ///< prior mass of its suffixes that give them all
    std::vector<std::uint64_t> count; ///< how many suffixes give them all
  };
  std::vector<layer> layers_;  ///< one per unknown, and the last (leaves)
  /// order_[k]: the unknown (index into hidden_ratings::unknowns()) the
  /// search sets at depth k.
  std::vector<std::size_t> order_;
  std::vector<std::vector<double>> priors_;  ///< priors_[k][v], k in search order
  double evidence_ = 0;
  std::uint64_t explaining_ = 0;
  std::size_t states_ = 0;
  std::vector<std::vector<double>> marginals_;
  std::vector<int> tracked_;
};

/// The search's posterior given `observed` (today's score) and the earlier
/// observations (the first `upto`, as enumerate_posterior), for a `hidden`
/// with too many combinations to weigh one by one. Throws scenario_error at
/// the first observation that no completion giving the ones before it gives,
/// naming what they give on its day; nothing when the search would keep too
/// many states.
std::optional<completion_search> search_posterior(const hidden_ratings& hidden,
                                                  std::optional<int> observed,
                                                  const scenario& scenario,
                                                  std::size_t upto = static_cast<std::size_t>(-1));

/// The completions of `search` listed one by one as enumerate_posterior lists
/// them (its probabilities, start_jss and evidence; `combinations` is
/// hidden.combinations()); search.explaining() must be small.
posterior listed_posterior(const completion_search& search, const hidden_ratings& hidden);

/// What the posterior is after the first observations (MODEL.md section
/// 11.2: which observations narrowed it).
struct narrowing_step {
  /// How many observations it gives (0: the priors alone).
  std::size_t observations = 0;
  /// The completions that give them (count_text when saturated).
  std::uint64_t remaining = 0;
  /// The prior probability that a completion gives them.
  double evidence = 1;
  /// For each unknown contract, the probability that its hidden rating makes
  /// it other than positive: its share of the blame.
  std::vector<double> blame;
};

/// The posterior after 0, 1, ... all of hidden.observations() (today's
/// replaced by `observed`), exactly: by enumeration when the combinations are
/// few, else by the search; empty when the search would keep too many states.
/// Throws as enumerate_posterior when nothing explains them.
std::vector<narrowing_step> narrowing(const hidden_ratings& hidden, std::optional<int> observed,
                                      const scenario& scenario);

/// Whether `choice` gives every observation of `conds`.
bool gives_all(const hidden_ratings& hidden, std::span<const observation> conds,
               std::span<const std::uint32_t> choice, std::vector<contract>& scratch);

}  // namespace jssim::model
