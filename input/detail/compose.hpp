// SPDX-License-Identifier: MIT
// Composition for the scenario loader: a scenario file that `extends` another
// one, and a strategy that `extends` other strategies. Both are resolved as a
// graph (Boost.Graph) in dependency order, and a cycle is an error naming the
// whole cycle.
//
// Files. `extends: base.yaml` (a path relative to the extending file) reads the
// base first, possibly itself extending another, and merges the extending file
// over it:
//   - mappings are merged key by key, recursively; the extending file's value
//     wins for a key both give;
//   - any other value, lists included (history, jobs, an outcome table's
//     rows, accept, close), is replaced whole by the extending file's;
//   - except the top-level `strategies`, merged by name: the base's strategies
//     stay, in their order, a strategy of the same name replaces the base's in
//     place, and new names are appended. (A variant of a story usually wants
//     the story's strategies plus its own, and composed strategies name them.)
// A key's order is its first appearance, base first, so the first outcome
// table (the default one) stays first. The merged tree is then read and
// checked as one scenario: required keys may come from either file, and every
// problem names the file and line where its value was written. A chain holds
// at most 16 files and 4 MiB of text together.
//
// Strategies. `extends: [a, b]` starts from the settings of a, then of b,
// then the strategy's own keys; later ones win, key by key. The strategies
// reached are applied in the order of Python's base classes: each after the
// ones it extends, a strategy reached twice only the first time, so that a
// general strategy never undoes one that refines it. `close` lists are
// concatenated in that order, one close per contract, the last date given
// for a contract winning. `name` is never inherited.
#pragma once

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>  // std::pair
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/error.hpp"
#include "model/scenario.hpp"
#include "input/detail/yaml_reader.hpp"

namespace jssim::input::detail {

// --- the graph -------------------------------------------------------------

/// An order of a graph's vertices in which each comes after the vertices it
/// depends on, and the cycles that prevent one.
struct dependency_order {
  /// Every vertex, each after those its edges lead to (bases first).
  std::vector<std::size_t> order;
  /// Each cycle once, from its smallest vertex along its edges: {a, b, c} for
  /// a -> b -> c -> a. At most `max_cycles` are listed.
  std::vector<std::vector<std::size_t>> cycles;
};

/// The most cycles dependency_order lists.
inline constexpr std::size_t max_cycles = 10;

/// Orders the vertices 0..count-1; an edge {from, to} says `from` depends on
/// (extends) `to`. Depth first, vertices and edges in the order given, so the
/// result is deterministic.
///
///     order_dependencies(3, {{0, 1}, {1, 2}}).order;  // {2, 1, 0}
dependency_order order_dependencies(std::size_t count,
                                    std::span<const std::pair<std::size_t, std::size_t>> edges);

/// `a -> b -> c -> a`: a cycle by the names of its vertices; a long cycle by
/// its first and last 8.
std::string cycle_text(std::span<const std::size_t> cycle, std::span<const std::string> names);

// --- files -----------------------------------------------------------------

/// A scenario file read and parsed, and its size.
struct loaded_tree {
  YAML::Node root;
  std::size_t bytes = 0;
};

/// Reads and parses the scenario file at `path`: throws scenario_error naming
/// that file for a problem in it, input_error when it cannot be read.
using tree_loader = std::function<loaded_tree(const std::string& path)>;

/// The most files in a chain of `extends`, the extending file included.
inline constexpr std::size_t max_extends_files = 16;

/// A scenario's tree with the files it extends merged in, and which file
/// each part of it came from.
class composed_tree {
 public:
  /// The tree to read.
  [[nodiscard]] const YAML::Node& root() const { return root_; }
  /// The files of the chain, the extending file first.
  [[nodiscard]] const std::vector<std::string>& files() const { return files_; }

  /// The reader's problems, which all name the extending file, with the file
  /// each was written in (found from its key path) and a strategy's index in
  /// that file, and the problems found while merging; ordered file by file,
  /// then by line.
  [[nodiscard]] std::vector<diagnostic> attribute(std::vector<diagnostic> problems) const;

 private:
  friend composed_tree compose_files(const YAML::Node& root, const std::string& file,
                                     std::size_t bytes, const tree_loader& load);

  YAML::Node root_;
  std::vector<std::string> files_;
  /// Key path -> index into files_, where it differs from its parent's.
  std::unordered_map<std::string, std::size_t> origins_;
  /// `strategies[i]` of the merged list -> its path in its own file.
  std::unordered_map<std::string, std::string> renames_;
  std::vector<diagnostic> problems_;
};

/// `root`, the tree of `file` (`bytes` long), with the chain of files it
/// `extends` merged in (see the top of this file); `root` itself when it
/// extends nothing. Throws scenario_error for a base that cannot be read, a
/// problem in a base's text, a cycle (`extends cycle: a.yaml -> b.yaml ->
/// a.yaml`, at the `extends` of the first file of the cycle) or a chain too
/// long. An `extends` that is not a path is left to the reader to report.
///
///     const composed_tree t = compose_files(root, "variant.yaml", text.size(), load);
///     read(t.root());
composed_tree compose_files(const YAML::Node& root, const std::string& file, std::size_t bytes,
                            const tree_loader& load);

// --- strategies ------------------------------------------------------------

/// The settings a strategy gives itself, as bits, to know what it overrides.
enum strategy_key : std::uint8_t {
  key_proposals_per_week = 1U << 0U,
  key_max_parallel = 1U << 1U,
  key_accept = 1U << 2U,
  key_close_stale_after_days = 1U << 3U,
  key_own_close_feedback = 1U << 4U,
  key_until_recovered = 1U << 5U,
};

/// What a strategy's mapping says beyond its own settings.
struct strategy_links {
  /// The `extends` entry, when given.
  std::optional<value_at> extends_at;
  /// The names it extends, each with where it is written.
  std::vector<std::pair<std::string, value_at>> extends;
  /// The strategy_key bits of the settings it gives.
  unsigned given = 0;
};

/// Reads a strategy's `extends` (a list of strategy names) and notes which
/// settings it gives.
strategy_links read_strategy_links(reader& r, const mapping& m);

/// Gives every strategy that extends others its composed settings (see the
/// top of this file). `links[i]` is strategies[i]'s. Reports an unknown name
/// (with a suggestion) and each cycle, as `extends cycle: a -> b -> a` at the
/// `extends` of the cycle's first strategy.
void compose_strategies(reader& r, std::vector<strategy>& strategies,
                        std::span<const strategy_links> links);

}  // namespace jssim::input::detail
