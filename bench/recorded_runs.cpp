// SPDX-License-Identifier: MIT
#include "bench/recorded_runs.hpp"

#include <string>
#include <string_view>

#include "model/score.hpp"
#include "sim/run.hpp"
#include "sim/world.hpp"

namespace jssim::bench {
namespace {

bool same(const model::contract& a, const model::contract& b) {
  return a.client == b.client && a.start == b.start && a.end == b.end && a.earned == b.earned &&
         a.first_paid == b.first_paid && a.last_paid == b.last_paid && a.stars == b.stars &&
         a.private_rating == b.private_rating && a.disputed == b.disputed &&
         a.client_flagged == b.client_flagged;
}

/// A trace sink that notes, at each recalculation, which contracts of the
/// runner changed since the previous one.
class recorder final : public sim::trace_sink {
 public:
  recorder(const sim::runner& runner, recorded_run& out) : runner_(&runner), out_(&out) {}

  void event(model::date /*on*/, std::string_view /*kind*/, const std::string& /*detail*/) override {}

  void recalculation(const model::score_result& score, bool /*recovered*/) override {
    const auto now = runner_->contracts();
    recalc_step step;
    step.on = score.on;
    step.index = out_->size();
    step.contracts = now.size();
    step.displayed = score.displayed;
    for (std::size_t id = 0; id < now.size(); ++id) {
      if (id >= before_.size() || !same(now[id], before_[id])) {
        step.changed.emplace_back(static_cast<std::uint32_t>(id), now[id]);
      }
    }
    before_.assign(now.begin(), now.end());
    out_->push_back(std::move(step));
  }

 private:
  const sim::runner* runner_;
  recorded_run* out_;
  std::vector<model::contract> before_;
};

}  // namespace

std::vector<recorded_run> record_runs(const sim::run_plan& plan, std::uint64_t runs) {
  std::vector<recorded_run> out;
  const sim::world_builder builder(plan);
  sim::runner runner(plan);
  sim::world w;
  sim::run_result result;
  for (std::uint64_t run = 0; run < runs; ++run) {
    builder.build(run, w);
    for (std::size_t s = 0; s < plan.scenario().strategies.size(); ++s) {
      recorded_run recorded;
      recorder sink(runner, recorded);
      runner.play(w, s, result, &sink);
      out.push_back(std::move(recorded));
    }
  }
  return out;
}

}  // namespace jssim::bench
