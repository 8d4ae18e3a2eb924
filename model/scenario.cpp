// SPDX-License-Identifier: MIT
#include "model/scenario.hpp"

namespace jssim::model {
namespace {

template <class Range>
std::optional<std::size_t> index_by_name(const Range& items, const std::string& name) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> pipeline_settings::table_index(const std::string& name) const {
  return index_by_name(outcomes, name);
}

std::optional<std::size_t> pipeline_settings::job_index(const std::string& name) const {
  return index_by_name(jobs, name);
}

contract history_contract::to_contract() const {
  contract c;
  c.client = client_index;
  c.start = started;
  c.end = ended.value_or(date_max);
  if (earned > 0) {
    c.earned = earned;
    c.last_paid = last_paid.value_or(started);
    c.first_paid = first_paid.value_or(c.last_paid);
  }
  if (stars.given()) c.stars = stars.value;
  if (private_rating.given()) c.private_rating = static_cast<std::int8_t>(private_rating.value);
  c.disputed = disputed;
  c.client_flagged = client_flagged;
  return c;
}

std::vector<contract> scenario::history_contracts() const {
  std::vector<contract> out;
  out.reserve(history.size());
  for (const auto& h : history) out.push_back(h.to_contract());
  return out;
}

std::optional<std::size_t> scenario::contract_index(const std::string& id) const {
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (history[i].id == id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> scenario::strategy_index(const std::string& wanted) const {
  return index_by_name(strategies, wanted);
}

}  // namespace jssim::model
