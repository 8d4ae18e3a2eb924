// SPDX-License-Identifier: MIT
#include "input/detail/yaml_guard.hpp"

#include <algorithm>  // std::max
#include <array>
#include <sstream>    // std::istringstream, for yaml-cpp's parser
#include <unordered_map>
#include <utility>  // std::move
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>        // YAML::anchor_t, YAML::NullAnchor
#include <yaml-cpp/eventhandler.h>  // YAML::EventHandler, not in yaml.h
#include <yaml-cpp/yaml.h>

#include "model/utf8.hpp"

namespace jssim::input::detail {

using model::decode_utf8;
using model::decoded;

namespace {

screen_problem problem_at(int line, int column, std::string message) {
  return {line, column, std::move(message)};
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The text pre-scan of check_nesting, one line at a time. It follows just
// enough of YAML to tell structure from content: quoted scalars (which may span
// lines), comments, block scalars (`|`, `>`) and flow collections. It errs
// towards counting too deep, never much too shallow; check_events is exact.
class nesting_scan {
 public:
  nesting_scan() = default;
  // With `quotes_end_with_line`, a quote still open at the end of a line is
  // recorded (last_unclosed_on_line) and closed there: the reading of a
  // scenario, whose quoted values never span lines.
  explicit nesting_scan(bool quotes_end_with_line) : quotes_end_with_line_(quotes_end_with_line) {}

  // The estimated depth reached on this line.
  int line(std::string_view s) {
    ++line_number_;
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < s.size() && s[indent] == ' ') ++indent;
    const std::string_view rest = s.substr(indent);
    const bool blank = rest.find_first_not_of(" \t") == std::string_view::npos;

    if (in_block_scalar_) {
      if (blank || indent > block_scalar_indent_) return 0;  // the scalar's text
      in_block_scalar_ = false;
    }
    if (quote_ == 0 && flow_ == 0) {
      if (blank || rest.front() == '#') return 0;
      while (!indents_.empty() && indents_.back() > indent) indents_.pop_back();
      if (indents_.empty() || indents_.back() < indent) indents_.push_back(indent);
      // A block collection nested in a mapping may sit at the mapping's own
      // indentation (`key:` then `- item`), hence two levels per indentation,
      // plus one for a mapping that starts after `- ` on this line.
      block_depth_ = 2 * static_cast<int>(indents_.size()) + 1;
    }
    int compact = 0;
    int deepest = 0;
    bool node_start = quote_ == 0;  // the next character may open a node
    bool after_blank = true;
    for (std::size_t i = indent; i < s.size(); ++i) {
      const char c = s[i];
      const char next = i + 1 < s.size() ? s[i + 1] : ' ';
      if (quote_ != 0) {
        if (quote_ == '"' && c == '\\') {
          ++i;
        } else if (c == quote_) {
          if (quote_ == '\'' && next == '\'') {
            ++i;
          } else {
            quote_ = 0;
            node_start = false;
          }
        }
        continue;
      }
      if (is_blank(c)) {
        after_blank = true;
        continue;
      }
      const bool was_after_blank = after_blank;
      after_blank = false;
      if (c == '#' && was_after_blank) break;
      if (node_start) {
        if (c == '\'' || c == '"') {
          quote_ = c;
          quote_line_ = line_number_;
          quote_column_ = static_cast<int>(i) + 1;
          continue;
        }
        if (c == '[' || c == '{') {
          open_flow(c, i);
          deepest = std::max(deepest, flow_);
          continue;
        }
        if ((c == '-' || c == '?') && is_blank(next) && flow_ == 0) {
          ++compact;
          continue;
        }
        if ((c == '|' || c == '>') && flow_ == 0) {
          in_block_scalar_ = true;
          block_scalar_indent_ = indent;
          break;
        }
        if (c == '&' || c == '!' || c == '*') {
          // An anchor, a tag or an alias: skip its name.
          while (i + 1 < s.size() && !is_blank(s[i + 1])) ++i;
          continue;
        }
      }
      if (c == ']' || c == '}') {
        close_flow();
        node_start = false;
      } else if (c == ',' && flow_ > 0) {
        node_start = true;
      } else if (c == ':' &&
                 (is_blank(next) || (flow_ > 0 && (next == ',' || next == ']' || next == '}' ||
                                                   next == '[' || next == '{')))) {
        node_start = true;
      } else if ((c == '[' || c == '{') && flow_ > 0) {
        open_flow(c, i);
        deepest = std::max(deepest, flow_);
      } else {
        node_start = false;
      }
    }
    if (quotes_end_with_line_ && quote_ != 0) {
      unclosed_on_line_ = screen_problem{quote_line_, quote_column_, std::string(1, quote_)};
      quote_ = 0;
    }
    return block_depth_ + compact + std::max(deepest, flow_);
  }

  /// With quotes_end_with_line: the last quote found open at the end of its
  /// line, if any, as (line, column, the quote character).
  [[nodiscard]] const std::optional<screen_problem>& last_unclosed_on_line() const {
    return unclosed_on_line_;
  }

  /// After the last line: the quote still open, if any, as (line, column,
  /// the quote character).
  [[nodiscard]] std::optional<screen_problem> open_quote() const {
    if (quote_ == 0) return std::nullopt;
    return screen_problem{quote_line_, quote_column_, std::string(1, quote_)};
  }

  /// The innermost `[` or `{` still open, if any, as (line, column, the
  /// bracket).
  [[nodiscard]] std::optional<screen_problem> open_bracket() const {
    if (brackets_.empty()) return std::nullopt;
    return brackets_.back();
  }

 private:
  void open_flow(char bracket, std::size_t i) {
    ++flow_;
    // Bounded: 4 MiB of `[` must not cost 50 MB here; beyond max_nesting the
    // file is refused anyway.
    if (flow_ <= max_nesting) {
      brackets_.push_back({line_number_, static_cast<int>(i) + 1, std::string(1, bracket)});
    }
  }
  void close_flow() {
    if (flow_ == 0) return;
    if (flow_ <= max_nesting) brackets_.pop_back();
    --flow_;
  }

  bool quotes_end_with_line_ = false;
  std::optional<screen_problem> unclosed_on_line_;
  std::vector<std::size_t> indents_;
  int block_depth_ = 0;
  int flow_ = 0;
  char quote_ = 0;
  int line_number_ = 0;
  int quote_line_ = 0;  // where quote_ was opened
  int quote_column_ = 0;
  std::vector<screen_problem> brackets_;  // the open `[` and `{`, innermost last
  // Inside a block scalar: its lines indented deeper than this are text.
  // (Not a std::optional: GCC 12 wrongly warns it may be uninitialized.)
  bool in_block_scalar_ = false;
  std::size_t block_scalar_indent_ = 0;
};

// Thrown from inside yaml-cpp's parser to stop it; caught in check_events.
struct stop_parse {
  YAML::Mark mark;
  std::string message;
};

// Counts what yaml-cpp's parser reports, without building anything.
class counting_handler final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      throw stop_parse{mark,
                       "the file holds more than one YAML document (a second `---`); a "
                       "scenario is one document"};
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& /*value*/) override {
    refuse_tag(mark, tag);
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto size = sizes_.find(anchor);
    if (size == sizes_.end()) {
      // yaml-cpp has registered the anchor but its value is not complete:
      // the alias is inside what it names, a cycle.
      throw stop_parse{mark, fmt::format("alias `*{}` is used inside the value it names; an "
                                         "alias must refer to a complete value",
                                         name_of(anchor))};
    }
    ++aliases_;
    add(size->second, mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    refuse_tag(mark, tag);
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    refuse_tag(mark, tag);
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }
  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override {
    pending_name_ = name;
  }

 private:
  struct open_collection {
    YAML::anchor_t anchor;
    std::size_t values_before;
  };

  // yaml-cpp tags what is written without a tag `?` (plain) or `!` (quoted),
  // and reads a value the same whatever its tag: `runs: !!str 20` would be
  // the number 20, and a `!!binary` the text as written. A tag is refused
  // rather than ignored.
  static void refuse_tag(const YAML::Mark& mark, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    throw stop_parse{mark,
                     "a YAML tag (such as `!!str` or `!!int`) is not read by jssim; remove it, "
                     "and write a number plain and a text in quotes"};
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name(anchor);
    add(1, mark);
    if (anchor != YAML::NullAnchor) sizes_[anchor] = 1;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name(anchor);
    const std::size_t before = values_;
    add(1, mark);
    if (static_cast<int>(open_.size()) >= max_nesting) {
      throw stop_parse{mark, fmt::format("the values nest more than {} levels deep; a scenario "
                                         "needs far fewer",
                                         max_nesting)};
    }
    open_.push_back({anchor, before});
  }
  void close() {
    if (open_.empty()) return;
    const open_collection c = open_.back();
    open_.pop_back();
    if (c.anchor != YAML::NullAnchor) sizes_[c.anchor] = values_ - c.values_before;
  }
  void add(std::size_t n, const YAML::Mark& mark) {
    values_ += n;
    if (values_ > max_yaml_values) {
      throw stop_parse{
          mark, aliases_ == 0
                    ? fmt::format("the file holds more than {} values; a scenario needs far "
                                  "fewer",
                                  max_yaml_values)
                    : fmt::format("the file holds more than {} values, counting each use of an "
                                  "alias `*name` as a copy of what it names; a scenario needs "
                                  "far fewer (is it an alias bomb?)",
                                  max_yaml_values)};
    }
  }
  void name(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor && !pending_name_.empty()) names_[anchor] = pending_name_;
    pending_name_.clear();
  }
  [[nodiscard]] std::string name_of(YAML::anchor_t anchor) const {
    const auto n = names_.find(anchor);
    return n == names_.end() ? std::string("?") : n->second;
  }

  int documents_ = 0;
  std::size_t values_ = 0;
  std::size_t aliases_ = 0;
  std::vector<open_collection> open_;
  std::unordered_map<YAML::anchor_t, std::size_t> sizes_;
  std::unordered_map<YAML::anchor_t, std::string> names_;
  std::string pending_name_;
};

// yaml-cpp's terse messages, with what usually causes them when a person
// edits a scenario by hand.
std::string explained(const std::string& message) {
  struct known {
    std::string_view message;
    std::string_view hint;
  };
  static const std::array<known, 11> hints{{
      {YAML::ErrorMsg::TAB_IN_INDENTATION, "indent with spaces: YAML forbids tabs there"},
      {YAML::ErrorMsg::MAP_VALUE,
       "a `key: value` where none can start: check this line's indentation against the lines "
       "above, or quote a value that holds `: `"},
      {YAML::ErrorMsg::MAP_KEY, "a key where none can start: check the indentation"},
      {YAML::ErrorMsg::BLOCK_ENTRY,
       "a `- ` item where none can start: check the indentation, or a `{` or `[` above "
       "that is not closed"},
      {YAML::ErrorMsg::FLOW_END, "a `]` or `}` that closes nothing, or the wrong bracket"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "a `{` without its `}`"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "a `[` without its `]`"},
      {YAML::ErrorMsg::END_OF_MAP,
       "a line indented differently from its neighbours, or a value that needs quotes"},
      {YAML::ErrorMsg::END_OF_SEQ, "an item of a list indented differently from the others"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "an alias `*name` with no anchor `&name` before it"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "a quote that is never closed"},
  }};
  for (const auto& k : hints) {
    if (message == k.message) return fmt::format("{} ({})", message, k.hint);
  }
  return message;
}

// "; the `{` opened on line 11 is not closed before it" when a flow
// collection opened on an earlier line than a syntax error is still open
// there: the usual cause of an error far below the real mistake.
std::string unclosed_bracket_before(std::string_view text, int error_line) {
  nesting_scan scan;
  std::size_t start = 0;
  for (int line = 1; line < error_line && start <= text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    scan.line(text.substr(start, end - start));
    start = end + 1;
  }
  const auto open = scan.open_bracket();
  if (!open) return {};
  return fmt::format("; the `{}` opened on line {} is not closed before it", open->message,
                     open->line);
}

int line_of(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; }
int column_of(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.column + 1; }

std::string_view quote_name(std::string_view quote) {
  return quote == "\"" ? "double quote (\")" : "single quote (')";
}

// Whether a lone CR (not followed by LF) is one of the line ends of a file
// saved with CR alone, the classic Mac way: such CRs outnumber the LFs.
bool cr_only_line_ends(std::string_view text) {
  std::size_t lone = 0;
  std::size_t lf = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++lf;
    } else if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      ++lone;
    }
  }
  return lone >= 2 && lone > lf;
}

// A problem of yaml-cpp's parse, and whether it is a syntax error (not one of
// counting_handler's refusals).
struct parse_failure {
  screen_problem problem;
  bool syntax_error = false;
};

std::optional<parse_failure> parse_events(std::string_view text) {
  std::istringstream in{std::string(text)};
  counting_handler handler;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
  } catch (const stop_parse& stop) {
    return parse_failure{problem_at(line_of(stop.mark), column_of(stop.mark), stop.message),
                         false};
  } catch (const YAML::Exception& e) {
    return parse_failure{problem_at(line_of(e.mark), column_of(e.mark),
                                    "YAML syntax error: " + explained(e.msg) +
                                        unclosed_bracket_before(text, line_of(e.mark))),
                         true};
  } catch (const std::exception& e) {
    return parse_failure{problem_at(0, 0, std::string("YAML syntax error: ") + e.what()), true};
  }
  return std::nullopt;
}

// The quote opened on the nearest line at or above `error.line` and not
// closed on that line (outside comments and closed quoted scalars), named
// as the cause of the syntax error `error`: YAML read on past the line end
// until a later quote, an apostrophe in a comment say, closed it.
std::optional<screen_problem> quote_unclosed_on_its_line(std::string_view text,
                                                         const screen_problem& error) {
  if (error.line <= 0) return std::nullopt;
  nesting_scan scan(true);
  std::size_t start = 0;
  for (int line = 1; line <= error.line && start <= text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    scan.line(text.substr(start, end - start));
    start = end + 1;
  }
  auto open = scan.last_unclosed_on_line();
  if (!open) return std::nullopt;
  const std::string_view quote = quote_name(open->message);
  open->message =
      open->line < error.line
          ? fmt::format("the {} opened here is not closed on its line, so YAML read the lines "
                        "below as its text until line {}, where it failed ({}); close the "
                        "quote on this line",
                        quote, error.line, error.message)
          : fmt::format("the {} opened here is not closed on its line ({}); close the quote on "
                        "this line",
                        quote, error.message);
  return open;
}

}  // namespace

std::optional<screen_problem> check_size(std::size_t bytes) {
  if (bytes <= max_scenario_bytes) return std::nullopt;
  return problem_at(0, 0,
                    fmt::format("the file is {:.1f} MiB; a scenario may be at most {} MiB",
                                static_cast<double>(bytes) / (1024.0 * 1024.0),
                                max_scenario_bytes / (1024 * 1024)));
}

std::optional<screen_problem> check_encoding(std::string_view text) {
  // Windows editors save "Unicode" as UTF-16 with a byte-order mark: say so,
  // rather than "byte 0xFF" or "a NUL byte".
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return problem_at(1, 1,
                      "the file is saved as UTF-16 (it starts with a UTF-16 byte-order mark); "
                      "save it as UTF-8 text");
  }
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    if (c == 0) {
      return problem_at(line, column,
                        "the file contains a NUL byte: is it a binary file, or saved as "
                        "UTF-16? A scenario is UTF-8 text");
    }
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') {  // CRLF: a line end
        ++i;
        ++column;
        continue;
      }
      // A CR alone ends no line for yaml-cpp: it would stay inside a value.
      if (cr_only_line_ends(text)) {
        return problem_at(line, column,
                          "line ends are CR only (classic Mac); save the file with LF or CRLF "
                          "line ends");
      }
      return problem_at(line, column,
                        "control character U+000D is not allowed in YAML: a carriage return "
                        "(CR) not followed by a line feed (LF) ends no line; remove it");
    }
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return problem_at(line, column,
                          fmt::format("control character U+{:04X} is not allowed in YAML; "
                                      "remove it",
                                      static_cast<unsigned>(c)));
      }
      ++i;
      ++column;
      continue;
    }
    const decoded d = decode_utf8(text, i);
    if (!d.code_point) {
      return problem_at(line, column,
                        fmt::format("the file is not valid UTF-8 (byte 0x{:02X}); save it as "
                                    "UTF-8 text",
                                    static_cast<unsigned>(c)));
    }
    // A byte-order mark belongs at the start of a file; inside one it is
    // left over from pasting two files together, and shows nowhere.
    if (*d.code_point == 0xFEFF && i > 0) {
      return problem_at(line, column,
                        "a byte-order mark (U+FEFF) inside the file, where it does not show "
                        "(left over from joining two files?); remove it");
    }
    i += d.length;
    ++column;
  }
  return std::nullopt;
}

std::optional<screen_problem> check_nesting(std::string_view text) {
  nesting_scan scan;
  int line = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    ++line;
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (scan.line(text.substr(start, end - start)) > max_nesting) {
      return problem_at(line, 0,
                        fmt::format("the file nests more than {} levels deep; a scenario "
                                    "needs far fewer",
                                    max_nesting));
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<screen_problem> check_quotes(std::string_view text) {
  nesting_scan scan;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    scan.line(text.substr(start, end - start));
    start = end + 1;
  }
  auto open = scan.open_quote();
  if (!open) return std::nullopt;
  open->message = fmt::format(
      "the {} opened here is never closed, so the rest of the file was read as text; close it",
      quote_name(open->message));
  return open;
}

std::optional<screen_problem> check_events(std::string_view text) {
  if (auto failure = parse_events(text)) return std::move(failure->problem);
  return std::nullopt;
}

std::optional<screen_problem> check_syntax_cause(std::string_view text,
                                                 const screen_problem& error) {
  // A quote never closed takes the rest of the file; a flow collection it
  // sits in then seems unclosed, past the last line.
  if (auto open = check_quotes(text)) {
    const bool before = error.line <= 0 || open->line < error.line ||
                        (open->line == error.line && open->column <= error.column);
    if (before) return open;
  }
  return quote_unclosed_on_its_line(text, error);
}

std::optional<screen_problem> screen(std::string_view text) {
  if (auto p = check_size(text.size())) return p;
  if (auto p = check_encoding(text)) return p;
  if (auto p = check_nesting(text)) return p;
  if (auto failure = parse_events(text)) {
    if (failure->syntax_error) {
      if (auto cause = check_syntax_cause(text, failure->problem)) return cause;
    }
    return std::move(failure->problem);
  }
  // After yaml-cpp's parse, which reports a genuine syntax error better, and
  // accepts an unclosed quote at the end of the file as a scalar holding the
  // rest of it (every key below then seems missing).
  return check_quotes(text);
}

}  // namespace jssim::input::detail
