// SPDX-License-Identifier: MIT
// libFuzzer target for the contracts CSV reader (input/contracts_csv.hpp) and
// the estimates made from what it reads (model/estimate.hpp): any bytes must
// either be read or be refused with a model::input_error, and a sheet that is
// read must give estimates a scenario can hold. Anything else escaping, a
// crash, a hang, a sanitizer report or runaway memory is a finding
// (fuzz/README.md).
#include <cmath>    // std::abs
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <string_view>

#include "input/contracts_csv.hpp"
#include "model/assert.hpp"
#include "model/error.hpp"
#include "model/estimate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const jssim::model::date today = jssim::model::date::parse("2026-11-26").value();
  try {
    const jssim::input::contracts_sheet sheet =
        jssim::input::read_contracts_csv(text, "fuzz.csv", today);
    for (const auto& h : sheet.contracts) {
      JSSIM_ASSERT(!h.id.empty() && !h.client.empty(), "a contract read without id or client");
      JSSIM_ASSERT(h.started <= today, "a contract read that starts after today");
      JSSIM_ASSERT(h.earned <= 0 || h.last_paid.has_value(), "earned without last_paid");
    }
    const jssim::model::estimates e = jssim::model::estimate_pipeline(sheet.contracts, today, {});
    JSSIM_ASSERT(!e.jobs.empty() && !e.outcomes.empty(), "estimates without a job or a table");
    for (const auto& t : e.outcomes) {
      double sum = 0;
      for (const auto& r : t.table.rows) sum += r.p;
      JSSIM_ASSERT(std::abs(sum - 1) <= 1e-9, "an estimated table does not sum to 1");
    }
    for (const auto& j : e.jobs) {
      JSSIM_ASSERT(j.job.win_rate > 0 && j.job.win_rate <= 1, "a win rate outside (0, 1]");
    }
  } catch (const jssim::model::scenario_error& e) {
    JSSIM_ASSERT(!e.problems().empty(), "a scenario_error without problems");
  } catch (const jssim::model::input_error&) {
  }
  return 0;
}
