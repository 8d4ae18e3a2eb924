// SPDX-License-Identifier: MIT
// A self-contained HTML page (analysis/html.hpp): markup built by hand, every
// text escaped, one inline style sheet.
#include "analysis/html.hpp"

#include <fmt/format.h>

#include <algorithm>  // std::all_of
#include <regex>
#include <utility>  // std::move

#include "analysis/charts.hpp"  // xml_escape
#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

/// The style sheet: a column of readable width on a desktop, the full width
/// on a phone with wide tables and charts scrolling inside their own box, A4
/// paper with headings kept with what follows them. Okabe-Ito blue accents.
constexpr std::string_view style_sheet = R"css(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1b1b1b;font:16px/1.5 "DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:62rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.55rem;line-height:1.25;margin:.75rem 0 .5rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;line-height:1.3;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #0072B2;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem;overflow-wrap:anywhere}
p,li,dd,dt,caption,figcaption{overflow-wrap:anywhere}
p{margin:.5rem 0}
.lead{font-size:1.1em;margin:.3rem 0}
nav.toc{margin:1rem 0;padding:.5rem 1rem;background:#f3f6f9;border-left:4px solid #0072B2}
nav.toc h2{font-size:1rem;margin:0 0 .3rem;border:0;padding:0}
nav.toc ol{margin:0;padding-left:1.4rem}
a{color:#005a8c}
.box{position:relative;max-width:100%;overflow-x:auto;margin:.6rem 0 1.2rem;border:1px solid #d9d9d9;border-radius:3px}
.box:focus{outline:2px solid #0072B2}
table{border-collapse:collapse;font-size:.875em;font-variant-numeric:tabular-nums;min-width:100%}
caption{caption-side:top;text-align:left;font-weight:600;padding:.45rem .6rem;background:#fafafa;border-bottom:1px solid #d9d9d9}
th,td{padding:.3rem .6rem;border-bottom:1px solid #e6e6e6;vertical-align:top;text-align:left}
thead th{background:#f3f6f9;font-weight:600;font-size:.92em;white-space:normal;vertical-align:bottom}
tbody th{font-weight:600;min-width:7rem;max-width:18rem;overflow-wrap:anywhere}
td.num{text-align:right;white-space:nowrap}
td.empty{text-align:center;color:#777}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
pre{margin:0;padding:.7rem .8rem;font:.78rem/1.4 "DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;white-space:pre}
code{font-family:"DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
figure{margin:1rem 0 1.6rem}
.chart{position:relative;max-width:100%;overflow-x:auto;border:1px solid #d9d9d9;border-radius:3px}
.chart svg{display:block;width:100%;height:auto;min-width:560px}
.chart.narrow{display:none}
.chart.narrow svg{min-width:0}
figcaption{font-size:.92em;color:#333;margin-top:.4rem}
.alt{font-size:.88em;color:#444;margin:.3rem 0 0}
dl.facts{margin:.6rem 0 1.2rem}
dl.facts div{display:grid;grid-template-columns:minmax(0,14rem) minmax(0,1fr);gap:.1rem 1rem;padding:.15rem 0;border-bottom:1px solid #eeeeee}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
ul{padding-left:1.3rem}
@media screen and (max-width:40rem){
 .chart.wide{display:none}
 .chart.narrow{display:block}
}
@media (max-width:40rem){
 body{font-size:15px}
 main{padding:.6rem .7rem 2rem}
 h1{font-size:1.3rem}
 h2{font-size:1.15rem}
 dl.facts div{grid-template-columns:minmax(0,1fr)}
}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
 body{font-size:9.5pt;line-height:1.4}
 main{max-width:none;padding:0}
 nav.toc{display:none}
 h1{font-size:15pt;margin-top:0}
 h2{font-size:12.5pt;margin-top:1.2rem;break-after:avoid;page-break-after:avoid}
 h3{font-size:10.5pt;break-after:avoid;page-break-after:avoid}
 caption{break-after:avoid}
 .box,.chart{overflow:visible;border:0}
 .chart svg{min-width:0}
 figure,tr,dl.facts div,pre{break-inside:avoid;page-break-inside:avoid}
 table{font-size:7.5pt}
 th,td{padding:.15rem .3rem}
 pre{white-space:pre-wrap;font-size:6.8pt}
 a{color:inherit;text-decoration:none}
}
)css";

/// A cell that reads as a number (and is aligned right): "0.393000", "-14",
/// "4.702e-08".
bool is_number(const std::string& cell) {
  static const std::regex number(R"([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  return std::regex_match(cell, number);
}

/// A column name that may break after its underscores: "p_recovered_12m".
std::string breakable(std::string_view name) {
  std::string out;
  for (const char c : html_escape(name)) {
    out += c;
    if (c == '_') out += "<wbr>";
  }
  return out;
}

/// Line breaks and runs of spaces as one space: terminal text in a paragraph.
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\r' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::string html_escape(std::string_view text) { return xml_escape(text); }

html_section::html_section(std::string title, std::string id)
    : title_(std::move(title)), id_(std::move(id)) {
  JSSIM_ASSERT(valid_id(id_), "a section id of letters, digits and '-'");
}

html_section& html_section::paragraph(std::string_view text) {
  body_ += fmt::format("<p>{}</p>\n", html_escape(one_line(text)));
  return *this;
}

html_section& html_section::subheading(std::string_view text) {
  body_ += fmt::format("<h3>{}</h3>\n", html_escape(one_line(text)));
  return *this;
}

html_section& html_section::list(const std::vector<std::string>& items) {
  body_ += "<ul>\n";
  for (const std::string& item : items) body_ += fmt::format("<li>{}</li>\n", html_escape(one_line(item)));
  body_ += "</ul>\n";
  return *this;
}

html_section& html_section::preformatted(std::string_view text, std::string_view label) {
  body_ += fmt::format(
      "<div class=\"box\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><pre>{}</pre></div>\n",
      html_escape(label), html_escape(text));
  return *this;
}

html_section& html_section::table(const csv_table& t, std::string_view caption) {
  body_ += fmt::format(
      "<div class=\"box\" role=\"region\" aria-label=\"{0}\" tabindex=\"0\">\n<table>\n"
      "<caption>{0}</caption>\n<thead><tr>",
      html_escape(caption));
  for (const std::string& name : t.header) {
    body_ += fmt::format("<th scope=\"col\">{}</th>", breakable(name));
  }
  body_ += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    JSSIM_ASSERT(row.size() == t.header.size(), "every row has as many cells as the header");
    body_ += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string& cell = row[i];
      if (i == 0) {
        body_ += fmt::format("<th scope=\"row\">{}</th>", html_escape(cell));
      } else if (cell.empty()) {
        body_ +=
            "<td class=\"empty\"><span aria-hidden=\"true\">&#8211;</span><span "
            "class=\"sr\">empty</span></td>";
      } else if (is_number(cell)) {
        body_ += fmt::format("<td class=\"num\">{}</td>", html_escape(cell));
      } else {
        body_ += fmt::format("<td>{}</td>", html_escape(cell));
      }
    }
    body_ += "</tr>\n";
  }
  body_ += "</tbody>\n</table>\n</div>\n";
  return *this;
}

html_section& html_section::facts(const std::vector<std::pair<std::string, std::string>>& pairs) {
  body_ += "<dl class=\"facts\">\n";
  for (const auto& [name, value] : pairs) {
    body_ += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", html_escape(name),
                         html_escape(value));
  }
  body_ += "</dl>\n";
  return *this;
}

namespace {

/// `svg` inline: without its XML declaration, labelled for screen readers.
std::string inline_svg(std::string_view svg, std::string_view label) {
  if (svg.starts_with("<?xml")) {
    const std::size_t end = svg.find("?>");
    JSSIM_ASSERT(end != std::string_view::npos, "an XML declaration ends");
    svg.remove_prefix(end + 2);
  }
  while (!svg.empty() && (svg.front() == '\n' || svg.front() == ' ')) svg.remove_prefix(1);
  JSSIM_ASSERT(svg.starts_with("<svg "), "a chart is an SVG document");
  return fmt::format("<svg role=\"img\" aria-label=\"{}\" {}", html_escape(label), svg.substr(5));
}

}  // namespace

html_section& html_section::figure(std::string_view svg, std::string_view caption,
                                   std::string_view text_alternative, std::string_view narrow_svg) {
  const std::string label = one_line(text_alternative);
  body_ += "<figure>\n";
  body_ += fmt::format("<div class=\"chart{}\">{}</div>\n", narrow_svg.empty() ? "" : " wide",
                       inline_svg(svg, label));
  if (!narrow_svg.empty()) {
    body_ += fmt::format("<div class=\"chart narrow\">{}</div>\n", inline_svg(narrow_svg, label));
  }
  body_ += fmt::format("<figcaption>{}</figcaption>\n<p class=\"alt\">{}</p>\n</figure>\n",
                       html_escape(one_line(caption)), html_escape(label));
  return *this;
}

std::string html_section::render() const {
  return fmt::format("<section id=\"{0}\" aria-labelledby=\"{0}-title\">\n<h2 id=\"{0}-title\">{1}"
                     "</h2>\n{2}</section>\n",
                     id_, html_escape(title_), body_);
}

html_document::html_document(std::string title) : title_(std::move(title)) {}
html_document::~html_document() = default;

html_document& html_document::lead(std::string_view text) {
  lead_ += fmt::format("<p class=\"lead\">{}</p>\n", html_escape(one_line(text)));
  return *this;
}

html_section& html_document::add_section(std::string title, std::string id) {
  for (const auto& s : sections_) {
    JSSIM_ASSERT(s->id() != id, "section ids are unique within a page");
  }
  sections_.push_back(std::make_unique<html_section>(std::move(title), std::move(id)));
  return *sections_.back();
}

std::string html_document::render() const {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n", html_escape(title_));
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n<main>\n", style_sheet);
  out += fmt::format("<h1>{}</h1>\n{}", html_escape(title_), lead_);
  if (sections_.size() >= 3) {
    out += "<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">Contents</h2><ol>\n";
    for (const auto& s : sections_) {
      out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", s->id(), html_escape(s->title()));
    }
    out += "</ol></nav>\n";
  }
  for (const auto& s : sections_) out += s->render();
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace jssim::analysis
