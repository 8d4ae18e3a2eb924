// SPDX-License-Identifier: MIT
#include "input/contracts_csv.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/error.hpp"

namespace {

using jssim::input::contracts_sheet;
using jssim::input::read_contracts_csv;
using jssim::model::date;
using jssim::model::diagnostic;
using jssim::model::scenario_error;

const date today = date::parse("2026-11-26").value();

contracts_sheet read(const std::string& text) { return read_contracts_csv(text, "c.csv", today); }

std::vector<diagnostic> problems_of(const std::string& text) {
  try {
    read(text);
  } catch (const scenario_error& e) {
    return e.problems();
  }
  FAIL("the sheet was read, but a problem was expected");
  return {};
}

std::string listing(const std::vector<diagnostic>& ps) {
  std::string out;
  for (const auto& p : ps) out += p.to_string() + "\n";
  return out;
}

const std::string plain =
    "id,client,type,started,ended,earned,first_paid,last_paid,stars,private,disputed,"
    "client_flagged,paused\n"
    "logo,acme,fixed,2026-05-25,2026-06-12,1500.5,,2026-06-12,4.5,10,,,\n"
    "voice,cove,hourly,2026-06-20,,1650,2026-06-27,2026-08-14,,,FALSE,false,TRUE\n";

}  // namespace

TEST_CASE("a plain comma-separated sheet reads every key of every contract",
          "[input][contracts_csv]") {
  const contracts_sheet s = read(plain);
  CHECK(s.separator == ',');
  CHECK(s.has_private_column);
  REQUIRE(s.contracts.size() == 2);
  const auto& logo = s.contracts[0];
  CHECK(logo.id == "logo");
  CHECK(logo.client == "acme");
  CHECK(logo.ended == date::parse("2026-06-12"));
  CHECK(logo.earned == 1500.5);
  CHECK(logo.first_paid == logo.last_paid);
  CHECK(logo.stars.given());
  CHECK(logo.stars.value == 4.5);
  CHECK(logo.private_rating.value == 10);
  CHECK(logo.line == 2);
  const auto& voice = s.contracts[1];
  CHECK(voice.type == jssim::model::contract_type::hourly);
  CHECK(voice.is_open());
  CHECK(voice.first_paid == date::parse("2026-06-27"));
  CHECK(voice.paused);
  CHECK_FALSE(voice.disputed);
  CHECK(voice.client_index == 1);
}

TEST_CASE("semicolons with decimal commas, CRLF and a byte-order mark read as the plain sheet",
          "[input][contracts_csv]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "id;client;type;started;ended;earned;first_paid;last_paid;stars;private;disputed;"
      "client_flagged;paused\r\n"
      "logo;acme;fixed;2026-05-25;2026-06-12;1500,5;;2026-06-12;4,5;10;;;\r\n"
      "voice;cove;hourly;2026-06-20;;1650;2026-06-27;2026-08-14;;;FALSE;false;TRUE\r\n";
  const contracts_sheet s = read(text);
  CHECK(s.separator == ';');
  REQUIRE(s.contracts.size() == 2);
  CHECK(s.contracts[0].earned == 1500.5);
  CHECK(s.contracts[0].stars.value == 4.5);
  CHECK(s.contracts[1].paused);
}

TEST_CASE("headers in any case, order and spacing, and quoted fields with separators and quotes",
          "[input][contracts_csv]") {
  const std::string text =
      " STARTED ,Client,  Id\n"
      "2026-05-25,\"Acme, \"\"the\"\" caf\xC3\xA9\",\"logo; v2\"\n";
  const contracts_sheet s = read(text);
  REQUIRE(s.contracts.size() == 1);
  CHECK(s.contracts[0].id == "logo; v2");
  CHECK(s.contracts[0].client == "Acme, \"the\" caf\xC3\xA9");
  CHECK_FALSE(s.has_private_column);
}

TEST_CASE("without a private column an ended contract with stars gets private unknown",
          "[input][contracts_csv]") {
  const contracts_sheet s = read(
      "id,client,started,ended,stars\n"
      "a,x,2026-01-05,2026-01-20,5.0\n"
      "b,y,2026-02-05,2026-02-20,\n");
  CHECK(s.contracts[0].private_rating.unknown());
  CHECK(s.contracts[1].private_rating.state == jssim::model::rating::kind::none);
}

TEST_CASE("an empty private cell in a private column means no private rating, and `unknown` "
          "is read in any case",
          "[input][contracts_csv]") {
  const contracts_sheet s = read(
      "id,client,started,ended,stars,private\n"
      "a,x,2026-01-05,2026-01-20,5.0,\n"
      "b,y,2026-02-05,2026-02-20,Unknown,UNKNOWN\n");
  CHECK(s.contracts[0].private_rating.state == jssim::model::rating::kind::none);
  CHECK(s.contracts[1].stars.unknown());
  CHECK(s.contracts[1].private_rating.unknown());
}

TEST_CASE("empty rows a spreadsheet leaves at the end are skipped", "[input][contracts_csv]") {
  const contracts_sheet s = read("id,client,started\na,x,2026-01-05\n,,\n , ,\n\n");
  CHECK(s.contracts.size() == 1);
}

TEST_CASE("every problem of a sheet is reported at once with its line, column and key",
          "[input][contracts_csv]") {
  const auto ps = problems_of(
      "id,client,started,ended,earned,last_paid,stras\n"
      "a,x,03/11/2026,,-5,,\n"
      "a,y,2026-01-05,2026-01-04,,,\n");
  INFO(listing(ps));
  REQUIRE(ps.size() == 5);
  CHECK(ps[0].to_string().starts_with("c.csv:1:42: stras: unknown column"));
  CHECK(ps[0].message.find("did you mean `stars`?") != std::string::npos);
  CHECK(ps[1].to_string().starts_with("c.csv:2:5: started: expected a date as YYYY-MM-DD, got "
                                      "`03/11/2026`"));
  CHECK(ps[1].message.find("Format > Cells") != std::string::npos);
  CHECK(ps[2].to_string().starts_with("c.csv:2:17: earned: expected an amount in USD"));
  CHECK(ps[3].to_string().starts_with("c.csv:3:1: id: id `a` is already used on line 2"));
  CHECK(ps[4].to_string().starts_with("c.csv:3:16: ended: expected a date on or after started"));
}

TEST_CASE("columns count characters, not bytes, so an accent does not shift them",
          "[input][contracts_csv]") {
  const auto ps = problems_of("id,client,started\ncaf\xC3\xA9,x,2026-13-01\n");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].where.line == 2);
  CHECK(ps[0].where.column == 8);
}

TEST_CASE("a line break inside quotes continues the record, and its line is the record's",
          "[input][contracts_csv]") {
  const auto ps = problems_of("id,client,started\n\"a\nb\",x,2026-01-05\nc,y,bad\n");
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].to_string().starts_with("c.csv:2:1: id: expected a name that shows"));
  CHECK(ps[1].where.line == 4);
}

TEST_CASE("the required columns are named when missing", "[input][contracts_csv]") {
  const auto ps = problems_of("id,ended\na,2026-01-01\n");
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].to_string() ==
        "c.csv:1:1: client: missing column; expected a column `client` (the client's name; "
        "repeat contracts share it) in the header row");
  CHECK(ps[1].where.key == "started");
}

TEST_CASE("more than the listed problems are counted in a last line", "[input][contracts_csv]") {
  std::string text = "id,client,started\n";
  for (int i = 0; i < 150; ++i) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on `"a" + s`.
    text += 'a';
    text += std::to_string(i);
    text += ",x,bad\n";
  }
  const auto ps = problems_of(text);
  REQUIRE(ps.size() == 101);
  CHECK(ps.back().message == "50 more problems not shown; fix these first");
}

TEST_CASE("booleans are read in the spellings spreadsheets write", "[input][contracts_csv]") {
  for (const char* yes : {"TRUE", "true", "True", "1", "WAHR", "vrai"}) {
    std::string text = "id,client,started,paused\na,x,2026-01-05,";
    text += yes;
    text += '\n';
    const auto s = read(text);
    CHECK(s.contracts[0].paused);
  }
  const auto ps = problems_of("id,client,started,paused\na,x,2026-01-05,yes\n");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].message == "expected TRUE or FALSE (any case), got `yes`");
}

TEST_CASE("a date after today is refused, with the advice to give --today",
          "[input][contracts_csv]") {
  const auto ps = problems_of("id,client,started\na,x,2026-11-27\n");
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].message.find("after today (2026-11-26)") != std::string::npos);
}

TEST_CASE("the ISO advice is given for dates written the local way and not for words",
          "[input][contracts_csv]") {
  CHECK_FALSE(jssim::input::iso_date_advice("03/11/2026").empty());
  CHECK_FALSE(jssim::input::iso_date_advice("11.03.2026").empty());
  CHECK(jssim::input::iso_date_advice("yesterday").empty());
}

TEST_CASE("NUL bytes and invalid UTF-8 are refused with their line and column before parsing",
          "[input][contracts_csv]") {
  const char raw[] = "id,client,started\na,x\0y,2026-01-05\nb,\xFF,x\n";
  const auto ps = problems_of(std::string(raw, sizeof raw - 1));
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].to_string() == "c.csv:2:4: a NUL byte; a CSV is text (is this a spreadsheet file "
                             "saved as .csv? save it as Text CSV, UTF-8)");
  CHECK(ps[1].where.line == 3);
  CHECK(ps[1].where.column == 3);
}

TEST_CASE("an empty file is refused", "[input][contracts_csv]") {
  CHECK(problems_of("").front().message.starts_with("the file is empty"));
  CHECK(problems_of("\xEF\xBB\xBF").front().message.starts_with("the file is empty"));
}

TEST_CASE("the advice on ISO dates is given once, and later dates point to it",
          "[input][contracts_csv]") {
  const auto ps = problems_of("id,client,started,ended\na,x,5/25/26,6/12/26\n");
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].message.find("Format > Cells") != std::string::npos);
  CHECK(ps[1].message ==
        "expected a date as YYYY-MM-DD, got `6/12/26`; line 2 says how to make the spreadsheet "
        "write ISO dates");
}
