// SPDX-License-Identifier: MIT
#include "app/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>  // isatty

#include <cstdio>  // stderr, fileno
#include <utility>  // std::move

namespace jssim::app {

progress_bar::progress_bar(std::uint64_t total, std::string unit)
    : total_(total),
      unit_(std::move(unit)),
      enabled_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()) {}

progress_bar::~progress_bar() {
  // Also on the way out of an exception: a stderr that cannot be written
  // must not turn it into std::terminate.
  try {
    finish();
  } catch (...) {  // NOLINT(bugprone-empty-catch): nothing left to tell it on
  }
}

void progress_bar::update(std::uint64_t done) {
  if (!enabled_ || total_ == 0) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < 1.0) return;
  constexpr int width = 30;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::string left = "";
  if (done > 0 && done < total_) {
    left = fmt::format("  {:.0f} s left", elapsed * (1.0 - fraction) / fraction);
  }
  fmt::print(stderr, "\r[{}] {:3.0f}%  {}/{} {}{}   ", bar, 100.0 * fraction, done, total_, unit_,
             left);
  std::fflush(stderr);
  drawn_ = true;
}

void progress_bar::finish() {
  if (!drawn_) return;
  fmt::print(stderr, "\r{:80}\r", "");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace jssim::app
