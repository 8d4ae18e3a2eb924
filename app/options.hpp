// SPDX-License-Identifier: MIT
// What the commands' options share.
#pragma once

#include <CLI/CLI.hpp>

namespace jssim::app {

/// A whole number in decimal digits that fits 64 bits, for the unsigned
/// options (--runs, --seed, --points): CLI11 reads them with strtoull, which
/// takes "-1" for 18446744073709551615, "010" for 8, and a number too large
/// for the largest.
///
///     cmd->add_option("--seed", options->seed, "Random seed")->check(decimal_number);
extern const CLI::Validator decimal_number;

}  // namespace jssim::app
