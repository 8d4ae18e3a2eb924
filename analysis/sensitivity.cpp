// SPDX-License-Identifier: MIT
#include "analysis/sensitivity.hpp"

#include <algorithm>  // std::sort, std::nth_element, std::min, std::max
#include <cmath>      // std::sqrt, std::floor, std::isnan, std::nextafter
#include <limits>
#include <numeric>  // std::iota
#include <utility>  // std::move

#include <Eigen/Dense>
#include <fmt/format.h>

#include "analysis/totals.hpp"
#include "model/assert.hpp"
#include "model/error.hpp"
#include "sim/monte_carlo.hpp"
#include "sim/plan.hpp"

namespace jssim::analysis {
namespace {

// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and exactly specified,
// so that designs and bootstrap intervals are the same bytes everywhere.
// The simulator's streams (sim/random.hpp) are for the runs; these numbers
// are the analysis's own and must not disturb them.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in 0..n-1 without modulo bias (n > 0).
  std::size_t below(std::size_t n) {
    const auto range = static_cast<std::uint64_t>(n);
    const std::uint64_t threshold = (0 - range) % range;
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return static_cast<std::size_t>(r % range);
    }
  }

 private:
  std::uint64_t state_;
};

// Hypercubes drawn to keep the least correlated: enough to bring the largest
// correlation of 8 columns over 64 points from about 0.28 to about 0.18 on
// average, for a few milliseconds.
constexpr std::size_t design_candidates = 64;

// Distinct generators for distinct uses of one seed.
enum class use : std::uint64_t { design = 1, fit_bootstrap = 2, swing_bootstrap = 3 };

std::uint64_t seed_for(std::uint64_t seed, use u, std::uint64_t index = 0) {
  splitmix64 mix(seed ^ (static_cast<std::uint64_t>(u) << 56) ^ (index * 0x2545f4914f6cdd1dULL));
  return mix.next();
}

using matrix = Eigen::MatrixXd;
using vector = Eigen::VectorXd;

matrix to_matrix(const sample_matrix& x) {
  const auto n = static_cast<Eigen::Index>(x.size());
  const auto k = static_cast<Eigen::Index>(x.empty() ? 0 : x.front().size());
  matrix m(n, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& row = x[static_cast<std::size_t>(i)];
    JSSIM_ASSERT(static_cast<Eigen::Index>(row.size()) == k, "every point has every parameter");
    for (Eigen::Index j = 0; j < k; ++j) m(i, j) = row[static_cast<std::size_t>(j)];
  }
  return m;
}

vector to_vector(std::span<const double> y) {
  vector v(static_cast<Eigen::Index>(y.size()));
  for (std::size_t i = 0; i < y.size(); ++i) v(static_cast<Eigen::Index>(i)) = y[i];
  return v;
}

// A column whose spread is below this, relative to its size, is taken as
// constant: its coefficient says nothing.
bool varies(const vector& centered, double scale) {
  const double spread = centered.norm();
  return spread > 1e-12 * std::max(1.0, scale) * std::sqrt(static_cast<double>(centered.size()));
}

// SRC and R^2 of y on the columns of x.
linear_fit fit_standardized(const matrix& x, const vector& y) {
  const Eigen::Index n = x.rows();
  const Eigen::Index k = x.cols();
  linear_fit fit;
  fit.src.assign(static_cast<std::size_t>(k), 0.0);
  const vector yc = y.array() - y.mean();
  if (!varies(yc, y.cwiseAbs().maxCoeff())) {
    fit.r2 = std::numeric_limits<double>::quiet_NaN();
    return fit;
  }
  const double sd_y = yc.norm();
  // Standardised columns (unit norm, not unit variance: the factor cancels
  // in the coefficients), leaving out those that do not vary.
  std::vector<Eigen::Index> used;
  matrix z(n, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const vector c = x.col(j).array() - x.col(j).mean();
    if (!varies(c, x.col(j).cwiseAbs().maxCoeff())) continue;
    z.col(static_cast<Eigen::Index>(used.size())) = c / c.norm();
    used.push_back(j);
  }
  if (used.empty()) return fit;
  const matrix zu = z.leftCols(static_cast<Eigen::Index>(used.size()));
  const vector yu = yc / sd_y;
  const vector beta = zu.completeOrthogonalDecomposition().solve(yu);
  for (std::size_t u = 0; u < used.size(); ++u) {
    fit.src[static_cast<std::size_t>(used[u])] = beta(static_cast<Eigen::Index>(u));
  }
  const double residual = (yu - zu * beta).squaredNorm();
  fit.r2 = std::clamp(1.0 - residual, 0.0, 1.0);  // yu has unit norm
  return fit;
}

matrix rank_columns(const matrix& x) {
  matrix r(x.rows(), x.cols());
  std::vector<double> column(static_cast<std::size_t>(x.rows()));
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    for (Eigen::Index i = 0; i < x.rows(); ++i) column[static_cast<std::size_t>(i)] = x(i, j);
    const auto rk = ranks(column);
    for (Eigen::Index i = 0; i < x.rows(); ++i) r(i, j) = rk[static_cast<std::size_t>(i)];
  }
  return r;
}

vector rank_vector(const vector& y) {
  std::vector<double> values(y.data(), y.data() + y.size());
  const auto rk = ranks(values);
  return to_vector(rk);
}

// The part of `v` (centered) that the columns of `others` (centered) do not
// explain.
vector residual(const matrix& others, const vector& v) {
  if (others.cols() == 0) return v;
  const vector beta = others.completeOrthogonalDecomposition().solve(v);
  return v - others * beta;
}

std::vector<double> prcc_of(const matrix& x, const vector& y) {
  const Eigen::Index n = x.rows();
  const Eigen::Index k = x.cols();
  std::vector<double> out(static_cast<std::size_t>(k), 0.0);
  const matrix rx = rank_columns(x);
  vector ry = rank_vector(y);
  ry.array() -= ry.mean();
  if (!varies(ry, static_cast<double>(n))) return out;
  matrix centered(n, k);
  std::vector<bool> used(static_cast<std::size_t>(k), false);
  for (Eigen::Index j = 0; j < k; ++j) {
    centered.col(j) = rx.col(j).array() - rx.col(j).mean();
    used[static_cast<std::size_t>(j)] = varies(centered.col(j), static_cast<double>(n));
  }

  // One regression of all the columns: by Frisch-Waugh-Lovell, the partial
  // correlation of column j is beta_j / sqrt(beta_j^2 + SSE (Z'Z)^-1_jj) in
  // units where every column and y have norm 1. It costs one n x k^2 Gram
  // matrix instead of k regressions, which the bootstrap repeats.
  std::vector<Eigen::Index> cols;
  for (Eigen::Index j = 0; j < k; ++j) {
    if (used[static_cast<std::size_t>(j)]) cols.push_back(j);
  }
  const auto m = static_cast<Eigen::Index>(cols.size());
  matrix z(n, m);
  for (Eigen::Index c = 0; c < m; ++c) {
    const auto col = cols[static_cast<std::size_t>(c)];
    z.col(c) = centered.col(col) / centered.col(col).norm();
  }
  if (m == 0) return out;
  const vector yu = ry / ry.norm();
  const matrix gram = z.transpose() * z;
  const Eigen::FullPivLU<matrix> lu(gram);
  if (lu.rank() == m) {
    const matrix inverse = lu.inverse();
    const vector beta = inverse * (z.transpose() * yu);
    const double sse = (yu - z * beta).squaredNorm();
    for (Eigen::Index c = 0; c < m; ++c) {
      const double denominator = std::sqrt(beta(c) * beta(c) + sse * inverse(c, c));
      // Nothing left to correlate: y is a function of the other columns.
      if (!(denominator > 1e-9)) continue;
      out[static_cast<std::size_t>(cols[static_cast<std::size_t>(c)])] =
          std::clamp(beta(c) / denominator, -1.0, 1.0);
    }
    return out;
  }

  // Collinear columns (a bootstrap resample of few distinct points): the
  // residuals themselves, with minimum-norm fits.
  for (Eigen::Index j = 0; j < k; ++j) {
    if (!used[static_cast<std::size_t>(j)]) continue;
    matrix others(n, k);
    Eigen::Index count = 0;
    for (Eigen::Index o = 0; o < k; ++o) {
      if (o != j && used[static_cast<std::size_t>(o)]) others.col(count++) = centered.col(o);
    }
    const matrix other_cols = others.leftCols(count);
    const vector ex = residual(other_cols, centered.col(j));
    const vector ey = residual(other_cols, ry);
    const double denominator = ex.norm() * ey.norm();
    // Residuals of nothing: x_j or y is a function of the other ranks.
    if (!(denominator > 1e-12 * static_cast<double>(n * n))) continue;
    out[static_cast<std::size_t>(j)] = std::clamp(ex.dot(ey) / denominator, -1.0, 1.0);
  }
  return out;
}

// The q-quantile of `values` with linear interpolation between order
// statistics (Hyndman and Fan's type 7, R's default); `values` is sorted here.
double quantile(std::vector<double>& values, double q) {
  JSSIM_ASSERT(!values.empty(), "a quantile of something");
  std::sort(values.begin(), values.end());
  const double at = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double frac = at - static_cast<double>(below);
  return values[below] + frac * (values[above] - values[below]);
}

interval percentile_interval(std::vector<double>& values) {
  const double tail = (1 - 0.95) / 2;
  return {quantile(values, tail), quantile(values, 1 - tail)};
}

// A run's contribution to a share or a mean outcome.
double per_run(model::sensitivity_outcome o, model::day_count t, model::day_count six_months,
               model::day_count horizon) {
  if (o == model::sensitivity_outcome::p_recovered_6m) return t >= 0 && t <= six_months ? 1 : 0;
  return static_cast<double>(t < 0 ? horizon : std::min(t, horizon));
}

double median_days(std::vector<model::day_count>& times, model::day_count horizon) {
  JSSIM_ASSERT(!times.empty(), "a median of some runs");
  // Runs that did not recover rank last: past the horizon.
  for (auto& t : times) {
    if (t < 0) t = horizon + 1;
  }
  const std::size_t k = (times.size() + 1) / 2;  // ceil(n / 2), 1-based
  std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(k - 1), times.end());
  return static_cast<double>(std::min(times[k - 1], horizon));
}

sample_matrix one_hypercube(std::size_t points, std::size_t dims, std::uint64_t seed);

std::string describe_values(const model::sensitivity_spec& spec,
                            std::span<const std::optional<double>> values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} = {}", spec.parameters[i].path, *values[i]);
  }
  return out.empty() ? std::string("every parameter as written") : out;
}

}  // namespace

sample_matrix latin_hypercube(std::size_t points, std::size_t dims, std::uint64_t seed,
                              std::size_t candidates) {
  sample_matrix best;
  double best_correlation = std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < std::max<std::size_t>(candidates, 1); ++c) {
    sample_matrix x = one_hypercube(points, dims, seed_for(seed, use::design, c));
    const double correlation = max_column_correlation(x);
    if (correlation < best_correlation) {
      best_correlation = correlation;
      best = std::move(x);
    }
  }
  return best;
}

double max_column_correlation(const sample_matrix& x) {
  if (x.size() < 3 || x.front().size() < 2) return 0;
  const matrix m = to_matrix(x);
  const matrix centered = m.rowwise() - m.colwise().mean();
  const vector norms = centered.colwise().norm();
  double largest = 0;
  for (Eigen::Index a = 0; a < m.cols(); ++a) {
    for (Eigen::Index b = a + 1; b < m.cols(); ++b) {
      const double denominator = norms(a) * norms(b);
      if (denominator > 0) {
        largest = std::max(largest, std::abs(centered.col(a).dot(centered.col(b))) / denominator);
      }
    }
  }
  return largest;
}

void assign_tiers(std::vector<parameter_effect>& effects) {
  // |swing| as an interval: the swing's interval folded at 0.
  const auto magnitude = [](const parameter_effect& e) -> interval {
    if (e.swing_ci.lo >= 0) return e.swing_ci;
    if (e.swing_ci.hi <= 0) return {-e.swing_ci.hi, -e.swing_ci.lo};
    return {0, std::max(-e.swing_ci.lo, e.swing_ci.hi)};
  };
  std::vector<std::size_t> order(effects.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(effects[a].swing) > std::abs(effects[b].swing);
  });
  std::size_t tier = 0;
  double head_lo = -1;
  for (const std::size_t i : order) {
    const interval m = magnitude(effects[i]);
    if (tier == 0 || m.hi < head_lo) {
      ++tier;
      head_lo = m.lo;
    }
    effects[i].tier = tier;
  }
}

namespace {

sample_matrix one_hypercube(std::size_t points, std::size_t dims, std::uint64_t seed) {
  sample_matrix x(points, std::vector<double>(dims, 0.0));
  if (points == 0) return x;
  splitmix64 rng(seed);
  std::vector<std::size_t> stratum(points);
  const auto n = static_cast<double>(points);
  for (std::size_t d = 0; d < dims; ++d) {
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    // Fisher-Yates: which stratum each point takes in this dimension.
    for (std::size_t i = points - 1; i > 0; --i) std::swap(stratum[i], stratum[rng.below(i + 1)]);
    for (std::size_t i = 0; i < points; ++i) {
      const double lo = static_cast<double>(stratum[i]) / n;
      const double hi = static_cast<double>(stratum[i] + 1) / n;
      double v = lo + rng.uniform01() * (hi - lo);
      // Rounding may land on the upper edge, which is the next stratum's.
      if (v >= hi) v = std::nextafter(hi, lo);
      x[i][d] = std::max(v, lo);
    }
  }
  return x;
}

}  // namespace

std::vector<double> ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double average = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t t = i; t <= j; ++t) out[order[t]] = average;
    i = j + 1;
  }
  return out;
}

linear_fit standardized_regression(const sample_matrix& x, std::span<const double> y) {
  JSSIM_ASSERT(x.size() == y.size(), "one outcome per point");
  return fit_standardized(to_matrix(x), to_vector(y));
}

std::vector<double> partial_rank_correlations(const sample_matrix& x, std::span<const double> y) {
  JSSIM_ASSERT(x.size() == y.size(), "one outcome per point");
  return prcc_of(to_matrix(x), to_vector(y));
}

sensitivity_indices fit_sensitivity(const sample_matrix& x_rows, std::span<const double> y_values,
                                    std::size_t bootstrap, std::uint64_t seed) {
  JSSIM_ASSERT(x_rows.size() == y_values.size(), "one outcome per point");
  const matrix x = to_matrix(x_rows);
  const vector y = to_vector(y_values);
  const auto k = static_cast<std::size_t>(x.cols());
  const Eigen::Index n = x.rows();
  sensitivity_indices out;
  const linear_fit fit = fit_standardized(x, y);
  const std::vector<double> prcc = prcc_of(x, y);
  out.r2 = fit.r2;
  out.rank_r2 = fit_standardized(rank_columns(x), rank_vector(y)).r2;
  out.src.resize(k);
  out.prcc.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    out.src[j] = {fit.src[j], {fit.src[j], fit.src[j]}};
    out.prcc[j] = {prcc[j], {prcc[j], prcc[j]}};
  }
  if (bootstrap == 0 || n == 0) return out;

  std::vector<std::vector<double>> src_draws(k), prcc_draws(k);
  splitmix64 rng(seed_for(seed, use::fit_bootstrap));
  matrix xb(n, x.cols());
  vector yb(n);
  for (std::size_t b = 0; b < bootstrap; ++b) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const auto pick = static_cast<Eigen::Index>(rng.below(static_cast<std::size_t>(n)));
      xb.row(i) = x.row(pick);
      yb(i) = y(pick);
    }
    const linear_fit f = fit_standardized(xb, yb);
    const std::vector<double> p = prcc_of(xb, yb);
    for (std::size_t j = 0; j < k; ++j) {
      src_draws[j].push_back(f.src[j]);
      prcc_draws[j].push_back(p[j]);
    }
  }
  for (std::size_t j = 0; j < k; ++j) {
    out.src[j].ci = percentile_interval(src_draws[j]);
    out.prcc[j].ci = percentile_interval(prcc_draws[j]);
  }
  return out;
}

double outcome_of(model::sensitivity_outcome o, std::span<const model::day_count> times,
                  model::day_count six_months, model::day_count horizon) {
  JSSIM_ASSERT(!times.empty(), "an outcome of some runs");
  if (o == model::sensitivity_outcome::median_days) {
    std::vector<model::day_count> copy(times.begin(), times.end());
    return median_days(copy, horizon);
  }
  double sum = 0;
  for (const model::day_count t : times) sum += per_run(o, t, six_months, horizon);
  return sum / static_cast<double>(times.size());
}

interval paired_difference_interval(model::sensitivity_outcome o,
                                    std::span<const model::day_count> low,
                                    std::span<const model::day_count> high,
                                    model::day_count six_months, model::day_count horizon,
                                    std::size_t bootstrap, std::uint64_t seed) {
  JSSIM_ASSERT(low.size() == high.size() && !low.empty(), "the same runs at both ends");
  const std::size_t n = low.size();
  if (std::equal(low.begin(), low.end(), high.begin())) return {0, 0};
  if (o != model::sensitivity_outcome::median_days) {
    double sum = 0;
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) {
      d[i] = per_run(o, high[i], six_months, horizon) - per_run(o, low[i], six_months, horizon);
      sum += d[i];
    }
    const double mean = sum / static_cast<double>(n);
    if (n < 2) return {mean, mean};
    double squares = 0;
    for (const double x : d) squares += (x - mean) * (x - mean);
    const double se = std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
    return {mean - z_95 * se, mean + z_95 * se};
  }
  splitmix64 rng(seed);
  std::vector<double> draws;
  draws.reserve(bootstrap);
  std::vector<model::day_count> lo(n), hi(n);
  for (std::size_t b = 0; b < std::max<std::size_t>(bootstrap, 1); ++b) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t pick = rng.below(n);
      lo[i] = low[pick];
      hi[i] = high[pick];
    }
    draws.push_back(median_days(hi, horizon) - median_days(lo, horizon));
  }
  return percentile_interval(draws);
}

std::vector<parameter_effect> study_result::by_swing() const {
  std::vector<parameter_effect> sorted = effects;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::abs(a.swing) > std::abs(b.swing);
  });
  return sorted;
}

model::scenario point_scenario(const model::scenario& base, const model::sensitivity_spec& spec,
                               std::span<const std::optional<double>> values) {
  JSSIM_ASSERT(values.size() <= spec.parameters.size(), "a value per parameter at most");
  JSSIM_ASSERT(spec.strategy < base.strategies.size(), "the strategy studied exists");
  model::scenario s = base;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) spec.parameters[i].target.set(s, *values[i]);
  }
  // Only the strategy studied is played: the others' settings cannot reach
  // its world (its offers are drawn at its own largest rate), and the study
  // costs one strategy's runs per point.
  model::strategy studied = s.strategies[spec.strategy];
  s.strategies.assign(1, std::move(studied));
  s.sensitivity.reset();
  return s;
}

std::optional<point_runs> simulate_point(const model::scenario& sc,
                                         model::sensitivity_outcome outcome, std::uint64_t runs,
                                         unsigned threads, const std::atomic<bool>* cancel) {
  JSSIM_ASSERT(sc.strategies.size() == 1 && runs > 0, "one strategy, some runs");
  const sim::run_plan plan(sc);
  totals t(plan, {.all_pairs = false, .keep_runs = true});
  sim::mc_options mc;
  mc.threads = threads;
  mc.cancel = cancel;
  if (!sim::simulate(plan, 0, runs, mc, t)) return std::nullopt;
  point_runs out;
  out.summary = summarize(t).front();
  const auto& records = t.records().front();
  JSSIM_ASSERT(records.size() == runs, "a record per run");
  out.times.reserve(records.size());
  for (const auto& entry : records) out.times.push_back(plan.slot_days(entry.second.recovery_slot));
  const model::day_count six_months = sc.today.add_months(6) - sc.today;
  const model::day_count horizon = plan.horizon().value;
  out.outcome = outcome_of(outcome, out.times, six_months, horizon);
  // The share is summary.csv's own number, computed the same way.
  JSSIM_ASSERT(outcome != model::sensitivity_outcome::p_recovered_6m ||
                   out.outcome == out.summary.p_recovered_6m,
               "the study's share agrees with the summary's");
  return out;
}

std::optional<study_result> run_study(const model::scenario& scenario,
                                      const study_options& options) {
  const model::sensitivity_spec& spec = options.spec;
  const std::size_t k = spec.parameters.size();
  const std::size_t n = spec.points;
  JSSIM_ASSERT(k > 0 && n > k + 1 && spec.runs > 0, "a study the loader accepted");
  const std::uint64_t total = (1 + 2 * k + n) * spec.runs;
  std::uint64_t finished = 0;

  model::scenario base = scenario;
  base.simulation.seed = options.seed;
  const model::day_count six_months = base.today.add_months(6) - base.today;
  const model::day_count horizon = base.horizon() - base.today;

  // One point: its scenario, its runs, and a message that names it when
  // its scenario cannot be simulated.
  const auto run_point = [&](std::span<const std::optional<double>> values,
                             const std::string& what) -> std::optional<point_runs> {
    try {
      auto result = simulate_point(point_scenario(base, spec, values), spec.outcome, spec.runs,
                                   options.threads, options.cancel);
      finished += spec.runs;
      // Per point, not per run: sim::simulate's own progress polls every
      // 100 ms, which would cost more than a short point takes.
      if (options.progress) options.progress(finished, total);
      return result;
    } catch (const model::input_error& e) {
      throw model::input_error(fmt::format("{}: sensitivity: the {} ({}) cannot be simulated: {}",
                                           scenario.path, what, describe_values(spec, values),
                                           e.what()));
    }
  };

  study_result out;
  out.spec = spec;
  out.seed = options.seed;
  out.strategy = scenario.strategies.at(spec.strategy).name;
  // A median's bootstrap sorts all the runs per resample: fewer resamples
  // for many runs (at least 100), so that it never outlasts the runs.
  const std::size_t swing_resamples = std::min<std::size_t>(
      options.bootstrap, std::max<std::uint64_t>(100, 20'000'000 / spec.runs));
  const std::vector<std::optional<double>> as_written(k);
  auto base_runs = run_point(as_written, "base point");
  if (!base_runs) return std::nullopt;
  out.base_outcome = base_runs->outcome;
  out.base_summary = base_runs->summary;

  for (std::size_t i = 0; i < k; ++i) {
    const model::sensitivity_parameter& p = spec.parameters[i];
    std::vector<std::optional<double>> values(k);
    values[i] = p.low;
    const auto low = run_point(values, fmt::format("swing of `{}` at its low end", p.path));
    if (!low) return std::nullopt;
    values[i] = p.high;
    const auto high = run_point(values, fmt::format("swing of `{}` at its high end", p.path));
    if (!high) return std::nullopt;
    parameter_effect e;
    e.parameter = i;
    e.base = p.target.get(scenario);
    e.outcome_low = low->outcome;
    e.outcome_high = high->outcome;
    e.swing = high->outcome - low->outcome;
    e.swing_ci = paired_difference_interval(spec.outcome, low->times, high->times, six_months,
                                            horizon, swing_resamples,
                                            seed_for(options.seed, use::swing_bootstrap, i));
    out.effects.push_back(e);
  }

  const sample_matrix unit = latin_hypercube(n, k, options.seed, design_candidates);
  out.design.assign(n, std::vector<double>(k, 0.0));
  for (std::size_t point = 0; point < n; ++point) {
    std::vector<std::optional<double>> values(k);
    for (std::size_t i = 0; i < k; ++i) {
      const model::sensitivity_parameter& p = spec.parameters[i];
      double v = p.low + unit[point][i] * (p.high - p.low);
      if (p.target.domain.whole) v = std::clamp(std::floor(v + 0.5), p.low, p.high);
      out.design[point][i] = v;
      values[i] = v;
    }
    const auto runs = run_point(values, fmt::format("design point {}", point));
    if (!runs) return std::nullopt;
    out.outcomes.push_back(runs->outcome);
  }

  const sensitivity_indices fit =
      fit_sensitivity(out.design, out.outcomes, options.bootstrap, options.seed);
  out.r2 = fit.r2;
  out.rank_r2 = fit.rank_r2;
  for (std::size_t i = 0; i < k; ++i) {
    out.effects[i].src = fit.src[i];
    out.effects[i].prcc = fit.prcc[i];
  }
  assign_tiers(out.effects);
  return out;
}

}  // namespace jssim::analysis
