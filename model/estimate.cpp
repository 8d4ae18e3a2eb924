// SPDX-License-Identifier: MIT
#include "model/estimate.hpp"

#include <fmt/format.h>

#include <algorithm>  // std::sort, std::max
#include <array>
#include <cstdint>  // std::uint8_t
#include <cmath>      // std::round, std::ceil
#include <map>
#include <set>
#include <utility>  // std::pair

#include "model/assert.hpp"
#include "model/contract.hpp"
#include "model/score.hpp"

namespace jssim::model {
namespace {

/// A number as a person would write it: at most `decimals` decimals, no
/// trailing zeros.
std::string num(double x, int decimals = 2) {
  std::string s = fmt::format("{:.{}f}", x, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

double rounded(double x, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(x * scale) / scale;
}

/// `x` to `digits` significant digits (x > 0).
double significant(double x, int digits) {
  const int decimals = digits - 1 - static_cast<int>(std::floor(std::log10(x)));
  return rounded(x, std::max(0, decimals));
}

/// The samples as a short list for a comment: "40, 150 and 220" (at most 12).
std::string sample_list(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  std::string out;
  const std::size_t shown = std::min<std::size_t>(xs.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown && shown == xs.size() ? " and " : ", ";
    out += num(xs[i]);
  }
  if (shown < xs.size()) out += fmt::format(" and {} more", xs.size() - shown);
  return out;
}

/// The nearest-rank q-quantile of sorted samples.
double quantile(const std::vector<double>& sorted, double q) {
  JSSIM_ASSERT(!sorted.empty(), "a quantile of no samples");
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

/// A distribution fitted to samples of days or USD, and how.
struct fitted {
  distribution d;
  std::string note;
};

/// Fits samples: 3 or more spread ones give a lognormal with their median and
/// 90th percentile; one or two give a uniform around them; none give
/// `fallback`.
fitted fit(std::vector<double> xs, const std::string& what, const std::string& unit,
           const distribution& fallback) {
  if (xs.empty()) {
    return {fallback, fmt::format("{}: none of her contracts says; {} is jssim's default, "
                                  "change it to what you expect",
                                  what, fallback.to_string())};
  }
  std::sort(xs.begin(), xs.end());
  for (double& x : xs) x = std::round(x);
  const std::string listed = sample_list(xs);
  if (xs.front() == xs.back()) {
    const double x = xs.front();
    if (xs.size() >= 3 || x == 0) {
      return {distribution::fixed(x),
              fmt::format("{}: her {} contracts all took {} {}; a fixed {}", what, xs.size(),
                          num(x), unit, num(x))};
    }
    const distribution d = distribution::uniform(std::round(x / 2), std::round(x * 1.5));
    return {d, fmt::format("{}: {} of her contracts ({} {}): from half to one and a half "
                           "times it, {}",
                           what, xs.size() == 1 ? "one" : "two", listed, unit, d.to_string())};
  }
  if (xs.size() < 3) {
    const distribution d = distribution::uniform(xs.front(), xs.back());
    return {d, fmt::format("{}: two of her contracts ({} {}): uniform between them, {}", what,
                           listed, unit, d.to_string())};
  }
  const double median = std::max(1.0, quantile(xs, 0.5));
  const double p90 = std::max(median, quantile(xs, 0.9));
  const distribution d = distribution::lognormal(median, p90);
  return {d, fmt::format("{}: her {} contracts ({} {}) have the median {} and the 90th "
                         "percentile {}: {}",
                         what, xs.size(), listed, unit, num(median), num(p90), d.to_string())};
}

/// Which job type a contract belongs to.
enum class group : std::uint8_t { small, fixed, hourly };

group group_of(const history_contract& h, const rule_set& rules) {
  if (h.type == contract_type::hourly) return group::hourly;
  return h.earned <= rules.tier_limits[0] ? group::small : group::fixed;
}

/// The days from the first to the latest payment, in weeks paid (at least 1).
double weeks_paid(const history_contract& h) {
  if (!h.first_paid || !h.last_paid) return 1;
  return std::max(1.0, static_cast<double>(*h.last_paid - *h.first_paid) / 7.0 + 1.0);
}

/// Key of an outcome row: stars (or -1), private (or -1).
using row_key = std::pair<double, int>;

void add_rows(std::map<row_key, double>& counts, const outcome_table& table, double weight,
              double stars) {
  for (const auto& row : table.rows) {
    counts[{stars >= 0 ? stars : row.stars, row.private_rating}] += weight * row.p;
  }
}

/// The same weights once private ratings are gone: each row keeps its stars;
/// one that gave a private rating alone gives no feedback.
std::map<row_key, double> stars_only(const std::map<row_key, double>& weights) {
  std::map<row_key, double> out;
  for (const auto& [key, w] : weights) out[{key.first, -1}] += w;
  return out;
}

/// Rows of probabilities from weights, rounded to 4 decimals and summing to 1.
std::vector<outcome_row> rows_from(const std::map<row_key, double>& weights) {
  double total = 0;
  for (const auto& [key, w] : weights) total += w;
  JSSIM_ASSERT(total > 0, "an outcome table of no weight");
  std::vector<outcome_row> rows;
  for (const auto& [key, w] : weights) {
    const double p = rounded(w / total, 4);
    if (p <= 0) continue;
    rows.push_back({p, key.first, key.second});
  }
  // The largest row absorbs the rounding, so that the table sums to 1.
  std::size_t largest = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].p > rows[largest].p) largest = i;
  }
  double sum = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i != largest) sum += rows[i].p;
  }
  rows[largest].p = rounded(1.0 - sum, 4);
  // Best first, no feedback last: the order a reader scans.
  std::stable_sort(rows.begin(), rows.end(), [](const outcome_row& a, const outcome_row& b) {
    if (a.feedback() != b.feedback()) return a.feedback();
    if (a.stars != b.stars) return a.stars > b.stars;
    return a.private_rating > b.private_rating;
  });
  return rows;
}

std::string row_text(const outcome_row& r) {
  if (!r.feedback()) return "no feedback";
  std::string out;
  if (r.stars >= 0) out += fmt::format("{} star{}", num(r.stars, 2), r.stars == 1 ? "" : "s");
  if (r.private_rating >= 0) {
    out += fmt::format("{}private {}", out.empty() ? "" : ", ", r.private_rating);
  }
  return out;
}

/// The star band a prior table is for: 5, 4, 3, 2 or 1, the stars rounded half
/// up (4.5 is a 5, 4.4 a 4).
int star_band(double stars) {
  return std::clamp(static_cast<int>(std::floor(stars + 0.5)), 1, 5);
}

}  // namespace

outcome_table private_prior_for_stars(double stars) {
  // jssim's assumption, not data: the marketplace publishes no distribution of
  // private ratings. The private "would recommend" mostly agrees with the
  // stars, less and less as the stars fall.
  const int band = star_band(stars);
  outcome_table t;
  t.name = fmt::format("private-if-{}-stars", band);
  switch (band) {
    case 5: t.rows = {{0.70, -1, 10}, {0.15, -1, 9}, {0.08, -1, 8}, {0.04, -1, 7}, {0.02, -1, 5},
                      {0.01, -1, 2}};
      break;
    case 4: t.rows = {{0.30, -1, 10}, {0.20, -1, 9}, {0.20, -1, 8}, {0.15, -1, 7}, {0.10, -1, 5},
                      {0.05, -1, 2}};
      break;
    case 3: t.rows = {{0.05, -1, 10}, {0.10, -1, 9}, {0.15, -1, 8}, {0.25, -1, 7}, {0.30, -1, 5},
                      {0.15, -1, 2}};
      break;
    case 2: t.rows = {{0.05, -1, 9}, {0.05, -1, 8}, {0.10, -1, 7}, {0.30, -1, 5}, {0.50, -1, 2}};
      break;
    default: t.rows = {{0.05, -1, 7}, {0.15, -1, 5}, {0.30, -1, 2}, {0.50, -1, 0}};
      break;
  }
  return t;
}

std::string private_prior_name(double stars) { return private_prior_for_stars(stars).name; }

std::optional<outcome_table> private_prior_named(std::string_view name) {
  for (int band = 1; band <= 5; ++band) {
    outcome_table t = private_prior_for_stars(band);
    if (t.name == name) return t;
  }
  return std::nullopt;
}

outcome_table typical_outcomes() {
  return {"typical",
          {{0.75, 5.0, 10}, {0.08, 5.0, 9}, {0.05, 4.0, 8}, {0.03, 3.0, 6}, {0.03, 1.0, 2},
           {0.06, -1, -1}}};
}

estimates estimate_pipeline(std::span<const history_contract> history, date today,
                            const estimate_settings& settings) {
  const rule_set& rules = settings.rules;
  estimates e;
  e.proposals_per_week = settings.proposals_per_week;
  e.prior.assign(history.size(), 0);

  // --- the window of the win rates ------------------------------------------
  date first_start = today;
  for (const auto& h : history) first_start = std::min(first_start, h.started);
  const date window_start = std::max(first_start, today.sub_months(12));
  const double weeks = std::max(1.0, static_cast<double>(today - window_start + 1) / 7.0);
  // A contract with a client seen before is a rehire, not a proposal won.
  std::vector<bool> new_client(history.size(), true);
  {
    std::vector<std::size_t> order(history.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return history[a].started < history[b].started;
    });
    std::set<std::string> seen;
    for (std::size_t i : order) new_client[i] = seen.insert(history[i].client).second;
  }

  // --- the rehire rate --------------------------------------------------------
  std::size_t positive_ends = 0;
  std::size_t rehired = 0;
  std::map<std::string, date> last_start;  // per client: its latest contract's start
  for (const auto& h : history) {
    auto [it, fresh] = last_start.try_emplace(h.client, h.started);
    if (!fresh) it->second = std::max(it->second, h.started);
  }
  for (const history_contract& h : history) {
    if (!h.ended || h.client_flagged) continue;
    const contract c = h.to_contract();
    const auto then = as_of(c, *h.ended);
    if (!then || classify(*then, *h.ended, rules).cls != outcome_class::positive) continue;
    ++positive_ends;
    if (last_start.at(h.client) > h.started) ++rehired;
  }
  const double rehire =
      positive_ends == 0 ? 0 : rounded(static_cast<double>(rehired) / static_cast<double>(positive_ends), 3);
  e.notes.push_back(
      positive_ends == 0
          ? std::string("rehire 0: no contract of hers has ended positive yet, so no client "
                        "could hire her again; change it if clients come back")
          : fmt::format("rehire {}: of her {} contracts that ended positive, {} had the same "
                        "client hire her again later ({} / {})",
                        num(rehire, 3), positive_ends, rehired, rehired, positive_ends));

  // --- her ratings, smoothed toward the stated prior --------------------------
  std::map<row_key, double> counts;
  std::size_t rated = 0;
  std::size_t hidden = 0;
  std::map<std::string, std::size_t> seen_ratings;  // what the sheet shows, for the comment
  for (const auto& h : history) {
    if (!h.ended || h.client_flagged) continue;
    ++rated;
    ++seen_ratings[h.stars.given() || h.private_rating.given()
                       ? row_text({0, h.stars.given() ? h.stars.value : -1,
                                   h.private_rating.given()
                                       ? static_cast<int>(h.private_rating.value)
                                       : -1}) +
                             (h.private_rating.unknown() ? ", private hidden" : "")
                   : h.has_unknown() ? std::string("hidden ratings")
                                     : std::string("no feedback")];
    const bool stars = h.stars.given();
    if (stars && h.private_rating.unknown()) {
      ++hidden;
      // Rows by star band: a 4.8 counts with the 5s, so that the table stays short.
      add_rows(counts, private_prior_for_stars(h.stars.value), 1, star_band(h.stars.value));
    } else if (h.stars.unknown() || (h.private_rating.unknown() && !stars)) {
      ++hidden;
      add_rows(counts, typical_outcomes(), 1, -1);
    } else {
      // A private rating given after the last day one could be (score.private_ratings_until)
      // does not count: the contract is rated by its stars.
      const bool private_counts = h.private_rating.given() && rules.private_rating_counts(*h.ended);
      counts[{stars ? h.stars.value : -1,
              private_counts ? static_cast<int>(h.private_rating.value) : -1}] += 1;
    }
  }
  // Once private ratings have ended, future clients give stars only.
  const bool private_ended = rules.private_ratings_until < today;
  {
    std::map<row_key, double> weights = counts;
    add_rows(weights, typical_outcomes(), prior_weight, -1);
    if (private_ended) weights = stars_only(weights);
    estimated_table own;
    own.table.name = own_ratings_table;
    own.table.rows = rows_from(weights);
    const outcome_table prior = typical_outcomes();
    std::string prior_text;
    for (const auto& r : prior.rows) {
      prior_text += fmt::format("{}{} {}", prior_text.empty() ? "" : "; ", row_text(r), num(r.p));
    }
    own.notes.push_back(fmt::format(
        "What her clients do at the end, from her {} ended contract{} (client-flagged ones "
        "left out), smoothed toward a stated prior as if she had {} more contracts rated like "
        "it: p = (her count + {} x prior p) / ({} + {}).",
        rated, rated == 1 ? "" : "s", num(prior_weight), num(prior_weight), rated,
        num(prior_weight)));
    own.notes.push_back(fmt::format("The prior (jssim's assumption, not data): {}.", prior_text));
    if (private_ended) {
      own.notes.push_back(fmt::format(
          "Private ratings ended on {} (score.private_ratings_until): the rows give public "
          "stars only, a row that gave a private rating alone is one without feedback.",
          rules.private_ratings_until.to_string()));
    }
    if (hidden > 0) {
      own.notes.push_back(fmt::format(
          "{} of her contracts have a hidden private rating: each counts as the private-if-N-"
          "stars table below says, spread over its rows.",
          hidden));
    }
    std::string mine;
    for (const auto& [what, n] : seen_ratings) {
      mine += fmt::format("{}{} x{}", mine.empty() ? "" : "; ", what, n);
    }
    if (!mine.empty()) own.notes.push_back(fmt::format("Her ended contracts: {}.", mine));
    e.outcomes.push_back(std::move(own));
  }
  // The priors of hidden private ratings, one table per star band in use.
  std::map<int, std::size_t> band_table;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const history_contract& h = history[i];
    if (!h.private_rating.unknown() || !h.stars.given()) continue;
    const int band = star_band(h.stars.value);
    auto [it, fresh] = band_table.try_emplace(band, e.outcomes.size());
    if (fresh) {
      estimated_table t;
      t.table = private_prior_for_stars(h.stars.value);
      t.notes.push_back(
          band_table.size() == 1
              ? fmt::format(
                    "Her private ratings are hidden (the sheet has no private column), so each "
                    "is drawn from a table of its stars. The private rating a client who gave {} "
                    "stars (rounded) is assumed to have given: jssim's assumption, not data (the "
                    "marketplace publishes none). It mostly agrees with the stars: 10 from 70% "
                    "of 5-star clients, 30% of 4-star ones, 5% of 3-star ones. With "
                    "observed.jss, only the draws that give the score the profile shows are "
                    "kept (jssim explain).",
                    band)
              : fmt::format("The private rating of a client who gave {} stars (rounded): as "
                            "above, jssim's assumption.",
                            band));
      e.outcomes.push_back(std::move(t));
    }
    e.prior[i] = it->second;
  }

  // --- job types ----------------------------------------------------------------
  struct group_info {
    group g;
    const char* name;
    contract_type type;
    std::string what;
  };
  const std::string small_limit = num(rules.tier_limits[0]);
  const std::array<group_info, 3> groups{{
      {group::small, small_jobs_name, contract_type::fixed,
       fmt::format("her fixed contracts that paid ${} or less", small_limit)},
      {group::fixed, fixed_jobs_name, contract_type::fixed,
       fmt::format("her fixed contracts that paid more than ${}", small_limit)},
      {group::hourly, hourly_jobs_name, contract_type::hourly, "her hourly contracts"},
  }};
  for (const auto& g : groups) {
    std::vector<double> values;
    std::vector<double> durations;
    std::size_t members = 0;
    std::size_t won = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
      const history_contract& h = history[i];
      if (group_of(h, rules) != g.g) continue;
      ++members;
      if (new_client[i] && h.started >= window_start) ++won;
      if (g.type == contract_type::hourly) {
        if (h.earned > 0) values.push_back(h.earned / weeks_paid(h));
        if (h.ended) durations.push_back(static_cast<double>(*h.ended - h.started));
      } else if (h.ended) {
        if (h.earned > 0) values.push_back(h.earned);
        durations.push_back(static_cast<double>(*h.ended - h.started));
      }
    }
    if (members == 0) continue;
    estimated_job j;
    j.job.name = g.name;
    j.job.type = g.type;
    j.job.rehire = rehire;
    j.job.outcomes = 0;
    j.notes.push_back(fmt::format("{}: {} ({} in all).", g.name, g.what, members));
    const double counted_won = won == 0 ? 1.0 : static_cast<double>(won);
    const double per_week = counted_won / weeks;
    // Four significant digits: a rate of one win a year at 20 proposals a week is 0.0009615.
    j.job.win_rate = std::min(1.0, significant(per_week / settings.proposals_per_week, 4));
    j.notes.push_back(fmt::format(
        "win_rate: {} won from new clients in the {} weeks from {} to today{} = {} a week; at "
        "{} proposals a week, {} / {} = {} per proposal.",
        won == 0 ? std::string("none") : std::to_string(won), num(weeks, 1),
        window_start.to_string(),
        won == 0 ? " (one assumed, so that the type stays possible)" : "", num(per_week, 4),
        num(settings.proposals_per_week), num(per_week, 4), num(settings.proposals_per_week),
        num(j.job.win_rate, 8)));
    const fitted duration =
        fit(durations, "duration_days", "days",
            g.type == contract_type::hourly ? distribution::uniform(30, 120)
                                            : distribution::lognormal(14, 45));
    j.job.duration_days = duration.d;
    j.notes.push_back(duration.note + " (start to end: it includes the client's delay in "
                                      "closing, so close_delay_days is left at 0).");
    if (g.type == contract_type::hourly) {
      const fitted weekly = fit(values, "weekly_usd", "USD a week",
                                distribution::uniform(100, 600));
      j.job.weekly_usd = weekly.d;
      j.notes.push_back(weekly.note + " (each contract's earned / the weeks from its first "
                                      "to its latest payment).");
    } else {
      const fitted value =
          fit(values, "value_usd", "USD",
              g.g == group::small ? distribution::uniform(50, rules.tier_limits[0])
                                  : distribution::lognormal(600, 2000));
      j.job.value_usd = value.d;
      j.notes.push_back(value.note + ".");
    }
    e.jobs.push_back(std::move(j));
  }
  if (e.jobs.empty()) {
    // No history: a stated default, so that the scenario runs.
    estimated_job j;
    j.job.name = fixed_jobs_name;
    j.job.type = contract_type::fixed;
    j.job.win_rate = 0.02;
    j.job.duration_days = distribution::lognormal(14, 45);
    j.job.value_usd = distribution::lognormal(600, 2000);
    j.notes.push_back(
        "fixed jobs: the sheet holds no contract, so every number here is jssim's default "
        "(a 2% win rate, 600 USD median, two weeks' median duration); change them.");
    e.jobs.push_back(std::move(j));
  }

  // --- futures of open contracts --------------------------------------------------
  for (std::size_t i = 0; i < history.size(); ++i) {
    const history_contract& h = history[i];
    if (!h.is_open()) continue;
    estimated_future f;
    f.contract = i;
    const date last = h.last_paid ? *h.last_paid : h.started;
    f.idle_days = today - last;
    f.future.outcomes = 0;
    const std::string since =
        fmt::format("idle {} days (since {}, its {})", f.idle_days, last.to_string(),
                    h.last_paid ? "latest payment" : "start");
    if (h.type == contract_type::hourly && h.earned > 0 && f.idle_days < 14) {
      const double weekly = std::round(h.earned / weeks_paid(h));
      f.future.ghost = 0.05;
      f.future.ends_in_days = distribution::uniform(14, 120);
      f.future.weekly_usd = distribution::fixed(weekly);
      f.notes.push_back(fmt::format(
          "{}: paid lately, so the work goes on at its own pace: {} USD a week ({} earned / "
          "{} weeks paid), ending in 2 weeks to 4 months; ghost 0.05.",
          since, num(weekly), num(h.earned), num(weeks_paid(h), 1)));
    } else if (f.idle_days < 30) {
      f.future.ghost = 0.1;
      f.future.ends_in_days = distribution::uniform(7, 60);
      f.notes.push_back(fmt::format(
          "{}: recent, so the client most likely closes it within 1 to 8 weeks; ghost 0.1 "
          "(jssim's rule for contracts idle under 30 days).",
          since));
    } else if (f.idle_days < rules.stale_after_days) {
      f.future.ghost = 0.4;
      f.future.ends_in_days = distribution::uniform(14, 120);
      f.notes.push_back(fmt::format(
          "{}: quiet for a month or more, so the client may never act again: ghost 0.4, else "
          "a close in 2 weeks to 4 months (jssim's rule for 30 to {} days idle).",
          since, rules.stale_after_days - 1));
    } else {
      f.future.ghost = 0.8;
      f.future.ends_in_days = distribution::uniform(30, 180);
      f.notes.push_back(fmt::format(
          "{}: stale (idle {} days or more, it counts {} now), so the client most likely "
          "never acts again: ghost 0.8, else a close in 1 to 6 months.",
          since, rules.stale_after_days, to_string(rules.stale_open_class)));
    }
    f.notes.push_back("Change ghost and ends_in_days to what you know of this client.");
    e.futures.push_back(std::move(f));
  }

  // --- the standard strategies ------------------------------------------------------
  {
    estimated_strategy wait;
    wait.settings.name = "wait";
    wait.note = "wait: keep bidding as now, close nothing.";
    e.strategies.push_back(std::move(wait));
  }
  for (const auto& f : e.futures) {
    if (f.idle_days < rules.stale_after_days) continue;
    const history_contract& h = history[f.contract];
    estimated_strategy close;
    close.settings.name = fmt::format("close {} now", h.id);
    close.settings.close.push_back({f.contract, today});
    close.note = fmt::format("close {} now: it has been idle {} days (stale from {}); closing "
                             "it takes it out of the score unless the client then rates it.",
                             h.id, f.idle_days, rules.stale_after_days);
    e.strategies.push_back(std::move(close));
  }
  const double more = rounded(settings.proposals_per_week * 2, 2);
  for (std::size_t j = 0; j < e.jobs.size(); ++j) {
    if (e.jobs[j].job.name != small_jobs_name) continue;
    estimated_strategy quick;
    quick.settings.name = "quick small jobs";
    quick.settings.proposals_per_week = more;
    quick.settings.accept = std::vector<std::size_t>{j};
    quick.settings.until_recovered = true;
    quick.note = fmt::format("quick small jobs: twice the proposals ({}), only for small fixed "
                             "jobs, until the score is back.",
                             num(more));
    e.strategies.push_back(std::move(quick));
  }
  {
    estimated_strategy proposals;
    proposals.settings.name = "more proposals";
    proposals.settings.proposals_per_week = more;
    proposals.settings.until_recovered = true;
    proposals.note = fmt::format("more proposals: twice as many ({} a week) for every job "
                                 "type, until the score is back.",
                                 num(more));
    e.strategies.push_back(std::move(proposals));
  }
  return e;
}

}  // namespace jssim::model
