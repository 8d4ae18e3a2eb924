// SPDX-License-Identifier: MIT
// Tests of analysis/manifest: JSON strings, UTC times and the manifest's shape.
#include "analysis/manifest.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

using jssim::analysis::iso8601_utc;
using jssim::analysis::json_string;

TEST_CASE("JSON strings escape quotes, backslashes and control characters",
          "[analysis][manifest]") {
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_string("C:\\out\\x") == "\"C:\\\\out\\\\x\"");
  CHECK(json_string("a\nb\tc\rd\be\ff") == "\"a\\nb\\tc\\rd\\be\\ff\"");
  CHECK(json_string(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_string("\x1f\x7f") == "\"\\u001f\x7f\"");
  CHECK(json_string("/") == "\"/\"");
}

TEST_CASE("JSON strings keep UTF-8 and replace bytes that are not UTF-8", "[analysis][manifest]") {
  CHECK(json_string("Katarina \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"Katarina \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK(json_string("a\xff" "b") == "\"a\\ufffdb\"");
  CHECK(json_string("\xc3") == "\"\\ufffd\"");                 // cut short
  CHECK(json_string("\xc0\xaf") == "\"\\ufffd\\ufffd\"");      // overlong
  CHECK(json_string("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate
  CHECK(json_string("\xf4\x90\x80\x80") == "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // > U+10FFFF
}

TEST_CASE("times are written in UTC to the second", "[analysis][manifest]") {
  using namespace std::chrono;
  CHECK(iso8601_utc(system_clock::time_point{}) == "1970-01-01T00:00:00Z");
  const auto t = sys_days{year{2026} / November / 26} + hours{9} + minutes{5} + seconds{7} +
                 milliseconds{999};
  CHECK(iso8601_utc(time_point_cast<system_clock::duration>(t)) == "2026-11-26T09:05:07Z");
  CHECK(iso8601_utc(sys_days{year{2028} / February / 29}) == "2028-02-29T00:00:00Z");
}

TEST_CASE("the manifest lists every field in a fixed order", "[analysis][manifest]") {
  using namespace std::chrono;
  jssim::analysis::run_manifest m;
  m.jssim_version = "0.1.0";
  m.scenario_path = "scenarios/seed-story.yaml";
  m.scenario_sha256 = std::string(64, 'a');
  m.seed = 7;
  m.runs = 4000;
  m.threads = 2;
  m.started = sys_days{year{2026} / November / 26};
  m.finished = m.started + seconds{3};
  m.command_line = {"jssim", "run", "scenarios/seed-story.yaml", "--out", "my \"out\""};
  m.precision = jssim::analysis::manifest_precision{0.005, 1000000, true, "p_same of b vs a", 0.0049};
  m.files = {"summary.csv", "curve.csv"};
  std::ostringstream out;
  write_manifest_json(out, m);
  CHECK(out.str() ==
        "{\n"
        "  \"jssim_version\": \"0.1.0\",\n"
        "  \"scenario\": {\"path\": \"scenarios/seed-story.yaml\", \"sha256\": \"" +
            std::string(64, 'a') +
            "\"},\n"
            "  \"seed\": 7,\n"
            "  \"runs\": 4000,\n"
            "  \"threads\": 2,\n"
            "  \"started_at\": \"2026-11-26T00:00:00Z\",\n"
            "  \"finished_at\": \"2026-11-26T00:00:03Z\",\n"
            "  \"command_line\": [\"jssim\", \"run\", \"scenarios/seed-story.yaml\", \"--out\", "
            "\"my \\\"out\\\"\"],\n"
            "  \"precision\": {\"half_width\": 0.005, \"max_runs\": 1000000, \"reached\": true, "
            "\"widest\": \"p_same of b vs a\", \"widest_half_width\": 0.0049},\n"
            "  \"files\": [\"summary.csv\", \"curve.csv\"]\n"
            "}\n");
  m.precision.reset();
  std::ostringstream without;
  write_manifest_json(without, m);
  CHECK_THAT(without.str(), Catch::Contains("  \"precision\": null,\n"));
}
