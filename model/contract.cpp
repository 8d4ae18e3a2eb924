// SPDX-License-Identifier: MIT
#include "model/contract.hpp"

namespace jssim::model {

std::optional<contract> as_of(const contract& c, date t) {
  if (c.start > t) return std::nullopt;
  contract seen = c;
  if (c.end > t) {
    // Feedback is dated at the end: an end after t takes its feedback with it.
    seen.end = date_max;
    seen.stars = -1;
    seen.private_rating = -1;
  }
  if (c.paid()) {
    if (t < c.first_paid) {
      seen.earned = 0;
      seen.first_paid = date_max;
      seen.last_paid = date_max;
    } else if (t < c.last_paid) {
      const double elapsed = static_cast<double>(t - c.first_paid + 1);
      const double whole = static_cast<double>(c.last_paid - c.first_paid + 1);
      seen.earned = c.earned * elapsed / whole;
      seen.last_paid = t;
    }
  }
  return seen;
}

}  // namespace jssim::model
