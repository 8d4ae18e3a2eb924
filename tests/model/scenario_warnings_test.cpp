// SPDX-License-Identifier: MIT
#include "model/scenario_warnings.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using jssim::model::looks_like_spreadsheet_value;

TEST_CASE("names a spreadsheet turns into a number, a date or a formula are found",
          "[model][scenario_warnings]") {
  // Each of these changed when LibreOffice Calc opened a CSV file holding it.
  for (const std::string_view name :
       {"Oct 1", "1/2", "50%", "007", "=1+1", "jan-12", "0042", "1,5", "1e5", "12:30", "+wins",
        "-wait", "@home", "2026-01-05", "3 March", "TRUE", "$100", "12.5"}) {
    INFO(name);
    CHECK(looks_like_spreadsheet_value(name) != nullptr);
  }
}

TEST_CASE("names a spreadsheet keeps as written are not flagged", "[model][scenario_warnings]") {
  for (const std::string_view name :
       {"wait", "quick wins", "close the dead contract", "Mayday", "Octopus 1", "plan B",
        "10x proposals", "take 2 jobs", "s1", "octane", "march on", "caf\xc3\xa9", ""}) {
    INFO(name);
    CHECK(looks_like_spreadsheet_value(name) == nullptr);
  }
}
