// SPDX-License-Identifier: MIT
// The charts of `jssim run`, drawn by hand: a fixed layout, numbers through fmt
// (so '.' decimals whatever the locale), the same bytes for the same rows.
#include "analysis/charts.hpp"

#include <fmt/format.h>

#include <algorithm>  // std::clamp, std::count_if, std::stable_sort
#include <array>
#include <cmath>       // std::floor, std::isfinite, std::pow
#include <cstddef>     // std::size_t
#include <functional>  // std::less
#include <map>
#include <optional>
#include <utility>  // std::move

#include "model/assert.hpp"
#include "model/score.hpp"
#include "model/utf8.hpp"

namespace jssim::analysis {
namespace {

using model::decode_utf8;
using model::decoded;

constexpr double canvas_width = 900;
constexpr double canvas_min_height = 520;
constexpr double margin_left = 76;
constexpr double margin_right = 60;  // room for the labels at the ends of the lines
constexpr double plot_top = 82;
constexpr double min_plot_height = 240;
constexpr double legend_row_height = 20;
constexpr double note_line_height = 15;
constexpr double font_title = 18;
constexpr double font_subtitle = 12.5;
constexpr double font_body = 12;
constexpr double font_note = 11;
constexpr double min_tick_gap_px = 72;  // "Sep 2027" at 12 px is about 55 px wide
constexpr double min_day_tick_gap_px = 60;

/// Okabe and Ito's colour-blind-safe palette, ordered so that the first
/// colours are the strongest on white; yellow, the faintest, comes last.
constexpr std::array<std::string_view, 8> palette{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                  "#E69F00", "#56B4E9", "#000000", "#F0E442"};
/// The text colour of each palette entry: the yellow darkened to be legible.
constexpr std::array<std::string_view, 8> ink{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                              "#B77F00", "#3A9AD0", "#000000", "#9A8F00"};
/// Past 8 strategies the colours repeat with another dash pattern.
constexpr std::array<std::string_view, 4> dashes{"", "7 4", "2 3", "9 3 2 3"};

/// Circle, square, triangle, diamond, triangle down, cross: with the 8
/// colours, 12 strategies get 12 different pairs.
constexpr std::size_t marker_shapes = 6;

constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// --- text ------------------------------------------------------------------

bool allowed_in_xml(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

/// `text` as valid UTF-8 that XML 1.0 accepts, not yet escaped.
std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const decoded d = decode_utf8(text, i);
    if (!d.code_point) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    } else if (allowed_in_xml(*d.code_point)) {
      out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

/// A generous estimate of the width of one character in em of DejaVu Sans,
/// the usual sans-serif on Linux and wider than Arial or Helvetica, so that
/// text laid out by it does not collide elsewhere either.
double char_width_em(char32_t cp) {
  if (cp == ' ' || cp == 'i' || cp == 'j' || cp == 'l' || cp == '.' || cp == ',' || cp == ':' ||
      cp == ';' || cp == '\'' || cp == '!' || cp == '|' || cp == 'I') {
    return 0.32;
  }
  if (cp == 'f' || cp == 't' || cp == 'r' || cp == '(' || cp == ')' || cp == '-') return 0.42;
  if (cp == 'm' || cp == 'w' || cp == 'M' || cp == 'W' || cp == '@' || cp == '%') return 0.98;
  if (cp >= 'A' && cp <= 'Z') return 0.74;
  if (cp < 0x80) return 0.64;
  return 1.0;  // anything else, CJK included
}


/// Sanitized `text` cut to at most `max_px` wide, ending in an ellipsis if cut.
std::string fit_text(std::string_view text, double font_px, double max_px) {
  std::string clean = sanitize(text);
  if (text_width(clean, font_px) <= max_px) return clean;
  const std::string_view ellipsis = "\u2026";
  double used = text_width(ellipsis, font_px);
  std::size_t keep = 0;
  for (std::size_t i = 0; i < clean.size();) {
    const decoded d = decode_utf8(clean, i);
    used += char_width_em(d.code_point.value_or(0xFFFD)) * font_px;
    if (used > max_px) break;
    i += d.length;
    keep = i;
  }
  clean.resize(keep);
  clean += ellipsis;
  return clean;
}

/// `text` in lines of at most `max_px` wide, broken between words.
std::vector<std::string> wrap_text(std::string_view text, double font_px, double max_px) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t end = std::min(text.find(' ', i), text.size());
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    const std::string candidate = line.empty() ? std::string(word) : line + ' ' + std::string(word);
    if (!line.empty() && text_width(candidate, font_px) > max_px) {
      lines.push_back(std::move(line));
      line = std::string(word);
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

/// A coordinate: one decimal, a trailing ".0" dropped.
std::string num(double v) {
  JSSIM_ASSERT(std::isfinite(v), "a coordinate is a finite number");
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string long_date(model::date d) {
  return fmt::format("{} {} {}", d.day(), month_names[static_cast<std::size_t>(d.month() - 1)],
                     d.year());
}

/// The target as people say it: 90, 92.5.
std::string target_text(double target) { return fmt::format("{:g}", target); }

/// A share as a whole percentage, rounded half up as the JSS is (29/200,
/// 14.499999999999998 in doubles, is 15%); below 1 % "<1%" and above 99 %
/// ">99%" rather than a misleading 0% or 100%, as the sentences say them
/// (analysis::describe_share).
std::string percent_text(double p) {
  if (p > 0 && 100.0 * p < 1) return "<1%";
  if (p < 1 && 100.0 * p > 99) return ">99%";
  return fmt::format("{}%", model::round_half_up(100.0 * p));
}

// --- data --------------------------------------------------------------------

/// One strategy's rows within [today, horizon], in date order.
struct series {
  std::string name;
  std::size_t index = 0;  ///< fixes the colour and dash
  std::vector<const curve_row*> rows;

  [[nodiscard]] std::string_view colour() const { return palette[index % palette.size()]; }
  [[nodiscard]] std::string_view text_colour() const { return ink[index % ink.size()]; }
  [[nodiscard]] std::string_view dash() const {
    return dashes[(index / palette.size()) % dashes.size()];
  }
  /// The marker's shape, which tells the lines apart without colour.
  [[nodiscard]] std::size_t shape() const { return index % marker_shapes; }
};

std::vector<series> group_rows(const chart_context& c, const std::vector<curve_row>& rows,
                               model::date from, model::date to) {
  std::vector<series> out;
  std::map<std::string, std::size_t, std::less<>> position;
  const auto add = [&](const std::string& name) {
    const auto [it, inserted] = position.try_emplace(name, out.size());
    if (inserted) out.push_back(series{name, out.size(), {}});
    return it->second;
  };
  for (const std::string& name : c.strategies) add(name);
  for (const curve_row& r : rows) {
    const std::size_t s = add(r.strategy);
    if (r.on >= from && r.on <= to) out[s].rows.push_back(&r);
  }
  for (series& s : out) {
    std::stable_sort(s.rows.begin(), s.rows.end(),
                     [](const curve_row* a, const curve_row* b) { return a->on < b->on; });
  }
  return out;
}

/// The fill opacity of each of the bands of `all`: `single` alone, less with
/// more strategies, so that where all overlap the tints add up to `overall`
/// at most and do not turn into one muddy block.
double band_opacity(const std::vector<series>& all, double single, double overall) {
  const auto drawn =
      std::count_if(all.begin(), all.end(), [](const series& s) { return !s.rows.empty(); });
  if (drawn <= 1) return single;
  return std::min(single, 1 - std::pow(1 - overall, 1.0 / static_cast<double>(drawn)));
}

bool any_rows(const std::vector<series>& all) {
  return std::any_of(all.begin(), all.end(), [](const series& s) { return !s.rows.empty(); });
}

// --- layout ------------------------------------------------------------------

struct legend_entry {
  std::string text;  ///< sanitized, maybe cut short
  bool cut = false;
  double x = 0;
  std::size_t row = 0;
};

constexpr double swatch_width = 26;
constexpr double swatch_gap = 6;
constexpr double entry_gap = 26;

std::vector<legend_entry> lay_out_legend(const std::vector<series>& all, double left,
                                         double right) {
  std::vector<legend_entry> entries;
  const double available = right - left;
  double x = left;
  std::size_t row = 0;
  for (const series& s : all) {
    legend_entry e;
    e.text = fit_text(s.name.empty() ? std::string("(unnamed)") : s.name, font_body,
                      available - swatch_width - swatch_gap);
    e.cut = e.text != sanitize(s.name) && !s.name.empty();
    const double w = swatch_width + swatch_gap + text_width(e.text, font_body);
    if (x > left && x + w > right) {
      x = left;
      ++row;
    }
    e.x = x;
    e.row = row;
    x += w + entry_gap;
    entries.push_back(std::move(e));
  }
  return entries;
}

/// What differs between the two charts around the plot.
struct frame_text {
  std::string title;
  std::string subtitle;
  std::string y_label;
  std::string_view y_unit;  ///< appended to the y tick labels
};

/// Where everything goes; the canvas grows taller only when the legend and
/// the notes would squeeze the plot, or the title, subtitle and axis title
/// wrap on a narrow canvas.
struct layout {
  double width = canvas_width;
  double height = canvas_min_height;
  double left = margin_left;
  double right = canvas_width - margin_right;
  double top = plot_top;
  double bottom = 0;
  model::date from;
  model::date to;  ///< the axis's end: the horizon, or before it when nothing moves later
  model::date horizon;
  std::size_t legend_rows = 0;
  std::vector<std::string> note_lines;
  std::vector<std::string> title_lines;
  std::vector<std::string> subtitle_lines;
  std::vector<std::string> axis_lines;  ///< the time axis's title
  /// The y axis runs from y_min to 100 with a gridline every y_step.
  int y_min = 0;
  int y_step = 20;

  [[nodiscard]] double x(model::date d) const {
    const double span = std::max(1, to - from);
    return left + (right - left) * static_cast<double>(d - from) / span;
  }
  /// v on the y_min-100 scale of both charts.
  [[nodiscard]] double y(double v) const {
    const double lo = y_min;
    return bottom - (bottom - top) * (std::clamp(v, lo, 100.0) - lo) / (100.0 - lo);
  }
  [[nodiscard]] double tick_label_y() const { return bottom + 19; }
  [[nodiscard]] double axis_label_y(std::size_t line = 0) const {
    return bottom + 40 + 15 * static_cast<double>(line);
  }
  [[nodiscard]] double legend_y(std::size_t row) const {
    return axis_label_y(axis_lines.empty() ? 0 : axis_lines.size() - 1) + 22 +
           legend_row_height * static_cast<double>(row);
  }
  [[nodiscard]] double note_y(std::size_t line) const {
    return legend_y(legend_rows) + 6 + note_line_height * static_cast<double>(line);
  }
};

/// The layout of a chart whose y axis starts at `y_min` (a multiple of 10
/// below 100), and whose time axis ends at `axis_end` (the horizon if none).
layout make_layout(const chart_context& c, const frame_text& f, std::size_t legend_rows,
                   const std::vector<std::string>& notes, int y_min = 0,
                   std::optional<model::date> axis_end = std::nullopt) {
  JSSIM_ASSERT(y_min >= 0 && y_min < 100 && y_min % 10 == 0, "the y axis starts at 0, 10 ... 90");
  layout l;
  l.width = c.width;
  l.right = c.width - margin_right;
  l.y_step = 100 - y_min > 60 ? 20 : 10;
  l.y_min = y_min / l.y_step * l.y_step;
  l.from = c.today;
  l.horizon = c.horizon > c.today ? c.horizon : c.today + 1;
  l.to = axis_end ? std::clamp(*axis_end, c.today + 1, l.horizon) : l.horizon;
  l.legend_rows = legend_rows;
  const double text_width_px = c.width - 2 * 20;
  for (const std::string& note : notes) {
    for (std::string& line : wrap_text(sanitize(note), font_note, text_width_px)) {
      l.note_lines.push_back(std::move(line));
    }
  }
  l.title_lines = wrap_text(sanitize(f.title), font_title, text_width_px);
  l.subtitle_lines = wrap_text(sanitize(f.subtitle), font_subtitle, text_width_px);
  for (auto* lines : {&l.title_lines, &l.subtitle_lines}) {
    if (lines->empty()) lines->emplace_back();
    for (std::string& line : *lines) line = fit_text(line, lines == &l.title_lines ? font_title : font_subtitle, text_width_px);
  }
  const std::string axis_title =
      l.to < l.horizon ? fmt::format("Date, from today ({}) to {}; the horizon is {}",
                                     long_date(l.from), long_date(l.to), long_date(l.horizon))
                       : fmt::format("Date, from today ({}) to the horizon ({})",
                                     long_date(l.from), long_date(l.to));
  l.axis_lines = wrap_text(axis_title, font_body, text_width_px);
  // The plot starts below the heading: 82 px with one line of each.
  l.top = plot_top + 22 * static_cast<double>(l.title_lines.size() - 1) +
          16 * static_cast<double>(l.subtitle_lines.size() - 1);
  const double below = 62 + 15 * static_cast<double>(l.axis_lines.size() - 1) +
                       legend_row_height * static_cast<double>(legend_rows) + 6 +
                       note_line_height * static_cast<double>(l.note_lines.size()) + 4;
  const double min_height = c.width >= canvas_width ? canvas_min_height : 0;
  l.height = std::max(min_height, l.top + min_plot_height + below);
  l.bottom = l.height - below;
  return l;
}

// --- drawing -----------------------------------------------------------------

/// Step paths over the segments [xs[i], xs[i+1]] of value ys[i]; a missing
/// value breaks the path. xs has one more element than ys.
std::string step_line(const layout& l, const std::vector<double>& xs,
                      const std::vector<std::optional<double>>& ys) {
  std::string d;
  bool open = false;
  for (std::size_t i = 0; i < ys.size(); ++i) {
    if (!ys[i]) {
      open = false;
      continue;
    }
    const std::string y = num(l.y(*ys[i]));
    if (!open) {
      d += fmt::format("{}M{} {}", d.empty() ? "" : " ", num(xs[i]), y);
    } else {
      d += fmt::format("V{}", y);
    }
    d += fmt::format("H{}", num(xs[i + 1]));
    open = true;
  }
  return d;
}

/// Closed step areas between lo[i] and hi[i] over [xs[i], xs[i+1]], one per
/// run of segments where both are known.
std::string step_band(const layout& l, const std::vector<double>& xs,
                      const std::vector<std::optional<double>>& lo,
                      const std::vector<std::optional<double>>& hi) {
  std::string d;
  const std::size_t n = lo.size();
  std::size_t i = 0;
  while (i < n) {
    if (!lo[i] || !hi[i]) {
      ++i;
      continue;
    }
    std::size_t end = i;  // one past the run
    while (end < n && lo[end] && hi[end]) ++end;
    d += fmt::format("{}M{} {}", d.empty() ? "" : " ", num(xs[i]), num(l.y(*hi[i])));
    for (std::size_t k = i; k < end; ++k) {
      if (k > i) d += fmt::format("V{}", num(l.y(*hi[k])));
      d += fmt::format("H{}", num(xs[k + 1]));
    }
    for (std::size_t k = end; k-- > i;) {
      d += fmt::format("V{}H{}", num(l.y(*lo[k])), num(xs[k]));
    }
    d += 'Z';
    i = end;
  }
  return d;
}

/// The x of each segment edge of `s`: its row dates, then the horizon.
std::vector<double> segment_edges(const layout& l, const series& s) {
  std::vector<double> xs;
  xs.reserve(s.rows.size() + 1);
  for (const curve_row* r : s.rows) xs.push_back(l.x(r->on));
  xs.push_back(l.x(l.to));
  return xs;
}

std::string dash_attribute(const series& s) {
  return s.dash().empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", s.dash());
}

void text(std::string& out, double x, double y, std::string_view content,
          std::string_view attributes) {
  out += fmt::format("<text x=\"{}\" y=\"{}\"{}{}>{}</text>\n", num(x), num(y),
                     attributes.empty() ? "" : " ", attributes, xml_escape(content));
}

void open_svg(std::string& out, const layout& l, const frame_text& f) {
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"{2}\">\n",
      num(l.width), num(l.height), num(font_body));
  out += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(f.title),
                     xml_escape(f.subtitle));
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
}

void draw_frame(std::string& out, const layout& l, const frame_text& f) {
  for (std::size_t i = 0; i < l.title_lines.size(); ++i) {
    text(out, 20, 32 + 22 * static_cast<double>(i), l.title_lines[i],
         fmt::format("class=\"title\" font-size=\"{}\" font-weight=\"bold\" fill=\"#222222\"",
                     num(font_title)));
  }
  for (std::size_t i = 0; i < l.subtitle_lines.size(); ++i) {
    text(out, 20, 55 + 22 * static_cast<double>(l.title_lines.size() - 1) + 16 * static_cast<double>(i),
         l.subtitle_lines[i],
         fmt::format("class=\"subtitle\" font-size=\"{}\" fill=\"#555555\"", num(font_subtitle)));
  }

  out += "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
  for (int v = l.y_min; v <= 100; v += l.y_step) {
    const std::string y = num(l.y(v));
    out += fmt::format("<line class=\"grid-y\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                       num(l.left), y, num(l.right), y);
  }
  const std::vector<date_tick> ticks = date_ticks(l.from, l.to, l.right - l.left);
  for (const date_tick& t : ticks) {
    const std::string x = num(l.x(t.on));
    out += fmt::format("<line class=\"grid-x\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", x,
                       num(l.top), x, num(l.bottom));
  }
  out += "</g>\n";

  out += "<g class=\"axes\" stroke=\"#888888\" stroke-width=\"1\">\n";
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n", num(l.left),
                     num(l.bottom), num(l.right));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", num(l.left),
                     num(l.top), num(l.bottom));
  for (const date_tick& t : ticks) {
    const std::string x = num(l.x(t.on));
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", x, num(l.bottom),
                       num(l.bottom + 5));
  }
  out += "</g>\n";

  out += "<g class=\"tick-labels\" fill=\"#444444\">\n";
  for (int v = l.y_min; v <= 100; v += l.y_step) {
    text(out, l.left - 8, l.y(v) + 4, fmt::format("{}{}", v, f.y_unit),
         "class=\"y-tick\" text-anchor=\"end\"");
  }
  for (const date_tick& t : ticks) {
    text(out, l.x(t.on), l.tick_label_y(), t.label, "class=\"x-tick\" text-anchor=\"middle\"");
  }
  out += "</g>\n";

  const double mid_y = (l.top + l.bottom) / 2;
  out += fmt::format(
      "<text class=\"axis-label\" x=\"0\" y=\"0\" transform=\"translate(24 {}) rotate(-90)\" "
      "text-anchor=\"middle\" fill=\"#333333\">{}</text>\n",
      num(mid_y), xml_escape(f.y_label));
  for (std::size_t i = 0; i < l.axis_lines.size(); ++i) {
    // Centred under the plot, kept within the canvas.
    const double half = text_width(l.axis_lines[i], font_body) / 2;
    text(out, std::clamp((l.left + l.right) / 2, 20 + half, std::max(20 + half, l.width - 20 - half)),
         l.axis_label_y(i), l.axis_lines[i],
         "class=\"axis-label\" text-anchor=\"middle\" fill=\"#333333\"");
  }
}

/// A marker of `shape` centred on (x, y), white-edged so that it stands out
/// on a line of its own colour.
std::string marker(std::size_t shape, double x, double y, std::string_view colour) {
  constexpr double r = 4.2;
  const std::string style =
      fmt::format("fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"", colour);
  switch (shape) {
    case 0:
      return fmt::format("<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>", num(x),
                         num(y), num(r), style);
    case 1:
      return fmt::format(
          "<rect class=\"marker\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
          num(x - r * 0.85), num(y - r * 0.85), num(r * 1.7), num(r * 1.7), style);
    case 2:
      return fmt::format("<path class=\"marker\" d=\"M{} {}L{} {}L{} {}Z\" {}/>", num(x),
                         num(y - r * 1.1), num(x + r), num(y + r * 0.8), num(x - r),
                         num(y + r * 0.8), style);
    case 3:
      return fmt::format("<path class=\"marker\" d=\"M{} {}L{} {}L{} {}L{} {}Z\" {}/>", num(x),
                         num(y - r * 1.2), num(x + r * 1.1), num(y), num(x), num(y + r * 1.2),
                         num(x - r * 1.1), num(y), style);
    case 4:
      return fmt::format("<path class=\"marker\" d=\"M{} {}L{} {}L{} {}Z\" {}/>", num(x),
                         num(y + r * 1.1), num(x + r), num(y - r * 0.8), num(x - r),
                         num(y - r * 0.8), style);
    default:
      return fmt::format(
          "<path class=\"marker\" d=\"M{0} {1}H{2}V{3}H{4}V{5}H{6}V{7}H{4}V{8}H{2}V{7}H{9}Z\" "
          "{10}/>",
          num(x - r), num(y - r * 0.4), num(x - r * 0.4), num(y - r), num(x + r * 0.4),
          num(y - r * 0.4), num(x + r), num(y + r * 0.4), num(y + r), num(x - r), style);
  }
}

/// A legend swatch: a translucent block (the band) crossed by the line.
void draw_legend(std::string& out, const layout& l, const std::vector<series>& all,
                 const std::vector<legend_entry>& entries) {
  out += "<g class=\"legend\">\n";
  for (std::size_t i = 0; i < all.size(); ++i) {
    const series& s = all[i];
    const legend_entry& e = entries[i];
    const double cy = l.legend_y(e.row);
    out += "<g class=\"legend-item\">";
    if (e.cut) out += fmt::format("<title>{}</title>", xml_escape(s.name));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" fill=\"{}\" fill-opacity=\"0.2\"/>",
        num(e.x), num(cy - 6), num(swatch_width), s.colour());
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>",
        num(e.x), num(cy), num(e.x + swatch_width), num(cy), s.colour(), dash_attribute(s));
    out += marker(s.shape(), e.x + swatch_width / 2, cy, s.colour());
    out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222222\">{}</text></g>\n",
                       num(e.x + swatch_width + swatch_gap), num(cy + 4), xml_escape(e.text));
  }
  out += "</g>\n";
}

void draw_notes(std::string& out, const layout& l) {
  for (std::size_t i = 0; i < l.note_lines.size(); ++i) {
    text(out, 20, l.note_y(i), l.note_lines[i],
         fmt::format("class=\"note\" font-size=\"{}\" fill=\"#666666\"", num(font_note)));
  }
}

void draw_no_data(std::string& out, const layout& l) {
  text(out, (l.left + l.right) / 2, (l.top + l.bottom) / 2, "no data",
       "class=\"no-data\" text-anchor=\"middle\" font-size=\"16\" fill=\"#777777\"");
}

/// A label at the right end of a line, in the line's colour.
struct end_label {
  double y = 0;  ///< where the line ends
  std::string text;
  std::string_view colour;
  /// The line's marker, drawn before the text so that equal figures are told
  /// apart by shape too; none for a chart without markers.
  std::optional<std::size_t> shape;
  std::string_view marker_colour;
};

/// Writes the labels right of the plot, pushed apart so that none overlaps.
void draw_end_labels(std::string& out, const layout& l, std::vector<end_label> labels) {
  if (labels.empty()) return;
  constexpr double gap = 13;
  std::stable_sort(labels.begin(), labels.end(),
                   [](const end_label& a, const end_label& b) { return a.y < b.y; });
  std::vector<double> ys;
  for (const end_label& e : labels) ys.push_back(e.y);
  for (std::size_t i = 1; i < ys.size(); ++i) ys[i] = std::max(ys[i], ys[i - 1] + gap);
  const double lowest = l.bottom + 4;
  if (ys.back() > lowest) {
    ys.back() = lowest;
    for (std::size_t i = ys.size() - 1; i-- > 0;) ys[i] = std::min(ys[i], ys[i + 1] - gap);
  }
  out += "<g class=\"end-labels\" font-size=\"11\" font-weight=\"bold\">\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double x = l.right + 6;
    if (labels[i].shape) {
      out += marker(*labels[i].shape, x + 5, ys[i], labels[i].marker_colour) + "\n";
      x += 13;
    }
    text(out, x, ys[i] + 4, labels[i].text, fmt::format("fill=\"{}\"", labels[i].colour));
  }
  out += "</g>\n";
}

std::string scenario_prefix(const chart_context& c) {
  return c.title.empty() ? std::string() : c.title + ": ";
}

std::string target_phrase(const chart_context& c) {
  return c.top_rated ? std::string("Top Rated rule met")
                     : fmt::format("JSS {} or more shown", target_text(c.target_jss));
}

/// How close to its final share a line must stay to count as no longer
/// moving: half a point, under a pixel at the chart's height.
constexpr double settled = 0.005;

/// The last recalculation day on which any strategy's share recovered is
/// still more than `settled` from its final share; nothing without rows.
std::optional<model::date> last_move(const std::vector<series>& all) {
  std::optional<model::date> last;
  for (const series& s : all) {
    if (s.rows.empty()) continue;
    const double final_share = s.rows.back()->p_recovered;
    model::date moved = s.rows.front()->on;
    for (const curve_row* r : s.rows) {
      if (std::abs(r->p_recovered - final_share) > settled) moved = r->on;
    }
    if (!last || moved > *last) last = moved;
  }
  return last;
}

/// Where the recovery chart's time axis ends: a little after the last day
/// any line moves, so that a flat tail does not take most of the width, but
/// never before a 3, 6 or 12-month mark within the horizon, nor after it.
model::date recovery_axis_end(const chart_context& c, const std::vector<series>& all) {
  const std::optional<model::date> moved = last_move(all);
  if (!moved) return c.horizon;
  const model::day_count span = *moved - c.today;
  // A tenth of the span, and two weeks at least: the last step shows as a step.
  model::date end = *moved + std::max<model::day_count>(14, span / 10);
  for (const int months : {3, 6, 12}) {
    const model::date mark = c.today.add_months(months);
    if (mark <= c.horizon) end = std::max(end, mark + 14);
  }
  // Not worth a note to save less than a tenth of the width.
  if (c.horizon - end < (c.horizon - c.today) / 10) return c.horizon;
  return std::min(end, c.horizon);
}

/// Dashed vertical lines at 3, 6 and 12 months from today, labelled above
/// the plot, where they fall on the axis: "3 months", or "3m" where the
/// words would meet (a narrow chart); a label that would still meet the one
/// before it is left out, its line stays.
void draw_month_marks(std::string& out, const layout& l) {
  std::vector<std::pair<int, double>> marks;  // months, x
  for (const int months : {3, 6, 12}) {
    const model::date on = l.from.add_months(months);
    if (on <= l.to) marks.emplace_back(months, l.x(on));
  }
  constexpr double font = 11;
  constexpr double gap = 6;
  const auto fits = [&](bool short_form) {
    for (std::size_t i = 1; i < marks.size(); ++i) {
      const auto label = [&](int m) {
        return short_form ? fmt::format("{}m", m) : fmt::format("{} months", m);
      };
      const double room = marks[i].second - marks[i - 1].second;
      if (room < (text_width(label(marks[i - 1].first), font) + text_width(label(marks[i].first), font)) / 2 + gap) {
        return false;
      }
    }
    return true;
  };
  const bool short_form = !fits(false);
  out += "<g class=\"month-marks\">\n";
  double last_right = -1e9;
  for (const auto& [months, x] : marks) {
    out += fmt::format(
        "<line class=\"month-mark\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
        "stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n",
        num(x), num(l.top - 2), num(l.bottom));
    const std::string label =
        short_form ? fmt::format("{}m", months) : fmt::format("{} months", months);
    const double half = text_width(label, font) / 2;
    if (x - half < last_right + gap) continue;
    last_right = x + half;
    text(out, x, l.top - 6, label,
         "class=\"month-label\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333333\"");
  }
  out += "</g>\n";
}

/// Where the JSS axis starts: scores below about 60 are rare, and a 0-100
/// axis would squeeze the fans into its top quarter. So the axis starts at
/// the multiple of 10 at least 5 below everything drawn (the target
/// included), and at 60 at most, so that it always spans 40 points.
int jss_axis_start(const chart_context& c, const std::vector<series>& all) {
  double lowest = std::min(c.target_jss, 100.0);
  for (const series& s : all) {
    for (const curve_row* r : s.rows) {
      for (const auto& q : {r->jss_p10, r->jss_p50, r->jss_p90}) {
        if (q) lowest = std::min(lowest, static_cast<double>(*q));
      }
    }
  }
  const double start = std::floor((lowest - 5) / 10) * 10;
  return static_cast<int>(std::clamp(start, 0.0, 60.0));
}

}  // namespace

double text_width(std::string_view text, double font_px) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    const decoded d = decode_utf8(text, i);
    em += char_width_em(d.code_point.value_or(0xFFFD));
    i += d.length;
  }
  return em * font_px;
}

std::string xml_escape(std::string_view text) {
  const std::string clean = sanitize(text);
  std::string out;
  out.reserve(clean.size());
  for (const char ch : clean) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::vector<date_tick> date_ticks(model::date from, model::date to, double width_px) {
  std::vector<date_tick> ticks;
  if (to < from || width_px <= 0) return ticks;
  const double px_per_day = width_px / std::max(1, to - from);

  static constexpr std::array<int, 8> month_steps{1, 2, 3, 6, 12, 24, 60, 120};
  // The fewest days between the firsts of two months that many months apart.
  static constexpr std::array<int, 8> shortest_gap_days{28, 59, 89, 181, 365, 730, 1826, 3652};
  int step = month_steps.back();
  for (std::size_t i = 0; i < month_steps.size(); ++i) {
    if (shortest_gap_days[i] * px_per_day >= min_tick_gap_px) {
      step = month_steps[i];
      break;
    }
  }
  // Months counted from year 0, rounded up to the first first-of-month on or
  // after `from` that is a multiple of the step (January-aligned).
  int month = from.year() * 12 + (from.month() - 1) + (from.day() == 1 ? 0 : 1);
  month = (month + step - 1) / step * step;
  for (;; month += step) {
    const auto d = model::date::from_ymd(month / 12, month % 12 + 1, 1);
    JSSIM_ASSERT(d.has_value(), "the first of a month exists");
    if (*d > to) break;
    ticks.push_back(
        {*d, fmt::format("{} {}", month_names[static_cast<std::size_t>(month % 12)], month / 12)});
  }
  if (step > 1 || ticks.size() >= 3) return ticks;

  // Too short a span for month ticks: days from `from`.
  ticks.clear();
  static constexpr std::array<int, 4> day_steps{1, 2, 7, 14};
  int days = day_steps.back();
  for (const int s : day_steps) {
    if (s * px_per_day >= min_day_tick_gap_px) {
      days = s;
      break;
    }
  }
  for (model::date d = from; d <= to; d += days) {
    ticks.push_back(
        {d, fmt::format("{} {}", d.day(), month_names[static_cast<std::size_t>(d.month() - 1)])});
  }
  return ticks;
}

std::string recovery_svg(const chart_context& c, const std::vector<curve_row>& rows) {
  const std::vector<series> all = group_rows(c, rows, c.today, c.horizon);
  const bool has_data = any_rows(all);

  frame_text f;
  f.title = scenario_prefix(c) + "chance of having recovered, by date";
  f.subtitle = fmt::format(
      "Share of simulated runs recovered ({}) by each date. Line: estimate; shaded: 95% "
      "interval (Wilson).",
      target_phrase(c));
  f.y_label = "Runs recovered";
  f.y_unit = "%";

  std::vector<std::string> notes;
  const model::date axis_end = recovery_axis_end(c, all);
  if (has_data) {
    model::date first = c.horizon;
    model::date last = c.today;
    for (const series& s : all) {
      if (s.rows.empty()) continue;
      first = std::min(first, s.rows.front()->on);
      last = std::max(last, s.rows.back()->on);
    }
    if (c.top_rated) {
      // The rule is checked on Saturdays, the lines drawn on recalculation
      // days: a run that meets it after the last one is in summary.csv only.
      notes.push_back(fmt::format(
          "The Top Rated rule is checked on Saturdays; each line steps up on the simulated "
          "recalculation days with the runs that met it by then, from the first after today "
          "({}). The figure at the right of each line is the share on the last of them ({}); "
          "summary.csv's p_recovered also counts the Saturdays after it, to the horizon.",
          long_date(first), long_date(last)));
    } else {
      notes.push_back(fmt::format(
          "Runs are scored on recalculation days only: each line steps up on the simulated "
          "ones, from the first after today ({}); that first step includes the runs already "
          "recovered today. The figure at the right of each line is the share at the horizon.",
          long_date(first)));
    }
    if (axis_end < c.horizon) {
      notes.push_back(fmt::format(
          "After {} no line moves by more than half a point: the time axis stops at {} "
          "instead of running on to the horizon ({}). Marks: 3, 6 and 12 months from today.",
          long_date(last_move(all).value_or(first)), long_date(axis_end), long_date(c.horizon)));
    } else {
      notes.push_back("Marks: 3, 6 and 12 months from today.");
    }
  }

  const std::vector<legend_entry> legend =
      lay_out_legend(all, margin_left, c.width - margin_right);
  const layout l =
      make_layout(c, f, legend.empty() ? 0 : legend.back().row + 1, notes, 0, axis_end);
  // The lines as drawn, cut at the axis's end; the labels at their right
  // still give the last share of all (the same: nothing moves after it).
  const std::vector<series> drawn = group_rows(c, rows, c.today, l.to);

  std::string out;
  open_svg(out, l, f);
  draw_frame(out, l, f);
  if (!has_data) draw_no_data(out, l);
  draw_month_marks(out, l);

  std::vector<std::vector<double>> edges;
  for (const series& s : drawn) edges.push_back(segment_edges(l, s));

  const std::string opacity = fmt::format("{:.3f}", band_opacity(drawn, 0.18, 0.45));
  out += "<g class=\"bands\">\n";
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const series& s = drawn[i];
    if (s.rows.empty()) continue;
    std::vector<std::optional<double>> lo, hi;
    for (const curve_row* r : s.rows) {
      lo.emplace_back(100.0 * r->p_recovered_ci.lo);
      hi.emplace_back(100.0 * r->p_recovered_ci.hi);
    }
    out += fmt::format("<path class=\"band\" d=\"{}\" fill=\"{}\" fill-opacity=\"{}\"/>\n",
                       step_band(l, edges[i], lo, hi), s.colour(), opacity);
  }
  out +=
      "</g>\n<g class=\"lines\" fill=\"none\" stroke-width=\"2.2\" "
      "stroke-linejoin=\"round\">\n";
  std::vector<end_label> ends;
  std::string markers;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const series& s = drawn[i];
    if (s.rows.empty()) continue;
    std::vector<std::optional<double>> p;
    for (const curve_row* r : s.rows) p.emplace_back(100.0 * r->p_recovered);
    out += fmt::format("<path class=\"line\" d=\"{}\" stroke=\"{}\"{}/>\n",
                       step_line(l, edges[i], p), s.colour(), dash_attribute(s));
    // A marker where the line crosses each month mark, and at its end.
    for (const int months : {3, 6, 12}) {
      const model::date on = c.today.add_months(months);
      if (on > l.to) continue;
      const curve_row* at = nullptr;
      for (const curve_row* r : s.rows) {
        if (r->on <= on) at = r;
      }
      // Before the first recalculation day the line is not drawn.
      if (at != nullptr) markers += marker(s.shape(), l.x(on), l.y(100.0 * at->p_recovered), s.colour()) + "\n";
    }
    const double last = all[i].rows.back()->p_recovered;
    ends.push_back({l.y(100.0 * last), percent_text(last), s.text_colour(), s.shape(), s.colour()});
  }
  out += "</g>\n<g class=\"markers\">\n" + markers + "</g>\n";
  draw_end_labels(out, l, std::move(ends));
  draw_legend(out, l, all, legend);
  draw_notes(out, l);
  out += "</svg>\n";
  return out;
}

std::string jss_svg(const chart_context& c, const std::vector<curve_row>& rows) {
  const std::vector<series> all = group_rows(c, rows, c.today, c.horizon);
  const bool has_data = any_rows(all);
  const double W = c.width;
  const std::string title = scenario_prefix(c) + "Job Success Score over time";
  const std::string baseline = all.empty() ? std::string() : all.front().name;
  const std::string subtitle =
      "Displayed JSS across simulated runs, one panel per strategy, all on the same scale. "
      "Line: median; shaded: 10th to 90th percentile; runs with no score shown count lowest.";

  double most_without_score = 0;
  bool gaps = false;
  for (const series& s : all) {
    for (const curve_row* r : s.rows) {
      if (!r->jss_p10 || !r->jss_p50 || !r->jss_p90) {
        gaps = true;
        most_without_score = std::max(most_without_score, r->p_no_score);
      }
    }
  }
  std::vector<std::string> notes;
  if (gaps) {
    notes.push_back(fmt::format(
        "Gaps: where a percentile falls on runs whose profile shows no score (up to {} of the "
        "runs on some days), it is not drawn; the band needs both its 10th and 90th percentile.",
        percent_text(most_without_score)));
  }
  std::vector<std::string> note_lines;
  for (const std::string& note : notes) {
    for (std::string& line : wrap_text(sanitize(note), font_note, W - 40)) {
      note_lines.push_back(std::move(line));
    }
  }
  const std::vector<std::string> title_lines = wrap_text(sanitize(title), font_title, W - 40);
  const double title_extra = 22 * static_cast<double>(std::max<std::size_t>(title_lines.size(), 1) - 1);
  const std::vector<std::string> subtitle_lines =
      wrap_text(subtitle, font_subtitle, W - 40);

  // The panels: one column for one strategy, two for two or four, three
  // beyond; all panels the same size.
  const std::size_t n = std::max<std::size_t>(all.size(), 1);
  const std::size_t cols = n == 1 || W < 600 ? 1 : (n == 2 || n == 4) ? 2 : 3;
  const std::size_t panel_rows = (n + cols - 1) / cols;
  constexpr double outer = 20;
  constexpr double gap_x = 28;
  const double panel_width =
      (W - 2 * outer - gap_x * static_cast<double>(cols - 1)) / static_cast<double>(cols);
  constexpr double name_line = 16;
  constexpr double y_label_room = 34;  // "100" at 11 px, and a gap
  constexpr double end_label_room = 30;
  const double plot_height = cols == 1 ? (W < 600 ? 180 : 300) : cols == 2 ? 200 : 150;
  constexpr double tick_room = 22;
  constexpr double gap_y = 22;

  // What each panel's name needs: two lines at most, cut with a tooltip after.
  std::vector<std::vector<std::string>> names;
  std::vector<bool> cut;
  std::size_t name_lines = 1;
  for (const series& s : all) {
    const std::string name = s.name.empty() ? std::string("(unnamed)") : sanitize(s.name);
    // Bold is about a tenth wider than text_width's estimate.
    const double name_width = panel_width / 1.1;
    std::vector<std::string> lines = wrap_text(name, 13, name_width);
    bool shortened = false;
    if (lines.size() > 2) {
      std::string rest;
      for (std::size_t i = 1; i < lines.size(); ++i) rest += (i > 1 ? " " : "") + lines[i];
      lines.resize(2);
      lines[1] = fit_text(rest + "\u2026", 13, name_width);
      if (!lines[1].ends_with("\u2026")) lines[1] += "\u2026";
      shortened = true;
    }
    for (std::string& line : lines) {
      // A word wider than the panel on its own.
      if (text_width(line, 13) > name_width) {
        line = fit_text(line, 13, name_width);
        shortened = true;
      }
    }
    name_lines = std::max(name_lines, lines.size());
    names.push_back(std::move(lines));
    cut.push_back(shortened);
  }

  // The legend: what the marks of a panel mean, laid out in rows.
  struct key {
    std::string kind;
    std::string label;
  };
  std::vector<key> keys{{"fan", "the strategy's median and 10th-90th percentile"}};
  if (all.size() > 1) keys.push_back({"baseline", "median of " + sanitize(baseline) + " (the baseline), in grey"});
  keys.push_back({"target", fmt::format("target {}", target_text(c.target_jss))});
  const double legend_top = title_extra + 38 + 18 * static_cast<double>(subtitle_lines.size()) + 10;
  std::vector<std::pair<double, std::size_t>> key_at;  // x, row
  {
    double x = outer;
    std::size_t row = 0;
    for (const key& k : keys) {
      const std::string label = fit_text(k.label, font_body, W - 2 * outer - 34);
      const double w = 34 + text_width(label, font_body);
      if (x > outer && x + w > W - outer) {
        x = outer;
        ++row;
      }
      key_at.emplace_back(x, row);
      x += w + 24;
    }
  }
  const std::size_t key_rows = key_at.empty() ? 0 : key_at.back().second + 1;
  const double panels_top = legend_top + legend_row_height * static_cast<double>(key_rows) + 8;
  const double panel_height = name_line * static_cast<double>(name_lines) + 8 + plot_height + tick_room;
  const double panels_bottom =
      panels_top + (panel_height + gap_y) * static_cast<double>(panel_rows) - gap_y;
  const double axis_label_y = panels_bottom + 24;
  const int y_min = jss_axis_start(c, all);
  const int y_step = 100 - y_min > 60 ? 20 : 10;
  const std::vector<std::string> axis_lines = wrap_text(
      fmt::format("Each panel: date from today ({}) to the horizon ({}); the JSS from {} to 100",
                  long_date(c.today), long_date(c.horizon > c.today ? c.horizon : c.today + 1),
                  y_min / y_step * y_step),
      font_body, W - 2 * outer);
  const double axis_extra = 15 * static_cast<double>(std::max<std::size_t>(axis_lines.size(), 1) - 1);
  const double height = axis_label_y + axis_extra + 12 +
                        (note_lines.empty() ? 0 : 8 + note_line_height * static_cast<double>(note_lines.size())) +
                        8;

  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"{2}\">\n",
      num(W), num(height), num(font_body));
  out += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(title), xml_escape(subtitle));
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  for (std::size_t i = 0; i < title_lines.size(); ++i) {
    text(out, outer, 28 + 22 * static_cast<double>(i), fit_text(title_lines[i], font_title, W - 2 * outer),
         fmt::format("class=\"title\" font-size=\"{}\" font-weight=\"bold\" fill=\"#222222\"",
                     num(font_title)));
  }
  for (std::size_t i = 0; i < subtitle_lines.size(); ++i) {
    text(out, outer, title_extra + 50 + 18 * static_cast<double>(i), subtitle_lines[i],
         fmt::format("class=\"subtitle\" font-size=\"{}\" fill=\"#555555\"", num(font_subtitle)));
  }

  // The key.
  out += "<g class=\"legend\">\n";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const double x = key_at[i].first;
    const double cy = legend_top + 8 + legend_row_height * static_cast<double>(key_at[i].second);
    out += "<g class=\"legend-item\">";
    if (keys[i].kind == "fan") {
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"12\" fill=\"{}\" fill-opacity=\"0.22\"/>"
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"/>",
          num(x), num(cy - 6), "#777777", num(x), num(cy), num(x + 26), num(cy), "#555555");
    } else if (keys[i].kind == "baseline") {
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8a8a8a\" stroke-width=\"1.8\"/>",
          num(x), num(cy), num(x + 26), num(cy));
    } else {
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#222222\" stroke-width=\"1.2\" "
          "stroke-dasharray=\"7 4\"/>",
          num(x), num(cy), num(x + 26), num(cy));
    }
    text(out, x + 34, cy + 4, fit_text(keys[i].label, font_body, W - 2 * outer - 34),
         fmt::format("font-size=\"{}\" fill=\"#222222\"", num(font_body)));
    out += "</g>\n";
  }
  out += "</g>\n";

  if (!has_data) {
    text(out, W / 2, (panels_top + panels_bottom) / 2, "no data",
         "class=\"no-data\" text-anchor=\"middle\" font-size=\"16\" fill=\"#777777\"");
  }

  const auto as_value = [](const std::optional<int>& q) -> std::optional<double> {
    if (!q) return std::nullopt;
    return static_cast<double>(*q);
  };
  const std::string band_opacity_text = "0.22";
  for (std::size_t i = 0; i < all.size(); ++i) {
    const series& s = all[i];
    const double px = outer + (panel_width + gap_x) * static_cast<double>(i % cols);
    const double py = panels_top + (panel_height + gap_y) * static_cast<double>(i / cols);
    layout l;
    l.left = px + y_label_room;
    l.right = px + panel_width - end_label_room;
    l.top = py + name_line * static_cast<double>(name_lines) + 8;
    l.bottom = l.top + plot_height;
    l.from = c.today;
    l.horizon = c.horizon > c.today ? c.horizon : c.today + 1;
    l.to = l.horizon;
    l.y_min = y_min / y_step * y_step;
    l.y_step = y_step;

    out += "<g class=\"panel\">\n";
    if (cut[i]) out += fmt::format("<title>{}</title>\n", xml_escape(s.name));
    for (std::size_t k = 0; k < names[i].size(); ++k) {
      text(out, px, py + 12 + name_line * static_cast<double>(k), names[i][k],
           fmt::format("class=\"panel-title\" font-size=\"13\" font-weight=\"bold\" fill=\"{}\"",
                       s.text_colour()));
    }
    // Grid, axes and ticks.
    out += "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
    for (int v = l.y_min; v <= 100; v += l.y_step) {
      out += fmt::format("<line class=\"grid-y\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n",
                         num(l.left), num(l.y(v)), num(l.right));
    }
    const std::vector<date_tick> ticks = date_ticks(l.from, l.to, l.right - l.left);
    for (const date_tick& t : ticks) {
      out += fmt::format("<line class=\"grid-x\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                         num(l.x(t.on)), num(l.top), num(l.bottom));
    }
    out += "</g>\n";
    out += fmt::format(
        "<path class=\"axes\" d=\"M{0} {1}V{2}H{3}\" fill=\"none\" stroke=\"#888888\" "
        "stroke-width=\"1\"/>\n",
        num(l.left), num(l.top), num(l.bottom), num(l.right));
    for (int v = l.y_min; v <= 100; v += l.y_step) {
      text(out, l.left - 6, l.y(v) + 4, fmt::format("{}", v),
           "class=\"y-tick\" text-anchor=\"end\" font-size=\"11\" fill=\"#444444\"");
    }
    // Tick labels centred on their tick, kept within the plot's width.
    for (const date_tick& t : ticks) {
      const double half = text_width(t.label, 11) / 2;
      const double x = std::clamp(l.x(t.on), l.left + half, l.right - half);
      text(out, x, l.bottom + 16, t.label,
           "class=\"x-tick\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444444\"");
    }

    if (!s.rows.empty()) {
      const std::vector<double> edges = segment_edges(l, s);
      std::vector<std::optional<double>> lo, hi, median;
      for (const curve_row* r : s.rows) {
        lo.push_back(as_value(r->jss_p10));
        hi.push_back(as_value(r->jss_p90));
        median.push_back(as_value(r->jss_p50));
      }
      if (const std::string d = step_band(l, edges, lo, hi); !d.empty()) {
        out += fmt::format("<path class=\"band\" d=\"{}\" fill=\"{}\" fill-opacity=\"{}\"/>\n", d,
                           s.colour(), band_opacity_text);
      }
      // The baseline's median, for reference, under this strategy's.
      if (i > 0 && !all.front().rows.empty()) {
        const series& b = all.front();
        std::vector<std::optional<double>> base;
        for (const curve_row* r : b.rows) base.push_back(as_value(r->jss_p50));
        if (const std::string d = step_line(l, segment_edges(l, b), base); !d.empty()) {
          out += fmt::format(
              "<path class=\"baseline\" d=\"{}\" fill=\"none\" stroke=\"#8a8a8a\" "
              "stroke-width=\"1.8\" stroke-opacity=\"0.9\"/>\n",
              d);
        }
      }
      const double target_y = l.y(c.target_jss);
      out += fmt::format(
          "<line class=\"target\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" "
          "stroke=\"#222222\" stroke-width=\"1.2\" stroke-dasharray=\"7 4\"/>\n",
          num(l.left), num(target_y), num(l.right));
      if (const std::string d = step_line(l, edges, median); !d.empty()) {
        out += fmt::format(
            "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.4\" "
            "stroke-linejoin=\"round\"/>\n",
            d, s.colour());
      }
      if (const auto& last = s.rows.back()->jss_p50) {
        // One label a panel, at the end of its own line: nothing to collide with.
        text(out, l.right + 4, std::clamp(l.y(*last) + 4, l.top + 8, l.bottom + 4),
             fmt::format("{}", *last),
             fmt::format("class=\"end-label\" font-size=\"11\" font-weight=\"bold\" fill=\"{}\"",
                         s.text_colour()));
      }
    }
    out += "</g>\n";
  }

  for (std::size_t i = 0; i < axis_lines.size(); ++i) {
    text(out, W / 2, axis_label_y + 15 * static_cast<double>(i), axis_lines[i],
         "class=\"axis-label\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\"");
  }
  for (std::size_t i = 0; i < note_lines.size(); ++i) {
    text(out, outer, axis_label_y + axis_extra + 24 + note_line_height * static_cast<double>(i), note_lines[i],
         fmt::format("class=\"note\" font-size=\"{}\" fill=\"#666666\"", num(font_note)));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace jssim::analysis
