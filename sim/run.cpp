// SPDX-License-Identifier: MIT
#include "sim/run.hpp"

#include <algorithm>  // std::max, std::min, std::count
#include <fmt/format.h>

#include "model/assert.hpp"
#include "sim/sample.hpp"

namespace jssim::sim {

runner::runner(const run_plan& plan)
    : plan_(&plan),
      scenario_(&plan.scenario()),
      today_(plan.scenario().today),
      scorer_(plan.scenario().rules) {}

std::string runner::label(std::uint32_t c) const {
  if (live_[c].from == origin::history) return scenario_->history[c].id;
  return fmt::format("#{} {}", c, scenario_->pipeline.jobs[live_[c].job].name);
}

void runner::note(day d, std::string_view kind, const std::string& detail) {
  if (trace_ != nullptr) trace_->event(date_of(d), kind, detail);
}

void runner::apply_strategy(const model::strategy& s) {
  const model::pipeline_settings& p = scenario_->pipeline;
  settings_.proposals_per_week = s.proposals_per_week.value_or(p.proposals_per_week);
  set_rates();
  settings_.max_parallel = s.max_parallel.value_or(p.max_parallel);
  settings_.accepts.assign(p.jobs.size(), static_cast<std::uint8_t>(s.accept.has_value() ? 0 : 1));
  if (s.accept) {
    for (std::size_t j : *s.accept) settings_.accepts.at(j) = 1;
  }
  settings_.stale_closes = s.close_stale_after_days.has_value();
  settings_.stale_after = s.close_stale_after_days.value_or(0);
  settings_.own_close_feedback = s.own_close_feedback;
  settings_.scheduled_closes = true;
}

void runner::set_rates() {
  const auto& jobs = scenario_->pipeline.jobs;
  settings_.rates.resize(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    settings_.rates[j] = offer_rate(jobs[j], settings_.proposals_per_week);
  }
}

void runner::revert_to_pipeline() {
  const model::pipeline_settings& p = scenario_->pipeline;
  settings_.proposals_per_week = p.proposals_per_week;
  set_rates();
  settings_.max_parallel = p.max_parallel;
  settings_.accepts.assign(p.jobs.size(), std::uint8_t{1});
  settings_.stale_closes = false;
  settings_.scheduled_closes = false;
}

void runner::play(const world& w, std::size_t strategy, run_result& out, trace_sink* trace,
                  won_tape* tape) {
  tape_ = trace == nullptr ? tape : nullptr;
  following_ = nullptr;
  if (tape_ != nullptr) {
    tape_->windows.clear();
    tape_->begin.assign(1, 0);
    tape_->ids.clear();
    tape_->contracts.clear();
    tape_->earned_usd = 0;
    changed_history_.clear();
  }
  start(w, strategy, out, trace);
  play_events(true);
  if (tape_ != nullptr) {
    tape_->jobs_won = out.jobs_won;
    // A won contract earned nothing before the run: its earnings are its
    // payments in the run.
    for (std::size_t c = w.history.size(); c < contracts_.size(); ++c) {
      tape_->earned_usd += contracts_[c].earned;
    }
  }
  tape_ = nullptr;
  trace_ = nullptr;
}

void runner::follow(const world& w, std::size_t strategy, const won_tape& tape, run_result& out) {
  JSSIM_ASSERT(tape.begin.size() == plan_->recalc_count() + 1 &&
                   tape.windows.size() == plan_->recalc_count(),
               "a tape records every recalculation of its run");
  tape_ = nullptr;
  following_ = &tape;
  differing_ = plan_->differing(strategy);
  leader_differing_.clear();
  for (const std::uint32_t c : differing_) leader_differing_.push_back(w.history[c]);
  own_differing_ = leader_differing_;
  difference_.fill(model::window_score{});
  leader_sums_.forget();
  own_sums_.forget();
  difference_known_ = false;
  followed_known_ = false;
  start(w, strategy, out, nullptr);
  play_events(false);
  out.jobs_won = tape.jobs_won;
  out.earned_usd += tape.earned_usd;
  following_ = nullptr;
}

void runner::start(const world& w, std::size_t strategy, run_result& out, trace_sink* trace) {
  const model::scenario& sc = *scenario_;
  world_ = &w;
  strategy_ = &sc.strategies.at(strategy);
  out_ = &out;
  trace_ = trace;
  queue_.clear();
  paying_.clear();
  lazy_payments_ = trace == nullptr;
  contracts_.assign(w.history.begin(), w.history.end());
  // The history as scored on the first recalculation day, when the world
  // has it: the contracts changed before that day are touched as they
  // change, so the first score is the same as from an empty scorer.
  if (const model::window_sums* scored = w.history_scored(*plan_)) {
    scorer_ = *scored;
  } else {
    scorer_.clear();
  }
  live_.assign(w.history.size(), live_contract{});
  next_client_ = static_cast<std::int32_t>(sc.clients.size());
  running_ = 0;
  streak_ = 0;
  recovered_ = false;
  apply_strategy(*strategy_);

  out.recovery_slot = plan_->censored_slot();
  out.jss.assign(plan_->recalc_count(), no_score);
  out.start_jss = w.start_jss ? static_cast<jss_value>(*w.start_jss) : no_score;
  out.jobs_won = 0;
  out.earned_usd = 0;

  bool met_today = w.start_jss && *w.start_jss >= sc.simulation.target.jss;
  const top_rated_frame* top = plan_->top_rated();
  if (top != nullptr) {
    JSSIM_ASSERT(w.past_jss.size() == top->past_saturdays.size(),
                 "world_builder fills past_jss for a Top Rated target");
    weeks_at_jss_.clear();
    for (const int jss : w.past_jss) weeks_at_jss_.push_back(jss >= top->rule.min_jss);
    paid_by_day_.assign(static_cast<std::size_t>(plan_->horizon().value) + 1, 0.0);
    paid_before_.assign(1, 0.0);
    // Today, when a Saturday, is the last past week: it is counted again by
    // the check of today's status, which has the run's start_jss.
    const bool saturday = today_.weekday() == model::saturday;
    if (saturday) weeks_at_jss_.pop_back();
    met_today = saturday && top_rated_on(day{0}, out.start_jss, top->history_earned[0]);
  }
  if (met_today) {
    recovered_ = true;
    out.recovery_slot = 0;
    if (strategy_->until_recovered) revert_to_pipeline();
  }

  for (std::uint32_t c = 0; c < w.history.size(); ++c) {
    const future_draws& f = w.futures[c];
    live_contract& l = live_[c];
    l.table = f.table;
    l.row = f.row;
    l.own_close_u = f.own_close_u;
    if (!contracts_[c].is_open()) continue;
    if (f.acts) {
      l.weekly_usd = f.weekly_usd;
      if (f.weekly_usd > 0) start_payments(c, day{7});
      if (f.ends_on) schedule(*f.ends_on, phase::client_close, c);
    }
    if (settings_.stale_closes) schedule_stale_check(day{0}, c);
  }
  if (settings_.scheduled_closes) {
    for (std::uint32_t i = 0; i < strategy_->close.size(); ++i) {
      schedule(day{strategy_->close[i].on - today_}, phase::own_close, i);
    }
  }
  if (top != nullptr && !recovered_ && !plan_->recovery_days().empty()) {
    schedule(day{plan_->recovery_days().front() - today_}, phase::top_rated_check, 0);
  }
}

void runner::play_events(bool offers) {
  const world& w = *world_;
  // Offers and recalculations are not queued: they come in an order known in
  // advance (the world's offers, the plan's recalculation days), so the loop
  // takes the earliest of the queue's next event, the next offer and the next
  // recalculation by (day, phase). No two of the three share a phase, so this
  // is the order the queue would give them, without a push and a pop each.
  const auto offer_count = offers ? static_cast<std::uint32_t>(w.offers.size()) : 0U;
  const auto recalc_count = static_cast<std::uint32_t>(plan_->recalc_count());
  std::uint32_t next_offer = 0;
  std::uint32_t next_recalc = 0;
  // The (day, phase) of the next offer and recalculation change only when
  // one is handled: kept here rather than worked out on every event.
  const auto offer_order = [&] {
    return next_offer < offer_count ? event_order(w.offers[next_offer].on, phase::offer) : no_event;
  };
  const auto recalc_order = [&] {
    return next_recalc < recalc_count
               ? event_order(recalc_day(next_recalc), phase::recalculation)
               : no_event;
  };
  std::int64_t offered = offer_order();
  std::int64_t recalculated = recalc_order();
  std::uint64_t events = 0;
  for (;; ++events) {
    const std::int64_t queued = queue_.empty() ? no_event : queue_.top_order();
    if (offered < queued && offered < recalculated) {
      on_offer(w.offers[next_offer].on, next_offer);
      ++next_offer;
      offered = offer_order();
      continue;
    }
    if (recalculated < queued) {
      on_recalculation(recalc_day(next_recalc), next_recalc);
      ++next_recalc;
      recalculated = recalc_order();
      continue;
    }
    if (queued == no_event) break;
    day when;
    std::uint8_t p = 0;
    const std::uint32_t i = queue_.pop(when, p).index;
    switch (static_cast<phase>(p)) {
      case phase::payment: on_payment(when, i); break;
      case phase::work_end: on_work_end(when, i); break;
      case phase::client_close: on_client_close(when, i); break;
      case phase::own_close: on_own_close(when, i); break;
      case phase::stale_close: on_stale_check(when, i); break;
      case phase::rehire: on_rehire(when, i); break;
      case phase::offer: on_offer(when, i); break;
      case phase::recalculation: on_recalculation(when, i); break;
      case phase::top_rated_check: on_top_rated_check(when, i); break;
    }
  }
  // Payments due after the last event, up to the horizon, count in earned_usd.
  if (lazy_payments_) pay_all_until(plan_->horizon());
  events_handled_ += events;
  trace_ = nullptr;
}

void runner::start_payments(std::uint32_t c, day first) {
  if (first > plan_->horizon()) return;
  if (!lazy_payments_) {
    schedule(first, phase::payment, c);
    return;
  }
  live_contract& l = live_[c];
  l.next_pay = first;
  l.paying_at = static_cast<std::uint32_t>(paying_.size());
  paying_.push_back(c);
}

void runner::stop_payments(std::uint32_t c) {
  if (live_[c].next_pay.value != no_payment) leave_paying(c);
}

void runner::leave_paying(std::uint32_t c) {
  live_contract& l = live_[c];
  l.next_pay = day{no_payment};
  const std::uint32_t last = paying_.back();
  paying_[l.paying_at] = last;
  live_[last].paying_at = l.paying_at;
  paying_.pop_back();
}

double runner::payment_on(std::uint32_t c, day d, day& next) const {
  const live_contract& l = live_[c];
  // A history contract pays every 7 days while open; a won one up to its
  // work end, the last partial week pro rata (as on_payment).
  double amount = l.weekly_usd;
  next = d + 7;
  if (l.from == origin::won) {
    // Every payment but one on the work end falls on a whole week from the start.
    if (d == l.work_end) {
      const model::day_count part = (date_of(d) - contracts_[c].start) % 7;
      if (part != 0) amount = l.weekly_usd * static_cast<double>(part) / 7.0;
    }
    if (next > l.work_end) next = l.work_end > d ? l.work_end : day{no_payment};
  }
  if (next > plan_->horizon()) next = day{no_payment};
  return amount;
}

void runner::pay_due(std::uint32_t c, day d) {
  live_contract& l = live_[c];
  model::contract& k = contracts_[c];
  JSSIM_ASSERT(k.is_open(), "a contract pays while open");
  bool paid = false;
  while (l.next_pay <= d) {
    const day on = l.next_pay;
    day next;
    const double amount = payment_on(c, on, next);
    l.next_pay = next;
    if (amount > 0) {
      k.pay(amount, date_of(on));
      record_payment(on, amount);
      out_->earned_usd += amount;
      paid = true;
    }
  }
  if (paid) changed(c);
  if (l.next_pay.value == no_payment) leave_paying(c);
}

void runner::pay_all_until(day d) {
  // Backwards: a contract that stops paying takes the last one's place,
  // which is done already.
  for (std::size_t i = paying_.size(); i-- > 0;) pay_until(paying_[i], d);
}

void runner::on_payment(day d, std::uint32_t c) {
  model::contract& k = contracts_[c];
  const live_contract& l = live_[c];
  if (!k.is_open()) return;
  double amount = l.weekly_usd;
  if (l.from == origin::won) {
    const model::day_count elapsed = date_of(d) - k.start;
    const model::day_count part = elapsed % 7;
    if (part != 0) amount = l.weekly_usd * static_cast<double>(part) / 7.0;
    if (d + 7 <= l.work_end) {
      schedule(d + 7, phase::payment, c);
    } else if (l.work_end > d) {
      schedule(l.work_end, phase::payment, c);
    }
  } else {
    schedule(d + 7, phase::payment, c);
  }
  if (amount > 0) {
    k.pay(amount, date_of(d));
    changed(c);
    record_payment(d, amount);
    out_->earned_usd += amount;
    if (trace_ != nullptr) note(d, "payment", fmt::format("{} pays ${:.2f}", label(c), amount));
  }
}

void runner::on_work_end(day d, std::uint32_t c) {
  const live_contract& l = live_[c];
  if (l.work_end > day{contracts_[c].start - today_}) --running_;
  if (trace_ != nullptr) note(d, "work end", fmt::format("work on {} is done", label(c)));
  if (!l.ghost) schedule(d + l.close_delay, phase::client_close, c);
  if (settings_.stale_closes) schedule_stale_check(d, c);
}

void runner::on_client_close(day d, std::uint32_t c) {
  model::contract& k = contracts_[c];
  if (!k.is_open()) return;
  pay_until(c, d);
  const live_contract& l = live_[c];
  if (l.from == origin::won && l.value_usd > 0) {
    k.pay(l.value_usd, date_of(d));
    changed(c);
    record_payment(d, l.value_usd);
    out_->earned_usd += l.value_usd;
    if (trace_ != nullptr) note(d, "payment", fmt::format("{} pays ${:.2f} at the close", label(c), l.value_usd));
  }
  close(d, c, true, "the client closes");
}

void runner::on_own_close(day d, std::uint32_t close_index) {
  if (!settings_.scheduled_closes) return;
  const std::uint32_t c = static_cast<std::uint32_t>(strategy_->close.at(close_index).contract);
  if (!contracts_[c].is_open()) return;
  close(d, c, live_[c].own_close_u < settings_.own_close_feedback, "she closes");
}

void runner::schedule_stale_check(day d, std::uint32_t c) {
  live_contract& l = live_[c];
  if (l.stale_check_pending || !contracts_[c].is_open()) return;
  pay_until(c, d);
  const day idle_enough{contracts_[c].last_activity() - today_ + settings_.stale_after};
  const day when = std::max({d, l.work_end, idle_enough});
  if (when > plan_->horizon()) return;
  l.stale_check_pending = true;
  schedule(when, phase::stale_close, c);
}

void runner::on_stale_check(day d, std::uint32_t c) {
  live_contract& l = live_[c];
  l.stale_check_pending = false;
  const model::contract& k = contracts_[c];
  if (!settings_.stale_closes || !k.is_open()) return;
  pay_until(c, d);
  if (d >= l.work_end && date_of(d) - k.last_activity() >= settings_.stale_after) {
    close(d, c, l.own_close_u < settings_.own_close_feedback, "she closes the stale contract");
  } else {
    schedule_stale_check(d, c);
  }
}

void runner::close(day d, std::uint32_t c, bool with_feedback, std::string_view how) {
  model::contract& k = contracts_[c];
  const live_contract& l = live_[c];
  const model::date on = date_of(d);
  pay_until(c, d);
  stop_payments(c);
  k.end = on;
  changed(c);
  // The client's row may be `feedback: none`: then no feedback is given.
  bool feedback = false;
  if (with_feedback) {
    const model::outcome_row& row = scenario_->pipeline.outcomes[l.table].rows[l.row];
    if (row.stars >= 0) k.stars = row.stars;
    if (row.private_rating >= 0) k.private_rating = static_cast<std::int8_t>(row.private_rating);
    feedback = row.stars >= 0 || row.private_rating >= 0;
  }
  // The class decides a rehire only; the draw is tested first, which spares
  // most closes a classification (the scorer classifies the contract anyway
  // at the next recalculation).
  const bool may_rehire =
      l.from == origin::won && l.rehire_u < scenario_->pipeline.jobs[l.job].rehire;
  if (!may_rehire && trace_ == nullptr) return;
  const model::classification cls = model::classify(k, on, scenario_->rules);
  if (trace_ != nullptr) {
    note(d, "close", fmt::format("{}: {}; {} (counts {})", label(c), how,
                                 feedback ? "feedback given" : "no feedback",
                                 model::to_string(cls.cls)));
  }
  if (may_rehire && cls.cls == model::outcome_class::positive) schedule(d, phase::rehire, c);
}

void runner::on_rehire(day d, std::uint32_t parent) {
  const live_contract p = live_[parent];
  if (settings_.accepts[p.job] == 0 || running_ >= settings_.max_parallel) {
    if (trace_ != nullptr) note(d, "decline", fmt::format("a rehire by the client of {} is declined", label(parent)));
    return;
  }
  // Drawn only for a rehire taken: its stream is its own, so a declined one
  // leaves every other draw as it was.
  const std::uint32_t generation = p.generation + 1;
  stream s(scenario_->simulation.seed, world_->run, purpose::rehire, p.job,
           (static_cast<std::uint64_t>(p.number) << 16) | generation);
  const job_draws draws = draw_job(plan_->job(p.job), s);
  take_job(d, p.job, p.number, generation, contracts_[parent].client, draws);
}

void runner::take_offer(day d, std::uint32_t k) {
  const offer& o = world_->offers[k];
  take_job(d, o.job, o.number, 0, next_client_++, world_->draws(k));
}

void runner::note_decline(day d, std::uint32_t job) {
  note(d, "decline", fmt::format("an offer of {} is declined", scenario_->pipeline.jobs[job].name));
}

void runner::take_job(day d, std::uint32_t job, std::uint32_t number, std::uint32_t generation,
                      std::int32_t client, const job_draws& draws) {
  const model::job_type& type = scenario_->pipeline.jobs[job];
  const auto c = static_cast<std::uint32_t>(contracts_.size());
  // Both made in place: built on the stack field by field and copied, the
  // copy's wide loads waited on the narrow stores (a store-forwarding stall
  // that perf showed as a third of take_job's time).
  model::contract& k = contracts_.emplace_back();
  k.client = client;
  k.start = date_of(d);
  live_contract& l = live_.emplace_back();
  l.from = origin::won;
  l.job = job;
  l.number = number;
  l.generation = generation;
  l.work_end = d + draws.duration;
  l.table = static_cast<std::uint32_t>(type.outcomes);
  l.row = draws.row;
  l.own_close_u = draws.own_close_u;
  l.rehire_u = draws.rehire_u;
  l.ghost = draws.ghost;
  l.close_delay = draws.close_delay;
  if (type.type == model::contract_type::fixed) {
    l.value_usd = draws.value_usd;
  } else {
    l.weekly_usd = draws.weekly_usd;
  }
  ++out_->jobs_won;
  if (draws.duration > 0) ++running_;
  if (trace_ != nullptr) {
    note(d, "start",
         fmt::format("{} {}: {} starts, {} day{} of work{}",
                     generation == 0 ? "an offer of" : "the client rehires for", type.name,
                     label(c), draws.duration, draws.duration == 1 ? "" : "s",
                     draws.ghost ? " (the client will vanish)" : ""));
  }
  schedule(l.work_end, phase::work_end, c);
  if (l.weekly_usd > 0) {
    if (d + 7 <= l.work_end) {
      start_payments(c, d + 7);
    } else if (l.work_end > d) {
      start_payments(c, l.work_end);
    }
  }
}

void runner::on_recalculation(day d, std::uint32_t index) {
  pay_all_until(d);
  const model::score_result& s = following_ != nullptr
                                     ? followed_score(index, date_of(d))
                                     : scorer_.score(contracts_, date_of(d), plan_->window_starts(index));
  if (tape_ != nullptr) {
    // What the followers read: the windows, and the history contracts as
    // this recalculation saw them.
    tape_->windows.push_back(s.windows);
    for (const std::uint32_t c : changed_history_) {
      tape_->ids.push_back(c);
      tape_->contracts.push_back(contracts_[c]);
      live_[c].taped = false;
    }
    changed_history_.clear();
    tape_->begin.push_back(static_cast<std::uint32_t>(tape_->ids.size()));
  }
  const jss_value jss = s.displayed ? static_cast<jss_value>(*s.displayed) : no_score;
  out_->jss[index] = jss;
  // A Top Rated target is checked on Saturdays (on_top_rated_check).
  if (!recovered_ && plan_->top_rated() == nullptr) {
    streak_ = (jss != no_score && jss >= scenario_->simulation.target.jss) ? streak_ + 1 : 0;
    if (streak_ >= scenario_->simulation.target.hold) {
      recovered_ = true;
      out_->recovery_slot = index + 1;
      if (strategy_->until_recovered) revert_to_pipeline();
    }
  }
  if (trace_ != nullptr) trace_->recalculation(s, recovered_);
}

const model::score_result& runner::followed_score(std::uint32_t index, model::date t) {
  const won_tape& tape = *following_;
  const model::rule_set& rules = scenario_->rules;
  followed_.on = t;
  if (!differing_.empty()) {
    // The leader's differing contracts as they stood on this recalculation,
    // and this run's: whether either list changed since the last one.
    bool moved = !difference_known_;
    for (std::uint32_t i = tape.begin[index]; i < tape.begin[index + 1]; ++i) {
      for (std::size_t k = 0; k < differing_.size(); ++k) {
        if (differing_[k] == tape.ids[i]) {
          leader_differing_[k] = tape.contracts[i];
          moved = true;
        }
      }
    }
    for (std::size_t k = 0; k < differing_.size(); ++k) {
      const model::contract& now = contracts_[differing_[k]];
      if (!(own_differing_[k] == now)) {
        own_differing_[k] = now;
        moved = true;
      }
    }
    const model::window_starts& from = plan_->window_starts(index);
    if (moved || !leader_sums_.holds(t, from) || !own_sums_.holds(t, from)) {
      const auto& theirs = leader_sums_.on(leader_differing_, t, from, rules);
      const auto& ours = own_sums_.on(own_differing_, t, from, rules);
      for (std::size_t w = 0; w < difference_.size(); ++w) {
        model::window_score& x = difference_[w];
        x.positive = ours[w].positive - theirs[w].positive;
        x.neutral = ours[w].neutral - theirs[w].neutral;
        x.negative = ours[w].negative - theirs[w].negative;
        x.outcomes = ours[w].outcomes - theirs[w].outcomes;
        x.clients = ours[w].clients - theirs[w].clients;
      }
      difference_known_ = true;
    }
  }
  // The leader's windows with the difference put in: sums of multiples of
  // 2^-20 far below 2^53 (window_sums::incremental), exact in any order; no
  // client of the differing contracts has another. (With no differing
  // contract, difference_ stays zero.) complete_score reads the sums,
  // outcomes and clients alone: only the windows where one of them moved
  // since the last recalculation are scored again, and none in the 3 % of
  // the seed story's recalculations where its leader's windows stood still.
  unsigned changed = followed_known_ ? 0U : (1U << model::window_months.size()) - 1;
  for (std::size_t w = 0; w < difference_.size(); ++w) {
    const model::window_score& x = tape.windows[index][w];
    const model::window_score& d = difference_[w];
    model::window_score& y = followed_.windows[w];
    const double positive = x.positive + d.positive;
    const double neutral = x.neutral + d.neutral;
    const double negative = x.negative + d.negative;
    const int outcomes = x.outcomes + d.outcomes;
    const int clients = x.clients + d.clients;
    y.months = x.months;
    y.from = x.from;
    if (positive != y.positive || neutral != y.neutral || negative != y.negative ||
        outcomes != y.outcomes || clients != y.clients) {
      y.positive = positive;
      y.neutral = neutral;
      y.negative = negative;
      y.outcomes = outcomes;
      y.clients = clients;
      changed |= 1U << w;
    }
  }
  if (changed != 0) model::complete_score(followed_, rules, changed);
  followed_known_ = true;
  return followed_;
}

void runner::on_top_rated_check(day d, std::uint32_t index) {
  if (recovered_) return;
  const top_rated_frame& top = *plan_->top_rated();
  if (index + 1 < plan_->recovery_days().size()) {
    schedule(day{plan_->recovery_days()[index + 1] - today_}, phase::top_rated_check, index + 1);
  }
  pay_all_until(d);
  const std::int32_t shown = top.shown_recalc[index];
  const jss_value jss = shown < 0 ? out_->start_jss : out_->jss[static_cast<std::size_t>(shown)];
  streak_ = top_rated_on(d, jss, top.history_earned[index + 1]) ? streak_ + 1 : 0;
  if (streak_ >= scenario_->simulation.target.hold) {
    recovered_ = true;
    out_->recovery_slot = index + 1;
    if (strategy_->until_recovered) revert_to_pipeline();
  }
}

bool runner::top_rated_on(day d, jss_value jss, double history_earned) {
  const top_rated_frame& top = *plan_->top_rated();
  const model::top_rated_rule& rule = top.rule;
  const bool at_jss_now = jss != no_score && jss >= rule.min_jss;
  weeks_at_jss_.push_back(at_jss_now);
  const auto weeks = static_cast<std::ptrdiff_t>(
      std::min(weeks_at_jss_.size(), static_cast<std::size_t>(rule.weeks)));
  const auto at_jss = static_cast<int>(std::count(weeks_at_jss_.end() - weeks, weeks_at_jss_.end(), true));

  const model::date on = date_of(d);
  const auto through = static_cast<std::size_t>(d.value) + 1;
  while (paid_before_.size() <= through) {
    paid_before_.push_back(paid_before_.back() + paid_by_day_[paid_before_.size() - 1]);
  }
  // Payments dated in (on - 12 months, on]; days before today are the history's.
  const auto from = static_cast<std::size_t>(
      std::max<model::day_count>(0, on.sub_months(rule.earned_months) - today_ + 1));
  const double earned = history_earned + paid_before_[through] - paid_before_[std::min(from, through)];

  std::optional<model::date> first = top.first_start;
  if (!first && contracts_.size() > world_->history.size()) {
    first = contracts_[world_->history.size()].start;  // won jobs start in time order
  }
  const auto age = first ? std::optional<model::day_count>(on - *first) : std::nullopt;
  const bool met = rule.met(at_jss_now, at_jss, earned, age);
  if (met && trace_ != nullptr) {
    note(d, "top rated",
         fmt::format("{} of the last {} weeks at {} % or more, ${:.2f} earned in {} months, "
                     "first contract {} days ago",
                     at_jss, rule.weeks, rule.min_jss, earned, rule.earned_months, *age));
  }
  return met;
}

}  // namespace jssim::sim
