// SPDX-License-Identifier: MIT
#include "model/contract.hpp"

#include <catch2/catch.hpp>

using jssim::model::as_of;
using jssim::model::contract;
using jssim::model::date;
using jssim::model::date_max;

namespace {

date d(const char* text) { return date::parse(text).value(); }

/// A fixed contract paid in full at its end, rated 5 stars and 10 in private.
contract finished(const char* start, const char* end, double earned) {
  contract c;
  c.client = 1;
  c.start = d(start);
  c.end = d(end);
  c.earned = earned;
  c.first_paid = c.end;
  c.last_paid = c.end;
  c.stars = 5.0;
  c.private_rating = 10;
  return c;
}

/// An hourly contract paid from `first` to `last`, ended on `end`.
contract hourly(const char* start, const char* first, const char* last, const char* end,
                double earned) {
  contract c = finished(start, end, earned);
  c.first_paid = d(first);
  c.last_paid = d(last);
  return c;
}

}  // namespace

TEST_CASE("a contract derives its last activity and payment span", "[model][contract]") {
  contract c;
  c.start = d("2026-03-01");
  CHECK(c.is_open());
  CHECK_FALSE(c.paid());
  CHECK(c.last_activity() == d("2026-03-01"));  // never paid: the start
  CHECK(c.span_days() == 0);
  c.pay(0, d("2026-03-05"));  // a zero payment is no payment
  CHECK_FALSE(c.paid());
  c.pay(100, d("2026-03-08"));
  c.pay(150, d("2026-06-06"));
  CHECK(c.earned == 250);
  CHECK(c.first_paid == d("2026-03-08"));
  CHECK(c.last_paid == d("2026-06-06"));
  CHECK(c.last_activity() == d("2026-06-06"));
  CHECK(c.span_days() == 90);  // 23 + 30 + 31 + 6 days from 03-08 to 06-06
  CHECK_FALSE(c.has_stars());
  CHECK_FALSE(c.has_private());
}

TEST_CASE("a contract that starts after the day does not exist yet", "[model][contract]") {
  const contract c = finished("2026-06-02", "2026-06-20", 500);
  CHECK_FALSE(as_of(c, d("2026-06-01")));
  REQUIRE(as_of(c, d("2026-06-02")));  // the start day itself: it exists, open and unpaid
  const contract seen = *as_of(c, d("2026-06-02"));
  CHECK(seen.is_open());
  CHECK_FALSE(seen.paid());
}

TEST_CASE("an end after the day has not happened, and takes its feedback with it",
          "[model][contract]") {
  const contract c = finished("2026-06-01", "2026-06-20", 500);
  const contract before = as_of(c, d("2026-06-19")).value();
  CHECK(before.is_open());
  CHECK(before.end == date_max);
  CHECK_FALSE(before.has_stars());
  CHECK_FALSE(before.has_private());

  const contract on_end = as_of(c, d("2026-06-20")).value();
  CHECK_FALSE(on_end.is_open());
  CHECK(on_end.end == d("2026-06-20"));
  CHECK(on_end.stars == 5.0);
  CHECK(on_end.private_rating == 10);
}

TEST_CASE("disputes and flagged clients are undated and hold on every day",
          "[model][contract]") {
  contract c = finished("2026-06-01", "2026-06-20", 500);
  c.disputed = true;
  c.client_flagged = true;
  const contract seen = as_of(c, d("2026-06-05")).value();
  CHECK(seen.disputed);
  CHECK(seen.client_flagged);
}

TEST_CASE("before the first payment a contract is unpaid", "[model][contract]") {
  const contract c = hourly("2026-03-01", "2026-03-08", "2026-06-06", "2026-06-10", 1300);
  const contract seen = as_of(c, d("2026-03-07")).value();
  CHECK_FALSE(seen.paid());
  CHECK(seen.earned == 0);
  CHECK(seen.span_days() == 0);
  CHECK(seen.last_activity() == d("2026-03-01"));  // the start
}

TEST_CASE("payments are spread evenly between the first and the last", "[model][contract]") {
  // 10 payment days from 03-01 to 03-10.
  const contract c = hourly("2026-03-01", "2026-03-01", "2026-03-10", "2026-03-12", 1000);

  SECTION("on the first payment day, one day's share") {
    const contract seen = as_of(c, d("2026-03-01")).value();
    CHECK(seen.earned == Approx(100).margin(1e-9));  // 1000 * (0 + 1) / (9 + 1)
    CHECK(seen.first_paid == d("2026-03-01"));
    CHECK(seen.last_paid == d("2026-03-01"));
    CHECK(seen.span_days() == 0);
  }
  SECTION("in between, last_paid becomes the day") {
    const contract seen = as_of(c, d("2026-03-04")).value();
    CHECK(seen.earned == Approx(400).margin(1e-9));  // 1000 * (3 + 1) / (9 + 1)
    CHECK(seen.first_paid == d("2026-03-01"));
    CHECK(seen.last_paid == d("2026-03-04"));
    CHECK(seen.span_days() == 3);
    CHECK(seen.is_open());
  }
  SECTION("on the last payment day and after, everything") {
    for (const char* t : {"2026-03-10", "2026-03-11", "2026-03-12", "2027-01-01"}) {
      const contract seen = as_of(c, d(t)).value();
      CHECK(seen.earned == 1000);
      CHECK(seen.last_paid == d("2026-03-10"));
    }
    CHECK(as_of(c, d("2026-03-11"))->is_open());
    CHECK_FALSE(as_of(c, d("2026-03-12"))->is_open());
  }
}

TEST_CASE("a share of a spread payment can land exactly on a tier limit", "[model][contract]") {
  // 750 over 3 days: one day is 750 * 1 / 3 = 250, exactly, not 249.99... or 250.00...1.
  const contract c = hourly("2026-03-01", "2026-03-01", "2026-03-03", "2026-03-03", 750);
  CHECK(as_of(c, d("2026-03-01"))->earned == 250);
  CHECK(as_of(c, d("2026-03-02"))->earned == 500);
  // A long hourly contract: 91 days of 364 paid, 2912 * 91 / 364 = 728.
  const contract h = hourly("2025-01-01", "2025-01-01", "2025-12-30", "2025-12-30", 2912);
  CHECK(as_of(h, d("2025-04-01"))->earned == 728);
  CHECK(as_of(h, d("2025-04-01"))->span_days() == 90);
}

TEST_CASE("a single payment is all or nothing", "[model][contract]") {
  const contract c = finished("2026-06-01", "2026-06-20", 1500);
  CHECK(as_of(c, d("2026-06-19"))->earned == 0);
  CHECK(as_of(c, d("2026-06-20"))->earned == 1500);
}

TEST_CASE("a day after every fact changes nothing", "[model][contract]") {
  contract c = hourly("2026-03-01", "2026-03-08", "2026-06-06", "2026-06-10", 1300);
  c.disputed = true;
  const contract seen = as_of(c, d("2026-11-26")).value();
  CHECK(seen.start == c.start);
  CHECK(seen.end == c.end);
  CHECK(seen.earned == c.earned);
  CHECK(seen.first_paid == c.first_paid);
  CHECK(seen.last_paid == c.last_paid);
  CHECK(seen.stars == c.stars);
  CHECK(seen.private_rating == c.private_rating);
  CHECK(seen.disputed);
}
