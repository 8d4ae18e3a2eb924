// SPDX-License-Identifier: MIT
// The warnings of a scenario (model/scenario_warnings.hpp) on the terminal.
#pragma once

#include <fmt/format.h>

#include <algorithm>  // std::min
#include <cstddef>    // std::size_t
#include <cstdio>     // stderr

#include "model/scenario.hpp"
#include "model/utf8.hpp"  // visible

namespace jssim::app {

/// The most warnings printed; the rest are counted in one line.
inline constexpr std::size_t max_warnings_shown = 20;

/// Prints `sc`'s warnings on standard error, one a line (`x.yaml:12:
/// strategies[1]: warning: ...`), before a command uses it: at most
/// max_warnings_shown, then how many more there are (2,000 strategies alike
/// must not bury the answer).
inline void print_warnings(const model::scenario& sc) {
  const std::size_t shown = std::min(sc.warnings.size(), max_warnings_shown);
  for (std::size_t i = 0; i < shown; ++i) fmt::print(stderr, "{}\n", sc.warnings[i].to_string());
  if (sc.warnings.size() > shown) {
    fmt::print(stderr, "{}: {} more warnings not shown\n", model::visible(sc.path),
               sc.warnings.size() - shown);
  }
}

}  // namespace jssim::app
