// SPDX-License-Identifier: MIT
// A contract as the scorer sees it (MODEL.md section 3).
#pragma once

#include <cstdint>  // std::int32_t, std::int8_t
#include <optional>

#include "model/date.hpp"

namespace jssim::model {

/// The facts of one contract that the score reads. Flat and cheap to copy:
/// the simulation keeps thousands of these per thread.
struct contract {
  /// Dense client index; repeat contracts share it.
  std::int32_t client = 0;
  date start;
  /// The end date; `date_max` while the contract is open.
  date end = date_max;
  /// USD paid so far.
  double earned = 0;
  /// First and latest payment; meaningful only when `paid()`.
  date first_paid = date_max;
  date last_paid = date_max;
  /// Public rating 1.0 to 5.0, or negative when not given.
  double stars = -1;
  /// Private rating 0 to 10, or negative when not given.
  std::int8_t private_rating = -1;
  bool disputed = false;
  bool client_flagged = false;

  [[nodiscard]] bool is_open() const { return end == date_max; }
  [[nodiscard]] bool paid() const { return earned > 0; }
  [[nodiscard]] bool has_stars() const { return stars >= 0; }
  [[nodiscard]] bool has_private() const { return private_rating >= 0; }
  /// The latest payment, or the start if never paid.
  [[nodiscard]] date last_activity() const { return paid() ? last_paid : start; }
  /// Days from the first to the latest payment; 0 if unpaid.
  [[nodiscard]] day_count span_days() const { return paid() ? last_paid - first_paid : 0; }

  /// Records a payment of `usd` on day `d` (the latest so far).
  void pay(double usd, date d) {
    if (usd <= 0) return;
    if (!paid()) first_paid = d;
    earned += usd;
    last_paid = d;
  }

  /// Every fact the same.
  friend bool operator==(const contract&, const contract&) = default;
};

/// The contract as it stood on day `t`, for scoring a day in the past
/// (MODEL.md section 2): nothing if it had not started; an end or feedback
/// after `t` has not happened; payments spread evenly between first and last.
std::optional<contract> as_of(const contract& c, date t);

}  // namespace jssim::model
