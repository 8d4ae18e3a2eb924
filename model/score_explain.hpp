// SPDX-License-Identifier: MIT
// Why a score is what it is: which contract pulls it down most.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <span>

#include "model/contract.hpp"
#include "model/rules.hpp"
#include "model/score.hpp"

namespace jssim::model {

/// The contract whose absence would raise the score most, and by how much.
struct score_drag {
  std::size_t index = 0;  ///< into the contracts scored
  classification counted_as;
  /// The displayed score without it; nothing if no score would show.
  std::optional<int> displayed_without;
  /// The unrounded best candidate without it.
  double best_without = 0;
};

/// Among the neutral and negative contracts counted on day `t`, the one whose
/// removal raises the best eligible score most; nothing when no contract pulls
/// the score down (or no score shows). Contracts must hold no fact after `t`.
std::optional<score_drag> biggest_drag(std::span<const contract> contracts, date t,
                                       const rule_set& rules);

}  // namespace jssim::model
