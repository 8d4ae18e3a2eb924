// SPDX-License-Identifier: MIT
// What the loader reports, for the loader's tests.
#pragma once

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "model/error.hpp"

namespace jssim::input::testing {
using model::diagnostic;
using model::scenario_error;

/// Every problem the loader reports when `load()` runs; fails the test when
/// it loads without one.
///
///     problems_when([&] { return load_scenario_string(text, "x.yaml"); });
std::vector<diagnostic> problems_when(const auto& load) {
  try {
    load();
  } catch (const scenario_error& e) {
    return e.problems();
  }
  FAIL("the scenario loaded, but a problem was expected");
  return {};
}

/// The problems one per line, as the program prints them, for messages.
inline std::string listing(const std::vector<diagnostic>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.to_string() + "\n";
  return out;
}

}  // namespace jssim::input::testing
