// SPDX-License-Identifier: MIT
#include "model/window_sums.hpp"

#include <algorithm>  // std::fill, std::lower_bound, std::upper_bound, std::remove_if, std::max
#include <cmath>      // std::floor
#include <cstddef>    // std::ptrdiff_t

#include "model/assert.hpp"

namespace jssim::model {
namespace {

// Weights are summed as integers in units of 2^-20: exact, so a sum does not
// depend on the order in which contracts came and went. A weight that is a
// multiple of 2^-20 and at most 2^12 makes the in-order double sums of
// model::score exact too (below 2^53 units for two million contracts), and
// then both give the same bits.
// Multiplying by a power of two is exact.
constexpr double unit = 0x1p20;
constexpr double largest_weight = 4096;

bool fits_fixed_point(double weight) {
  const double units = weight * unit;
  return weight >= 0 && weight <= largest_weight && units == std::floor(units);
}

double to_double(std::int64_t units) { return static_cast<double>(units) * (1 / unit); }

std::size_t class_index(outcome_class c) { return static_cast<std::size_t>(c); }

}  // namespace

window_starts window_starts_on(date t) {
  window_starts from{};
  for (std::size_t w = 0; w < window_months.size(); ++w) from[w] = t.sub_months(window_months[w]);
  return from;
}

window_sums::window_sums(const rule_set& rules) : rules_(&rules) {
  // Every weight is min(weight_max, tier + a whole number of bonus jobs).
  exact_ = fits_fixed_point(rules.weight_max);
  for (const double tier : rules.tier_weights) exact_ = exact_ && fits_fixed_point(tier);
}

void window_sums::clear() {
  last_day_ = date_min;
  entries_.clear();
  dirty_.clear();
  turning_.clear();
  order_.clear();
  compact_at_ = min_compact;
  changed_ = true;
  for (window& w : windows_) {
    w.sums.fill(0);
    w.outcomes = 0;
    w.clients = 0;
    std::fill(w.per_client.begin(), w.per_client.end(), 0);
    w.head = 0;
  }
}


void window_sums::enter(std::size_t w, const entry& e) {
  window& win = windows_[w];
  changed_ = true;
  win.sums[class_index(e.cls)] += e.weight;
  ++win.outcomes;
  const auto client = static_cast<std::size_t>(e.client);
  if (client >= win.per_client.size()) win.per_client.resize(client + 1, 0);
  if (win.per_client[client]++ == 0) ++win.clients;
}

void window_sums::leave(std::size_t w, const entry& e) {
  window& win = windows_[w];
  changed_ = true;
  win.sums[class_index(e.cls)] -= e.weight;
  --win.outcomes;
  if (--win.per_client[static_cast<std::size_t>(e.client)] == 0) --win.clients;
}

void window_sums::place(entry& e, std::uint32_t id) {
  // The heads have passed every reference before today's window starts, so
  // order_ holds, from each head on, only references inside that window. The
  // new placement goes after every equal or earlier reference: at the end,
  // mostly, since a contract's reference is its latest payment or its end.
  // Where it lands before a window's head it is outside that window, and the
  // head moves one on to keep pointing at the same contracts. It enters the
  // other windows unless it is in them already.
  std::size_t at = order_.size();
  if (at > 0 && order_.back().reference > e.reference) {
    at = static_cast<std::size_t>(
        std::upper_bound(order_.begin(), order_.end(), e.reference,
                         [](date r, const placed& p) { return r < p.reference; }) -
        order_.begin());
  }
  if (at == order_.size()) {
    order_.push_back(placed{e.reference, id, e.version});
  } else {
    order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(at), placed{e.reference, id, e.version});
  }
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    if (e.reference < from_[w]) {
      ++windows_[w].head;
    } else {
      JSSIM_ASSERT(at >= windows_[w].head, "a window's head is past only references outside it");
      if ((e.in & (1U << w)) != 0) continue;
      enter(w, e);
      e.in = static_cast<std::uint8_t>(e.in | (1U << w));
    }
  }
}

void window_sums::compact() {
  // A placement is dead once its contract was placed again (another version)
  // or the widest window's start passed it: the starts never go back. The
  // live ones keep their order, and each head goes back to the first
  // placement inside its window.
  const auto dead = [&](const placed& p) {
    return p.version != entries_[p.id].version || p.reference < from_.back();
  };
  order_.erase(std::remove_if(order_.begin(), order_.end(), dead), order_.end());
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    windows_[w].head = static_cast<std::size_t>(
        std::lower_bound(order_.begin(), order_.end(), from_[w],
                         [](const placed& p, date from) { return p.reference < from; }) -
        order_.begin());
  }
  compact_at_ = std::max(min_compact, 2 * order_.size());
}

void window_sums::reclassify(std::span<const contract> contracts, std::uint32_t id, date t) {
  entry& e = entries_[id];
  e.dirty = false;
  const contract& c = contracts[id];
  const timed_classification timed = classify_timed(c, t, *rules_);
  const classification& k = timed.now;
  e.holds_until = timed.holds_until;
  if (e.holds_until != date_max && !e.turning) {
    e.turning = true;
    turning_.push_back(id);
  }

  const bool counts = k.cls != outcome_class::excluded && k.reference <= t;
  const outcome_class cls = counts ? k.cls : outcome_class::excluded;
  const double units = k.weight * unit;
  const auto weight = static_cast<std::int64_t>(units);
  JSSIM_ASSERT(!counts || static_cast<double>(weight) == units,
               "the rule set's weights were checked to fit the fixed point");
  if (cls == e.cls && (!counts || (weight == e.weight && k.reference == e.reference &&
                                   c.client == e.client))) {
    return;
  }
  if (counts && cls == e.cls && weight == e.weight && c.client == e.client &&
      k.reference > e.reference) {
    // Only the reference moved on (an open long-term contract was paid): the
    // contract stays in every window it is in, and may come back into
    // narrower ones. A new placement takes over from the old one.
    ++e.version;
    e.reference = k.reference;
    place(e, id);
    return;
  }

  for (std::size_t w = 0; w < windows_.size(); ++w) {
    if ((e.in & (1U << w)) != 0) leave(w, e);
  }
  e.in = 0;
  ++e.version;
  e.cls = cls;
  // Outside even the widest window, a contract can never come back in.
  if (!counts || k.reference < from_.back()) {
    e.cls = outcome_class::excluded;
    return;
  }
  JSSIM_ASSERT(c.client >= 0, "client indexes are dense and non-negative");
  e.weight = weight;
  e.reference = k.reference;
  e.client = c.client;
  place(e, id);
}

const score_result& window_sums::score(std::span<const contract> contracts, date t) {
  return score(contracts, t, window_starts_on(t));
}

const score_result& window_sums::score(std::span<const contract> contracts, date t,
                                       const window_starts& from) {
  if (!exact_) {
    result_ = model::score(contracts, t, *rules_);
    return result_;
  }
  JSSIM_ASSERT(t >= last_day_, "window_sums scores days in order");
  JSSIM_ASSERT(contracts.size() >= entries_.size(), "contracts are appended, never removed");
  last_day_ = t;
  from_ = from;

  for (auto id = static_cast<std::uint32_t>(entries_.size()); id < contracts.size(); ++id) {
    entries_.emplace_back();
    mark(id);
  }
  for (std::size_t i = 0; i < turning_.size();) {
    entry& e = entries_[turning_[i]];
    if (e.holds_until < t || e.holds_until == date_max) {
      if (e.holds_until < t) mark(turning_[i]);
      e.turning = false;
      turning_[i] = turning_.back();
      turning_.pop_back();
    } else {
      ++i;
    }
  }
  // The windows' starts moved on: contracts whose reference is now before a
  // start leave that window. Done before the reclassifications, so that
  // place() finds every head past the references outside its window.
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    window& win = windows_[w];
    while (win.head < order_.size() && order_[win.head].reference < from_[w]) {
      const placed p = order_[win.head++];
      entry& e = entries_[p.id];
      if (e.version != p.version || (e.in & (1U << w)) == 0) continue;
      leave(w, e);
      e.in = static_cast<std::uint8_t>(e.in & ~(1U << w));
    }
  }
  if (order_.size() >= compact_at_) compact();
  for (const std::uint32_t id : dirty_) reclassify(contracts, id, t);
  dirty_.clear();

  result_.on = t;
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    result_.windows[w].months = window_months[w];
    result_.windows[w].from = from_[w];
  }
  // Same sums, counts and clients: the same scores as last time.
  if (!changed_) return result_;
  changed_ = false;
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    const window& win = windows_[w];
    window_score& s = result_.windows[w];
    s.positive = to_double(win.sums[class_index(outcome_class::positive)]);
    s.neutral = to_double(win.sums[class_index(outcome_class::neutral)]);
    s.negative = to_double(win.sums[class_index(outcome_class::negative)]);
    s.outcomes = win.outcomes;
    s.clients = win.clients;
  }
  complete_score(result_, *rules_);
  return result_;
}

}  // namespace jssim::model
