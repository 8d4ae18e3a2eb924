// SPDX-License-Identifier: MIT
// The sentence that says how the runs started when the history hides ratings,
// shared by `jssim explain` and `jssim run`.
#pragma once

#include <cstdint>  // std::uint64_t
#include <string>

namespace jssim::sim {
class run_plan;
}

namespace jssim::app {

/// "Hidden ratings: 6 unknown, drawn from their priors given the observed 60 %
/// (exact, 12 of 4096 combinations explain it)"; with rejection sampling, the
/// share of the `draws` the `runs` tried that explained it. Empty when nothing
/// is hidden.
std::string hidden_ratings_note(const sim::run_plan& plan, std::uint64_t runs,
                                std::uint64_t draws);

}  // namespace jssim::app
