// SPDX-License-Identifier: MIT
// Ctrl-C during a long computation: the workers stop at their next block and
// the command exits with exit_interrupted, leaving earlier outputs untouched.
#pragma once

#include <atomic>

namespace jssim::app {

/// While alive, SIGINT sets `flag()` instead of ending the program; the
/// handler that was there before comes back when it is destroyed, also when
/// the computation throws.
///
///     const interrupt_guard guard;
///     options.cancel = guard.flag();
///     if (!compute(options)) return exit_interrupted;
class interrupt_guard {
 public:
  interrupt_guard();  ///< clears the flag and installs the handler
  interrupt_guard(const interrupt_guard&) = delete;
  interrupt_guard& operator=(const interrupt_guard&) = delete;
  ~interrupt_guard();

  /// Set once Ctrl-C is pressed; read by the workers.
  [[nodiscard]] const std::atomic<bool>* flag() const;

 private:
  void (*previous_)(int);
};

}  // namespace jssim::app
