// SPDX-License-Identifier: MIT
// Internal invariants: our bugs, never the user's input.
#pragma once

#include <cstdio>   // std::fprintf
#include <cstdlib>  // std::abort

/// Checks an internal invariant, in every build type (Release included): a
/// failure is a bug in jssim, never a consequence of bad input, which throws
/// a typed error instead (see error.hpp).
#define JSSIM_ASSERT(cond, msg)                                                          \
  do {                                                                                   \
    if (!(cond)) [[unlikely]] {                                                          \
      std::fprintf(stderr, "jssim: internal error at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   msg, #cond);                                                          \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
