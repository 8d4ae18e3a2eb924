// SPDX-License-Identifier: MIT
// What the commands' options share.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>  // std::uint64_t
#include <optional>
#include <string>

namespace jssim::app {

/// What every command that simulates (run, sensitivity, plan) takes besides
/// its own options; their options structs derive from it.
struct simulation_options {
  std::optional<std::uint64_t> seed;  ///< --seed; default simulation.seed
  unsigned threads = 0;               ///< --threads; 0: one per core
  std::optional<std::string> out;     ///< --out; default out/<scenario>/
};

/// Adds --seed, --threads and --out to `cmd`, the same for every command;
/// `written` names what the output folder receives.
///
///     add_simulation_options(*cmd, *options, "tornado.csv, design.csv and report.html");
void add_simulation_options(CLI::App& cmd, simulation_options& options, const std::string& written);

/// A whole number in decimal digits that fits 64 bits, for the unsigned
/// options (--runs, --seed, --points): CLI11 reads them with strtoull, which
/// takes "-1" for 18446744073709551615, "010" for 8, and a number too large
/// for the largest.
///
///     cmd->add_option("--seed", options->seed, "Random seed")->check(decimal_number);
extern const CLI::Validator decimal_number;

/// Gives every option of `app` and its commands a plain word for its value in
/// --help (`--runs N`, `--out DIR`, `SCENARIO`), in place of CLI11's types and
/// checks (`UINT:DIGITS`, `UINT:INT in [0 - 1024]`); each option's own text
/// says what it accepts. Call after every command is added.
void plain_value_names(CLI::App& app);

}  // namespace jssim::app
