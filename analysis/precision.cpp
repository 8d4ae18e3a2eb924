// SPDX-License-Identifier: MIT
#include "analysis/precision.hpp"

#include <algorithm>  // std::min

#include <fmt/format.h>

#include "analysis/statistics.hpp"
#include "analysis/summary.hpp"  // within_horizon
#include "model/assert.hpp"

namespace jssim::analysis {

double reported_probability::half_width() const {
  const interval ci = wilson_interval(successes, runs);
  return (ci.hi - ci.lo) / 2.0;
}

std::vector<reported_probability> reported_probabilities(const totals& t) {
  const model::scenario& sc = t.plan().scenario();
  // The same days as summarize(): recovered on or before add_months(today, X).
  auto days_to = [&](int months) {
    return static_cast<std::size_t>(sc.today.add_months(months) - sc.today);
  };
  std::vector<reported_probability> out;
  for (std::size_t s = 0; s < t.strategies().size(); ++s) {
    const histogram& h = t.strategies()[s].recovery;
    const std::string& name = sc.strategies[s].name;
    const std::uint64_t n = h.total();
    out.push_back({fmt::format("p_recovered of {}", name), n - h.censored(), n});
    // The shares past the horizon are not reported (summarize leaves them empty).
    for (const int months : {3, 6, 12}) {
      if (!within_horizon(sc, months)) continue;
      out.push_back({fmt::format("p_recovered_{}m of {}", months, name),
                     h.count_at_most(days_to(months)), n});
    }
  }
  for (const pair_totals& p : t.pairs()) {
    const std::string pair_name =
        fmt::format("{} vs {}", sc.strategies[p.strategy].name, sc.strategies[p.reference].name);
    const std::uint64_t n = p.times.total();
    out.push_back({fmt::format("p_earlier of {}", pair_name), p.times.a_earlier(), n});
    out.push_back({fmt::format("p_same of {}", pair_name), p.times.same(), n});
    out.push_back({fmt::format("p_later of {}", pair_name), p.times.b_earlier(), n});
  }
  return out;
}

std::optional<reported_probability> least_precise(const totals& t) {
  std::optional<reported_probability> widest;
  double widest_half = -1;
  for (reported_probability& p : reported_probabilities(t)) {
    const double half = p.half_width();
    // Strictly wider only, so that ties go to the first in report order.
    if (half > widest_half) {
      widest_half = half;
      widest = std::move(p);
    }
  }
  return widest;
}

std::uint64_t next_run_total(std::uint64_t done, const precision_options& options) {
  JSSIM_ASSERT(options.first_runs >= 1 && options.max_runs >= 1, "at least one run");
  JSSIM_ASSERT(options.growth >= 2, "batches grow");
  if (done == 0) return std::min(options.first_runs, options.max_runs);
  if (done >= options.max_runs) return done;
  // Compared by division so that done * growth cannot overflow.
  if (done > options.max_runs / options.growth) return options.max_runs;
  return done * options.growth;
}

std::optional<precision_outcome> run_until_precise(totals& t, const precision_options& options,
                                                   const play_runs& play) {
  JSSIM_ASSERT(options.half_width > 0.0, "a positive half-width");
  precision_outcome outcome;
  for (;;) {
    const std::uint64_t done = t.runs();
    outcome.widest = least_precise(t);
    outcome.reached =
        done > 0 && (!outcome.widest || outcome.widest->half_width() < options.half_width);
    if (outcome.reached || done >= options.max_runs) break;
    const std::uint64_t target = next_run_total(done, options);
    if (!play(done, target - done)) return std::nullopt;
    JSSIM_ASSERT(t.runs() == target, "a batch plays every run it is given");
  }
  outcome.runs = t.runs();
  return outcome;
}

std::string describe_precision(const precision_outcome& outcome,
                               const precision_options& options) {
  const std::string widest =
      outcome.widest ? fmt::format("{}, is within ±{:.4f}", outcome.widest->name,
                                   outcome.widest->half_width())
                     : std::string("none");
  if (outcome.reached) {
    return fmt::format(
        "Precision: {} runs put every reported probability within ±{} (95 % Wilson); the least "
        "precise, {}.",
        outcome.runs, options.half_width, widest);
  }
  return fmt::format(
      "Precision: stopped at the cap of {} runs before every probability was within ±{}; the "
      "least precise, {}. Raise --max-runs or ask for less precision.",
      outcome.runs, options.half_width, widest);
}

}  // namespace jssim::analysis
