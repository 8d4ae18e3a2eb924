// SPDX-License-Identifier: MIT
// A progress bar on stderr for work that takes more than a second.
#pragma once

#include <chrono>
#include <cstdint>  // std::uint64_t
#include <string>

namespace jssim::app {

/// Draws `[#####.....] 45%  4,500/10,000 runs  3 s left` on one line of
/// stderr, only when stderr is a terminal and only once the work has taken
/// more than a second, so that quick runs and pipes stay clean.
class progress_bar {
 public:
  progress_bar(std::uint64_t total, std::string unit);
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  /// Clears the line too, errors ignored: callers need no finish() on an
  /// exception's way out.
  ~progress_bar();

  /// Shows `done` of the total.
  void update(std::uint64_t done);
  /// Clears the line if anything was drawn.
  void finish();

 private:
  std::uint64_t total_;
  std::string unit_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace jssim::app
