// SPDX-License-Identifier: MIT
// Typed reading of a yaml-cpp tree for the scenario loader. Every getter that
// meets a value it cannot use records a diagnostic (file, line, column, key
// path, what was expected) and returns nothing, so that the loader carries on
// and reports every problem of a file in one pass.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t, std::uint64_t
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>  // std::pair, std::forward
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/date.hpp"
#include "model/distribution.hpp"
#include "model/detail/suggest.hpp"
#include "model/error.hpp"

namespace jssim::input::detail {

// The reader makes the model's types (model/scenario.hpp and what it uses).
using namespace jssim::model;  // NOLINT(google-build-using-namespace)
using model::detail::closest_name;
using model::detail::did_you_mean;
using model::detail::one_of;

/// The 1-based line of a yaml-cpp mark (0-based), or 0 when it has none.
inline int line_of(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; }

/// Forgets the place yaml-cpp gives each empty value of a mapping (`key:` and
/// nothing written, not even `~` or `null`): the next token, often the next
/// key's line. value_at::child then places the value at its key, where the
/// mistake is. `text` is the text `root` was parsed from.
void unmark_empty_values(const YAML::Node& root, std::string_view text);

/// A node of the file with the key path that leads to it.
struct value_at {
  YAML::Node node;
  /// Such as `pipeline.jobs[1].win_rate`; empty for the whole file.
  std::string path;
  /// Where the value is; for an empty value (`key:` and nothing), its key.
  YAML::Mark mark;

  /// The value of `key` in this mapping.
  [[nodiscard]] value_at child(std::string_view key, const YAML::Node& value,
                               const YAML::Mark& key_mark) const;
  /// Item `index` of this list.
  [[nodiscard]] value_at item(std::size_t index, const YAML::Node& value) const;
};

/// What a distribution describes; sets its unit and the largest value allowed.
enum class quantity : std::uint8_t { days, usd };

class reader;

/// The entries of one mapping, already checked against the keys that are valid
/// at that spot (unknown keys reported with a suggestion, duplicates reported).
class mapping {
 public:
  /// The value of `key`, or nothing when the mapping does not have it.
  [[nodiscard]] std::optional<value_at> get(std::string_view key) const;
  /// The value of `key`; when missing, reports "missing; expected <expected>"
  /// (unless an unknown key was reported as its misspelling).
  [[nodiscard]] std::optional<value_at> require(std::string_view key,
                                                std::string_view expected) const;
  [[nodiscard]] bool has(std::string_view key) const { return get(key).has_value(); }
  /// Whether an unknown key of this mapping was reported as a misspelling of
  /// `key` ("did you mean `key`?"): what depends on `key` should then not
  /// report its absence a second time.
  [[nodiscard]] bool misspelt(std::string_view key) const;
  /// Whether `key` is neither given nor misspelt: an unknown key close to it
  /// (`start` for `started`) counts as its misspelling, and its message is
  /// told again as "did you mean `key`?" if it suggested another key. A
  /// check of a required key asks this, so that one mistake is told once.
  [[nodiscard]] bool absent(std::string_view key) const;
  /// The mapping itself.
  [[nodiscard]] const value_at& self() const { return self_; }

 private:
  friend class reader;
  reader* reader_ = nullptr;
  value_at self_;
  std::vector<std::pair<std::string, value_at>> entries_;
  // Valid keys that unknown keys were taken for; absent() adds to it.
  mutable std::vector<std::string_view> misspelt_;
  // The unknown keys, each with the index of its problem in the reader (npos
  // when past the reader's limit), and whether absent() took it already.
  struct unknown_key {
    std::string name;
    std::size_t problem;
    bool taken = false;
  };
  mutable std::vector<unknown_key> unknown_;
};

/// An inclusive or exclusive range of numbers, for messages and checks.
struct number_range {
  double lo;
  double hi;
  bool lo_open = false;
  bool hi_open = false;

  [[nodiscard]] bool contains(double x) const;
};

/// Reads values of a scenario file and collects the problems found.
///
///     reader r("x.yaml");
///     if (auto p = r.probability(v)) job.win_rate = *p;  // else reported
///     if (r.failed()) throw scenario_error(r.problems());
class reader {
 public:
  /// The most problems kept; more are counted in one last line.
  static constexpr std::size_t max_problems = 100;

  explicit reader(std::string file) : file_(std::move(file)) {}

  /// The top of the file.
  [[nodiscard]] static value_at root(const YAML::Node& node);

  /// Where the value is: this file, its line, column and key path.
  [[nodiscard]] source_location where(const value_at& v) const;
  /// Records a problem with the value `where`.
  void report(const value_at& where, std::string message);
  /// Records a problem at a place.
  void report(const YAML::Mark& mark, std::string key, std::string message);
  [[nodiscard]] bool failed() const { return !problems_.empty(); }
  /// Whether further problems are only counted, not kept.
  [[nodiscard]] bool saturated() const { return problems_.size() >= max_problems; }
  /// Records a problem whose message is costly to make (a suggestion among
  /// thousands of names): `make()` runs only when the problem will be shown.
  template <class MakeMessage>
  void report_with(const value_at& where, MakeMessage&& make) {
    if (saturated()) {
      ++dropped_;
      return;
    }
    report(where, std::forward<MakeMessage>(make)());
  }
  /// Replaces the message of problem `index` (in the order recorded), if
  /// it was kept.
  void retell(std::size_t index, std::string message) {
    if (index < problems_.size()) problems_[index].message = std::move(message);
  }
  /// How many problems are recorded so far, the index of the next.
  [[nodiscard]] std::size_t recorded() const { return problems_.size(); }
  /// Every problem recorded, ordered by line and column; past max_problems,
  /// a last line says how many more were only counted.
  [[nodiscard]] std::vector<diagnostic> problems() const;
  /// How many problems `problems` (from problems()) stands for: those listed
  /// and those its last line says were only counted.
  [[nodiscard]] static std::uint64_t total(const std::vector<diagnostic>& problems);

  /// "expected <what>, got <the value>" at the value.
  void expected(const value_at& v, std::string_view what, std::string_view hint = {});

  /// A mapping whose keys are among `keys`; `what` names it in messages.
  std::optional<mapping> map(const value_at& v, std::span<const std::string_view> keys,
                             std::string_view what);
  std::optional<mapping> map(const value_at& v, std::initializer_list<std::string_view> keys,
                             std::string_view what) {
    return map(v, std::span<const std::string_view>(keys.begin(), keys.size()), what);
  }
  /// A mapping whose keys the user names (outcome tables): (key, value) pairs
  /// in file order, the key as a value_at for its text and place.
  std::optional<std::vector<std::pair<value_at, value_at>>> named_entries(const value_at& v,
                                                                          std::string_view what);
  /// A list; `what` names what it holds, as in "a list of job types".
  std::optional<std::vector<value_at>> list(const value_at& v, std::string_view what);

  /// A name, id or other text: a scalar that is not empty, without white
  /// space at either end and without invisible characters (a zero-width
  /// space, a bidirectional override), which would make two names that look
  /// the same differ.
  std::optional<std::string> text(const value_at& v, std::string_view what);
  /// A finite number within `range`; `what` says what it is, such as "a
  /// probability between 0 and 1".
  std::optional<double> number(const value_at& v, number_range range, std::string_view what);
  /// A number between 0 and 1.
  std::optional<double> probability(const value_at& v);
  /// A whole number from lo to hi.
  std::optional<std::int64_t> whole(const value_at& v, std::int64_t lo, std::int64_t hi,
                                    std::string_view what);
  /// Any whole number that fits 64 bits without sign (a seed).
  std::optional<std::uint64_t> whole_u64(const value_at& v, std::string_view what);
  /// `true` or `false` (YAML 1.2: not yes/no/on/off).
  std::optional<bool> boolean(const value_at& v);
  /// A date written exactly `YYYY-MM-DD`.
  std::optional<date> day(const value_at& v);
  /// One of `names`, reporting a close name as a suggestion.
  std::optional<std::string> one_of(const value_at& v, std::span<const std::string_view> names,
                                    std::string_view what);
  /// A distribution of MODEL.md section 6: a bare number, or one of
  /// `{uniform: [a, b]}`, `{triangular: [min, mode, max]}`,
  /// `{exponential: {mean: m}}`, `{lognormal: {median: m, p90: q}}`,
  /// `{choice: {value: p, ...}}`; every value >= 0.
  std::optional<distribution> distribution_of(const value_at& v, quantity q);

  /// How a value reads in "got ..." messages: its text, or "a list", "a
  /// mapping", "nothing".
  [[nodiscard]] static std::string describe(const value_at& v);

 private:
  /// For each entry of mapping `v` whose key is a name given once, calls
  /// `visit(name, key_mark, value_node)`; reports a key that is no name
  /// ("expected <key_what>, got ...") and a name given twice, at the key.
  /// The walk map() and named_entries() share.
  template <class Visit>
  void each_named_key(const value_at& v, std::string_view key_what, Visit&& visit);

  std::optional<double> plain_number(const value_at& v, std::string_view what);
  std::optional<double> distribution_value(const value_at& v, quantity q);
  std::optional<std::vector<double>> number_list(const value_at& v, quantity q, std::size_t count,
                                                 std::string_view form);

  std::string file_;
  std::vector<diagnostic> problems_;
  std::size_t dropped_ = 0;
};

/// Why `text` cannot be a name, id or path, or nothing: white space at an end,
/// only white space, or a character nobody sees (a zero-width space, a
/// bidirectional override). Also for names read from elsewhere (a CSV).
///
///     name_problem(" acme");  // "(white space at its start; remove it)"
std::optional<std::string> name_problem(std::string_view text);

}  // namespace jssim::input::detail
