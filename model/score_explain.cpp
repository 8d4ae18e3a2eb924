// SPDX-License-Identifier: MIT
#include "model/score_explain.hpp"

#include <vector>

namespace jssim::model {

std::optional<score_drag> biggest_drag(std::span<const contract> contracts, date t,
                                       const rule_set& rules) {
  const score_result with_all = score(contracts, t, rules);
  if (!with_all.displayed) return std::nullopt;
  std::optional<score_drag> worst;
  std::vector<contract> others;
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    const classification k = classify(contracts[i], t, rules);
    if (k.cls != outcome_class::neutral && k.cls != outcome_class::negative) continue;
    others.assign(contracts.begin(), contracts.end());
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(i));
    const score_result without = score(others, t, rules);
    // Removing a contract can make a window ineligible; only a real gain counts.
    if (!without.displayed || without.best <= with_all.best) continue;
    if (!worst || without.best > worst->best_without) {
      worst = score_drag{i, k, without.displayed, without.best};
    }
  }
  return worst;
}

}  // namespace jssim::model
