// SPDX-License-Identifier: MIT
// The score's rule set as data (MODEL.md section 4): every threshold is a
// parameter, and a named rule set is the same table with some switches set.
#pragma once

#include <array>
#include <cstdint>  // std::uint8_t
#include <optional>
#include <string>
#include <string_view>

#include "model/date.hpp"

namespace jssim::model {

/// What a contract counts as on a given day.
enum class outcome_class : std::uint8_t { excluded, positive, neutral, negative };

/// `excluded`, `positive`, `neutral` or `negative`.
std::string_view to_string(outcome_class c);
/// The class named by `text`, or nothing.
std::optional<outcome_class> outcome_class_from_string(std::string_view text);

/// The window lengths the marketplace looks at, in months; index 0 is the
/// 3-month window, used only for the trending score.
inline constexpr std::array<int, 4> window_months{3, 6, 12, 24};

/// Every parameter of the score, with MODEL.md's defaults (`upwork-2024`).
struct rule_set {
  std::string name = "upwork-2024";
  /// Whether private "would recommend" ratings count; `upwork-2026` turns it off
  /// and private ratings are then treated as not given.
  bool private_ratings_count = true;
  /// The last day a client could leave a private rating (`private_ratings_until`):
  /// a contract that ended after it has none, known or hidden, and is classed
  /// by its stars. `date_max` (the default): private ratings never stopped.
  date private_ratings_until = date_max;

  double private_positive_min = 9;
  double private_neutral_min = 7;
  double stars_positive_min = 4.5;
  double stars_neutral_min = 3.5;
  int min_clients = 2;
  int min_outcomes = 2;
  day_count stale_after_days = 90;
  outcome_class stale_open_class = outcome_class::neutral;
  day_count long_term_days = 90;
  day_count span_bonus_days = 91;
  double weight_max = 8;
  std::array<double, 2> tier_limits{250, 1000};
  std::array<double, 3> tier_weights{1.0, 1.25, 1.5};

  day_count recalc_every_days = 14;
  date recalc_anchor = date::from_days(19701);  // 2023-12-10, a Sunday an update was seen

  /// Whether the private rating of a contract that ended on `ended` counts:
  /// private ratings count at all, and it ended on or before private_ratings_until.
  [[nodiscard]] bool private_rating_counts(date ended) const {
    return private_ratings_count && ended <= private_ratings_until;
  }

  /// Whether `d` is a recalculation day: (d - anchor) mod every == 0.
  [[nodiscard]] bool is_recalc_day(date d) const;
  /// The latest recalculation day on or before `d`.
  [[nodiscard]] date recalc_on_or_before(date d) const;
  /// The earliest recalculation day strictly after `d`.
  [[nodiscard]] date recalc_after(date d) const { return recalc_on_or_before(d) + recalc_every_days; }

  /// Field by field, the name included.
  friend bool operator==(const rule_set&, const rule_set&) = default;
};

/// The names `rules:` accepts.
inline constexpr std::array<std::string_view, 2> rule_set_names{"upwork-2024", "upwork-2026"};

/// The named rule set with its defaults, or nothing for an unknown name.
std::optional<rule_set> rule_set_named(std::string_view name);

}  // namespace jssim::model
