// SPDX-License-Identifier: MIT
// Many runs of every strategy on all cores. What is kept of each run is the
// collector's business (analysis/ keeps histograms, so that memory does not
// grow with the number of runs); this file only plays the runs, in blocks,
// on threads, deterministically.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>  // std::uint64_t
#include <functional>
#include <memory>
#include <span>

#include "sim/plan.hpp"
#include "sim/run.hpp"

namespace jssim::sim {

/// Receives every run of every strategy. Each thread fills its own collector
/// (made by `empty_copy`), and they are merged at the end: a collector whose
/// merge is order-independent (integer counts) gives the same result for any
/// thread count.
class run_collector {
 public:
  virtual ~run_collector() = default;
  /// Adds run `run`: `results[s]` is strategy s's.
  virtual void add(std::uint64_t run, std::span<const run_result> results) = 0;
  /// An empty collector of the same kind and shape. Called once from each
  /// worker thread, concurrently: it must only read this collector.
  [[nodiscard]] virtual std::unique_ptr<run_collector> empty_copy() const = 0;
  /// Adds what `other`, made by this collector's empty_copy, collected.
  virtual void merge(const run_collector& other) = 0;
};

/// How to run.
struct mc_options {
  /// Worker threads; 0 means one per core.
  unsigned threads = 0;
  /// Called now and then from the calling thread with the runs done so far.
  std::function<void(std::uint64_t done)> progress;
  /// How often progress is called while the runs go on; simulate() returns
  /// when they are done, without waiting for the next call.
  std::chrono::milliseconds progress_every{100};
  /// Set from elsewhere (a signal handler) to stop early.
  const std::atomic<bool>* cancel = nullptr;
  /// When set, receives the number of draws of hidden ratings the runs tried
  /// (world::hidden_draws): with rejection sampling, runs / draws is the
  /// acceptance rate.
  std::atomic<std::uint64_t>* hidden_draws = nullptr;
};

/// The worker threads `simulate` starts for `runs` runs when asked for
/// `requested` (0: one per core): no more than the blocks of 64 runs it
/// shares out, and at least one.
unsigned worker_threads(unsigned requested, std::uint64_t runs);

/// Plays runs `first` to `first + count - 1` of every strategy into
/// `collector`. Each run is a pure function of (scenario, seed, run index), so
/// the result does not depend on the thread count or on how runs are split
/// into batches. Returns false when cancelled, leaving `collector` unchanged.
/// An exception in a worker (model::input_error when a run's hidden ratings
/// cannot explain the observed score) stops the others and is rethrown here.
///
///     run_plan plan(scenario);
///     my_collector c;
///     simulate(plan, 0, scenario.simulation.runs, {}, c);
bool simulate(const run_plan& plan, std::uint64_t first, std::uint64_t count,
              const mc_options& options, run_collector& collector);

}  // namespace jssim::sim
