// SPDX-License-Identifier: MIT
// "Did you mean ...?": the valid name a misspelt one most likely meant.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jssim::model::detail {

/// The optimal-string-alignment distance between two strings: each insertion,
/// deletion, substitution or swap of two neighbouring characters costs 1.
///
///     edit_distance("proposal_per_week", "proposals_per_week");  // 1
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate that `word` is most likely a typo of, or nothing when none is
/// close. Case, `-` and spaces versus `_` are ignored; the distance allowed is 1
/// for words of up to 4 characters and 2 above.
std::optional<std::string_view> closest_name(std::string_view word,
                                             std::span<const std::string_view> candidates);
/// The same, for names the user chose (job types, contract ids, tables).
std::optional<std::string_view> closest_name(std::string_view word,
                                             std::span<const std::string> candidates);

/// `; did you mean `x`?` when a candidate is close, else an empty string: ready
/// to append to a message.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

/// The candidates as "`a`, `b` or `c`", for "expected one of" messages.
std::string one_of(std::span<const std::string_view> candidates);
std::string one_of(std::span<const std::string> candidates);

}  // namespace jssim::model::detail
