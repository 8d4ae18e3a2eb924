// SPDX-License-Identifier: MIT
// libFuzzer target for the scenario loader: any text must either load or be
// refused with a model::input_error. Anything else escaping, a crash, a hang,
// a sanitizer report or runaway memory is a finding (fuzz/README.md).
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string_view>

#include "model/assert.hpp"
#include "model/error.hpp"
#include "input/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The text as given, NUL bytes and invalid UTF-8 included: the loader must
  // refuse those itself.
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const jssim::model::scenario s = jssim::input::load_scenario_string(text, "fuzz.yaml");
    // A loaded scenario always compares at least one strategy.
    JSSIM_ASSERT(!s.strategies.empty(), "a loaded scenario has no strategy");
  } catch (const jssim::model::scenario_error& e) {
    // A refusal must say why.
    JSSIM_ASSERT(!e.problems().empty(), "a scenario_error without problems");
  } catch (const jssim::model::input_error&) {
    // Bad input, refused cleanly: the expected outcome for most inputs.
  }
  return 0;
}
