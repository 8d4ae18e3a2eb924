// SPDX-License-Identifier: MIT
// The marketplace's Top Rated badge as a recovery target: its rule as data,
// and the pieces of it that depend on the history alone. The simulation
// counts the weeks and the payments of a run (sim/run.cpp).
#pragma once

#include <optional>
#include <span>

#include "model/contract.hpp"
#include "model/date.hpp"

namespace jssim::model {

/// The Top Rated rule, checked on Saturdays: a displayed JSS of at least
/// `min_jss` now and in `weeks_needed` of the last `weeks` weeks (this one
/// included), `min_earned_usd` earned in the last `earned_months` months, and
/// a first contract more than `min_account_days` days old.
/// docs/score-rules.md says where each number comes from.
struct top_rated_rule {
  int min_jss = 90;
  int weeks = 16;
  int weeks_needed = 13;
  double min_earned_usd = 1000;
  int earned_months = 12;
  day_count min_account_days = 90;

  /// Whether a Saturday qualifies that shows min_jss or more (`at_jss_now`),
  /// with `weeks_at_jss` of the last `weeks` weeks at min_jss, `earned_usd`
  /// earned in the last `earned_months` months and a first contract started
  /// `account_days` days before (nothing: no contract yet).
  [[nodiscard]] bool met(bool at_jss_now, int weeks_at_jss, double earned_usd,
                         std::optional<day_count> account_days) const;
};

/// 0 = Sunday ... 6 = Saturday, as date::weekday.
inline constexpr int saturday = 6;

/// The latest Saturday on or before `d`.
date saturday_on_or_before(date d);

/// USD of the payments of `history` dated in (from, to]. A history contract
/// knows only its total and its first and latest payment: its earnings are
/// spread evenly over the days from the one to the other, as MODEL.md
/// section 2 does for a day in the past.
double earned_between(std::span<const contract> history, date from, date to);

/// The earliest start of `contracts`; nothing when there is none.
std::optional<date> first_start(std::span<const contract> contracts);

}  // namespace jssim::model
