// SPDX-License-Identifier: MIT
// Tests of analysis/html: a page of sections that is self-contained, escapes
// what it is given, and shows a table's cells as they are.
#include "analysis/html.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <regex>
#include <string>
#include <vector>

using jssim::analysis::csv_table;
using jssim::analysis::html_document;
using jssim::analysis::html_escape;
using jssim::analysis::html_section;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// What is wrong with the nesting of `html`'s elements (void elements
/// aside), or nothing: every element closed, in order, once.
std::optional<std::string> nesting_problem(const std::string& html) {
  static const std::vector<std::string> void_elements{"meta", "wbr", "br", "img", "link",
                                                      "input", "hr"};
  std::vector<std::string> open;
  const std::regex tag(R"(<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"<]*")?)*)\s*(/?)>)");
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    // Text between tags holds no raw '<' (a tag the regex could not read).
    const std::string between = html.substr(last, static_cast<std::size_t>(m.position(0)) - last);
    if (between.find('<') != std::string::npos && !between.starts_with("<!DOCTYPE")) {
      return "unreadable markup: " + between.substr(between.find('<'), 60);
    }
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
    const std::string name = m[2].str();
    const bool is_void = std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end();
    if (m[1].length() > 0) {
      if (open.empty() || open.back() != name) return "a mismatched </" + name + ">";
      open.pop_back();
    } else if (!is_void && m[4].length() == 0) {
      open.push_back(name);
    }
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return std::nullopt;
}

csv_table small_table() {
  csv_table t;
  t.header = {"strategy", "p_recovered", "median_days"};
  t.rows = {{"wait", "0.393000", "136"}, {"A & <B>", "1.000000", ""}};
  return t;
}

constexpr const char* chart =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"900\" height=\"100\" "
    "viewBox=\"0 0 900 100\"><title>t</title><text x=\"1\" y=\"2\">a</text></svg>\n";

}  // namespace

TEST_CASE("html_escape escapes the five characters markup gives a meaning to", "[analysis][html]") {
  CHECK(html_escape("Tom & <Jerry> \"say\" 'hi'") ==
        "Tom &amp; &lt;Jerry&gt; &quot;say&quot; &apos;hi&apos;");
  CHECK(html_escape("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(html_escape("bad\xFF") == "bad\xEF\xBF\xBD");
}

TEST_CASE("a page of sections is well nested, self-contained and has a contents list from three",
          "[analysis][html]") {
  html_document page("Katarina: back to JSS 90");
  page.lead("JSS today: 60 %");
  page.add_section("The answer", "answer").paragraph("Wait.").list({"one", "two"});
  page.add_section("Numbers", "numbers").table(small_table(), "summary.csv");
  page.add_section("Chart", "chart").figure(chart, "A chart.", "It rises.");
  const std::string html = page.render();
  const auto problem = nesting_problem(html);
  INFO(problem.value_or("fine"));
  CHECK_FALSE(problem.has_value());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK_THAT(html, Catch::Contains("<meta charset=\"utf-8\">"));
  CHECK_THAT(html, Catch::Contains("<meta name=\"viewport\" content=\"width=device-width"));
  CHECK_THAT(html, Catch::Contains("@page{size:A4"));
  // Nothing from elsewhere: no script, no linked style, font or image.
  for (const char* external : {"<script", "<link", "<img", "src=", "@import", "url(", "http://w",
                               "https://"}) {
    INFO(external);
    if (std::string(external) == "http://w") {
      // The SVG namespace is a name, not a fetch.
      CHECK(count(html, "http://") == count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    } else {
      CHECK(html.find(external) == std::string::npos);
    }
  }
  CHECK(count(html, "<h1>") == 1);
  CHECK(count(html, "<h2 id=\"") == 4);  // three sections and the contents
  CHECK_THAT(html, Catch::Contains("<a href=\"#numbers\">Numbers</a>"));
  // Two sections: no contents list.
  html_document two("t");
  two.add_section("a", "a");
  two.add_section("b", "b");
  CHECK(two.render().find("class=\"toc\"") == std::string::npos);
}

TEST_CASE("a table shows its cells as they are, with header scopes and a caption",
          "[analysis][html]") {
  html_section s("Numbers", "numbers");
  s.table(small_table(), "summary.csv: recovered by the horizon");
  const std::string html = s.render();
  CHECK_THAT(html, Catch::Contains("<caption>summary.csv: recovered by the horizon</caption>"));
  CHECK(count(html, "<th scope=\"col\">") == 3);
  CHECK_THAT(html, Catch::Contains("<th scope=\"col\">p_<wbr>recovered</th>"));
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">wait</th>"));
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">A &amp; &lt;B&gt;</th>"));
  CHECK_THAT(html, Catch::Contains("<td class=\"num\">0.393000</td>"));
  CHECK_THAT(html, Catch::Contains("<td class=\"num\">136</td>"));
  CHECK_THAT(html, Catch::Contains("<td class=\"empty\">"));
  // The box scrolls and can be reached from the keyboard.
  CHECK_THAT(html, Catch::Contains("<div class=\"box\" role=\"region\" aria-label=\"summary.csv: "
                                   "recovered by the horizon\" tabindex=\"0\">"));
}

TEST_CASE("text from a scenario is escaped in every place a section shows it", "[analysis][html]") {
  const std::string hostile = "<script>alert('x')</script> & \"q\"";
  html_document page(hostile);
  page.lead(hostile);
  html_section& s = page.add_section(hostile, "s");
  s.paragraph(hostile).subheading(hostile).list({hostile}).preformatted(hostile, hostile);
  s.facts({{hostile, hostile}});
  csv_table t;
  t.header = {hostile, hostile};
  t.rows = {{hostile, hostile}};
  s.table(t, hostile);
  s.figure(chart, hostile, hostile);
  const std::string html = page.render();
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("alert('x')") == std::string::npos);
  CHECK(count(html, "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") >= 14);
  CHECK_FALSE(nesting_problem(html).has_value());
}

TEST_CASE("a figure inlines the SVG without its declaration, labelled by its text alternative",
          "[analysis][html]") {
  html_section s("Chart", "chart");
  s.figure(chart, "recovery.svg: the share recovered", "Wait: 39 % by 3 months.\nQuick: 59 %.");
  const std::string html = s.render();
  CHECK(html.find("<?xml") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("<svg role=\"img\" aria-label=\"Wait: 39 % by 3 months. Quick: "
                                   "59 %.\" xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(html, Catch::Contains("<figcaption>recovery.svg: the share recovered</figcaption>"));
  CHECK_THAT(html, Catch::Contains("<p class=\"alt\">Wait: 39 % by 3 months. Quick: 59 %.</p>"));
}
