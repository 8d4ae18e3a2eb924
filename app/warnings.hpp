// SPDX-License-Identifier: MIT
// The warnings of a scenario (model/scenario_warnings.hpp) on the terminal.
#pragma once

#include <fmt/format.h>

#include <cstdio>  // stderr

#include "model/scenario.hpp"

namespace jssim::app {

/// Prints each of `sc`'s warnings on standard error, one a line
/// (`x.yaml:12: strategies[1]: warning: ...`), before a command uses it.
inline void print_warnings(const model::scenario& sc) {
  for (const model::diagnostic& w : sc.warnings) fmt::print(stderr, "{}\n", w.to_string());
}

}  // namespace jssim::app
