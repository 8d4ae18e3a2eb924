// SPDX-License-Identifier: MIT
#include "model/detail/suggest.hpp"

#include <algorithm>  // std::min
#include <vector>

#include "model/utf8.hpp"  // decode_utf8, invisible_name

namespace jssim::model::detail {
namespace {

// Longer words are never typos of our keys, and comparing them would cost
// time on hostile input: a 1 MiB key against every candidate.
constexpr std::size_t longest_word = 64;

// Lower case, `-` and ` ` as `_`, and without the characters that do not
// show: `runs<U+200B>` is a misspelling of `runs`.
std::string normalized(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const decoded d = decode_utf8(word, i);
    if (d.code_point && invisible_name(*d.code_point) != nullptr) {
      i += d.length;
      continue;
    }
    for (std::size_t k = 0; k < d.length; ++k) {
      char c = word[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '-' || c == ' ') c = '_';
      out += c;
    }
    i += d.length;
  }
  return out;
}

template <class Name>
std::optional<std::string_view> closest(std::string_view word, std::span<const Name> candidates) {
  if (word.size() > longest_word) return std::nullopt;
  const std::string w = normalized(word);
  const std::size_t allowed = w.size() <= 4 ? 1 : 2;
  std::optional<std::string_view> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::string_view name(candidate);
    if (name == word) continue;  // the word is valid; nothing to suggest
    // The distance is at least the difference in length: skip the work.
    const std::size_t gap =
        name.size() > w.size() ? name.size() - w.size() : w.size() - name.size();
    if (gap > allowed) continue;
    const std::size_t d = edit_distance(w, normalized(name));
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best;
}

template <class Name>
std::string suggestion(std::string_view word, std::span<const Name> candidates) {
  const auto best = closest(word, candidates);
  if (!best) return {};
  return "; did you mean `" + std::string(*best) + "`?";
}

template <class Name>
std::string listed(std::span<const Name> candidates) {
  std::string out;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) out += i + 1 == candidates.size() ? " or " : ", ";
    out += '`';
    out += std::string_view(candidates[i]);
    out += '`';
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table are enough for the swap rule.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string_view> closest_name(std::string_view word,
                                             std::span<const std::string_view> candidates) {
  return closest(word, candidates);
}

std::optional<std::string_view> closest_name(std::string_view word,
                                             std::span<const std::string> candidates) {
  return closest(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  return suggestion(word, candidates);
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  return suggestion(word, candidates);
}

std::string one_of(std::span<const std::string_view> candidates) { return listed(candidates); }

std::string one_of(std::span<const std::string> candidates) { return listed(candidates); }

}  // namespace jssim::model::detail
