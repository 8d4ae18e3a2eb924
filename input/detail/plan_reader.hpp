// SPDX-License-Identifier: MIT
// The scenario loader's hook for the `plan:` section (MODEL.md section 11.3):
// reads it with the loader's reader, so that its problems carry the file,
// line and key path like every other.
#pragma once

#include <optional>

#include "input/detail/yaml_reader.hpp"
#include "model/plan_space.hpp"
#include "model/scenario.hpp"

namespace jssim::input::detail {

/// Reads the `plan:` section `v` of scenario `s`, which must be read in full
/// before (the levers name its job types and contracts). Problems are
/// reported to `r`; nothing when there were any. When `s` itself had problems
/// (`names_known` false), names are not looked up: "no job type named x"
/// could be a consequence of those.
std::optional<plan_spec> read_plan(reader& r, const value_at& v, const scenario& s,
                                   bool names_known);

}  // namespace jssim::input::detail
