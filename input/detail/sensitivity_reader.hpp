// SPDX-License-Identifier: MIT
// The scenario loader's hook for the `sensitivity:` section: reads it with the
// loader's reader, so that its problems carry the file, line and key path like
// every other.
#pragma once

#include <optional>

#include "input/detail/yaml_reader.hpp"
#include "model/scenario.hpp"
#include "model/sensitivity.hpp"

namespace jssim::input::detail {

/// Reads the `sensitivity:` section `v` of scenario `s`, which must be read
/// in full before (the paths name its jobs, tables, strategies and
/// contracts). Problems are reported to `r`; nothing when there were any.
/// When `s` itself had problems (`names_known` false), the paths are checked
/// for their form only: "no job named x" could be a consequence of those.
std::optional<sensitivity_spec> read_sensitivity(reader& r, const value_at& v, const scenario& s,
                                                 bool names_known);

}  // namespace jssim::input::detail
