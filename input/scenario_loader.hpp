// SPDX-License-Identifier: MIT
// Reading a scenario file (MODEL.md section 6) into a validated `scenario`.
// Every problem of a file is reported at once, each with the file, the line,
// the column and the key path, in words meant for someone editing YAML by
// hand:
//
//     x.yaml:25:17: pipeline.jobs[0].win_rate: expected a probability between 0 and 1, got 1.5
//
// Hostile input is refused before it can do harm (see detail/yaml_guard.hpp):
// files over 4 MiB (checked before reading), NUL bytes, invalid UTF-8,
// nesting deeper than 64 levels (checked on the text before yaml-cpp parses
// it, then exactly while streaming its events, stopping its recursive parser at
// that depth), more than one YAML document, and files that hold more than
// 200,000 values with every alias `*name` counted as a full copy of what it
// names (so an alias bomb stops early, while a few aliases that share an
// outcome table are fine). yaml-cpp builds its tree only after these checks.
//
// At most 100 problems are listed, then a count of the rest. Values are bounded
// so that nothing downstream overflows: runs 1 to 100,000,000, horizon_months
// 1 to 120, proposals_per_week 0 to 10,000, counts (max_parallel, hold,
// min_clients, ...) up to 1,000,000, days up to 100,000, USD up to 1e12.
//
// Composition (detail/compose.hpp): a file may `extends: base.yaml` (relative
// to it) and is read merged over its base; a strategy may `extends: [a, b]`
// and starts from their settings. A cycle is an error naming all of it.
// `sensitivity` is read by detail/sensitivity_reader.hpp (docs/sensitivity.md).
#pragma once

#include <cstdint>  // std::uint64_t
#include <string>
#include <string_view>

#include "model/error.hpp"  // scenario_error, input_error: what loading throws
#include "model/scenario.hpp"

namespace jssim::input {

/// Reads and validates a scenario file. Throws model::scenario_error carrying every
/// problem found (not only the first), or input_error when the file cannot be
/// read (missing, a directory, unreadable).
///
///     const model::scenario s = load_scenario_file("scenarios/katarina.yaml");
///     s.strategies.front().name;  // "baseline" when the file names none
model::scenario load_scenario_file(const std::string& path);

/// The same, from text; `file_label` names the file in messages and becomes
/// `scenario::path`.
///
///     load_scenario_string("freelancer: {name: A, today: 2026-11-26}\n...", "inline.yaml");
model::scenario load_scenario_string(std::string_view yaml_text, const std::string& file_label);

/// The bytes of a scenario file, as load_scenario_file reads them: throws
/// input_error when the file cannot be read (missing, a directory,
/// unreadable) and model::scenario_error when it is larger than a scenario may be.
/// For a caller that needs the bytes too (`jssim run` hashes what it loaded):
///
///     const std::string text = read_scenario_file(path);
///     const model::scenario s = load_scenario_string(text, path);
std::string read_scenario_file(const std::string& path);

/// How many problems `e` stands for: the ones it lists and, past the
/// loader's limit of listed problems, the ones its last line says were only
/// counted ("50 more problems not shown; fix these first").
[[nodiscard]] std::uint64_t problem_count(const model::scenario_error& e);

}  // namespace jssim::input
