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
constexpr double label_right = 300;  // labels end here
constexpr double plot_left = 320;
constexpr double plot_right = 860;
constexpr double top = 110;
constexpr double row_height = 40;
constexpr double bar_height = 22;
constexpr const char* colour_low = "#4c78a8";
constexpr const char* colour_high = "#f58518";

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

  [[nodiscard]] double x(double v) const {
    return plot_left + (v - lo) / (hi - lo) * (plot_right - plot_left);
  }
};

axis make_axis(double lo, double hi, bool share) {
  if (!(hi > lo)) {
    const double spread = std::max(std::abs(lo) * 0.05, share ? 0.01 : 1.0);
    lo -= spread;
    hi += spread;
  }
  const double raw = (hi - lo) / 6;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  axis a{std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
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

}  // namespace

std::string describe_outcome(model::sensitivity_outcome o, double value) {
  if (is_share(o)) return fmt::format("{:.1f} %", 100 * value);
  return fmt::format("{:.1f} days", value);
}

void write_tornado_csv(std::ostream& out, const study_result& r) {
  csv_writer csv(out);
  csv.write_row({"rank", "tier", "parameter", "label", "base", "low", "high", "outcome_low",
                 "outcome_high", "swing", "swing_lo", "swing_hi", "effect", "src", "src_lo",
                 "src_hi", "prcc", "prcc_lo", "prcc_hi", "outcome", "base_outcome", "r2",
                 "rank_r2"});
  const auto o = r.spec.outcome;
  std::size_t rank = 0;
  for (const parameter_effect& e : r.by_swing()) {
    const model::sensitivity_parameter& p = r.spec.parameters[e.parameter];
    const bool whole = p.target.domain.whole;
    csv.field(format_int(++rank))
        .field(format_int(e.tier))
        .field(p.path)
        .field(p.name())
        .field(e.base ? csv_value(*e.base, whole) : std::string())
        .field(csv_value(p.low, whole))
        .field(csv_value(p.high, whole))
        .field(csv_outcome(o, e.outcome_low))
        .field(csv_outcome(o, e.outcome_high))
        .field(csv_outcome(o, e.swing))
        .field(csv_outcome(o, e.swing_ci.lo))
        .field(csv_outcome(o, e.swing_ci.hi))
        .field(e.has_effect() ? "true" : "false")
        .field(coefficient(e.src.value))
        .field(coefficient(e.src.ci.lo))
        .field(coefficient(e.src.ci.hi))
        .field(coefficient(e.prcc.value))
        .field(coefficient(e.prcc.ci.lo))
        .field(coefficient(e.prcc.ci.hi))
        .field(model::to_string(o))
        .field(csv_outcome(o, r.base_outcome))
        .field(optional_r2(r.r2))
        .field(optional_r2(r.rank_r2));
    csv.end_row();
  }
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
  for (const auto& e : rows) {
    lo = std::min({lo, e.outcome_low, e.outcome_high});
    hi = std::max({hi, e.outcome_low, e.outcome_high});
  }
  const axis a = make_axis(lo, hi, share);
  const double bottom = top + row_height * static_cast<double>(rows.size());
  const double height = bottom + 90;

  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      num(width), num(height));
  const std::string heading = fmt::format("What moves {} for \u201c{}\u201d \u2014 {}",
                                          outcome_title(o), r.strategy, title);
  const std::string subtitle = fmt::format(
      "{} points \u00d7 {} runs on the same random numbers, seed {}; R\u00b2 {} (on ranks {})",
      r.design.size(), r.spec.runs, r.seed,
      std::isnan(r.r2) ? std::string("n/a") : fmt::format("{:.2f}", r.r2),
      std::isnan(r.rank_r2) ? std::string("n/a") : fmt::format("{:.2f}", r.rank_r2));
  out += fmt::format("<title>{}</title>\n<desc>{}</desc>\n", xml_escape(heading),
                     xml_escape(subtitle));
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  text(out, 20, 32, heading, "font-size=\"17\" font-weight=\"bold\" fill=\"#222222\"");
  text(out, 20, 54, subtitle, "font-size=\"12.5\" fill=\"#555555\"");

  // Legend.
  out += fmt::format("<rect x=\"20\" y=\"68\" width=\"14\" height=\"12\" fill=\"{}\"/>\n",
                     colour_low);
  text(out, 40, 78, "the number at its low end", "fill=\"#222222\"");
  out += fmt::format("<rect x=\"220\" y=\"68\" width=\"14\" height=\"12\" fill=\"{}\"/>\n",
                     colour_high);
  text(out, 240, 78, "at its high end (the others as written)", "fill=\"#222222\"");

  // Grid and axis.
  out += "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
  const auto ticks = static_cast<int>(std::round((a.hi - a.lo) / a.step));
  for (int t = 0; t <= ticks; ++t) {
    const double x = a.x(a.lo + t * a.step);
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n", num(x),
                       num(top - 8), num(bottom));
  }
  out += "</g>\n";
  out += fmt::format(
      "<line class=\"axis\" x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"#888888\"/>\n",
      num(plot_left), num(plot_right), num(bottom));
  out += "<g class=\"tick-labels\" fill=\"#444444\">\n";
  for (int t = 0; t <= ticks; ++t) {
    const double v = a.lo + t * a.step;
    text(out, a.x(v), bottom + 18, tick_label(v, a.step, share), "text-anchor=\"middle\"");
  }
  out += "</g>\n";
  text(out, (plot_left + plot_right) / 2, bottom + 44, std::string(outcome_title(o)),
       "text-anchor=\"middle\" fill=\"#333333\"");

  // The bars, largest swing on top.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const parameter_effect& e = rows[i];
    const model::sensitivity_parameter& p = r.spec.parameters[e.parameter];
    const bool whole = p.target.domain.whole;
    const double y = top + row_height * static_cast<double>(i);
    const double bar_y = y + (row_height - bar_height) / 2;
    out += "<g class=\"parameter\">\n";
    out += fmt::format("<title>{}</title>\n", xml_escape(p.path));
    text(out, label_right, bar_y + 10, shortened(p.name(), 42),
         "text-anchor=\"end\" fill=\"#222222\"");
    text(out, label_right, bar_y + 23,
         fmt::format("{} \u2192 {}, tier {}", describe_value(p.low, whole),
                     describe_value(p.high, whole), e.tier),
         "text-anchor=\"end\" font-size=\"10.5\" fill=\"#777777\"");
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
    const double right_end = std::max({e.outcome_low, e.outcome_high, r.base_outcome});
    const double left_end = std::min({e.outcome_low, e.outcome_high, r.base_outcome});
    const std::string note =
        e.has_effect() ? describe_change(o, e.swing)
                       : fmt::format("{} (no effect seen)", describe_change(o, e.swing));
    // Right of the bars; left of them when the chart's edge is too near; at
    // the edge, over the bars, when neither side has room.
    const double note_width = text_width(note, 11);
    const char* const style = "font-size=\"11\" fill=\"#444444\"";
    if (a.x(right_end) + 6 + note_width <= width - 4) {
      text(out, a.x(right_end) + 6, bar_y + 15, note, style);
    } else if (a.x(left_end) - 6 - note_width >= plot_left) {
      text(out, a.x(left_end) - 6, bar_y + 15, note,
           std::string("text-anchor=\"end\" ") + style);
    } else {
      text(out, width - 4, bar_y + 15, note, std::string("text-anchor=\"end\" ") + style);
    }
    out += "</g>\n";
  }

  // The scenario as written, over the bars.
  const double base_x = a.x(r.base_outcome);
  out += fmt::format(
      "<line class=\"base\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222222\" "
      "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n",
      num(base_x), num(top - 12), num(bottom));
  // Centred on the line, kept within the chart.
  const std::string as_written = fmt::format("as written: {}", describe_outcome(o, r.base_outcome));
  const double half = text_width(as_written, 11) / 2;
  text(out, std::clamp(base_x, plot_left + half, std::max(plot_left + half, width - 4 - half)),
       top - 16, as_written, "text-anchor=\"middle\" font-size=\"11\" fill=\"#222222\"");
  out += "</svg>\n";
  return out;
}

std::string sensitivity_table(const study_result& r, const std::string& title) {
  const auto o = r.spec.outcome;
  std::string out = fmt::format(
      "Sensitivity of {} ({}) for strategy \u201c{}\u201d \u2014 {}\n"
      "{} design points, the scenario as written and {} swing ends, {} runs each, all on the "
      "same random numbers (seed {})\n"
      "As written: {}\n\n",
      model::to_string(o), outcome_title(o), r.strategy, title, r.design.size(),
      2 * r.effects.size(), r.spec.runs, r.seed, describe_outcome(o, r.base_outcome));

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
  if (std::isnan(r.r2)) {
    out += "R^2: none; the outcome was the same at every design point.\n";
  } else {
    out += fmt::format("R^2 = {:.2f} (linear fit on the values), {:.2f} (on the ranks). ", r.r2,
                       r.rank_r2);
    if (r.r2 >= 0.7) {
      out += "A linear summary holds: SRC^2 is about each number's share of the variation.\n";
    } else if (r.rank_r2 >= 0.7) {
      out += "The outcome is monotone but not linear in these numbers: read PRCC, not SRC.\n";
    } else {
      out += "Neither a linear nor a monotone summary holds: read the swings, and the "
             "points in design.csv.\n";
    }
  }
  std::vector<std::string> none;
  for (const parameter_effect& e : r.effects) {
    if (!e.has_effect()) none.push_back(r.spec.parameters[e.parameter].name());
  }
  out += "Swing: the outcome at the high end minus at the low end, the others as written, on "
         "the same runs;\n";
  out += "effect \u201cyes\u201d when its 95 % interval excludes 0. Levers in one tier have "
         "swings the runs cannot tell apart.";
  if (!none.empty()) {
    out += " No effect seen of: " + joined(none) + ".";
  }
  out += "\n";
  return out;
}

}  // namespace jssim::analysis
