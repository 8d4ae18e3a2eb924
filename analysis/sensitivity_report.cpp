// SPDX-License-Identifier: MIT
#include "analysis/sensitivity_report.hpp"

#include <algorithm>  // std::clamp, std::max, std::min
#include <cmath>      // std::abs, std::ceil, std::floor, std::isnan, std::log10, std::pow
#include <ostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "analysis/charts.hpp"  // text_width, xml_escape
#include "analysis/csv.hpp"
#include "analysis/report.hpp"  // joined
#include "model/utf8.hpp"

namespace jssim::analysis {
namespace {

bool is_share(model::sensitivity_outcome o) {
  return o == model::sensitivity_outcome::p_recovered_6m;
}

// An outcome in tornado.csv: a share with 6 decimals, days with 2.
std::string csv_outcome(model::sensitivity_outcome o, double x) {
  return format_fixed(x, is_share(o) ? 6 : 2);
}

// A value the user wrote (low, high, base): its shortest exact form.
std::string csv_value(double x, bool whole) {
  if (whole) return format_fixed(x, 0);
  return fmt::format("{}", x);
}

std::string coefficient(double x) { return format_fixed(x, 4); }

std::string optional_r2(double r2) { return std::isnan(r2) ? std::string() : coefficient(r2); }

// The outcome's name for a person, as on the chart's axis.
std::string_view outcome_title(model::sensitivity_outcome o) {
  switch (o) {
    case model::sensitivity_outcome::p_recovered_6m: return "P(recovered within 6 months)";
    case model::sensitivity_outcome::median_days: return "median days to recover";
    case model::sensitivity_outcome::rmst_days: return "mean days to recover (up to the horizon)";
  }
  return "outcome";
}

// `x` with its sign and `decimals` decimals, and no "-0.00" for a value that
// rounds to 0.
std::string with_sign(double x, int decimals) {
  std::string text = fmt::format("{:+.{}f}", x, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos) text[0] = '+';
  return text;
}

// "+0.42 [+0.30, +0.55]"
std::string coefficient_text(const estimate& e) {
  return fmt::format("{} [{}, {}]", with_sign(e.value, 2), with_sign(e.ci.lo, 2),
                     with_sign(e.ci.hi, 2));
}

// A difference of outcomes for a person: "+12.3 pts", "-35.0 days".
std::string describe_change(model::sensitivity_outcome o, double delta) {
  if (is_share(o)) return with_sign(100 * delta, 1) + " pts";
  return with_sign(delta, 1) + " days";
}

std::string describe_interval(model::sensitivity_outcome o, const interval& ci) {
  if (is_share(o)) {
    return fmt::format("[{}, {}]", with_sign(100 * ci.lo, 1), with_sign(100 * ci.hi, 1));
  }
  return fmt::format("[{}, {}]", with_sign(ci.lo, 1), with_sign(ci.hi, 1));
}

std::string describe_value(double x, bool whole) {
  if (whole) return fmt::format("{:.0f}", x);
  return fmt::format("{:.4g}", x);
}

// At most `limit` characters (UTF-8 code points), cut with an ellipsis.
std::string shortened(const std::string& text, std::size_t limit) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (++points > limit) return text.substr(0, i) + "\u2026";
  }
  return text;
}

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : std::string(width - w, ' ') + text;
}

// --- the chart ----------------------------------------------------------

constexpr double width = 900;
constexpr double outer = 16;
constexpr double label_left = outer;
constexpr double label_width = 282;     // labels wrap within this
constexpr double plot_left = 312;       // the tornado's bars
constexpr double plot_right = 592;
constexpr double swing_text_right = 684;  // "+36.4 pts", right-aligned
constexpr double forest_left = 706;     // the swing with its interval
constexpr double forest_right = 880;
constexpr double bar_height = 20;
constexpr double label_line = 14;
constexpr std::size_t max_label_lines = 3;
constexpr const char* colour_low = "#0072B2";   // Okabe-Ito blue
constexpr const char* colour_high = "#E69F00";  // Okabe-Ito orange
constexpr const char* colour_swing = "#222222";

std::string num(double v) {
  // Two decimals are finer than a pixel; -0 would read oddly.
  const double r = std::round(v * 100) / 100;
  return fmt::format("{}", r == 0 ? 0.0 : r);
}

// Round tick steps (1, 2 or 5 times a power of ten) over [lo, hi].
struct axis {
  double lo = 0;
  double hi = 1;
  double step = 0.1;
  double left = plot_left;
  double right = plot_right;

  [[nodiscard]] double x(double v) const { return left + (v - lo) / (hi - lo) * (right - left); }
};

axis make_axis(double lo, double hi, bool share, double segments = 6) {
  if (!(hi > lo)) {
    const double spread = std::max(std::abs(lo) * 0.05, share ? 0.01 : 1.0);
    lo -= spread;
    hi += spread;
  }
  const double raw = (hi - lo) / segments;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  axis a{std::floor(lo / step) * step, std::ceil(hi / step) * step, step, plot_left, plot_right};
  if (share) {
    a.lo = std::max(a.lo, 0.0);
    a.hi = std::min(a.hi, 1.0);
  }
  return a;
}

std::string tick_label(double v, double step, bool share) {
  if (share) {
    const int decimals = step * 100 >= 1 ? 0 : 1;
    return fmt::format("{:.{}f} %", v * 100, decimals);
  }
  return fmt::format("{:.{}f}", v, step >= 1 ? 0 : 1);
}

void text(std::string& out, double x, double y, std::string_view content,
          std::string_view attributes) {
  out += fmt::format("<text x=\"{}\" y=\"{}\" {}>{}</text>\n", num(x), num(y), attributes,
                     xml_escape(content));
}

void bar(std::string& out, const axis& a, double from, double to, double y, const char* colour,
         const std::string& tooltip) {
  // No bar for no change: a sliver would read as a small effect.
  if (from == to) return;
  const double x0 = a.x(std::min(from, to));
  const double x1 = a.x(std::max(from, to));
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.85\">"
      "<title>{}</title></rect>\n",
      num(x0), num(y), num(std::max(x1 - x0, 1.0)), num(bar_height), colour, xml_escape(tooltip));
}

/// A swing axis tick: "+20", "-5", "+2.5" (points for a share, else days).
std::string swing_tick(double v, double step, bool share) {
  const double shown = share ? 100 * v : v;
  const double shown_step = share ? 100 * step : step;
  std::string text = fmt::format("{:+.{}f}", shown, shown_step >= 1 ? 0 : 1);
  if (text.find_first_not_of("-+0.") == std::string::npos) text = shown_step >= 1 ? "0" : "0.0";
  return text;
}

/// Where a label may break: after a space, a '.', a '/', a '_' or a '-',
/// and before a '[' (a path's index), so that an unlabelled path such as
/// `history[site-copy].future.ghost` wraps between its parts.
std::vector<std::string> label_pieces(const std::string& text) {
  std::vector<std::string> pieces;
  std::string piece;
  for (const char ch : text) {
    if (ch == '[' && !piece.empty()) {
      pieces.push_back(std::move(piece));
      piece.clear();
    }
    piece += ch;
    if (ch == ' ' || ch == '.' || ch == '/' || ch == '_' || ch == '-') {
      pieces.push_back(std::move(piece));
      piece.clear();
    }
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

/// `text` cut to at most `max_px` wide, by whole code points.
std::string fit_width(const std::string& text, double font_px, double max_px) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const model::decoded d = model::decode_utf8(text, i);
    const std::string next = out + text.substr(i, d.length);
    if (text_width(next, font_px) > max_px) break;
    out = next;
    i += d.length;
  }
  return out;
}

/// A label in lines of at most `max_px`, broken at label_pieces (and within
/// a piece wider than a line); at most max_label_lines, the last ending in an
/// ellipsis when the text did not fit. `abbreviated` says whether it did not.
std::vector<std::string> wrap_label(const std::string& text, double font_px, double max_px,
                                    bool& abbreviated) {
  std::vector<std::string> lines;
  std::string line;
  for (std::string piece : label_pieces(text)) {
    while (!piece.empty()) {
      if (text_width(line + piece, font_px) <= max_px) {
        line += piece;
        piece.clear();
      } else if (!line.empty()) {
        lines.push_back(std::move(line));
        line.clear();
      } else {
        // A piece wider than a whole line: as much as fits, the rest below.
        std::string head = fit_width(piece, font_px, max_px);
        if (head.empty()) head = piece.substr(0, 1);
        lines.push_back(head);
        piece.erase(0, head.size());
      }
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  for (std::string& l : lines) {
    while (!l.empty() && l.back() == ' ') l.pop_back();
  }
  abbreviated = lines.size() > max_label_lines;
  if (abbreviated) {
    lines.resize(max_label_lines);
    const std::string ellipsis = "\u2026";
    lines.back() = fit_width(lines.back(), font_px, max_px - text_width(ellipsis, font_px)) +
                   ellipsis;
  }
  return lines;
}

}  // namespace

std::string describe_outcome(model::sensitivity_outcome o, double value) {
  if (is_share(o)) return fmt::format("{:.1f} %", 100 * value);
  return fmt::format("{:.1f} days", value);
}

csv_table tornado_table(const study_result& r) {
  csv_table t;
  t.header = {"rank", "tier", "parameter", "label", "base", "low", "high", "outcome_low",
              "outcome_high", "swing", "swing_lo", "swing_hi", "effect", "src", "src_lo",
              "src_hi", "prcc", "prcc_lo", "prcc_hi", "outcome", "base_outcome", "r2",
              "rank_r2"};
  const auto o = r.spec.outcome;
  std::size_t rank = 0;
  for (const parameter_effect& e : r.by_swing()) {
    const model::sensitivity_parameter& p = r.spec.parameters[e.parameter];
    const bool whole = p.target.domain.whole;
    t.rows.push_back({format_int(++rank), format_int(e.tier), p.path, p.name(),
                      e.base ? csv_value(*e.base, whole) : std::string(), csv_value(p.low, whole),
                      csv_value(p.high, whole), csv_outcome(o, e.outcome_low),
                      csv_outcome(o, e.outcome_high), csv_outcome(o, e.swing),
                      csv_outcome(o, e.swing_ci.lo), csv_outcome(o, e.swing_ci.hi),
                      e.has_effect() ? "true" : "false", coefficient(e.src.value),
                      coefficient(e.src.ci.lo), coefficient(e.src.ci.hi),
                      coefficient(e.prcc.value), coefficient(e.prcc.ci.lo),
                      coefficient(e.prcc.ci.hi), std::string(model::to_string(o)),
                      csv_outcome(o, r.base_outcome), optional_r2(r.r2), optional_r2(r.rank_r2)});
  }
  return t;
}

void write_tornado_csv(std::ostream& out, const study_result& r) {
  write_csv(out, tornado_table(r));
}

void write_design_csv(std::ostream& out, const study_result& r) {
  csv_writer csv(out);
  std::vector<std::string> header{"point"};
  for (const auto& p : r.spec.parameters) header.push_back(p.path);
  header.emplace_back("outcome");
  csv.write_row(header);
  for (std::size_t point = 0; point < r.design.size(); ++point) {
    csv.field(format_int(point));
    for (std::size_t i = 0; i < r.spec.parameters.size(); ++i) {
      const bool whole = r.spec.parameters[i].target.domain.whole;
      // The value set at that point, exactly: six decimals lost a win rate
      // of 2e-6 to 20e-6, and the fits could not be checked from the file.
      csv.field(csv_value(r.design[point][i], whole));
    }
    csv.field(csv_outcome(r.spec.outcome, r.outcomes[point]));
    csv.end_row();
  }
}

std::string tornado_svg(const study_result& r, const std::string& title) {
  const auto o = r.spec.outcome;
  const bool share = is_share(o);
  const std::vector<parameter_effect> rows = r.by_swing();
  double lo = r.base_outcome;
  double hi = r.base_outcome;
  double swing_lo = 0;
  double swing_hi = 0;
  for (const auto& e : rows) {
    lo = std::min({lo, e.outcome_low, e.outcome_high});
    hi = std::max({hi, e.outcome_low, e.outcome_high});
    swing_lo = std::min({swing_lo, e.swing, e.swing_ci.lo});
    swing_hi = std::max({swing_hi, e.swing, e.swing_ci.hi});
  }
  const axis a = make_axis(lo, hi, share);
  const axis f = [&] {
    axis forest = make_axis(swing_lo, swing_hi, false, 3);
    forest.left = forest_left;
    forest.right = forest_right;
    return forest;
  }();

  // The heading, wrapped rather than cut.
  const std::string heading = fmt::format("What moves {} for \u201c{}\u201d \u2014 {}",
                                          outcome_title(o), r.strategy, title);
  const std::string subtitle = fmt::format(
      "{} points \u00d7 {} runs on the same random numbers, seed {}; R\u00b2 {} (on ranks {})",
      r.design.size(), r.spec.runs, r.seed,
      std::isnan(r.r2) ? std::string("n/a") : fmt::format("{:.2f}", r.r2),
      std::isnan(r.rank_r2) ? std::string("n/a") : fmt::format("{:.2f}", r.rank_r2));
  bool heading_cut = false;
  const std::vector<std::string> heading_lines =
      wrap_label(heading, 17, width - 2 * outer, heading_cut);
  bool subtitle_cut = false;
  const std::vector<std::string> subtitle_lines =
      wrap_label(subtitle, 12.5, width - 2 * outer, subtitle_cut);

  // Each row's label, wrapped; its height follows.
  struct row_layout {
    std::vector<std::string> lines;
    bool abbreviated = false;
    double y = 0;
    double height = 0;
  };
  std::vector<row_layout> layouts;
  bool any_abbreviated = false;
  double y = 0;
  double after_heading = 30 + 22 * static_cast<double>(heading_lines.size() - 1) + 22 +
                         17 * static_cast<double>(subtitle_lines.size() - 1);
  const double legend_y = after_heading + 22;
  const double columns_y = legend_y + 26;
  const double as_written_y = columns_y + 18;
  const double top = as_written_y + 12;
  y = top;
  for (const parameter_effect& e : rows) {
    row_layout l;
    l.lines = wrap_label(r.spec.parameters[e.parameter].name(), 12, label_width, l.abbreviated);
    any_abbreviated = any_abbreviated || l.abbreviated;
    l.y = y;
    l.height = std::max(40.0, 12 + label_line * static_cast<double>(l.lines.size()) + 14);
    y += l.height;
    layouts.push_back(std::move(l));
  }
  const double bottom = y;
  std::vector<std::string> notes;
  notes.emplace_back(
      "Bars: the outcome with the number at its low end (blue) and at its high end (orange), "
      "from the scenario as written (dashed line). Right: the swing, high minus low, with its "
      "95 % interval; hollow where the interval holds 0 (no effect seen).");
  if (any_abbreviated) {
    notes.emplace_back(
        "A label ending in \u2026 is shortened to fit; its full path is in its tooltip and in "
        "tornado.csv.");
  }
  std::vector<std::string> note_lines;
  for (const std::string& note : notes) {
    bool cut_note = false;
    for (std::string& line : wrap_label(note, 11, width - 2 * outer, cut_note)) {
      note_lines.push_back(std::move(line));
    }
  }
  const double notes_y = bottom + 66;
  const double height = notes_y + 15 * static_cast<double>(note_lines.size()) + 4;

  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      num(width), num(height));
  out += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(heading),
                     xml_escape(subtitle));
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  for (std::size_t i = 0; i < heading_lines.size(); ++i) {
    text(out, outer, 30 + 22 * static_cast<double>(i), heading_lines[i],
         "class=\"title\" font-size=\"17\" font-weight=\"bold\" fill=\"#222222\"");
  }
  for (std::size_t i = 0; i < subtitle_lines.size(); ++i) {
    text(out, outer, after_heading + 17 * static_cast<double>(i), subtitle_lines[i],
         "class=\"subtitle\" font-size=\"12.5\" fill=\"#555555\"");
  }

  // Legend: three keys in a row, each as wide as its text.
  out += "<g class=\"legend\">\n";
  const std::string key_low = "the number at its low end";
  const std::string key_high = "at its high end (the others as written)";
  const std::string key_swing = "swing with its 95 % interval";
  double key_x = outer;
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\"/>\n",
                     num(key_x), num(legend_y - 10), colour_low);
  text(out, key_x + 20, legend_y, key_low, "font-size=\"12\" fill=\"#222222\"");
  key_x += 20 + text_width(key_low, 12) + 22;
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"{}\"/>\n",
                     num(key_x), num(legend_y - 10), colour_high);
  text(out, key_x + 20, legend_y, key_high, "font-size=\"12\" fill=\"#222222\"");
  key_x += 20 + text_width(key_high, 12) + 22;
  out += fmt::format(
      "<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"1.5\"/>"
      "<circle cx=\"{4}\" cy=\"{2}\" r=\"4\" fill=\"{3}\"/>\n",
      num(key_x), num(key_x + 24), num(legend_y - 4), colour_swing, num(key_x + 12));
  text(out, key_x + 32, legend_y, key_swing, "font-size=\"12\" fill=\"#222222\"");
  out += "</g>\n";

  // Column headings.
  text(out, label_left, columns_y, "number (its range, tier)",
       "class=\"column\" font-size=\"11\" font-weight=\"bold\" fill=\"#444444\"");
  text(out, (plot_left + plot_right) / 2, columns_y, "outcome at each end",
       "class=\"column\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" "
       "fill=\"#444444\"");
  text(out, swing_text_right, columns_y, "swing",
       "class=\"column\" text-anchor=\"end\" font-size=\"11\" font-weight=\"bold\" "
       "fill=\"#444444\"");
  text(out, (forest_left + forest_right) / 2, columns_y, "swing, 95 % interval",
       "class=\"column\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" "
       "fill=\"#444444\"");

  // Every other row on a light stripe, under the grid.
  for (std::size_t i = 1; i < layouts.size(); i += 2) {
    out += fmt::format(
        "<rect class=\"stripe\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\"/>\n",
        num(outer - 4), num(layouts[i].y), num(width - 2 * outer + 8), num(layouts[i].height));
  }
  // Grids and axes.
  out += "<g class=\"grid\" stroke=\"#e0e0e0\" stroke-width=\"1\">\n";
  for (const axis* ax : {&a, &f}) {
    const auto ticks = static_cast<int>(std::round((ax->hi - ax->lo) / ax->step));
    for (int t = 0; t <= ticks; ++t) {
      const double x = ax->x(ax->lo + t * ax->step);
      out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", num(x),
                         num(top - 4), num(bottom));
    }
  }
  out += "</g>\n";
  for (const axis* ax : {&a, &f}) {
    out += fmt::format(
        "<line class=\"axis\" x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"#888888\"/>\n",
        num(ax->left), num(ax->right), num(bottom));
  }
  out += "<g class=\"tick-labels\">\n";
  const auto ticks = static_cast<int>(std::round((a.hi - a.lo) / a.step));
  for (int t = 0; t <= ticks; ++t) {
    const double v = a.lo + t * a.step;
    text(out, a.x(v), bottom + 17, tick_label(v, a.step, share),
         "text-anchor=\"middle\" font-size=\"11\" fill=\"#444444\"");
  }
  const auto forest_ticks = static_cast<int>(std::round((f.hi - f.lo) / f.step));
  for (int t = 0; t <= forest_ticks; ++t) {
    const double v = f.lo + t * f.step;
    text(out, f.x(v), bottom + 17, swing_tick(v, f.step, share),
         "text-anchor=\"middle\" font-size=\"11\" fill=\"#444444\"");
  }
  out += "</g>\n";
  text(out, (plot_left + plot_right) / 2, bottom + 40, std::string(outcome_title(o)),
       "class=\"axis-label\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\"");
  text(out, (forest_left + forest_right) / 2, bottom + 40,
       share ? "high minus low, points" : "high minus low, days",
       "class=\"axis-label\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\"");
  // No swing: the zero line of the interval column.
  out += fmt::format(
      "<line class=\"zero\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555555\" "
      "stroke-width=\"1\"/>\n",
      num(f.x(0)), num(top - 4), num(bottom));

  // The rows, largest swing on top.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const parameter_effect& e = rows[i];
    const row_layout& row = layouts[i];
    const model::sensitivity_parameter& p = r.spec.parameters[e.parameter];
    const bool whole = p.target.domain.whole;
    const double mid = row.y + row.height / 2;
    const double bar_y = mid - bar_height / 2;
    out += "<g class=\"parameter\">\n";
    out += fmt::format("<title>{}</title>\n", xml_escape(p.path));
    const double text_top = mid - (label_line * static_cast<double>(row.lines.size()) + 12) / 2;
    for (std::size_t k = 0; k < row.lines.size(); ++k) {
      text(out, label_left, text_top + 11 + label_line * static_cast<double>(k), row.lines[k],
           "class=\"label\" font-size=\"12\" fill=\"#222222\"");
    }
    text(out, label_left,
         text_top + 11 + label_line * static_cast<double>(row.lines.size()) + 1,
         fmt::format("{} \u2192 {}, tier {}", describe_value(p.low, whole),
                     describe_value(p.high, whole), e.tier),
         "class=\"range\" font-size=\"10.5\" fill=\"#666666\"");
    const std::string at_low = fmt::format("{} = {}: {}", p.name(), describe_value(p.low, whole),
                                           describe_outcome(o, e.outcome_low));
    const std::string at_high = fmt::format("{} = {}: {}", p.name(), describe_value(p.high, whole),
                                            describe_outcome(o, e.outcome_high));
    // The longer bar first, so that the shorter stays visible on top of it.
    const bool low_longer =
        std::abs(e.outcome_low - r.base_outcome) >= std::abs(e.outcome_high - r.base_outcome);
    if (low_longer) {
      bar(out, a, r.base_outcome, e.outcome_low, bar_y, colour_low, at_low);
      bar(out, a, r.base_outcome, e.outcome_high, bar_y, colour_high, at_high);
    } else {
      bar(out, a, r.base_outcome, e.outcome_high, bar_y, colour_high, at_high);
      bar(out, a, r.base_outcome, e.outcome_low, bar_y, colour_low, at_low);
    }
    const bool effect = e.has_effect();
    text(out, swing_text_right, mid + 4, describe_change(o, e.swing),
         fmt::format("class=\"swing\" text-anchor=\"end\" font-size=\"11\" fill=\"{}\"",
                     effect ? "#222222" : "#777777"));
    // The interval: a whisker with end caps, the swing a dot on it.
    const double x0 = f.x(e.swing_ci.lo);
    const double x1 = f.x(e.swing_ci.hi);
    out += fmt::format(
        "<path class=\"interval\" d=\"M{0} {2}V{3}M{0} {4}H{1}M{1} {2}V{3}\" fill=\"none\" "
        "stroke=\"{5}\" stroke-width=\"1.5\"><title>{6}</title></path>\n",
        num(x0), num(x1), num(mid - 5), num(mid + 5), num(mid), effect ? colour_swing : "#777777",
        xml_escape(fmt::format("{}: swing {} {}", p.name(), describe_change(o, e.swing),
                               describe_interval(o, e.swing_ci))));
    out += fmt::format("<circle class=\"swing-dot\" cx=\"{}\" cy=\"{}\" r=\"4\" {}/>\n",
                       num(f.x(e.swing)), num(mid),
                       effect ? std::string("fill=\"#222222\"")
                              : std::string("fill=\"#ffffff\" stroke=\"#777777\" stroke-width=\"1.5\""));
    out += "</g>\n";
  }

  // The scenario as written, over the bars, labelled above them.
  const double base_x = a.x(r.base_outcome);
  out += fmt::format(
      "<line class=\"base\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222222\" "
      "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n",
      num(base_x), num(top - 6), num(bottom));
  const std::string as_written = fmt::format("as written: {}", describe_outcome(o, r.base_outcome));
  const double half = text_width(as_written, 11) / 2;
  text(out, std::clamp(base_x, plot_left + half, std::max(plot_left + half, plot_right - half)),
       as_written_y, as_written,
       "class=\"as-written\" text-anchor=\"middle\" font-size=\"11\" fill=\"#222222\"");
  for (std::size_t i = 0; i < note_lines.size(); ++i) {
    text(out, outer, notes_y + 15 * static_cast<double>(i), note_lines[i],
         "class=\"note\" font-size=\"11\" fill=\"#555555\"");
  }
  out += "</svg>\n";
  return out;
}

std::vector<std::string> sensitivity_heading(const study_result& r, const std::string& title) {
  const auto o = r.spec.outcome;
  return {fmt::format("Sensitivity of {} ({}) for strategy \u201c{}\u201d \u2014 {}",
                      model::to_string(o), outcome_title(o), r.strategy, title),
          fmt::format("{} design points, the scenario as written and {} swing ends, {} runs "
                      "each, all on the same random numbers (seed {})",
                      r.design.size(), 2 * r.effects.size(), r.spec.runs, r.seed),
          fmt::format("As written: {}", describe_outcome(o, r.base_outcome))};
}

std::vector<std::string> sensitivity_notes(const study_result& r) {
  std::vector<std::string> notes;
  if (std::isnan(r.r2)) {
    notes.emplace_back("R^2: none; the outcome was the same at every design point.");
  } else {
    std::string fit = fmt::format(
        "R^2 = {:.2f} (linear fit on the values), {:.2f} (on the ranks). ", r.r2, r.rank_r2);
    if (r.r2 >= 0.7) {
      fit += "A linear summary holds: SRC^2 is about each number's share of the variation.";
    } else if (r.rank_r2 >= 0.7) {
      fit += "The outcome is monotone but not linear in these numbers: read PRCC, not SRC.";
    } else {
      fit += "Neither a linear nor a monotone summary holds: read the swings, and the "
             "points in design.csv.";
    }
    notes.push_back(std::move(fit));
  }
  std::vector<std::string> none;
  for (const parameter_effect& e : r.effects) {
    if (!e.has_effect()) none.push_back(r.spec.parameters[e.parameter].name());
  }
  std::string swing =
      "Swing: the outcome at the high end minus at the low end, the others as written, on "
      "the same runs;\n"
      "effect \u201cyes\u201d when its 95 % interval excludes 0. Levers in one tier have "
      "swings the runs cannot tell apart.";
  if (!none.empty()) {
    swing += " No effect seen of: " + joined(none) + ".";
  }
  notes.push_back(std::move(swing));
  return notes;
}

std::string sensitivity_table(const study_result& r, const std::string& title) {
  const auto o = r.spec.outcome;
  std::string out;
  for (const std::string& line : sensitivity_heading(r, title)) out += line + "\n";
  out += "\n";

  struct line {
    std::string tier, name, range, low, high, swing, swing_ci, src, prcc, effect;
  };
  std::vector<line> lines;
  lines.push_back({"tier", "parameter", "range", "at low", "at high", "swing", "95 % CI",
                   "SRC [95 % CI]", "PRCC [95 % CI]", "effect"});
  for (const parameter_effect& e : r.by_swing()) {
    const model::sensitivity_parameter& p = r.spec.parameters[e.parameter];
    const bool whole = p.target.domain.whole;
    lines.push_back({fmt::format("{}", e.tier), shortened(p.name(), 36),
                     fmt::format("{} .. {}", describe_value(p.low, whole),
                                 describe_value(p.high, whole)),
                     describe_outcome(o, e.outcome_low), describe_outcome(o, e.outcome_high),
                     describe_change(o, e.swing), describe_interval(o, e.swing_ci),
                     coefficient_text(e.src), coefficient_text(e.prcc),
                     e.has_effect() ? "yes" : "none seen"});
  }
  std::vector<std::size_t> w(10, 0);
  for (const line& l : lines) {
    const std::string* cells[] = {&l.tier,  &l.name,     &l.range, &l.low,  &l.high,
                                  &l.swing, &l.swing_ci, &l.src,   &l.prcc, &l.effect};
    for (std::size_t c = 0; c < 10; ++c) w[c] = std::max(w[c], display_width(*cells[c]));
  }
  for (const line& l : lines) {
    out += fmt::format("  {}  {}  {}  {}  {}  {}  {}  {}  {}  {}\n", pad_left(l.tier, w[0]),
                       pad(l.name, w[1]), pad(l.range, w[2]), pad_left(l.low, w[3]),
                       pad_left(l.high, w[4]), pad_left(l.swing, w[5]), pad(l.swing_ci, w[6]),
                       pad(l.src, w[7]), pad(l.prcc, w[8]), l.effect);
  }

  out += "\n";
  for (const std::string& note : sensitivity_notes(r)) out += note + "\n";
  const bool cut = std::any_of(r.effects.begin(), r.effects.end(), [&](const parameter_effect& e) {
    return shortened(r.spec.parameters[e.parameter].name(), 36) != r.spec.parameters[e.parameter].name();
  });
  if (cut) out += "A name cut short here (\u2026) is whole in tornado.csv and report.html.\n";
  return out;
}

}  // namespace jssim::analysis
