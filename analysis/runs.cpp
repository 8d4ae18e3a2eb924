// SPDX-License-Identifier: MIT
#include "analysis/runs.hpp"

#include "analysis/csv.hpp"
#include "model/assert.hpp"

namespace jssim::analysis {

void write_runs_csv(std::ostream& out, const totals& t) {
  const sim::run_plan& plan = t.plan();
  const model::scenario& sc = plan.scenario();
  JSSIM_ASSERT(t.records().size() == sc.strategies.size(), "runs.csv needs totals with keep_runs");
  csv_writer csv(out);
  csv.write_row({"strategy", "run", "recovered", "recovery_date", "days", "jobs_won",
                 "earned_usd", "final_jss"});
  for (std::size_t s = 0; s < t.records().size(); ++s) {
    for (const auto& [run, r] : t.records()[s]) {
      const model::day_count days = plan.slot_days(r.recovery_slot);
      const bool recovered = days >= 0;
      csv.field(sc.strategies[s].name)
          .field(format_int(run))
          .field(recovered ? "true" : "false")
          .field(recovered ? (sc.today + days).to_string() : std::string())
          .field(recovered ? format_int(days) : std::string())
          .field(format_int(r.jobs_won))
          .field(format_fixed(r.earned_usd, 2))
          .field(r.final_jss == sim::no_score ? std::string() : format_int(r.final_jss));
      csv.end_row();
    }
  }
}

}  // namespace jssim::analysis
