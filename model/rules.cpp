// SPDX-License-Identifier: MIT
#include "model/rules.hpp"

#include "model/assert.hpp"

namespace jssim::model {

static_assert(date::from_days(19701).days_since_epoch() == 19701);

std::string_view to_string(outcome_class c) {
  switch (c) {
    case outcome_class::excluded: return "excluded";
    case outcome_class::positive: return "positive";
    case outcome_class::neutral: return "neutral";
    case outcome_class::negative: return "negative";
  }
  return "?";
}

std::optional<outcome_class> outcome_class_from_string(std::string_view text) {
  for (auto c : {outcome_class::excluded, outcome_class::positive, outcome_class::neutral,
                 outcome_class::negative}) {
    if (text == to_string(c)) return c;
  }
  return std::nullopt;
}

bool rule_set::is_recalc_day(date d) const {
  JSSIM_ASSERT(recalc_every_days > 0, "recalc_every_days is validated positive");
  const day_count r = (d - recalc_anchor) % recalc_every_days;
  return r == 0;
}

date rule_set::recalc_on_or_before(date d) const {
  JSSIM_ASSERT(recalc_every_days > 0, "recalc_every_days is validated positive");
  day_count r = (d - recalc_anchor) % recalc_every_days;
  if (r < 0) r += recalc_every_days;
  return d - r;
}

std::optional<rule_set> rule_set_named(std::string_view name) {
  rule_set r;
  if (name == "upwork-2024") return r;
  if (name == "upwork-2026") {
    r.name = "upwork-2026";
    r.private_ratings_count = false;
    return r;
  }
  return std::nullopt;
}

}  // namespace jssim::model
