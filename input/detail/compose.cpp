// SPDX-License-Identifier: MIT
#include "input/detail/compose.hpp"

#include <algorithm>   // std::rotate, std::min_element, std::stable_sort
#include <array>
#include <filesystem>  // paths relative to the extending file
#include <limits>
#include <string_view>
#include <system_error>  // std::error_code

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <fmt/format.h>

#include "model/assert.hpp"
#include "model/detail/suggest.hpp"
#include "input/detail/yaml_guard.hpp"

namespace jssim::input::detail {
namespace {

namespace fs = std::filesystem;

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using vertex = boost::graph_traits<graph>::vertex_descriptor;
using edge = boost::graph_traits<graph>::edge_descriptor;

constexpr std::size_t not_on_path = std::numeric_limits<std::size_t>::max();

// Records the finishing order (each vertex after everything it leads to) and
// the cycles, one per back edge. Boost copies visitors, so the state lives in
// the caller.
class order_visitor : public boost::default_dfs_visitor {
 public:
  order_visitor(dependency_order& out, std::vector<std::size_t>& path,
                std::vector<std::size_t>& position)
      : out_(&out), path_(&path), position_(&position) {}

  void discover_vertex(vertex v, const graph& /*g*/) const {
    (*position_)[v] = path_->size();
    path_->push_back(v);
  }

  void finish_vertex(vertex v, const graph& /*g*/) const {
    path_->pop_back();
    (*position_)[v] = not_on_path;
    out_->order.push_back(v);
  }

  // An edge back to a vertex on the current path closes a cycle: the path
  // from that vertex to here.
  void back_edge(edge e, const graph& g) const {
    if (out_->cycles.size() >= max_cycles) return;
    const std::size_t from = (*position_)[boost::target(e, g)];
    JSSIM_ASSERT(from != not_on_path, "a back edge leads to a vertex on the path");
    std::vector<std::size_t> cycle(path_->begin() + static_cast<std::ptrdiff_t>(from),
                                   path_->end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    out_->cycles.push_back(std::move(cycle));
  }

 private:
  dependency_order* out_;
  std::vector<std::size_t>* path_;
  std::vector<std::size_t>* position_;
};

int column_of(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.column + 1; }

source_location location(const std::string& file, const YAML::Mark& mark, std::string key) {
  return {file, line_of(mark), column_of(mark), std::move(key)};
}

// Whether `path` names a scenario file: .yaml or .yml, in any case.
bool has_scenario_extension(const std::string& path) {
  std::string extension = fs::path(path).extension().string();
  for (char& c : extension) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return extension == ".yaml" || extension == ".yml";
}

// Whether a mapping has a key a scenario has at its top. (The loader's list of
// top-level keys, less the ones a scenario can do without.)
bool has_scenario_key(const YAML::Node& root) {
  static constexpr std::array<std::string_view, 10> keys{
      "freelancer", "history", "observed", "pipeline", "strategies",
      "simulation", "score",   "extends",  "sensitivity", "plan"};
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string& key = it->first.Scalar();
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
  }
  return false;
}

// The same file under another spelling (`./a.yaml`, a symbolic link) is the
// same vertex of the chain.
fs::path identity(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  if (!ec) return p;
  p = fs::absolute(path, ec);
  return ec ? fs::path(path).lexically_normal() : p.lexically_normal();
}

// The value of the first `extends` of a mapping, and its key.
std::optional<std::pair<YAML::Node, YAML::Node>> find_extends(const YAML::Node& root) {
  if (!root.IsMap()) return std::nullopt;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const YAML::Node key = it->first;
    if (key.IsScalar() && key.Scalar() == "extends") return std::pair{key, YAML::Node(it->second)};
  }
  return std::nullopt;
}

}  // namespace

dependency_order order_dependencies(std::size_t count,
                                    std::span<const std::pair<std::size_t, std::size_t>> edges) {
  graph g(count);
  for (const auto& [from, to] : edges) {
    JSSIM_ASSERT(from < count && to < count, "an edge between existing vertices");
    boost::add_edge(from, to, g);
  }
  dependency_order out;
  out.order.reserve(count);
  std::vector<std::size_t> path;
  std::vector<std::size_t> position(count, not_on_path);
  // Boost's search keeps its own stack: a chain of 50,000 strategies does not
  // overflow ours.
  boost::depth_first_search(g, boost::visitor(order_visitor(out, path, position)));
  return out;
}

namespace {

// A name of at most about 60 bytes, cut between UTF-8 sequences: a message
// must stay readable, and valid, whatever a hostile file names things.
std::string short_name(const std::string& name) {
  constexpr std::size_t longest = 60;
  if (name.size() <= longest) return name;
  std::size_t cut = longest;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) --cut;
  return name.substr(0, cut) + "...";
}

}  // namespace

std::string cycle_text(std::span<const std::size_t> cycle, std::span<const std::string> names) {
  // A cycle through thousands of strategies is named by its ends.
  constexpr std::size_t shown_at_each_end = 8;
  std::string text;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    if (cycle.size() > 2 * shown_at_each_end && i == shown_at_each_end) {
      text += fmt::format("... ({} more) -> ", cycle.size() - 2 * shown_at_each_end);
      i = cycle.size() - shown_at_each_end;
    }
    text += names[cycle[i]] + " -> ";
  }
  return text + names[cycle.front()];
}

// --- files -----------------------------------------------------------------

namespace {

// One file's value at a key path.
struct part {
  YAML::Node node;
  std::size_t file = 0;
  YAML::Node key;  ///< the key it is written under; null for the top
};

// Merges the trees of a chain, recording which file each value came from.
class tree_merger {
 public:
  tree_merger(std::vector<std::string> const& files,
              std::unordered_map<std::string, std::size_t>& origins,
              std::unordered_map<std::string, std::string>& renames,
              std::vector<diagnostic>& problems)
      : files_(files), origins_(origins), renames_(renames), problems_(problems) {}

  // `parts`: the values the files give at `at`, base first, the last the
  // extending file's.
  YAML::Node merge(std::span<const part> parts, const value_at& at, std::size_t parent_file) {
    const part& last = parts.back();
    if (last.file != parent_file) origins_[at.path] = last.file;
    // The values merged with the last: the mappings (or strategy lists) right
    // before it; a value of another kind in between replaced what came first.
    const bool strategies = at.path == "strategies" && last.node.IsSequence();
    const auto merges = [&](const YAML::Node& n) {
      return strategies ? n.IsSequence() : n.IsMap();
    };
    if (!strategies && !last.node.IsMap()) return last.node;
    std::size_t first = parts.size() - 1;
    while (first > 0 && merges(parts[first - 1].node)) --first;
    if (first + 1 == parts.size()) return last.node;
    const auto run = parts.subspan(first);
    return strategies ? merge_strategies(run, at, last.file) : merge_maps(run, at, last.file);
  }

 private:
  void report(std::size_t file, const YAML::Mark& mark, std::string key, std::string message) {
    problems_.push_back({location(files_[file], mark, std::move(key)), std::move(message)});
  }

  YAML::Node merge_maps(std::span<const part> run, const value_at& at, std::size_t file) {
    struct entry {
      std::string name;
      std::vector<part> parts;
    };
    std::vector<entry> entries;
    std::unordered_map<std::string, std::size_t> index;  // name -> entries
    for (const part& p : run) {
      // Caught here, not by the reader: the merged mapping holds each key once.
      std::unordered_map<std::string, int> seen;  // name -> line
      for (auto it = p.node.begin(); it != p.node.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
          report(p.file, key.Mark(), at.path,
                 "expected a key name, got " + reader::describe({key, at.path, key.Mark()}));
          continue;
        }
        const std::string& name = key.Scalar();
        const auto [first, fresh] = seen.try_emplace(name, line_of(key.Mark()));
        if (!fresh) {
          report(p.file, key.Mark(), at.child(name, it->second, key.Mark()).path,
                 fmt::format("given twice (first on line {}); keep one", first->second));
          continue;
        }
        const auto [slot, added] = index.try_emplace(name, entries.size());
        if (added) entries.push_back({name, {}});
        entries[slot->second].parts.push_back({it->second, p.file, key});
      }
    }
    YAML::Node out(YAML::NodeType::Map);
    for (const entry& e : entries) {
      const part& last = e.parts.back();
      const value_at child = at.child(e.name, last.node, last.key.Mark());
      // The key of the file that wins: its line is where the value is.
      out.force_insert(last.key, merge(e.parts, child, file));
    }
    return out;
  }

  // Strategies are merged by name: a base's stay in their order, one of the
  // same name replaces it in place, new ones are appended. Two of the same
  // name in one file both stay, for the reader to report.
  YAML::Node merge_strategies(std::span<const part> run, const value_at& at, std::size_t file) {
    struct item {
      YAML::Node node;
      std::size_t file = 0;
      std::size_t index = 0;  ///< its place in its own file's list
    };
    std::vector<item> items;
    // name -> (its place in items, the part that placed it)
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> placed;
    for (std::size_t k = 0; k < run.size(); ++k) {
      std::size_t index = 0;
      for (const YAML::Node& node : run[k].node) {
        const std::size_t own = index++;
        std::optional<std::string> name;
        if (node.IsMap()) {
          // Const: a non-const operator[] would add the key.
          const YAML::Node& view = node;
          const YAML::Node value = view["name"];
          if (value.IsDefined() && value.IsScalar()) name = value.Scalar();
        }
        if (name) {
          const auto found = placed.find(*name);
          if (found != placed.end() && found->second.second != k) {
            items[found->second.first] = {node, run[k].file, own};
            found->second.second = k;
            continue;
          }
          placed.try_emplace(*name, items.size(), k);
        }
        items.push_back({node, run[k].file, own});
      }
    }
    YAML::Node out(YAML::NodeType::Sequence);
    for (std::size_t i = 0; i < items.size(); ++i) {
      out.push_back(items[i].node);
      const std::string path = at.item(i, items[i].node).path;
      if (items[i].file != file) origins_[path] = items[i].file;
      // Messages name a strategy by its place in the file it is written in.
      if (items[i].index != i) renames_[path] = at.item(items[i].index, items[i].node).path;
    }
    return out;
  }

  const std::vector<std::string>& files_;
  std::unordered_map<std::string, std::size_t>& origins_;
  std::unordered_map<std::string, std::string>& renames_;
  std::vector<diagnostic>& problems_;
};

}  // namespace

composed_tree compose_files(const YAML::Node& root, const std::string& file, std::size_t bytes,
                            const tree_loader& load) {
  composed_tree out;
  out.root_ = root;
  out.files_.push_back(file);
  std::vector<YAML::Node> roots{root};
  std::vector<fs::path> identities{identity(file)};
  std::vector<source_location> extends_at;  // per file that extends another
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  std::size_t total_bytes = bytes;

  // Follows the chain until a file extends nothing, or one already read.
  for (;;) {
    const std::size_t current = roots.size() - 1;
    const auto extends = find_extends(roots[current]);
    if (!extends) break;
    const auto& [key, value] = *extends;
    const YAML::Mark mark = value.Mark().is_null() ? key.Mark() : value.Mark();
    if (!value.IsScalar() || value.Scalar().empty()) {
      // The extending file's own `extends` is the reader's to report, with
      // its other problems.
      if (current == 0) break;
      throw scenario_error(location(out.files_[current], mark, "extends"),
                           "expected the path of a scenario to extend, got " +
                               reader::describe({value, "extends", mark}));
    }
    extends_at.push_back(location(out.files_[current], mark, "extends"));
    const std::string base =
        (fs::path(out.files_[current]).parent_path() / value.Scalar()).lexically_normal().string();
    const fs::path base_identity = identity(base);
    const auto seen = std::find(identities.begin(), identities.end(), base_identity);
    if (seen != identities.end()) {
      edges.emplace_back(current, static_cast<std::size_t>(seen - identities.begin()));
      break;
    }
    if (roots.size() == max_extends_files) {
      throw scenario_error(extends_at.back(),
                           fmt::format("more than {} files extend each other in a chain; a "
                                       "scenario may build on at most {} others",
                                       max_extends_files, max_extends_files - 1));
    }
    // A base is a scenario file, named so: `extends` is never a way to read
    // another file into the messages (`extends: /etc/passwd`), whoever wrote
    // the scenario being run.
    if (!has_scenario_extension(base)) {
      throw scenario_error(extends_at.back(),
                           fmt::format("cannot extend {}: a scenario extends only another "
                                       "scenario, a file named .yaml or .yml",
                                       base));
    }
    // A base is a file, never a pipe or a device that could block the
    // loader (`extends: /dev/stdin`).
    std::error_code ec;
    if (const fs::file_status status = fs::status(base, ec);
        fs::exists(status) && !fs::is_regular_file(status)) {
      throw scenario_error(extends_at.back(),
                           fmt::format("cannot extend {}: it is not a regular file", base));
    }
    loaded_tree loaded;
    try {
      loaded = load(base);
    } catch (const scenario_error&) {
      throw;  // a problem in the base's text, naming the base
    } catch (const input_error& e) {
      throw scenario_error(extends_at.back(),
                           fmt::format("cannot extend it: {}", e.what()));
    }
    total_bytes += loaded.bytes;
    if (total_bytes > max_scenario_bytes) {
      throw scenario_error(extends_at.back(),
                           fmt::format("the files of this chain of `extends` hold more than {} "
                                       "MiB together, the most a scenario may be",
                                       max_scenario_bytes / (1024 * 1024)));
    }
    // Nothing of a file that is not a scenario is quoted: only what it is.
    if (!loaded.root.IsMap()) {
      throw scenario_error(
          extends_at.back(),
          fmt::format("cannot extend {}: it is not a scenario (its top is {}, not a mapping of "
                      "scenario keys)",
                      base, loaded.root.IsSequence() ? "a list" : "a single value"));
    }
    if (!has_scenario_key(loaded.root)) {
      throw scenario_error(extends_at.back(),
                           fmt::format("cannot extend {}: it is not a scenario (none of its "
                                       "top-level keys is a scenario's: freelancer, history, "
                                       "pipeline, strategies, simulation, ...)",
                                       base));
    }
    edges.emplace_back(current, roots.size());
    roots.push_back(loaded.root);
    out.files_.push_back(base);
    identities.push_back(base_identity);
  }
  if (edges.empty()) return out;

  const dependency_order order = order_dependencies(roots.size(), edges);
  if (!order.cycles.empty()) {
    const auto& cycle = order.cycles.front();
    throw scenario_error(extends_at[cycle.front()],
                         "extends cycle: " + cycle_text(cycle, out.files_));
  }
  std::vector<part> parts;
  for (std::size_t v : order.order) parts.push_back({roots[v], v, YAML::Node()});
  tree_merger merger(out.files_, out.origins_, out.renames_, out.problems_);
  out.root_ = merger.merge(parts, reader::root(root), 0);
  return out;
}

std::vector<diagnostic> composed_tree::attribute(std::vector<diagnostic> problems) const {
  if (files_.size() == 1) return problems;
  // The reader's count of the problems it did not keep stays last.
  std::optional<diagnostic> trailer;
  if (problems.size() > reader::max_problems) {
    trailer = std::move(problems.back());
    problems.pop_back();
  }
  // The file of a key path is that of its longest recorded prefix, cut at a
  // `.` or a `[`: a value is wholly from one file unless it is a merged
  // mapping, whose entries are recorded. The same for a strategy's path.
  const auto longest = [](const std::string& key, const auto& map) {
    for (std::size_t end = key.size(); end > 0; --end) {
      if (end < key.size() && key[end] != '.' && key[end] != '[') continue;
      if (const auto found = map.find(key.substr(0, end)); found != map.end()) {
        return std::pair{found, end};
      }
    }
    return std::pair{map.end(), std::size_t{0}};
  };
  std::vector<std::pair<std::size_t, diagnostic>> ranked;
  for (auto& d : problems) {
    const auto origin = longest(d.where.key, origins_).first;
    const std::size_t f = origin == origins_.end() ? 0 : origin->second;
    if (const auto [rename, end] = longest(d.where.key, renames_); rename != renames_.end()) {
      d.where.key = rename->second + d.where.key.substr(end);
    }
    d.where.file = files_[f];
    ranked.emplace_back(f, std::move(d));
  }
  for (const auto& d : problems_) {
    const auto f = static_cast<std::size_t>(
        std::find(files_.begin(), files_.end(), d.where.file) - files_.begin());
    ranked.emplace_back(f, d);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    const source_location& x = a.second.where;
    const source_location& y = b.second.where;
    if (a.first != b.first) return a.first < b.first;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
  std::vector<diagnostic> out;
  out.reserve(ranked.size() + 1);
  for (auto& [f, d] : ranked) out.push_back(std::move(d));
  if (trailer) out.push_back(std::move(*trailer));
  return out;
}

// --- strategies ------------------------------------------------------------

namespace {

constexpr std::array<std::pair<std::string_view, unsigned>, 6> strategy_key_bits{{
    {"proposals_per_week", key_proposals_per_week},
    {"max_parallel", key_max_parallel},
    {"accept", key_accept},
    {"close_stale_after_days", key_close_stale_after_days},
    {"own_close_feedback", key_own_close_feedback},
    {"until_recovered", key_until_recovered},
}};

// The most strategies applied, summed over every composed strategy, closes
// counted: far beyond any real file, it keeps a hostile one (thousands of
// strategies, each extending all before it) from taking minutes.
constexpr std::size_t max_composition_steps = 1'000'000;

}  // namespace

strategy_links read_strategy_links(reader& r, const mapping& m) {
  strategy_links links;
  for (const auto& [key, bit] : strategy_key_bits) {
    if (m.has(key)) links.given |= bit;
  }
  const auto at = m.get("extends");
  if (!at) return links;
  links.extends_at = at;
  if (at->node.IsScalar()) {
    r.expected(*at, "a list of strategy names", "(write `extends: [name]`)");
    return links;
  }
  if (const auto names = r.list(*at, "a list of strategy names")) {
    for (const auto& name : *names) {
      if (auto text = r.text(name, "a strategy name")) links.extends.emplace_back(*text, name);
    }
  }
  return links;
}

void compose_strategies(reader& r, std::vector<strategy>& strategies,
                        std::span<const strategy_links> links) {
  JSSIM_ASSERT(links.size() == strategies.size(), "one strategy_links per strategy");
  if (std::all_of(links.begin(), links.end(), [](const auto& l) { return l.extends.empty(); })) {
    return;
  }
  const std::size_t n = strategies.size();
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;  // the first of each name
  bool names_known = true;
  for (std::size_t i = 0; i < n; ++i) {
    names.push_back(strategies[i].name);
    if (strategies[i].name.empty()) names_known = false;  // unreadable, already reported
    index.try_emplace(strategies[i].name, i);
  }

  // targets[i]: the strategies i extends, in its order.
  std::vector<std::vector<std::size_t>> targets(n);
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& [name, at] : links[i].extends) {
      const auto found = index.find(name);
      if (found != index.end()) {
        targets[i].push_back(found->second);
        edges.emplace_back(i, found->second);
        continue;
      }
      // An unreadable name may be the one meant.
      if (!names_known) continue;
      // An init-capture: clang 14 (the fuzzer's) cannot capture a structured binding.
      r.report_with(at, [&, &missing = name] {
        std::string hint = did_you_mean(missing, names);
        if (hint.empty() && names.size() <= 12) hint = "; the strategies are " + one_of(names);
        return fmt::format("no strategy named `{}` to extend{}", missing, hint);
      });
    }
  }

  const dependency_order order = order_dependencies(n, edges);
  std::vector<bool> done(n, false);
  if (!order.cycles.empty()) {
    std::vector<std::string> shown;
    for (const auto& name : names) shown.push_back(short_name(name));
    for (const auto& cycle : order.cycles) {
      const strategy_links& first = links[cycle.front()];
      JSSIM_ASSERT(first.extends_at.has_value(), "a strategy on a cycle extends another");
      r.report(*first.extends_at, "extends cycle: " + cycle_text(cycle, shown));
    }
  }

  // Composes in dependency order from the settings as written.
  const std::vector<strategy> own = strategies;
  std::vector<std::vector<std::size_t>> applied(n);  // the strategies applied, in order
  std::vector<std::size_t> stamp(n, not_on_path);    // stamp[t] == v: t already applied for v
  std::size_t steps = 0;
  for (std::size_t v : order.order) {
    std::vector<std::size_t> sequence;
    bool complete = true;
    for (std::size_t t : targets[v]) {
      // Not composed: on a cycle, or extends one that is (reported above).
      if (!done[t]) {
        complete = false;
        continue;
      }
      for (std::size_t u : applied[t]) {
        if (stamp[u] != v) {
          stamp[u] = v;
          sequence.push_back(u);
        }
      }
    }
    if (!complete) continue;
    sequence.push_back(v);
    for (std::size_t u : sequence) steps += 1 + own[u].close.size();
    if (steps > max_composition_steps) {
      r.report(*links[v].extends_at,
               fmt::format("the strategies extend each other too much: composing them takes "
                           "more than {} steps",
                           max_composition_steps));
      return;
    }
    done[v] = true;
    if (sequence.size() > 1) {
      strategy s;
      s.name = own[v].name;
      s.line = own[v].line;
      std::unordered_map<std::size_t, std::size_t> closed;  // contract -> its place in s.close
      for (std::size_t u : sequence) {
        const strategy& o = own[u];
        const unsigned given = links[u].given;
        if (given & key_proposals_per_week) s.proposals_per_week = o.proposals_per_week;
        if (given & key_max_parallel) s.max_parallel = o.max_parallel;
        if (given & key_accept) s.accept = o.accept;
        if (given & key_close_stale_after_days) s.close_stale_after_days = o.close_stale_after_days;
        if (given & key_own_close_feedback) s.own_close_feedback = o.own_close_feedback;
        if (given & key_until_recovered) s.until_recovered = o.until_recovered;
        for (const scheduled_close& c : o.close) {
          const auto [place, fresh] = closed.try_emplace(c.contract, s.close.size());
          if (fresh) {
            s.close.push_back(c);
          } else {
            s.close[place->second].on = c.on;
          }
        }
      }
      strategies[v] = std::move(s);
    }
    applied[v] = std::move(sequence);
  }
}

}  // namespace jssim::input::detail
