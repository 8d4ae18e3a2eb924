// SPDX-License-Identifier: MIT
#include "app/interrupt.hpp"

#include <csignal>  // std::signal, SIGINT

namespace jssim::app {
namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int /*signal*/) { interrupted.store(true); }

}  // namespace

interrupt_guard::interrupt_guard() {
  interrupted.store(false);
  previous_ = std::signal(SIGINT, on_interrupt);
}

interrupt_guard::~interrupt_guard() { std::signal(SIGINT, previous_); }

const std::atomic<bool>* interrupt_guard::flag() const { return &interrupted; }

}  // namespace jssim::app
