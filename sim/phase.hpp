// SPDX-License-Identifier: MIT
// The same-day order of MODEL.md section 7, written in one place.
#pragma once

#include <cstdint>  // std::uint8_t

namespace jssim::sim {

/// What happens on a day, in the order it happens: payments, work ends, client
/// closes, scheduled own closes, stale closes, offers (rehires first), then the
/// recalculation, which sees all of them; last, on Saturdays, the Top Rated
/// check, which reads the day's score and payments.
enum class phase : std::uint8_t {
  payment = 0,
  work_end = 1,
  client_close = 2,
  own_close = 3,
  stale_close = 4,
  rehire = 5,
  offer = 6,
  recalculation = 7,
  top_rated_check = 8,
};

}  // namespace jssim::sim
