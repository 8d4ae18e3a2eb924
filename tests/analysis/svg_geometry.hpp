// SPDX-License-Identifier: MIT
// The text of an SVG chart as boxes, from its own coordinates: where each
// <text> starts, its font size (its own, or inherited from a <g> or the
// <svg>), its anchor, and a width from analysis::text_width. Lets tests
// check that no two labels overlap and that none runs off the canvas
// (check_text_layout, the three assertions every chart test makes).
#pragma once

#include <catch2/catch.hpp>
#include <algorithm>  // std::min, std::max
#include <cstddef>  // std::size_t
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "analysis/charts.hpp"  // text_width

namespace jssim::test {

/// One <text> element and the box it covers.
struct text_box {
  std::string content;  ///< unescaped
  double left = 0;
  double right = 0;
  double top = 0;
  double bottom = 0;
  std::string cls;  ///< its class attribute, if any
};

inline std::optional<std::string> attribute(const std::string& attributes, const std::string& name) {
  const std::regex re("(^|\\s)" + name + "=\"([^\"]*)\"");
  std::smatch m;
  if (!std::regex_search(attributes, m, re)) return std::nullopt;
  return m[2].str();
}

inline std::string unescape(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, std::string(from).size(), to);
    }
  }
  return text;
}

/// Every <text> of `svg` not drawn under a transform, as a box: 0.8 of the
/// font size above the baseline, 0.25 below, as wide as text_width says
/// (a tenth more in bold).
inline std::vector<text_box> text_boxes(const std::string& svg) {
  std::vector<text_box> boxes;
  std::vector<std::pair<double, bool>> fonts{{12.0, false}};  // size, bold
  const std::regex tag(R"(<(/?)([A-Za-z]+)([^>]*?)(/?)>)");
  auto it = std::sregex_iterator(svg.begin(), svg.end(), tag);
  for (; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const std::string name = m[2].str();
    const std::string attributes = m[3].str();
    const bool closing = m[1].length() > 0;
    const bool self_closing = m[4].length() > 0;
    if (name == "g" || name == "svg") {
      if (closing) {
        if (fonts.size() > 1) fonts.pop_back();
      } else if (!self_closing) {
        auto f = fonts.back();
        if (const auto size = attribute(attributes, "font-size")) f.first = std::stod(*size);
        if (const auto weight = attribute(attributes, "font-weight")) f.second = *weight == "bold";
        fonts.push_back(f);
      }
      continue;
    }
    if (name != "text" || closing) continue;
    if (attribute(attributes, "transform")) continue;
    const std::size_t start = static_cast<std::size_t>(m.position(0) + m.length(0));
    const std::size_t end = svg.find("</text>", start);
    text_box b;
    b.content = unescape(svg.substr(start, end - start));
    double size = fonts.back().first;
    bool bold = fonts.back().second;
    if (const auto s = attribute(attributes, "font-size")) size = std::stod(*s);
    if (const auto w = attribute(attributes, "font-weight")) bold = *w == "bold";
    const double x = std::stod(attribute(attributes, "x").value_or("0"));
    const double y = std::stod(attribute(attributes, "y").value_or("0"));
    const double width = analysis::text_width(b.content, size) * (bold ? 1.1 : 1.0);
    const std::string anchor = attribute(attributes, "text-anchor").value_or("start");
    b.left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x;
    b.right = b.left + width;
    b.top = y - 0.8 * size;
    b.bottom = y + 0.25 * size;
    b.cls = attribute(attributes, "class").value_or("");
    boxes.push_back(std::move(b));
  }
  return boxes;
}

/// "a" and "b" for each two boxes that overlap by more than half a pixel
/// both ways.
inline std::vector<std::string> overlaps(const std::vector<text_box>& boxes) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const text_box& a = boxes[i];
      const text_box& b = boxes[j];
      const double w = std::min(a.right, b.right) - std::max(a.left, b.left);
      const double h = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
      if (w > 0.5 && h > 0.5) found.push_back("'" + a.content + "' and '" + b.content + "'");
    }
  }
  return found;
}

/// The boxes that leave the canvas `width` x `height`.
inline std::vector<std::string> outside(const std::vector<text_box>& boxes, double width,
                                        double height) {
  std::vector<std::string> found;
  for (const text_box& b : boxes) {
    if (b.left < 0 || b.right > width || b.top < 0 || b.bottom > height) found.push_back(b.content);
  }
  return found;
}

/// The width and height of the svg's viewBox.
inline std::pair<double, double> canvas(const std::string& svg) {
  const std::regex re("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
  std::smatch m;
  if (!std::regex_search(svg, m, re)) return {0, 0};
  return {std::stod(m[1].str()), std::stod(m[2].str())};
}

/// The layout every chart must have, as Catch2 assertions: its canvas is
/// `expected_width` wide (REQUIRE: nothing else can be measured otherwise),
/// no two of its texts overlap, and none leaves the canvas; the offending
/// texts are captured. Returns the boxes for the test's own checks.
///
///     const auto boxes = jssim::test::check_text_layout(tornado_svg(r, "Katarina"), 900);
inline std::vector<text_box> check_text_layout(const std::string& svg, double expected_width) {
  const auto [width, height] = canvas(svg);
  REQUIRE(width == expected_width);
  std::vector<text_box> boxes = text_boxes(svg);
  const auto overlapping = overlaps(boxes);
  CAPTURE(overlapping);
  CHECK(overlapping.empty());
  const auto out = outside(boxes, width, height);
  CAPTURE(out);
  CHECK(out.empty());
  return boxes;
}

}  // namespace jssim::test
