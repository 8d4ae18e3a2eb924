// SPDX-License-Identifier: MIT
// The shared world of one run (MODEL.md section 8): the offers and their
// attributes, and what the history's clients will do, drawn once per run and
// read by every strategy, so that strategies differ by their choices only.
#pragma once

#include <cstdint>  // std::uint32_t, std::uint64_t
#include <optional>
#include <span>
#include <vector>

#include "model/contract.hpp"
#include "model/window_sums.hpp"
#include "model/scenario.hpp"
#include "sim/clock.hpp"
#include "sim/plan.hpp"
#include "sim/random.hpp"

namespace jssim::sim {

/// The attributes of one job, the same under every strategy that takes it.
struct job_draws {
  /// Thinning: a strategy whose offer rate is r keeps the offer when
  /// keep_u < r / the largest rate.
  double keep_u = 0;
  model::day_count duration = 0;
  double value_usd = 0;   ///< fixed jobs, paid at the client's close
  double weekly_usd = 0;  ///< hourly jobs
  model::day_count close_delay = 0;
  bool ghost = false;
  std::uint32_t row = 0;  ///< the outcome row the client gives at the end
  double own_close_u = 0; ///< answers an own close when below own_close_feedback
  double rehire_u = 0;    ///< offers a rehire when below the job type's rehire
};

/// Draws the attributes of a job of type `job` from `s`, in a fixed order:
/// keep_u first, then the rest (draw_job_rest).
job_draws draw_job(const job_sampler& job, stream& s);

/// Draws every attribute of `d` but keep_u from `s`, which has given keep_u
/// and nothing else: draw_job is keep_u = s.uniform01() followed by this.
void draw_job_rest(const job_sampler& job, stream& s, job_draws& d);

/// One offer of the world.
struct offer {
  double time = 0;  ///< continuous days from the start of the run
  day on;           ///< the day it lands: ceil(time)
  std::uint32_t job = 0;
  std::uint32_t number = 0;  ///< k: its rank among the offers of its job type
  /// Its attributes: keep_u once `keep_drawn`, the others once `drawn`
  /// (world::keep_u and world::draws, which complete them in a world read as
  /// const, hence mutable).
  mutable job_draws draws;
  /// Whether keep_u is drawn; a world_builder draws nothing, and
  /// world::keep_u draws it when a strategy first asks whether it keeps the
  /// offer.
  mutable bool keep_drawn = true;
  /// Whether every attribute is drawn; world::draws draws the ones after
  /// keep_u when a strategy first takes the offer.
  mutable bool drawn = true;
};

/// What the client of an open history contract will do.
struct future_draws {
  /// False for a ghost or a contract without `future`: the client never acts.
  bool acts = false;
  /// The day the client ends it, when it acts and has `ends_in_days`.
  std::optional<day> ends_on;
  double weekly_usd = 0;
  std::uint32_t table = 0;  ///< the outcome table of its row
  std::uint32_t row = 0;    ///< the row it gives at its close, or at an own close
  double own_close_u = 0;
};

/// Everything random in one run that does not depend on the strategy.
///
/// An offer's keep_u is drawn when a strategy first asks whether its rate
/// keeps the offer (keep_u(); a strategy at the largest rate keeps every offer
/// without asking, and one that declines the offer for its type or its
/// workload does not ask), and the other attributes when a strategy first
/// takes it (draws()): in the seed story about half of the offers are thinned
/// out or declined by every strategy, and drawing every offer's attributes was
/// most of the cost of building a world. The attributes come from the offer's
/// own stream, in the same order, so when they are drawn changes nothing. A
/// world belongs to one thread.
struct world {
  std::uint64_t run = 0;
  /// The offers of every job type, merged in time order.
  std::vector<offer> offers;

  /// offers[k]'s keep_u, drawn now if it was not yet (the first number of
  /// its stream).
  double keep_u(std::size_t k) const {
    const offer& o = offers[k];
    if (!o.keep_drawn) {
      o.draws.keep_u = offer_streams_[k].uniform01();
      o.keep_drawn = true;
    }
    return o.draws.keep_u;
  }
  /// The attributes of offers[k], drawn now if they were not yet.
  const job_draws& draws(std::size_t k) const {
    const offer& o = offers[k];
    if (!o.drawn) draw_rest(k);
    return o.draws;
  }
  /// One per history contract, in history order (meaningful for open ones).
  std::vector<future_draws> futures;
  /// The history as of today, hidden ratings drawn (MODEL.md section 10).
  std::vector<model::contract> history;
  /// The displayed JSS of that history today; nothing when no score shows.
  std::optional<int> start_jss;
  /// With a Top Rated target: the displayed JSS of that history on each of
  /// the plan's past Saturdays (top_rated_frame::past_saturdays), -1 where
  /// no score shows.
  std::vector<int> past_jss;
  /// How many draws of the hidden ratings this run tried (rejection
  /// sampling; 1 with an exact posterior, 0 with nothing hidden).
  std::uint32_t hidden_draws = 0;

  /// The scorer after scoring `history` alone on the plan's first
  /// recalculation day, when the world was built by a world_builder of
  /// `plan` (and its history left as built); else nothing. Every strategy
  /// of the run starts its scorer as a copy of it, rather than classifying
  /// the history again: the changes before that day are told to the copy
  /// (window_sums::touch), whose sums are exact, so the first score is the
  /// one a scorer starting empty gives.
  [[nodiscard]] const model::window_sums* history_scored(const run_plan& plan) const {
    return plan_ == &plan && scored_ ? &*scored_ : nullptr;
  }

 private:
  friend class world_builder;
  /// Draws the attributes of offers[k] after keep_u from offer_streams_[k]
  /// (and keep_u first, if it was not drawn).
  void draw_rest(std::size_t k) const;

  /// The plan whose job types the offers index, set by world_builder.
  const run_plan* plan_ = nullptr;
  /// offer_streams_[k]: offers[k]'s stream, past the attributes drawn so far.
  /// Mutable: the attributes are drawn by keep_u() and draws(), which reading
  /// a world may call.
  mutable std::vector<stream> offer_streams_;
  /// See history_scored(); set by world_builder.
  std::optional<model::window_sums> scored_;
};

/// The most draws of the hidden ratings one run tries by rejection sampling
/// before it takes one of the plan's pilot completions (hidden_start::pilot).
inline constexpr std::uint32_t max_hidden_draws = 10'000;

/// The completion of the hidden ratings that run `run` starts from.
struct hidden_draw {
  model::completion_choice choice;
  std::optional<int> start_jss;  ///< the displayed JSS today it gives
  std::uint32_t draws = 0;       ///< draws tried
};

/// Draws run `run`'s hidden ratings (MODEL.md sections 10 and 11.2): from the
/// exact posterior with stream (seed, run, prior, 0) (one uniform, or with a
/// searched posterior one per unknown), or by rejection, attempt a with stream
/// (seed, run, inference, a), keeping the first draw that gives every
/// observation; after max_hidden_draws, one of the plan's pilot completions.
/// `plan.hidden()` must be set.
hidden_draw draw_hidden(const run_plan& plan, std::uint64_t run);

/// The displayed JSS of `history` on each past Saturday of the plan's Top
/// Rated frame: the score of the latest recalculation on or before it, -1
/// where none shows.
std::vector<int> past_week_scores(const run_plan& plan, std::span<const model::contract> history);

/// Builds the world of any run of a scenario. Holds what is the same for
/// every run (the plan, the history's score today), so that building one is
/// cheap.
class world_builder {
 public:
  /// Keeps a reference to `plan`, which must outlive the builder.
  explicit world_builder(const run_plan& plan);

  /// Fills `out` with the world of run `run`, reusing its memory.
  void build(std::uint64_t run, world& out) const;

 private:
  const run_plan* plan_;
  std::vector<model::contract> history_;
  std::optional<int> start_jss_;
  std::vector<int> past_jss_;
  /// history_ scored on the plan's first recalculation day, when no run
  /// draws hidden ratings into it (world::history_scored).
  std::optional<model::window_sums> scored_;
};

}  // namespace jssim::sim
