// SPDX-License-Identifier: MIT
// The charts of `jssim run`: recovery.svg and jss.svg, self-contained SVG 1.1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/summary.hpp"
#include "model/date.hpp"

namespace jssim::analysis {

/// What a chart needs besides the curve rows: what to call it and where its
/// axes start and end.
struct chart_context {
  std::string title;  ///< the scenario's name
  model::date today;
  model::date horizon;
  double target_jss = 90;
  bool top_rated = false;  ///< recovery means the Top Rated rule, not a bare JSS
  /// The strategies in the scenario's order, which fixes their colours. A
  /// strategy found only in the rows is drawn after these, in the order of
  /// its first row.
  std::vector<std::string> strategies;
  /// The canvas's width in px: 900 for the files; report.html adds charts
  /// 420 px wide for phones, where titles, notes and the axis's title wrap
  /// and jss.svg's panels stand in one column.
  double width = 900;
};

/// recovery.svg: P(recovered by date), one step line and a translucent Wilson
/// band per strategy, told apart by colour, by a marker shape (and past 8
/// strategies a dash), the share of its last row written at the end of each
/// line: the share at the horizon for a JSS target; for a Top Rated target,
/// checked on Saturdays, the share on the last recalculation day, as a note
/// under the chart says. Dashed marks at 3, 6 and 12 months from today, with
/// each line's marker where it crosses them.
///
/// The time axis ends a little after the last recalculation day on which any
/// line moves (never before a month mark within the horizon), when that
/// saves a tenth of the width or more; a note says so and the axis title
/// names both ends and the horizon.
///
/// Runs are scored on recalculation days only, so the line is a step that
/// rises on each simulated recalculation day. The rows start on the first one
/// after today (sim::run_plan::recalc_days); the line starts there too, and the
/// share of its first step already holds the runs that meet the target today
/// (recovered at day 0). Nothing is drawn between today and that day, and a
/// note under the chart says so. Rows dated before today or after the
/// horizon are left out.
///
///     write_text(dir / "recovery.svg", recovery_svg(context, recovery_curve(t)));
std::string recovery_svg(const chart_context& c, const std::vector<curve_row>& rows);

/// jss.svg: small multiples, one panel per strategy (one, two or three
/// columns, up to 12 strategies and more stay readable), all on one scale:
/// the strategy's JSS p10-p90 fan (translucent) and median line as steps from
/// one recalculation day to the next, in its colour; the baseline's (the
/// first strategy's) median as a grey reference line in every other
/// panel; the target as a dark dashed line, named in the key as "target 90".
/// Each panel is titled with its strategy's name (wrapped to two lines, cut
/// with the full name in a tooltip beyond) and ends with one label, its last
/// median, so that no two labels meet.
///
/// A quantile that falls on a run with no score shown (an empty optional) is
/// not drawn: the median line breaks there, and the fan breaks wherever p10 or
/// p90 is missing. When any such gap exists, a note under the chart says why.
std::string jss_svg(const chart_context& c, const std::vector<curve_row>& rows);

/// One labelled tick of a date axis.
struct date_tick {
  model::date on;
  std::string label;  ///< "Jan 2027" for month ticks, "14 Jan" for day ticks
};

/// The ticks of a date axis from `from` to `to` (inclusive) drawn
/// `width_px` pixels wide: the first day of every 1, 2, 3, 6, 12, 24, 60 or
/// 120 months (aligned on January), the fewest months that keep neighbouring
/// labels at least 72 px apart. Spans too short for three month ticks get day
/// ticks from `from` every 1, 2, 7 or 14 days instead. In date order.
///
///     date_ticks(d("2026-01-15"), d("2028-01-15"), 790);  // Apr 2026, Jul 2026, ... Jan 2028
std::vector<date_tick> date_ticks(model::date from, model::date to, double width_px);

/// A generous estimate of the width in px of `text` at `font_px` in a
/// sans-serif font (DejaVu Sans, wider than Arial), for laying text out
/// where it does not collide or run off the chart.
double text_width(std::string_view text, double font_px);

/// `text` safe inside an XML element or a quoted attribute: `&`, `<`, `>`, `"`
/// and `'` become entities, control characters XML 1.0 forbids are dropped and
/// bytes that are not UTF-8 become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace jssim::analysis
