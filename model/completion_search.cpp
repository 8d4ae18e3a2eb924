// SPDX-License-Identifier: MIT
#include "model/completion_search.hpp"

#include <algorithm>  // std::min, std::max, std::sort, std::unique
#include <array>
#include <cstring>    // std::memcpy
#include <numeric>    // std::iota
#include <limits>
#include <string>
#include <unordered_map>

#include "model/assert.hpp"

namespace jssim::model {
namespace {

constexpr std::size_t windows = window_months.size();
constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) { return a > most - b ? most : a + b; }

/// One observed day as the search sees it: the score of the history with
/// every unknown at its first value, and each window's total weight and P - N.
struct day_frame {
  score_result base;
  std::array<double, windows> total{};
  std::array<double, windows> difference{};  ///< P - N
  /// The state's cell of each window, -1 when no unknown moves it.
  std::array<int, windows> cell{-1, -1, -1, -1};
  std::optional<int> jss;  ///< what it must show (conditions only)
};

/// How contract `c` counts in each window on day `on`: +weight positive,
/// -weight negative, 0 neutral or outside; whether it counts at all.
struct counting {
  bool counted = false;
  double weight = 0;
  date reference;
  std::array<double, windows> difference{};
};

counting count_in_windows(const contract& c, date on, const rule_set& rules) {
  const classification k = classify(c, on, rules);
  counting out;
  out.counted = k.cls != outcome_class::excluded && k.reference <= on;
  out.weight = k.weight;
  out.reference = k.reference;
  if (!out.counted) return out;
  const double sign = k.cls == outcome_class::positive   ? 1.0
                      : k.cls == outcome_class::negative ? -1.0
                                                         : 0.0;
  for (std::size_t w = 0; w < windows; ++w) {
    if (k.reference >= on.sub_months(window_months[w])) out.difference[w] = sign * k.weight;
  }
  return out;
}

/// The displayed JSS of `day` when its windows' P - N move by `state` +
/// `add` (cells of the search's state; `add` may be null). The window sums are
/// rebuilt as P = (total + d) / 2, U = 0, N = (total - d) / 2, which keeps
/// the total and P - N, and complete_score works out the rest as the scorer
/// does.
std::optional<int> shown(const day_frame& day, const rule_set& rules, const double* state,
                         const double* add) {
  score_result r = day.base;
  for (std::size_t w = 0; w < windows; ++w) {
    double d = day.difference[w];
    if (day.cell[w] >= 0) {
      const auto c = static_cast<std::size_t>(day.cell[w]);
      d += state[c] + (add != nullptr ? add[c] : 0.0);
    }
    window_score& win = r.windows[w];
    win.positive = (day.total[w] + d) / 2;
    win.neutral = 0;
    win.negative = (day.total[w] - d) / 2;
  }
  complete_score(r, rules);
  return r.displayed;
}

}  // namespace

std::optional<completion_search> completion_search::run(const hidden_ratings& hidden,
                                                        std::span<const observation> conds,
                                                        std::optional<std::size_t> track) {
  const rule_set& rules = hidden.rules();
  const auto& unknowns = hidden.unknowns();
  const std::size_t K = unknowns.size();
  // The days: conds[j] is observation j; the tracked one last.
  std::vector<std::size_t> view_of;
  for (std::size_t j = 0; j < conds.size(); ++j) view_of.push_back(j);
  if (track) view_of.push_back(*track);
  std::vector<day_frame> days(view_of.size());
  // delta[k][v][cell] once the cells are known; first per (day, window).
  std::vector<std::vector<std::vector<std::array<double, windows>>>> moves(
      K, std::vector<std::vector<std::array<double, windows>>>());
  for (std::size_t k = 0; k < K; ++k) moves[k].assign(unknowns[k].values.size(), {});
  completion_choice first(K, 0);
  std::vector<contract> scratch;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const hidden_ratings::day_view& view = hidden.view(view_of[i]);
    day_frame& day = days[i];
    if (i < conds.size()) day.jss = conds[i].jss;
    scratch.assign(view.seen.begin(), view.seen.end());
    hidden.apply_seen(view, first, scratch);
    day.base = score(scratch, view.on, rules);
    for (std::size_t w = 0; w < windows; ++w) {
      const window_score& win = day.base.windows[w];
      day.total[w] = win.positive + win.neutral + win.negative;
      day.difference[w] = win.positive - win.negative;
    }
    for (std::size_t k = 0; k < K; ++k) {
      auto& per_value = moves[k];
      for (auto& m : per_value) m.resize(days.size(), std::array<double, windows>{});
      if (!view.index[k]) continue;
      contract c = view.seen[*view.index[k]];
      hidden.set(k, 0, c);
      const counting at_first = count_in_windows(c, view.on, rules);
      for (std::uint32_t v = 1; v < per_value.size(); ++v) {
        hidden.set(k, v, c);
        const counting other = count_in_windows(c, view.on, rules);
        // A rating changes the class only (feedback given counts); were it
        // ever otherwise, the windows' totals would move and this search
        // would not apply.
        if (other.counted != at_first.counted || other.weight != at_first.weight ||
            other.reference != at_first.reference) {
          return std::nullopt;
        }
        for (std::size_t w = 0; w < windows; ++w) {
          per_value[v][i][w] = other.difference[w] - at_first.difference[w];
        }
      }
    }
  }
  // The search takes the unknowns in the order of the first day they move
  // (their end, as a rule): a day is settled once the unknowns that move it
  // are set, and the sooner days settle, the more states merge.
  std::vector<std::size_t> order(K);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> first_day(K, 0);
  for (std::size_t k = 0; k < K; ++k) {
    first_day[k] = days.size();
    for (std::size_t i = days.size(); i-- > 0;) {
      for (const auto& m : moves[k]) {
        for (std::size_t w = 0; w < windows; ++w) {
          if (m[i][w] != 0) first_day[k] = i;
        }
      }
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return first_day[a] < first_day[b]; });
  {
    auto reordered = moves;
    for (std::size_t k = 0; k < K; ++k) reordered[k] = std::move(moves[order[k]]);
    moves = std::move(reordered);
  }
  // The cells: the (day, window) pairs some unknown moves.
  std::size_t C = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    for (std::size_t w = 0; w < windows; ++w) {
      bool moved = false;
      for (std::size_t k = 0; k < K && !moved; ++k) {
        for (const auto& m : moves[k]) moved = moved || m[i][w] != 0;
      }
      if (moved) days[i].cell[w] = static_cast<int>(C++);
    }
  }
  // delta[k][v * C + c], and the least and most the unknowns k.. add.
  std::vector<std::vector<double>> delta(K);
  std::vector<std::vector<double>> lo(K + 1, std::vector<double>(C, 0.0));
  std::vector<std::vector<double>> hi(K + 1, std::vector<double>(C, 0.0));
  for (std::size_t k = 0; k < K; ++k) {
    delta[k].assign(moves[k].size() * C, 0.0);
    for (std::size_t v = 0; v < moves[k].size(); ++v) {
      for (std::size_t i = 0; i < days.size(); ++i) {
        for (std::size_t w = 0; w < windows; ++w) {
          if (days[i].cell[w] >= 0) {
            delta[k][v * C + static_cast<std::size_t>(days[i].cell[w])] = moves[k][v][i][w];
          }
        }
      }
    }
  }
  for (std::size_t k = K; k-- > 0;) {
    for (std::size_t c = 0; c < C; ++c) {
      double least = delta[k][c];
      double largest = delta[k][c];
      for (std::size_t v = 1; v < moves[k].size(); ++v) {
        least = std::min(least, delta[k][v * C + c]);
        largest = std::max(largest, delta[k][v * C + c]);
      }
      lo[k][c] = lo[k + 1][c] + least;
      hi[k][c] = hi[k + 1][c] + largest;
    }
  }
  // Which days unknown k moves, and the last unknown that moves each day:
  // past it the day's score is settled.
  std::vector<std::vector<bool>> touches(K, std::vector<bool>(days.size(), false));
  std::vector<std::size_t> settles(days.size(), 0);  // depth from which nothing moves it
  for (std::size_t k = 0; k < K; ++k) {
    for (std::size_t i = 0; i < days.size(); ++i) {
      for (std::size_t w = 0; w < windows; ++w) {
        const int c = days[i].cell[w];
        if (c < 0) continue;
        for (std::size_t v = 0; v < moves[k].size(); ++v) {
          if (delta[k][v * C + static_cast<std::size_t>(c)] != 0) touches[k][i] = true;
        }
      }
      if (touches[k][i]) settles[i] = k + 1;
    }
  }
  // Whether day i of a state at depth `depth` may still give its condition.
  std::size_t evaluations = 0;
  const auto day_may_give = [&](std::size_t i, const double* state, std::size_t depth) {
    evaluations += 2;
    const std::optional<int> least = shown(days[i], rules, state, lo[depth].data());
    if (!days[i].jss) return !least;  // eligibility does not depend on the completion
    const std::optional<int> largest = shown(days[i], rules, state, hi[depth].data());
    return least && largest && *least <= *days[i].jss && *largest >= *days[i].jss;
  };
  // A state at depth `depth` reached by setting unknown `k` (or the root,
  // k = K): only the days that k moves can have changed. A day settled at
  // this depth is checked once, exactly, and its cells are then cleared, so
  // that states that differ only in settled days merge.
  const auto may_give = [&](double* state, std::size_t depth, std::size_t k) {
    for (std::size_t i = 0; i < conds.size(); ++i) {
      if (k < K ? !touches[k][i] : settles[i] != 0) continue;
      if (!day_may_give(i, state, depth)) return false;
    }
    for (std::size_t i = 0; i < conds.size(); ++i) {
      if (settles[i] != depth) continue;
      for (std::size_t w = 0; w < windows; ++w) {
        if (days[i].cell[w] >= 0) state[static_cast<std::size_t>(days[i].cell[w])] = 0;
      }
    }
    return true;
  };
  // The most states kept: about 100 bytes each besides the cells, within
  // 128 MB; and the most scores of a day worked out, about a second each
  // 5 million.
  const std::size_t state_limit =
      std::min(max_search_states, (std::size_t{128} << 20) / (C * sizeof(double) + 100));
  constexpr std::size_t evaluation_limit = 30'000'000;

  completion_search out;
  out.order_ = order;
  for (std::size_t k = 0; k < K; ++k) {
    std::vector<double> p;
    for (const hidden_value& v : unknowns[order[k]].values) p.push_back(v.prior);
    out.priors_.push_back(std::move(p));
  }
  out.layers_.resize(K + 1);
  std::vector<double> cells(C, 0.0);  // the states of the current layer
  out.layers_[0].states = may_give(cells.data(), 0, K) ? 1 : 0;
  out.layers_[0].forward.assign(out.layers_[0].states, 1.0);
  if (out.layers_[0].states == 0) cells.clear();
  std::size_t total_states = out.layers_[0].states;
  std::vector<double> next_cells;
  std::vector<double> child(C);
  for (std::size_t k = 0; k < K; ++k) {
    layer& here = out.layers_[k];
    layer& next = out.layers_[k + 1];
    const std::size_t values = out.priors_[k].size();
    here.child.assign(here.states * values, -1);
    std::unordered_map<std::string, std::int32_t> index;
    next_cells.clear();
    for (std::size_t s = 0; s < here.states; ++s) {
      for (std::size_t v = 0; v < values; ++v) {
        for (std::size_t c = 0; c < C; ++c) {
          // + 0.0 turns a -0.0 into 0.0, so that equal sums have equal bytes.
          child[c] = cells[s * C + c] + delta[k][v * C + c] + 0.0;
        }
        if (!may_give(child.data(), k + 1, k)) continue;
        if (evaluations > evaluation_limit) return std::nullopt;
        std::string key(C * sizeof(double), '\0');
        if (C > 0) std::memcpy(key.data(), child.data(), key.size());
        const auto [at, fresh] = index.try_emplace(std::move(key), static_cast<std::int32_t>(next.states));
        if (fresh) {
          ++next.states;
          next_cells.insert(next_cells.end(), child.begin(), child.end());
          next.forward.push_back(0.0);
          if (++total_states > state_limit) return std::nullopt;
        }
        here.child[s * values + v] = at->second;
        next.forward[static_cast<std::size_t>(at->second)] += here.forward[s] * out.priors_[k][v];
      }
    }
    cells.swap(next_cells);
  }
  out.states_ = total_states;
  // The leaves give every condition (the bounds with nothing left to add are
  // the scores themselves).
  layer& leaves = out.layers_[K];
  leaves.mass.assign(leaves.states, 1.0);
  leaves.count.assign(leaves.states, 1);
  for (std::size_t k = K; k-- > 0;) {
    layer& here = out.layers_[k];
    const layer& next = out.layers_[k + 1];
    const std::size_t values = out.priors_[k].size();
    here.mass.assign(here.states, 0.0);
    here.count.assign(here.states, 0);
    for (std::size_t s = 0; s < here.states; ++s) {
      for (std::size_t v = 0; v < values; ++v) {
        const std::int32_t c = here.child[s * values + v];
        if (c < 0) continue;
        here.mass[s] += out.priors_[k][v] * next.mass[static_cast<std::size_t>(c)];
        here.count[s] = saturating_add(here.count[s], next.count[static_cast<std::size_t>(c)]);
      }
    }
  }
  const layer& root = out.layers_[0];
  out.evidence_ = root.states > 0 ? root.mass[0] : 0.0;
  out.explaining_ = root.states > 0 ? root.count[0] : 0;
  out.marginals_.resize(K);
  for (std::size_t k = 0; k < K; ++k) {
    const layer& here = out.layers_[k];
    const layer& next = out.layers_[k + 1];
    const std::size_t values = out.priors_[k].size();
    auto& marginal = out.marginals_[order[k]];
    marginal.assign(values, 0.0);
    if (!(out.evidence_ > 0)) continue;
    for (std::size_t s = 0; s < here.states; ++s) {
      for (std::size_t v = 0; v < values; ++v) {
        const std::int32_t c = here.child[s * values + v];
        if (c < 0) continue;
        marginal[v] += here.forward[s] * out.priors_[k][v] *
                       next.mass[static_cast<std::size_t>(c)] / out.evidence_;
      }
    }
  }
  if (track) {
    const day_frame& day = days.back();
    for (std::size_t s = 0; s < leaves.states; ++s) {
      out.tracked_.push_back(shown(day, rules, cells.data() + s * C, nullptr).value_or(-1));
    }
    std::sort(out.tracked_.begin(), out.tracked_.end());
    out.tracked_.erase(std::unique(out.tracked_.begin(), out.tracked_.end()), out.tracked_.end());
  }
  return out;
}

completion_choice completion_search::draw(std::span<const double> u) const {
  JSSIM_ASSERT(evidence_ > 0 && u.size() + 1 == layers_.size(), "one uniform per unknown");
  completion_choice choice(u.size(), 0);
  std::size_t s = 0;
  for (std::size_t k = 0; k < u.size(); ++k) {
    const layer& here = layers_[k];
    const layer& next = layers_[k + 1];
    const std::size_t values = priors_[k].size();
    const auto weight = [&](std::size_t v) {
      const std::int32_t c = here.child[s * values + v];
      return c < 0 ? 0.0 : priors_[k][v] * next.mass[static_cast<std::size_t>(c)];
    };
    double total = 0;
    for (std::size_t v = 0; v < values; ++v) total += weight(v);
    const double target = u[k] * total;
    double cumulative = 0;
    std::size_t picked = values;
    for (std::size_t v = 0; v < values; ++v) {
      const double w = weight(v);
      if (!(w > 0)) continue;
      picked = v;  // the last with weight, should rounding leave a gap
      cumulative += w;
      if (target < cumulative) break;
    }
    JSSIM_ASSERT(picked < values, "a state kept has a suffix that gives the observations");
    choice[order_[k]] = static_cast<std::uint32_t>(picked);
    s = static_cast<std::size_t>(here.child[s * values + picked]);
  }
  return choice;
}

std::vector<weighed_completion> completion_search::list(const hidden_ratings& hidden) const {
  std::vector<weighed_completion> out;
  if (!(evidence_ > 0)) return out;
  const std::size_t K = priors_.size();
  completion_choice choice(K, 0);
  std::vector<std::size_t> state(K + 1, 0);
  // Depth-first, values in order, through the children with mass only.
  std::size_t k = 0;
  std::vector<std::uint32_t> next_value(K + 1, 0);
  while (true) {
    if (k == K) {
      completion_choice in_order(K, 0);
      for (std::size_t j = 0; j < K; ++j) in_order[order_[j]] = choice[j];
      out.push_back(weighed_completion{in_order, hidden.prior(in_order), 0, std::nullopt});
      if (K == 0) break;
      --k;
      continue;
    }
    const layer& here = layers_[k];
    const std::size_t values = priors_[k].size();
    bool descended = false;
    while (next_value[k] < values) {
      const std::uint32_t v = next_value[k]++;
      const std::int32_t c = here.child[state[k] * values + v];
      if (c < 0 || !(layers_[k + 1].mass[static_cast<std::size_t>(c)] > 0)) continue;
      choice[k] = v;
      state[k + 1] = static_cast<std::size_t>(c);
      next_value[k + 1] = 0;
      ++k;
      descended = true;
      break;
    }
    if (descended) continue;
    if (k == 0) break;
    --k;
  }
  // In enumeration order, the last unknown varying fastest.
  std::sort(out.begin(), out.end(),
            [](const weighed_completion& a, const weighed_completion& b) { return a.choice < b.choice; });
  return out;
}

std::optional<completion_search> search_posterior(const hidden_ratings& hidden,
                                                  std::optional<int> observed,
                                                  const scenario& sc, std::size_t upto) {
  const std::vector<observation> conds = conditions(hidden, observed, upto);
  auto found = completion_search::run(hidden, conds);
  if (!found || found->evidence() > 0) return found;
  // The first observation that the completions giving the ones before it
  // cannot give, and what they give on its day.
  for (std::size_t j = 0; j < conds.size(); ++j) {
    const std::span<const observation> before(conds.data(), j);
    const auto with = completion_search::run(hidden, std::span(conds.data(), j + 1));
    if (!with || with->evidence() > 0) continue;
    const auto seen = completion_search::run(hidden, before, j);
    if (!seen) break;
    throw unexplained_observation(sc, hidden, conds, j, seen->tracked_scores(), seen->explaining());
  }
  JSSIM_ASSERT(!conds.empty(), "without conditions every completion explains");
  throw unexplained_observation(sc, hidden, conds, conds.size() - 1, {}, 0);
}

posterior listed_posterior(const completion_search& search, const hidden_ratings& hidden) {
  posterior out;
  out.combinations = hidden.combinations();
  out.explaining = search.list(hidden);
  std::vector<contract> scratch;
  double kept = 0;
  for (const weighed_completion& c : out.explaining) kept += c.prior;
  for (weighed_completion& c : out.explaining) {
    c.probability = c.prior / kept;
    c.start_jss = hidden.start_jss(c.choice, scratch);
  }
  out.evidence = search.evidence();
  return out;
}

namespace {

/// Whether value v of each unknown makes its contract other than positive,
/// classified on its end as the rules say.
std::vector<std::vector<bool>> not_positive(const hidden_ratings& hidden, const scenario& sc) {
  const std::vector<contract> history = sc.history_contracts();
  std::vector<std::vector<bool>> out;
  for (std::size_t k = 0; k < hidden.unknowns().size(); ++k) {
    const hidden_contract& u = hidden.unknowns()[k];
    std::vector<bool> flags;
    for (std::uint32_t v = 0; v < u.values.size(); ++v) {
      contract c = history[u.contract];
      hidden.set(k, v, c);
      const date on = c.is_open() ? sc.today : c.end;
      flags.push_back(classify(c, on, hidden.rules()).cls != outcome_class::positive);
    }
    out.push_back(std::move(flags));
  }
  return out;
}

}  // namespace

std::vector<narrowing_step> narrowing(const hidden_ratings& hidden, std::optional<int> observed,
                                      const scenario& sc) {
  const std::vector<std::vector<bool>> bad = not_positive(hidden, sc);
  const std::size_t n = conditions(hidden, observed).size();
  const std::size_t K = hidden.unknowns().size();
  std::vector<narrowing_step> out;
  for (std::size_t j = 0; j <= n; ++j) {
    narrowing_step step;
    step.observations = j;
    step.blame.assign(K, 0.0);
    if (hidden.combinations() <= max_enumerated_completions) {
      const posterior p = enumerate_posterior(hidden, observed, sc, j);
      step.remaining = p.explaining.size();
      step.evidence = p.evidence;
      for (const weighed_completion& c : p.explaining) {
        for (std::size_t k = 0; k < K; ++k) {
          if (bad[k][c.choice[k]]) step.blame[k] += c.probability;
        }
      }
    } else {
      const auto s = search_posterior(hidden, observed, sc, j);
      if (!s) return {};
      step.remaining = s->explaining();
      step.evidence = s->evidence();
      for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t v = 0; v < bad[k].size(); ++v) {
          if (bad[k][v]) step.blame[k] += s->marginals()[k][v];
        }
      }
    }
    out.push_back(std::move(step));
  }
  return out;
}

bool gives_all(const hidden_ratings& hidden, std::span<const observation> conds,
               std::span<const std::uint32_t> choice, std::vector<contract>& scratch) {
  for (std::size_t j = 0; j < conds.size(); ++j) {
    if (hidden.shows(j, choice, scratch) != conds[j].jss) return false;
  }
  return true;
}

}  // namespace jssim::model
