// SPDX-License-Identifier: MIT
// A self-contained HTML page of titled sections: sentences, tables of CSV
// cells and inline SVG charts, with one inline style sheet for screens of
// every width and for A4 paper. No script, no external style, font or image.
#pragma once

#include <memory>  // std::unique_ptr
#include <string>
#include <string_view>
#include <utility>  // std::pair
#include <vector>

#include "analysis/csv.hpp"

namespace jssim::analysis {

/// `text` safe inside HTML text or a double-quoted attribute: `&`, `<`, `>`,
/// `"` and `'` become entities, control characters are dropped and bytes
/// that are not UTF-8 become U+FFFD.
///
///     html_escape("Tom & <Jerry>");  // "Tom &amp; &lt;Jerry&gt;"
[[nodiscard]] std::string html_escape(std::string_view text);

/// One titled section of a page (an `<h2>` and what follows it, in the order
/// added). Everything given as text is escaped here; only `figure` takes
/// markup, an SVG document that this module drew.
///
///     html_section& s = page.add_section("Leading plans", "plans");
///     s.paragraph("The best plan halves the wait.");
///     s.table(plan_table(rows), "plan.csv: the leading plans");
///     s.figure(plan_svg(rows), "Plans by objective", "Plan A leads with 66 days, ...");
class html_section {
 public:
  /// A section titled `title`; `id` (letters, digits and `-`) is its anchor.
  html_section(std::string title, std::string id);

  /// A paragraph. Line breaks in `text` (from the terminal's wrapping) are
  /// spaces here.
  html_section& paragraph(std::string_view text);
  /// A `<h3>` subheading.
  html_section& subheading(std::string_view text);
  /// A bulleted list, one item a string.
  html_section& list(const std::vector<std::string>& items);
  /// Terminal text as it is, monospaced, in a box that scrolls sideways on a
  /// narrow screen; `label` names the box for a screen reader.
  html_section& preformatted(std::string_view text, std::string_view label);
  /// A table of `table`'s cells, unchanged, under `caption`: the header's
  /// cells as column headers (`<th scope="col">`), each row's first cell as
  /// its row header (`<th scope="row">`); cells that read as numbers are
  /// aligned right; an empty cell shows a dash with "not known" for a screen
  /// reader. The box scrolls sideways when the table is wider than the page.
  html_section& table(const csv_table& table, std::string_view caption);
  /// Name-value pairs (a `<dl>`), for settings and provenance.
  html_section& facts(const std::vector<std::pair<std::string, std::string>>& pairs);
  /// An inline chart: `svg` (an SVG document as the chart functions write it;
  /// its XML declaration is dropped) with `caption` under it and
  /// `text_alternative`, which says in words what the chart shows, given to
  /// screen readers as the image's label and printed under the caption.
  /// `narrow_svg`, when given, is the same chart drawn for a phone: shown
  /// instead of `svg` on screens narrower than 40rem (CSS, no script), never
  /// printed.
  html_section& figure(std::string_view svg, std::string_view caption,
                       std::string_view text_alternative, std::string_view narrow_svg = {});

  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// The section's markup, `<section>` included.
  [[nodiscard]] std::string render() const;

 private:
  std::string title_;
  std::string id_;
  std::string body_;
};

/// A whole page: a title, lead sentences, then sections in the order added,
/// with a table of contents when there are three or more.
///
///     html_document page("Katarina: back to JSS 90 by 2028-11-26");
///     page.lead("JSS today: 60 %");
///     page.add_section("Recovery", "recovery").figure(svg, "...", "...");
///     write_file_atomically(out / "report.html", [&](std::ostream& o) { o << page.render(); });
class html_document {
 public:
  /// A page whose `<title>` and `<h1>` are `title`.
  explicit html_document(std::string title);
  ~html_document();
  html_document(const html_document&) = delete;
  html_document& operator=(const html_document&) = delete;

  /// A sentence under the heading, before the sections.
  html_document& lead(std::string_view text);
  /// A new section at the end; the reference stays valid as long as the page.
  /// `id` must be unique within the page.
  html_section& add_section(std::string title, std::string id);
  /// The sections so far, in order.
  [[nodiscard]] std::size_t sections() const noexcept { return sections_.size(); }

  /// The page: `<!DOCTYPE html>`, UTF-8, the style sheet, the sections.
  [[nodiscard]] std::string render() const;

 private:
  std::string title_;
  std::string lead_;
  std::vector<std::unique_ptr<html_section>> sections_;
};

}  // namespace jssim::analysis
