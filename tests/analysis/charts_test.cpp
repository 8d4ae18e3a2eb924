// SPDX-License-Identifier: MIT
// Tests of analysis/charts: well-formed, escaped, deterministic SVG with the
// ticks, legend and target where they belong.
#include "analysis/charts.hpp"
#include "analysis/svg_geometry.hpp"

#include <catch2/catch.hpp>
#include <algorithm>  // std::max, std::min
#include <cmath>
#include <cstdlib>  // std::system, std::getenv
#include <filesystem>
#include <fstream>
#include <locale>
#include <optional>
#include <regex>
#include <string>
#include <vector>

using jssim::analysis::chart_context;
using jssim::analysis::curve_row;
using jssim::analysis::date_ticks;
using jssim::analysis::jss_svg;
using jssim::analysis::recovery_svg;
using jssim::analysis::xml_escape;
using jssim::model::date;

namespace {

date d(const char* iso) { return date::parse(iso).value(); }

/// A scenario of `strategies` from 2026-01-15 over 24 months.
chart_context context(std::vector<std::string> strategies) {
  chart_context c;
  c.title = "Back to 90";
  c.today = d("2026-01-15");
  c.horizon = c.today.add_months(24);
  c.strategies = std::move(strategies);
  return c;
}

/// Plausible rows: every 14 days after today, recovery rising towards
/// `ceiling`, JSS quantiles rising from 70 towards 95.
std::vector<curve_row> rows_for(const chart_context& c, double ceiling) {
  std::vector<curve_row> rows;
  for (std::size_t s = 0; s < c.strategies.size(); ++s) {
    const double rate = 0.004 * static_cast<double>(s + 1);
    for (date on = c.today + 14; on <= c.horizon; on += 14) {
      curve_row r;
      r.strategy = c.strategies[s];
      r.on = on;
      r.days = on - c.today;
      const double t = static_cast<double>(r.days);
      r.p_recovered = ceiling * (1 - std::exp(-rate * t));
      r.p_recovered_ci = {std::max(0.0, r.p_recovered - 0.03), std::min(1.0, r.p_recovered + 0.03)};
      const int median = 70 + static_cast<int>(std::lround(25 * (1 - std::exp(-rate * t))));
      r.jss_p10 = median - 8;
      r.jss_p50 = median;
      r.jss_p90 = std::min(100, median + 5);
      rows.push_back(r);
    }
  }
  return rows;
}

/// Whether `svg` is well-formed XML as far as a small stack parser can tell:
/// every tag closed in order, attributes quoted, no raw `<` or stray `&` in
/// text. Returns what is wrong, or nothing.
std::optional<std::string> xml_problem(const std::string& svg) {
  std::vector<std::string> open;
  std::size_t i = 0;
  bool root_seen = false;
  const auto bad_text = [](const std::string& text) -> std::optional<std::string> {
    static const std::regex entity("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k] == '<') return "a raw < in text";
      if (text[k] == '&' && !std::regex_search(text.substr(k, 12), entity)) {
        return "a stray & in: " + text;
      }
    }
    return std::nullopt;
  };
  while (i < svg.size()) {
    const std::size_t lt = svg.find('<', i);
    const std::string between = svg.substr(i, lt == std::string::npos ? std::string::npos : lt - i);
    if (auto problem = bad_text(between)) return problem;
    if (open.empty() && root_seen && between.find_first_not_of(" \n") != std::string::npos) {
      return "text after the root element";
    }
    if (lt == std::string::npos) break;
    if (svg.compare(lt, 5, "<?xml") == 0) {
      if (lt != 0) return "an XML declaration not at the start";
      i = svg.find("?>", lt) + 2;
      continue;
    }
    if (svg.compare(lt, 4, "<!--") == 0) {
      i = svg.find("-->", lt) + 3;
      continue;
    }
    const std::size_t gt = svg.find('>', lt);
    if (gt == std::string::npos) return "an unclosed tag";
    std::string tag = svg.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.starts_with('/')) {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) return "a mismatched </" + name + ">";
      open.pop_back();
      continue;
    }
    const bool self_closing = tag.ends_with('/');
    if (self_closing) tag.pop_back();
    static const std::regex element(
        R"(^([A-Za-z][A-Za-z0-9_:-]*)(\s+[A-Za-z_:][A-Za-z0-9_:.-]*="[^"<]*")*\s*$)");
    std::smatch m;
    if (!std::regex_match(tag, m, element)) return "a malformed tag <" + tag + ">";
    if (auto problem = bad_text(tag)) return problem;
    if (open.empty() && root_seen) return "a second root element";
    root_seen = true;
    if (!self_closing) open.push_back(m[1].str());
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  if (!root_seen) return "no root element";
  return std::nullopt;
}

/// Checks `svg` with the stack parser, and with xmllint when it is installed.
void check_well_formed(const std::string& svg, const std::string& name) {
  const auto problem = xml_problem(svg);
  INFO(name << ": " << problem.value_or("fine"));
  CHECK_FALSE(problem.has_value());
  if (std::system("command -v xmllint > /dev/null 2>&1") != 0) return;  // optional
  const char* tmp = std::getenv("JSSIM_TEST_TMP");
  const std::filesystem::path dir =
      tmp ? std::filesystem::path(tmp) : std::filesystem::temp_directory_path();
  std::filesystem::create_directories(dir);
  const std::filesystem::path file = dir / ("charts_test_" + name + ".svg");
  std::ofstream(file, std::ios::binary) << svg;
  const std::string command = "xmllint --noout '" + file.string() + "' 2>&1";
  CHECK(std::system(command.c_str()) == 0);
  std::filesystem::remove(file);
}

/// The contents of every element with class `cls`, in document order.
std::vector<std::string> texts_of_class(const std::string& svg, const std::string& cls) {
  const std::regex re("<text[^>]*class=\"" + cls + "\"[^>]*>([^<]*)</text>");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

/// The y1 of every <line> with class `cls`, in document order.
std::vector<double> line_ys(const std::string& svg, const std::string& cls) {
  const std::regex re("<line class=\"" + cls + "\"[^>]* y1=\"([-0-9.]+)\"");
  std::vector<double> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stod((*it)[1].str()));
  }
  return out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

/// A German-style numeric punctuation: ',' decimals, '.' thousands.
class comma_decimals : public std::numpunct<char> {
 protected:
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

}  // namespace

TEST_CASE("a recovery chart of three strategies is well-formed XML with one legend entry each",
          "[analysis][charts]") {
  const auto c = context({"baseline", "quick wins", "close stale"});
  const std::string svg = recovery_svg(c, rows_for(c, 0.8));
  check_well_formed(svg, "recovery");
  CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
  CHECK(svg.find("viewBox=\"0 0 900 520\"") != std::string::npos);
  CHECK(svg.find("font-family=\"sans-serif\"") != std::string::npos);
  CHECK(count(svg, "class=\"legend-item\"") == 3);
  for (const char* name : {"baseline", "quick wins", "close stale"}) {
    CHECK(svg.find(std::string(">") + name + "</text></g>") != std::string::npos);
  }
  CHECK(count(svg, "class=\"band\"") == 3);
  CHECK(count(svg, "class=\"line\"") == 3);
  CHECK(svg.find("Back to 90") != std::string::npos);
}

TEST_CASE("a JSS chart of three strategies is well-formed XML with one panel each",
          "[analysis][charts]") {
  const auto c = context({"baseline", "quick wins", "close stale"});
  const std::string svg = jss_svg(c, rows_for(c, 0.8));
  check_well_formed(svg, "jss");
  CHECK(count(svg, "class=\"panel\"") == 3);
  CHECK(texts_of_class(svg, "panel-title") ==
        std::vector<std::string>{"baseline", "quick wins", "close stale"});
  CHECK(count(svg, "class=\"band\"") == 3);
  CHECK(count(svg, "class=\"line\"") == 3);
  // The baseline's median in the two other panels, for reference.
  CHECK(count(svg, "class=\"baseline\"") == 2);
  CHECK(count(svg, "class=\"end-label\"") == 3);
  // The key: the fan, the baseline's median, the target.
  CHECK(count(svg, "class=\"legend-item\"") == 3);
  CHECK(svg.find("class=\"note\"") == std::string::npos);  // no gaps, no note
}

TEST_CASE("a strategy named A & <B> with quotes is escaped in both charts", "[analysis][charts]") {
  auto c = context({"A & <B>", "say \"hi\" 'there'"});
  c.title = "Tom & Jerry's <profile>";
  const auto rows = rows_for(c, 0.5);
  for (const std::string& svg : {recovery_svg(c, rows), jss_svg(c, rows)}) {
    check_well_formed(svg, "escaped");
    CHECK(svg.find("A &amp; &lt;B&gt;") != std::string::npos);
    CHECK(svg.find("A & <B>") == std::string::npos);
    CHECK(svg.find("say &quot;hi&quot; &apos;there&apos;") != std::string::npos);
    CHECK(svg.find("Tom &amp; Jerry&apos;s &lt;profile&gt;") != std::string::npos);
  }
  CHECK(count(recovery_svg(c, rows), "class=\"legend-item\"") == 2);
  CHECK(count(jss_svg(c, rows), "class=\"panel\"") == 2);
}

TEST_CASE("xml_escape drops control characters and replaces bytes that are not UTF-8",
          "[analysis][charts]") {
  CHECK(xml_escape("a\x01"
                   "b\tc") == "ab\tc");
  CHECK(xml_escape("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(xml_escape("bad\xFF") == "bad\xEF\xBF\xBD");
  CHECK(xml_escape("cut \xE2\x82") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(xml_escape("overlong \xC0\xAF") == "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("the month ticks of a 24-month horizon number 4 to 13 and are in date order",
          "[analysis][charts]") {
  const auto c = context({"baseline"});
  const std::string svg = recovery_svg(c, rows_for(c, 0.8));
  const std::vector<std::string> labels = texts_of_class(svg, "x-tick");
  CHECK(labels.size() >= 4);
  CHECK(labels.size() <= 13);
  const std::regex month_year("(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{4})");
  const std::string months = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int previous = -1;
  for (const std::string& label : labels) {
    std::smatch m;
    REQUIRE(std::regex_match(label, m, month_year));
    const int index = std::stoi(m[2].str()) * 12 + static_cast<int>(months.find(m[1].str()) / 3);
    CHECK(index > previous);
    previous = index;
  }
  // The same ticks straight from date_ticks, between today and the horizon.
  const auto ticks = date_ticks(c.today, c.horizon, 764);
  REQUIRE(ticks.size() == labels.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    CHECK(ticks[i].label == labels[i]);
    CHECK(ticks[i].on >= c.today);
    CHECK(ticks[i].on <= c.horizon);
    CHECK(ticks[i].on.day() == 1);
  }
}

TEST_CASE("date ticks keep their labels at least 72 px apart for every horizon, day ticks 60",
          "[analysis][charts]") {
  const date today = d("2026-01-15");
  int with_day_ticks = 0;
  for (const int months : {1, 2, 3, 6, 12, 24, 36, 60, 120, 600}) {
    const date horizon = today.add_months(months);
    const double width = 764;
    const auto ticks = date_ticks(today, horizon, width);
    INFO(months << " months: " << ticks.size() << " ticks");
    REQUIRE(ticks.size() >= 2);
    // Month ticks are on firsts and read "Feb 2026"; day ticks, shorter
    // ("15 Jan"), start on today, the 15th.
    const bool day_ticks = ticks.front().on.day() != 1;
    with_day_ticks += day_ticks ? 1 : 0;
    const double gap = day_ticks ? 60.0 : 72.0;
    const double px_per_day = width / (horizon - today);
    for (std::size_t i = 1; i < ticks.size(); ++i) {
      CHECK((ticks[i].on - ticks[i - 1].on) * px_per_day >= gap);
      CHECK(ticks[i - 1].on < ticks[i].on);
      CHECK((ticks[i].on.day() != 1) == day_ticks);
    }
  }
  // Horizons of one and two months are too short for three month ticks.
  CHECK(with_day_ticks == 2);
}

TEST_CASE("a horizon of one month gets day ticks", "[analysis][charts]") {
  const auto ticks = date_ticks(d("2026-01-15"), d("2026-02-15"), 764);
  REQUIRE(ticks.size() >= 3);
  CHECK(ticks.front().label == "15 Jan");
  CHECK(ticks.front().on == d("2026-01-15"));
}

TEST_CASE("the target line of the JSS chart is at the height of the target", "[analysis][charts]") {
  for (const double target : {90.0, 75.0}) {
    auto c = context({"baseline"});
    c.target_jss = target;
    const std::string svg = jss_svg(c, rows_for(c, 0.8));
    // The gridlines and their labels, from the bottom of the axis to 100.
    const std::vector<double> grid = line_ys(svg, "grid-y");
    const std::vector<std::string> labels = texts_of_class(svg, "y-tick");
    REQUIRE(grid.size() >= 3);
    REQUIRE(labels.size() == grid.size());
    REQUIRE(labels.back() == "100");
    const double bottom = std::stod(labels.front());
    CHECK(bottom <= target - 5);
    const std::vector<double> line = line_ys(svg, "target");
    REQUIRE(line.size() == 1);
    const double expected =
        grid.front() + (grid.back() - grid.front()) * (target - bottom) / (100.0 - bottom);
    CHECK(line.front() == Approx(expected).margin(0.1));
  }
  const auto c = context({"baseline"});
  const std::string svg = jss_svg(c, rows_for(c, 0.8));
  CHECK(svg.find(">target 90</text>") != std::string::npos);
}

TEST_CASE("the JSS axis starts at a multiple of 10 below every score drawn and ends at 100",
          "[analysis][charts]") {
  const auto c = context({"baseline"});
  auto rows = rows_for(c, 0.8);  // the lowest p10 is 63
  CHECK(texts_of_class(jss_svg(c, rows), "y-tick").front() == "50");
  rows[7].jss_p10 = 23;
  const auto low = texts_of_class(jss_svg(c, rows), "y-tick");
  CHECK(low.front() == "0");
  CHECK(low.back() == "100");
  // Scores all above 90 still show 40 points, the target included.
  for (auto& r : rows) r.jss_p10 = r.jss_p50 = r.jss_p90 = 97;
  CHECK(texts_of_class(jss_svg(c, rows), "y-tick").front() == "60");
  // The recovery axis is always 0% to 100%.
  const auto recovery = texts_of_class(recovery_svg(c, rows), "y-tick");
  CHECK(recovery.front() == "0%");
  CHECK(recovery.back() == "100%");
}

TEST_CASE("empty input gives a valid SVG saying no data", "[analysis][charts]") {
  const auto c = context({});
  for (const std::string& svg : {recovery_svg(c, {}), jss_svg(c, {})}) {
    check_well_formed(svg, "empty");
    CHECK(texts_of_class(svg, "no-data") == std::vector<std::string>{"no data"});
    CHECK(count(svg, "class=\"panel\"") == 0);
    CHECK(count(svg, "class=\"line\"") == 0);
  }
  CHECK(count(recovery_svg(c, {}), "class=\"legend-item\"") == 0);
  // Strategies known but no rows: still a legend, still no data.
  const auto named = context({"baseline"});
  const std::string svg = recovery_svg(named, {});
  check_well_formed(svg, "empty_named");
  CHECK(texts_of_class(svg, "no-data").size() == 1);
  CHECK(count(svg, "class=\"legend-item\"") == 1);
}

TEST_CASE("a missing median breaks the line and a note says why", "[analysis][charts]") {
  const auto c = context({"baseline"});
  auto rows = rows_for(c, 0.8);
  for (std::size_t i = 3; i < 6; ++i) {
    rows[i].jss_p10.reset();
    rows[i].jss_p50.reset();
    rows[i].p_no_score = 0.55;
  }
  rows[10].jss_p10.reset();  // a gap in the band only
  rows[10].p_no_score = 0.12;
  const std::string svg = jss_svg(c, rows);
  check_well_formed(svg, "gaps");
  const std::regex path_re("<path class=\"(line|band)\" d=\"([^\"]*)\"");
  std::size_t line_moves = 0, band_moves = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path_re);
       it != std::sregex_iterator(); ++it) {
    const std::size_t moves = count((*it)[2].str(), "M");
    ((*it)[1] == "line" ? line_moves : band_moves) += moves;
  }
  CHECK(line_moves == 2);
  CHECK(band_moves == 3);
  const auto notes = texts_of_class(svg, "note");
  REQUIRE_FALSE(notes.empty());
  CHECK(notes.front().starts_with("Gaps:"));
  CHECK(svg.find("up to 55%") != std::string::npos);
}

TEST_CASE("the recovery line starts on the first recalculation day and runs to the horizon",
          "[analysis][charts]") {
  const auto c = context({"baseline"});
  const auto rows = rows_for(c, 0.8);
  const std::string svg = recovery_svg(c, rows);
  const std::regex path_re("<path class=\"line\" d=\"M([0-9.]+) [0-9.]+[^\"]*H([0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, path_re));
  const double left = 76, right = 840;
  const double span = c.horizon - c.today;
  CHECK(std::stod(m[1].str()) == Approx(left + (right - left) * 14 / span).margin(0.1));
  CHECK(std::stod(m[2].str()) == Approx(right).margin(0.1));
  const auto notes = texts_of_class(svg, "note");
  REQUIRE_FALSE(notes.empty());
  CHECK(notes.front().find("29 Jan 2026") != std::string::npos);
}

TEST_CASE("the charts are the same bytes for the same rows whatever the global locale",
          "[analysis][charts]") {
  const auto c = context({"baseline", "quick wins"});
  const auto rows = rows_for(c, 0.8);
  const std::string recovery = recovery_svg(c, rows);
  const std::string jss = jss_svg(c, rows);
  const std::locale previous =
      std::locale::global(std::locale(std::locale::classic(), new comma_decimals));
  const std::string recovery_again = recovery_svg(c, rows);
  const std::string jss_again = jss_svg(c, rows);
  std::locale::global(previous);
  CHECK(recovery == recovery_again);
  CHECK(jss == jss_again);
  // No decimal comma in any attribute (text may hold commas of its own).
  CHECK_FALSE(std::regex_search(recovery, std::regex("=\"[^\"]*[0-9],[0-9]")));
  CHECK_FALSE(std::regex_search(jss, std::regex("=\"[^\"]*[0-9],[0-9]")));
}

TEST_CASE("more than eight strategies repeat the palette with a dash pattern",
          "[analysis][charts]") {
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) names.push_back("strategy number " + std::to_string(i));
  const auto c = context(names);
  const std::string svg = recovery_svg(c, rows_for(c, 0.8));
  check_well_formed(svg, "many");
  CHECK(count(svg, "class=\"legend-item\"") == 10);
  // Lines 9 and 10 and their legend swatches are dashed.
  CHECK(count(svg, "stroke-dasharray=\"7 4\"") == 4);
}

TEST_CASE("the end labels round half up and say <1% and >99% as the sentences do",
          "[analysis][charts]") {
  const auto c = context({"a", "b", "c", "d", "e", "f", "g"});
  std::vector<curve_row> rows = rows_for(c, 0.5);
  // The last row of each strategy: the share the label at the right shows.
  // 29/200 is 14.499999999999998 in doubles; 0.99 is 99 % exactly.
  const std::vector<double> last{0.995, 0.005, 0.125, 0.99, 1.0, 29.0 / 200, 0.992};
  for (std::size_t s = 0; s < last.size(); ++s) {
    curve_row* final = nullptr;
    for (curve_row& r : rows) {
      if (r.strategy == c.strategies[s]) final = &r;
    }
    REQUIRE(final != nullptr);
    final->p_recovered = last[s];
  }
  const std::string svg = recovery_svg(c, rows);
  const auto group = svg.find("<g class=\"end-labels\"");
  REQUIRE(group != std::string::npos);
  const std::string labels = svg.substr(group, svg.find("</g>", group) - group);
  std::vector<std::string> texts;
  const std::regex text_re(">([^<]*)</text>");
  for (auto it = std::sregex_iterator(labels.begin(), labels.end(), text_re);
       it != std::sregex_iterator(); ++it) {
    texts.push_back((*it)[1].str());
  }
  std::sort(texts.begin(), texts.end());
  // 12.5 % is exact in binary, where fmt's "{:.0f}" rounded it to even, 12.
  CHECK(texts ==
        std::vector<std::string>{"&gt;99%", "&gt;99%", "&lt;1%", "100%", "13%", "15%", "99%"});
}

TEST_CASE("a Top Rated recovery chart says its lines end on the last recalculation day",
          "[analysis][charts]") {
  auto c = context({"baseline"});
  c.top_rated = true;
  const std::string svg = recovery_svg(c, rows_for(c, 0.8));
  // The note, wrapped over several lines, as one text.
  std::string note;
  for (const std::string& line : texts_of_class(svg, "note")) note += line + " ";
  CHECK(note.find("share at the horizon") == std::string::npos);
  CHECK(note.find("checked on Saturdays") != std::string::npos);
  // The rows run every 14 days from 15 Jan 2026: the last within 24 months is
  // 13 Jan 2028, before the horizon of 15 Jan 2028.
  CHECK(note.find("on the last of them (13 Jan 2028)") != std::string::npos);
}

namespace {

/// `n` strategies with names of every length, some long enough to wrap.
std::vector<std::string> strategy_names(std::size_t n) {
  const std::vector<std::string> pool{
      "wait",
      "close the dead contract",
      "quick wins",
      "quick wins with a stale close after 30 days and twice the proposals",
      "agency",
      "raise the rate",
      "Ölçek büyütme ve yeni müşteriler",
      "close everything idle for 60 days or more, then wait for the score to settle",
      "hourly only",
      "niche down",
      "A & <B> \"quoted\"",
      "12"};
  return {pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n)};
}

/// Rows where every strategy ends on the same median, 96: the end labels of
/// one shared chart would all sit on one line.
std::vector<curve_row> equal_endings(const chart_context& c) {
  auto rows = rows_for(c, 0.9);
  for (auto& r : rows) {
    if (r.on > c.today.add_months(6)) r.jss_p50 = 96;
  }
  return rows;
}

}  // namespace

TEST_CASE("jss.svg of 1, 3, 7 and 12 strategies, for a desktop or a phone, has no two texts overlapping and none outside",
          "[analysis][charts]") {
  for (const std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{12}})
  for (const double canvas_width : {900.0, 420.0}) {
    auto c = context(strategy_names(n));
    c.width = canvas_width;
    const std::string svg = jss_svg(c, equal_endings(c));
    INFO(n << " strategies, " << canvas_width << " px wide");
    check_well_formed(svg, "jss_" + std::to_string(n));
    const auto boxes = jssim::test::check_text_layout(svg, canvas_width);
    CHECK(boxes.size() > 10 * n);
    // One panel, and one end label, per strategy; every name shown whole or,
    // when cut, whole in its panel's tooltip.
    CHECK(count(svg, "class=\"panel\"") == n);
    CHECK(count(svg, "class=\"end-label\"") == n);
    std::string titles;
    for (const auto& b : boxes) {
      if (b.cls == "panel-title") titles += b.content + " ";
    }
    for (const std::string& name : c.strategies) {
      const bool shown = titles.find(name) != std::string::npos;
      const bool tooltip = svg.find("<title>" + xml_escape(name) + "</title>") != std::string::npos;
      INFO(name);
      CHECK((shown || tooltip));
    }
  }
}

TEST_CASE("a panel's name that does not fit in two lines is cut, with the whole name as tooltip",
          "[analysis][charts]") {
  const std::string long_name =
      "send twenty proposals a week to agencies only and close every contract idle for more "
      "than thirty days without asking the client for feedback";
  const auto c = context({"wait", "b", long_name});
  const std::string svg = jss_svg(c, rows_for(c, 0.8));
  CHECK(svg.find("<title>" + long_name + "</title>") != std::string::npos);
  const auto titles = texts_of_class(svg, "panel-title");
  REQUIRE(titles.size() == 4);  // wait, b, and two lines of the long one
  CHECK(titles.back().ends_with("\u2026"));
}

TEST_CASE("recovery.svg of 1, 3, 7 and 12 strategies, for a desktop or a phone, has no two texts overlapping and none outside",
          "[analysis][charts]") {
  for (const std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{12}})
  for (const double canvas_width : {900.0, 420.0}) {
    auto c = context(strategy_names(n));
    c.width = canvas_width;
    const std::string svg = recovery_svg(c, rows_for(c, 0.8));
    INFO(n << " strategies, " << canvas_width << " px wide");
    check_well_formed(svg, "recovery_" + std::to_string(n));
    jssim::test::check_text_layout(svg, canvas_width);
  }
}

TEST_CASE("recovery.svg marks 3, 6 and 12 months, with each line's marker where it crosses them",
          "[analysis][charts]") {
  const auto c = context({"wait", "quick wins", "close"});
  const std::string svg = recovery_svg(c, rows_for(c, 0.8));
  CHECK(texts_of_class(svg, "month-label") ==
        std::vector<std::string>{"3 months", "6 months", "12 months"});
  const std::vector<double> xs = [&] {
    const std::regex re("<line class=\"month-mark\" x1=\"([0-9.]+)\"");
    std::vector<double> out;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
         ++it) {
      out.push_back(std::stod((*it)[1].str()));
    }
    return out;
  }();
  REQUIRE(xs.size() == 3);
  const double left = 76, right = 840;
  const double span = c.horizon - c.today;
  for (std::size_t i = 0; i < 3; ++i) {
    const int months = std::vector<int>{3, 6, 12}[i];
    CHECK(xs[i] == Approx(left + (right - left) * (c.today.add_months(months) - c.today) / span)
                       .margin(0.1));
  }
  // Three markers a line at the marks, one a line at its end label, one a
  // legend entry; three shapes, so not colour alone.
  const auto markers = count(svg, "class=\"marker\"");
  CHECK(markers == 3 * 3 + 3 + 3);
  CHECK(count(svg, "<circle class=\"marker\"") == 5);
  CHECK(count(svg, "<rect class=\"marker\"") == 5);
  CHECK(count(svg, "<path class=\"marker\"") == 5);
}

TEST_CASE("recovery.svg stops its time axis after the last move, and says so",
          "[analysis][charts]") {
  auto c = context({"wait", "quick wins"});
  c.horizon = c.today.add_months(60);
  // Recovered fast: every line is within half a point of its end after a year.
  std::vector<curve_row> rows;
  for (const std::string& name : c.strategies) {
    for (date on = c.today + 14; on <= c.horizon; on += 14) {
      curve_row r;
      r.strategy = name;
      r.on = on;
      r.days = on - c.today;
      r.p_recovered = std::min(1.0, static_cast<double>(r.days) / 300.0);
      r.p_recovered_ci = {r.p_recovered, r.p_recovered};
      rows.push_back(r);
    }
  }
  const std::string svg = recovery_svg(c, rows);
  std::string note;
  for (const std::string& line : texts_of_class(svg, "note")) note += line + " ";
  CHECK(note.find("no line moves by more than half a point") != std::string::npos);
  CHECK(note.find("(15 Jan 2031)") != std::string::npos);
  const auto axis = texts_of_class(svg, "axis-label");
  REQUIRE(axis.size() == 2);  // the y axis's, then the time axis's
  CHECK(axis.back().find("the horizon is 15 Jan 2031") != std::string::npos);
  // The last tick is within the first two years, not at the 5-year horizon.
  const auto ticks = texts_of_class(svg, "x-tick");
  REQUIRE_FALSE(ticks.empty());
  CHECK(ticks.back().ends_with("2027"));
  // Without a flat tail the axis runs to the horizon.
  const std::string full = recovery_svg(context({"wait"}), rows_for(context({"wait"}), 0.8));
  CHECK(texts_of_class(full, "axis-label").back().find("to the horizon") != std::string::npos);
}
