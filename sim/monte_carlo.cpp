// SPDX-License-Identifier: MIT
#include "sim/monte_carlo.hpp"

#include <algorithm>  // std::min, std::max
#include <condition_variable>
#include <exception>  // std::exception_ptr
#include <mutex>
#include <thread>
#include <vector>

#include "sim/run.hpp"
#include "sim/world.hpp"

namespace jssim::sim {
namespace {

// Runs are handed to threads in blocks: small enough to balance two cores and
// to react to a cancel quickly, large enough that the hand-out costs nothing.
constexpr std::uint64_t block_runs = 64;

bool cancelled(const mc_options& options) {
  return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

}  // namespace

unsigned worker_threads(unsigned requested, std::uint64_t runs) {
  const std::uint64_t blocks = (runs + block_runs - 1) / block_runs;
  const unsigned threads = requested == 0 ? std::thread::hardware_concurrency() : requested;
  return static_cast<unsigned>(
      std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(blocks, 1)));
}

bool simulate(const run_plan& plan, std::uint64_t first, std::uint64_t count,
              const mc_options& options, run_collector& collector) {
  const std::size_t strategies = plan.scenario().strategies.size();
  const std::uint64_t blocks = (count + block_runs - 1) / block_runs;
  const unsigned threads = worker_threads(options.threads, count);

  // Each worker makes its own collector, so that its memory comes from the
  // worker's allocator arena and shares no cache line with another worker's:
  // the collectors are written on every run.
  std::vector<std::unique_ptr<run_collector>> partial(threads);

  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> done{0};
  const world_builder builder(plan);

  // The first exception of any worker; the others stop at their next block.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};

  auto work = [&](unsigned t) {
    try {
      partial[t] = collector.empty_copy();
      runner play(plan);
      world w;
      std::vector<run_result> results(strategies);
      // A strategy that others follow records its run on a tape for them.
      std::vector<won_tape> tapes(strategies);
      for (;;) {
        if (cancelled(options) || failed.load()) return;
        const std::uint64_t b = next_block.fetch_add(1);
        if (b >= blocks) return;
        const std::uint64_t begin = first + b * block_runs;
        const std::uint64_t end = std::min(first + count, begin + block_runs);
        std::uint64_t draws = 0;
        for (std::uint64_t run = begin; run < end; ++run) {
          builder.build(run, w);
          draws += w.hidden_draws;
          for (std::size_t s = 0; s < strategies; ++s) {
            const std::size_t leader = plan.leader(s);
            if (leader != s) {
              play.follow(w, s, tapes[leader], results[s]);
            } else {
              play.play(w, s, results[s], nullptr, plan.leads(s) ? &tapes[s] : nullptr);
            }
          }
          partial[t]->add(run, results);
        }
        if (options.hidden_draws != nullptr) options.hidden_draws->fetch_add(draws);
        done.fetch_add(end - begin, std::memory_order_relaxed);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true);
    }
  };

  // Each worker says when it leaves (work() lets no exception out), so that
  // the reporting thread goes on as soon as the last one has, not at its next
  // report: a short simulation is not made to wait up to progress_every.
  std::mutex left_mutex;
  std::condition_variable left;
  unsigned working = threads;
  auto worker = [&](unsigned t) {
    work(t);
    {
      const std::lock_guard<std::mutex> lock(left_mutex);
      --working;
    }
    left.notify_all();
  };

  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  if (options.progress) {
    // The calling thread reports while a worker takes its share; a cancel
    // stops the workers at their next block.
    std::thread worker0(worker, 0U);
    for (;;) {
      options.progress(done.load());
      std::unique_lock<std::mutex> lock(left_mutex);
      if (left.wait_for(lock, options.progress_every, [&] { return working == 0; })) break;
    }
    worker0.join();
  } else {
    work(0);
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (cancelled(options) && done.load() < count) return false;
  if (options.progress) options.progress(count);
  for (const auto& p : partial) collector.merge(*p);
  return true;
}

}  // namespace jssim::sim
