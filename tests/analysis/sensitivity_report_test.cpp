// SPDX-License-Identifier: MIT
// Tests of analysis/sensitivity_report's chart: tornado.svg with long
// unlabelled paths keeps every label whole or in its tooltip, and no two
// texts overlap; the swing intervals are drawn.
#include "analysis/sensitivity_report.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "analysis/charts.hpp"  // xml_escape
#include "analysis/svg_geometry.hpp"

using namespace jssim::analysis;
using jssim::model::sensitivity_outcome;

namespace {

/// A study of `paths` (no labels), the first with the largest swing.
study_result study_of(const std::vector<std::string>& paths, sensitivity_outcome outcome) {
  study_result r;
  r.spec.outcome = outcome;
  r.spec.runs = 200;
  r.strategy = "wait";
  const bool share = outcome == sensitivity_outcome::p_recovered_6m;
  r.base_outcome = share ? 0.8 : 120;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    jssim::model::sensitivity_parameter p;
    p.path = paths[i];
    p.low = 1;
    p.high = 2;
    r.spec.parameters.push_back(p);
    parameter_effect e;
    e.parameter = i;
    const double scale = share ? 0.01 : 3.0;
    const double swing = scale * (static_cast<double>(paths.size() - i) * 4 - 6);
    e.outcome_low = r.base_outcome - swing / 2;
    e.outcome_high = r.base_outcome + swing / 2;
    e.swing = swing;
    e.swing_ci = {swing - 1.5 * scale, swing + 1.5 * scale};
    e.tier = i + 1;
    r.effects.push_back(e);
  }
  return r;
}

}  // namespace

TEST_CASE("tornado.svg with long unlabelled paths keeps every label whole or in a tooltip, none overlapping",
          "[analysis][sensitivity_report]") {
  const std::vector<std::string> paths{
      "pipeline.proposals_per_week",
      "pipeline.jobs[quick fixed].win_rate",
      "history[audiobook-intro-for-the-publisher-of-the-northern-lights-series].future.ghost",
      "pipeline.jobs[hourly project with a very long name that goes on and on].close_delay_days",
      "strategies[quick wins with a stale close after 30 days].proposals_per_week",
      "pipeline.outcomes.good[0].p",
      "aVeryLongPathWithoutAnyPlaceToBreakItAtAllWhichMustStillBeShownSomehowOrOtherInTheChart."
      "andThenSomeMoreOfItToMakeItLongerThanThreeLinesOfTheLabelColumnCanHold."
      "andEvenMoreSoThatItIsAbbreviated"};
  for (const auto outcome : {sensitivity_outcome::p_recovered_6m, sensitivity_outcome::median_days}) {
    const study_result r = study_of(paths, outcome);
    const std::string svg = tornado_svg(r, "Katarina");
    const auto boxes = jssim::test::check_text_layout(svg, 900);

    // Each path: its label lines, joined, are the path (wrapped, not cut),
    // or end in an ellipsis with the path in the row's tooltip and a note.
    // Lines broken at a space lose it: spaces do not count.
    const auto no_spaces = [](std::string text) {
      std::erase(text, ' ');
      return text;
    };
    std::vector<std::string> labels;
    std::string current;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].cls == "label") current += boxes[i].content;
      if (boxes[i].cls == "range") {
        labels.push_back(current);
        current.clear();
      }
    }
    REQUIRE(labels.size() == paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const std::string& path = r.spec.parameters[r.by_swing()[i].parameter].path;
      INFO(path << " shown as " << labels[i]);
      CHECK(svg.find("<title>" + xml_escape(path) + "</title>") != std::string::npos);
      if (no_spaces(labels[i]) != no_spaces(path)) {
        CHECK(labels[i].ends_with("\u2026"));
        CHECK(no_spaces(path).starts_with(no_spaces(labels[i].substr(0, labels[i].size() - 3))));
        CHECK(svg.find("shortened to fit; its full path is in its tooltip") != std::string::npos);
      }
    }
    // Only the path with no place to break, and too long for three lines, is shortened.
    std::size_t shortened = 0;
    for (const std::string& l : labels) shortened += l.ends_with("\u2026") ? 1U : 0U;
    CHECK(shortened == 1);
  }
}

TEST_CASE("tornado.svg draws each swing with its 95 % interval, hollow where it holds 0",
          "[analysis][sensitivity_report]") {
  study_result r = study_of({"a.b", "c.d", "e.f"}, sensitivity_outcome::p_recovered_6m);
  r.effects[2].swing_ci = {-0.01, 0.02};  // no effect seen
  const std::string svg = tornado_svg(r, "Katarina");
  CHECK(std::regex_search(svg, std::regex("class=\"interval\"")));
  const std::regex interval(R"(<path class="interval" d="M([-0-9.]+) [-0-9.]+V[-0-9.]+M[-0-9.]+ [-0-9.]+H([-0-9.]+))");
  std::vector<std::pair<double, double>> ends;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), interval); it != std::sregex_iterator(); ++it) {
    ends.emplace_back(std::stod((*it)[1].str()), std::stod((*it)[2].str()));
  }
  REQUIRE(ends.size() == 3);
  const std::regex zero(R"re(<line class="zero" x1="([-0-9.]+)")re");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, zero));
  const double x0 = std::stod(m[1].str());
  // Largest swing first: the first two exclude 0, the last holds it.
  CHECK(ends[0].first > x0);
  CHECK(ends[1].first > x0);
  CHECK(ends[2].first < x0);
  CHECK(ends[2].second > x0);
  for (const auto& [lo, hi] : ends) CHECK(lo < hi);
  CHECK(std::regex_search(svg, std::regex("class=\"swing-dot\"[^>]*fill=\"#ffffff\"")));
}
