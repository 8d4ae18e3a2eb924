// SPDX-License-Identifier: MIT
#include "model/date.hpp"

#include <catch2/catch.hpp>

using jssim::model::date;

namespace {
date d(const char* text) { return date::parse(text).value(); }
}  // namespace

TEST_CASE("a month is subtracted with clamping to the shorter month", "[model][date]") {
  CHECK(d("2026-08-31").sub_months(6).to_string() == "2026-02-28");
  CHECK(d("2024-08-31").sub_months(6).to_string() == "2024-02-29");
  CHECK(d("2026-03-31").sub_months(1).to_string() == "2026-02-28");
  CHECK(d("2026-01-15").sub_months(24).to_string() == "2024-01-15");
  CHECK(d("2026-01-31").add_months(1).to_string() == "2026-02-28");
  CHECK(d("2025-11-30").add_months(3).to_string() == "2026-02-28");
}
