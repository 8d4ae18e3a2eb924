// SPDX-License-Identifier: MIT
// manifest.json: what produced an output folder, so that a result found later
// can be traced to the program, the scenario's exact bytes and the command.
#pragma once

#include <chrono>
#include <cstdint>  // std::uint64_t
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jssim::analysis {

/// What the stopping rule of `--precision` was asked and did.
struct manifest_precision {
  double half_width = 0;  ///< the target, E
  std::uint64_t max_runs = 0;
  bool reached = false;
  /// The least precise probability at the end and its half-width.
  std::string widest;
  double widest_half_width = 0;
};

/// Everything manifest.json records about a run.
struct run_manifest {
  std::string jssim_version;
  /// The scenario as named on the command line, and the SHA-256 of its bytes.
  std::string scenario_path;
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  std::uint64_t runs = 0;
  /// Worker threads that ran (sim::worker_threads: the core count when not
  /// given, and no more than the blocks of 64 runs).
  unsigned threads = 0;
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point finished;
  /// argv, the program name first.
  std::vector<std::string> command_line;
  std::optional<manifest_precision> precision;
  /// The files written beside it.
  std::vector<std::string> files;
};

/// Writes `m` as a JSON object, one field per line, in a fixed order:
/// jssim_version, scenario {path, sha256}, seed, runs, threads, started_at,
/// finished_at, command_line, precision (null without --precision), files.
///
///     write_manifest_json(files.add(out / "manifest.json"), manifest);
void write_manifest_json(std::ostream& out, const run_manifest& m);

/// `text` as a JSON string literal, quotes included (RFC 8259 section 7):
/// `"` and `\` escaped, control characters as \n, \t, ... or \u00XX, and
/// bytes that are not UTF-8 (a file name can hold any) replaced by \ufffd so
/// that the document stays valid UTF-8.
///
///     json_string("say \"hi\"\n");  // "\"say \\\"hi\\\"\\n\""
[[nodiscard]] std::string json_string(std::string_view text);

/// A time in UTC, ISO 8601 to the second: "2026-11-26T09:30:00Z".
[[nodiscard]] std::string iso8601_utc(std::chrono::system_clock::time_point t);

}  // namespace jssim::analysis
