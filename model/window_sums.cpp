// SPDX-License-Identifier: MIT
#include "model/window_sums.hpp"

#include <algorithm>  // std::fill, std::lower_bound, std::upper_bound, std::remove_if, std::max, std::min
#include <cmath>      // std::floor
#include <cstddef>    // std::ptrdiff_t, std::size_t

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

window_sums::window_sums(const rule_set& rules) : rules_(&rules) {
  // Every weight is min(weight_max, tier + a whole number of bonus jobs).
  exact_ = fits_fixed_point(rules.weight_max);
  for (const double tier : rules.tier_weights) exact_ = exact_ && fits_fixed_point(tier);
  for (std::size_t w = 0; w < window_months.size(); ++w) {
    result_.windows[w].months = window_months[w];
  }
}

void window_sums::clear() {
  last_day_ = date_min;
  entries_.clear();
  dirty_.clear();
  replace_.clear();
  turning_.clear();
  turns_after_ = date_max;
  order_.clear();
  heads_.fill(0);
  compact_at_ = min_compact;
  buckets_.fill(bucket{});
  std::fill(clients_.begin(), clients_.begin() + static_cast<std::ptrdiff_t>(clients_seen_),
            client_contracts{});
  clients_seen_ = 0;
  changed_ = all_windows;
}

inline void window_sums::add(const entry& e, std::size_t b) {
  bucket& in = buckets_[b];
  in.sums[class_index(e.cls)] += e.weight;
  ++in.outcomes;
  client_contracts& k = clients_[static_cast<std::size_t>(e.client)];
  ++k.in[b];
  if (b < k.lowest) {
    --buckets_[k.lowest].clients;
    ++in.clients;
    k.lowest = b;
  }
}

inline void window_sums::remove(const entry& e, std::size_t b) {
  bucket& in = buckets_[b];
  in.sums[class_index(e.cls)] -= e.weight;
  --in.outcomes;
  client_contracts& k = clients_[static_cast<std::size_t>(e.client)];
  if (--k.in[b] == 0 && b == k.lowest) {
    std::size_t lowest = b;
    while (lowest < outside && k.in[lowest] == 0) ++lowest;
    --in.clients;
    ++buckets_[lowest].clients;
    k.lowest = lowest;
  }
}

inline void window_sums::move_on(entry& e, std::size_t b) {
  bucket& from = buckets_[b];
  bucket& to = buckets_[b + 1];
  const std::size_t cls = class_index(e.cls);
  from.sums[cls] -= e.weight;
  to.sums[cls] += e.weight;
  --from.outcomes;
  ++to.outcomes;
  // The client has a contract in bucket b, so its own bucket is b at most,
  // and moves on with this contract if it was its last one in b.
  client_contracts& k = clients_[static_cast<std::size_t>(e.client)];
  ++k.in[b + 1];
  if (--k.in[b] == 0 && k.lowest == b) {
    --from.clients;
    ++to.clients;
    k.lowest = b + 1;
  }
  e.bucket = static_cast<std::uint8_t>(b + 1);
}

inline std::size_t window_sums::place(entry& e, std::uint32_t id) {
  // The window starts go back in time from the narrowest window to the
  // widest: the windows whose start is after the reference are the first
  // ones, as many as the contract's bucket.
  std::size_t b = 0;
  while (b < outside && e.reference < from_[b]) ++b;
  e.bucket = static_cast<std::uint8_t>(b);
  // Outside even the widest window, a contract never comes back in.
  if (b == outside) return b;
  // The heads have passed every reference before today's window starts, so
  // order_ holds, from each head on, only references inside that window. The
  // new placement goes after every equal or earlier reference: at the end,
  // mostly, since a contract's reference is its latest payment or its end.
  // Where it lands before a window's head (the windows before its bucket) it
  // is outside that window, and the head moves one on to keep pointing at the
  // same contracts.
  const placed p{e.reference, id, e.version};
  if (order_.empty() || !(e.reference < order_.back().reference)) {
    order_.push_back(p);
  } else {
    order_.insert(std::upper_bound(order_.begin(), order_.end(), e.reference,
                                   [](date r, const placed& q) { return r < q.reference; }),
                  p);
  }
  for (std::size_t w = 0; w < b; ++w) ++heads_[w];
  return b;
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
  for (std::size_t w = 0; w < heads_.size(); ++w) {
    heads_[w] = static_cast<std::size_t>(
        std::lower_bound(order_.begin(), order_.end(), from_[w],
                         [](const placed& p, date from) { return p.reference < from; }) -
        order_.begin());
  }
  compact_at_ = std::max(min_compact, 2 * order_.size());
}

void window_sums::recount(entry& e, std::uint32_t id, const classification& k,
                          std::int32_t client, bool counts) {
  const bool counted = e.cls != outcome_class::excluded;
  if (!counts) {
    changed_ |= reach(e.bucket);
    remove(e, e.bucket);
    ++e.version;
    e.cls = outcome_class::excluded;
    return;
  }
  const double units = k.weight * unit;
  const auto weight = static_cast<std::int64_t>(units);
  JSSIM_ASSERT(static_cast<double>(weight) == units,
               "the rule set's weights were checked to fit the fixed point");
  if (k.cls == e.cls && weight == e.weight && client == e.client) {
    if (k.reference == e.reference) return;
    // Only the reference moved (an open long-term contract was paid).
    const std::size_t was = e.bucket;
    // A later reference is in every window that held the earlier one, and in
    // no narrower one unless it is past that window's start.
    if (e.reference < k.reference && (was == 0 || k.reference < from_[was - 1])) {
      // Later, in the same windows (a contract paid week after week): the
      // placement stays where it is, earlier than the reference. The heads
      // reach it too early, see the later reference and place it again then
      // (score()), once a window and not once a payment.
      e.reference = k.reference;
      return;
    }
    // Otherwise a new placement takes over from the old one, and only the
    // windows that hold it before or after but not both change.
    ++e.version;
    e.reference = k.reference;
    const std::size_t b = place(e, id);
    if (b != was) {
      remove(e, was);
      add(e, b);
      changed_ |= reach(was) ^ reach(b);
    }
    return;
  }

  if (counted) {
    changed_ |= reach(e.bucket);
    remove(e, e.bucket);
  }
  ++e.version;
  JSSIM_ASSERT(client >= 0, "client indexes are dense and non-negative");
  if (static_cast<std::size_t>(client) >= clients_seen_) {
    clients_seen_ = static_cast<std::size_t>(client) + 1;
    if (clients_seen_ > clients_.size()) clients_.resize(clients_seen_);
  }
  e.cls = k.cls;
  e.weight = weight;
  e.reference = k.reference;
  e.client = client;
  const std::size_t b = place(e, id);
  add(e, b);
  changed_ |= reach(b);
}

inline void window_sums::reclassify(std::span<const contract> contracts, std::uint32_t id,
                                    date t) {
  entry& e = entries_[id];
  e.dirty = false;
  const contract& c = contracts[id];
  const timed_classification timed = classify_timed(c, t, *rules_);
  e.holds_until = timed.holds_until;
  if (timed.holds_until != date_max) {
    turns_after_ = std::min(turns_after_, timed.holds_until);
    if (!e.turning) {
      e.turning = true;
      turning_.push_back(id);
    }
  }
  // Most often a contract that did not count still does not: one just
  // started, or an open one paid again.
  const bool counts = timed.now.cls != outcome_class::excluded && timed.now.reference <= t;
  if (counts || e.cls != outcome_class::excluded) recount(e, id, timed.now, c.client, counts);
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

  // Contracts appended since the last call are classified after the touched
  // ones (the order does not matter: sums are exact).
  const auto known = static_cast<std::uint32_t>(entries_.size());
  entries_.resize(contracts.size());
  if (turns_after_ < t) {
    // Some class may have turned: those contracts are reclassified, and the
    // ones that stopped turning (reclassified since) leave the list.
    date earliest = date_max;
    for (std::size_t i = 0; i < turning_.size();) {
      entry& e = entries_[turning_[i]];
      if (e.holds_until < t || e.holds_until == date_max) {
        if (e.holds_until < t) mark(turning_[i]);
        e.turning = false;
        turning_[i] = turning_.back();
        turning_.pop_back();
      } else {
        earliest = std::min(earliest, e.holds_until);
        ++i;
      }
    }
    turns_after_ = earliest;
  }
  // The windows' starts moved on: contracts whose reference is now before
  // window w's start move from bucket w to the next. Done before the
  // reclassifications, so that place() finds every head past the references
  // outside its window. Window w's head passes a contract after the
  // narrower windows' heads did, so it finds the contract in bucket w.
  const placed* const order = order_.data();
  const std::size_t placements = order_.size();
  for (std::size_t w = 0; w < heads_.size(); ++w) {
    std::size_t head = heads_[w];
    const date start = from_[w];
    bool moved = false;
    for (; head < placements && order[head].reference < start; ++head) {
      const std::uint32_t id = order[head].id;
      entry& e = entries_[id];
      if (e.version != order[head].version) continue;
      JSSIM_ASSERT(e.bucket == w, "a live placement's contract is in the window's bucket");
      if (!(e.reference < start)) [[unlikely]] {
        // Placed before its reference moved on (recount): still in the
        // window, placed again at its reference once every head is past
        // today's starts; this placement is dead from now on.
        ++e.version;
        replace_.push_back(id);
        continue;
      }
      move_on(e, w);
      moved = true;
    }
    heads_[w] = head;
    if (moved) changed_ |= 1U << w;
  }
  if (!replace_.empty()) [[unlikely]] {
    for (const std::uint32_t id : replace_) {
      // In the same bucket: its reference was in it when it was paid, no
      // narrower window's start came back before it since, and the wider
      // ones hold it. The sums stay.
      [[maybe_unused]] const std::size_t was = entries_[id].bucket;
      [[maybe_unused]] const std::size_t b = place(entries_[id], id);
      JSSIM_ASSERT(b == was, "a contract placed again stays in its bucket");
    }
    replace_.clear();
  }
  if (order_.size() >= compact_at_) compact();
  for (const std::uint32_t id : dirty_) reclassify(contracts, id, t);
  dirty_.clear();
  for (std::uint32_t id = known; id < entries_.size(); ++id) reclassify(contracts, id, t);

  result_.on = t;
  for (std::size_t w = 0; w < window_months.size(); ++w) result_.windows[w].from = from_[w];
  // A window whose sums, counts and clients did not change keeps its score;
  // with none changed, so does the displayed JSS.
  if (changed_ == 0) return result_;
  // Window w holds buckets 0 to w.
  std::array<std::int64_t, 4> sums{};
  int outcomes = 0;
  int clients = 0;
  for (std::size_t w = 0; w < window_months.size(); ++w) {
    const bucket& b = buckets_[w];
    for (std::size_t i = 0; i < sums.size(); ++i) sums[i] += b.sums[i];
    outcomes += b.outcomes;
    clients += b.clients;
    if ((changed_ & (1U << w)) == 0) continue;
    window_score& s = result_.windows[w];
    s.positive = to_double(sums[class_index(outcome_class::positive)]);
    s.neutral = to_double(sums[class_index(outcome_class::neutral)]);
    s.negative = to_double(sums[class_index(outcome_class::negative)]);
    s.outcomes = outcomes;
    s.clients = clients;
  }
  complete_score(result_, *rules_, changed_);
  changed_ = 0;
  return result_;
}

}  // namespace jssim::model
