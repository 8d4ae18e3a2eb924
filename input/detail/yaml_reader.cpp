// SPDX-License-Identifier: MIT
#include "input/detail/yaml_reader.hpp"

#include <algorithm>  // std::stable_sort
#include <array>
#include <charconv>      // std::from_chars
#include <cstdint>       // std::uint32_t, std::uint64_t
#include <cmath>         // std::isfinite, std::floor
#include <system_error>  // std::errc
#include <unordered_map>

#include <fmt/format.h>

#include "model/detail/suggest.hpp"
#include "model/scenario.hpp"  // max_days, max_usd
#include "model/utf8.hpp"

namespace jssim::input::detail {
namespace {

int column_of(const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.column + 1; }

// yaml-cpp tags a quoted scalar `!` (non-specific) and a plain one `?`: a
// quoted "5" is text in YAML, not a number.
bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

// No number a person writes is longer, and from_chars takes about a second
// on a hostile 3 MiB run of digits; an integer's leading zeros count too.
constexpr std::size_t longest_number = 1000;

// The words for a scalar too long to be a number, for expected()'s hint.
std::string too_long_hint() {
  return fmt::format("(longer than {} characters, leading zeros counted: no number is)",
                     longest_number);
}

// A YAML number as a double or an integer type: the whole text, an optional
// `+`, at most longest_number characters.
template <class Number>
std::optional<Number> parse_number(std::string_view text) {
  if (text.size() > longest_number) return std::nullopt;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  Number x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return x;
}

bool is_white_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// The end of problems()'s last line past max_problems, after the count.
constexpr std::string_view not_shown = " more problems not shown; fix these first";

// Text of at most about 60 bytes for a message: a 1 MiB value would bury it.
std::string shortened(std::string_view text) {
  constexpr std::size_t longest = 60;
  if (text.size() <= longest) return std::string(text);
  std::size_t cut = longest;
  // Never cut inside a UTF-8 sequence: the message itself must stay valid.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string quoted(std::string_view text) {
  // Appended, not `"\"" + ...`: GCC 12 warns falsely (-Wrestrict) on that form.
  std::string out(1, '"');
  out += visible(shortened(text));
  out += '"';
  return out;
}

std::string format_number(double x) { return fmt::format("{}", x); }

std::string list_text(const std::vector<double>& xs) {
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i > 0) out += ", ";
    out += format_number(xs[i]);
  }
  return out + "]";
}

constexpr std::array<std::string_view, 12> month_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Why `text` is not a date, for the message.
std::string date_problem(std::string_view text) {
  const std::string expected = "expected a date as YYYY-MM-DD, got " + quoted(text);
  if (text.size() > 10 && date::parse(text.substr(0, 10)) &&
      (text[10] == 'T' || text[10] == 't' || text[10] == ' ')) {
    return expected + " (a date-time; write the date alone)";
  }
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(),
                                  [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (!shaped) return expected;
  const auto year = parse_number<int>(text.substr(0, 4)).value_or(0);
  const auto month = parse_number<int>(text.substr(5, 2)).value_or(0);
  if (year < 1) return expected + " (there is no year 0)";
  if (month < 1 || month > 12) return expected + fmt::format(" (there is no month {})", month);
  return expected + fmt::format(" ({} {} has {} days)",
                                month_names.at(static_cast<std::size_t>(month - 1)), year,
                                days_in_month(year, month));
}

// Whether a null value placed at byte `pos` of `text` was written: `~`,
// `null`, or an anchor, tag or alias. Otherwise `pos` is the token after an
// empty value: the next key, a `,` or `}`, the end of the file.
bool null_written_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const std::string_view rest = text.substr(pos);
  const char c = rest.front();
  if (c == '&' || c == '!' || c == '*') return true;
  std::size_t n = 0;
  if (c == '~') {
    n = 1;
  } else if (rest.starts_with("null") || rest.starts_with("Null") || rest.starts_with("NULL")) {
    n = 4;
  }
  if (n == 0) return false;
  // `null: 1`, the next key, is no written null; `null`, `null,` or `null}` is.
  if (n == rest.size()) return true;
  const char after = rest[n];
  return after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == ',' ||
         after == ']' || after == '}';
}

// Depth-first; the screened tree nests at most max_nesting levels, and its
// aliases expand to at most max_yaml_values values (detail/yaml_guard.hpp).
void unmark_empty_in(const YAML::Node& node, std::string_view text, std::size_t offset) {
  if (node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) unmark_empty_in(*it, text, offset);
    return;
  }
  if (!node.IsMap()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    // A handle on the entry's value: assigning to it replaces the value in the map.
    YAML::Node value = it->second;
    if (value.IsMap() || value.IsSequence()) {
      unmark_empty_in(value, text, offset);
      continue;
    }
    const YAML::Mark mark = value.Mark();
    if (!value.IsNull() || mark.is_null() || mark.pos < 0) continue;
    if (null_written_at(text, static_cast<std::size_t>(mark.pos) + offset)) continue;
    value = YAML::Node(YAML::NodeType::Null);  // the same value, without a place
  }
}

}  // namespace

// Why `text` cannot be a name, id or path, or nothing: names are matched
// exactly (`accept: [quick fixed]`, `--strategy wait`), so space around a
// name or a character nobody sees would make two names that look the same
// differ.
std::optional<std::string> name_problem(std::string_view text) {
  bool blank = true;
  bool space_first = false;
  bool space_last = false;
  for (std::size_t i = 0; i < text.size();) {
    const decoded d = decode_utf8(text, i);
    // Not expected: the file was screened as UTF-8 (yaml_guard.hpp) and
    // yaml-cpp refuses an escaped lone surrogate.
    if (!d.code_point) return std::string("(it is not valid UTF-8; remove the escape)");
    const char32_t c = *d.code_point;
    if (const char* what = invisible_name(c)) {
      return fmt::format("(it holds {}, U+{:04X}, which does not show; remove it)", what,
                         static_cast<std::uint32_t>(c));
    }
    const bool space = is_white_space(c);
    if (i == 0) space_first = space;
    space_last = space;
    blank = blank && space;
    i += d.length;
  }
  if (blank) return std::string("(only white space)");
  if (space_first || space_last) {
    return fmt::format("(white space at its {}; remove it)",
                       space_first && space_last ? "start and end"
                       : space_first             ? "start"
                                                 : "end");
  }
  return std::nullopt;
}

void unmark_empty_values(const YAML::Node& root, std::string_view text) {
  // yaml-cpp counts bytes from after a UTF-8 byte-order mark.
  const std::size_t offset = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  unmark_empty_in(root, text, offset);
}

value_at value_at::child(std::string_view key, const YAML::Node& value,
                         const YAML::Mark& key_mark) const {
  const YAML::Mark own = value.Mark();
  // A path repeats in every message below it: a 1 MiB key must not.
  const std::string name = key.size() <= 60 ? std::string(key) : shortened(key);
  std::string child_path = path.empty() ? name : path + "." + name;
  return {value, std::move(child_path), own.is_null() ? key_mark : own};
}

value_at value_at::item(std::size_t index, const YAML::Node& value) const {
  const YAML::Mark own = value.Mark();
  return {value, fmt::format("{}[{}]", path, index), own.is_null() ? mark : own};
}

std::optional<value_at> mapping::get(std::string_view key) const {
  for (const auto& [name, value] : entries_) {
    if (name == key) return value;
  }
  return std::nullopt;
}

bool mapping::misspelt(std::string_view key) const {
  return std::find(misspelt_.begin(), misspelt_.end(), key) != misspelt_.end();
}

bool mapping::absent(std::string_view key) const {
  if (has(key) || misspelt(key)) return false;
  // `start:` was taken for `stars`, the closest key, when `started` is the
  // one missing: it is told again as that one's misspelling.
  const std::array<std::string_view, 1> wanted{key};
  for (unknown_key& u : unknown_) {
    if (u.taken || !closest_name(u.name, wanted)) continue;
    u.taken = true;
    misspelt_.push_back(key);
    reader_->retell(u.problem, "unknown key; did you mean `" + std::string(key) + "`?");
    return false;
  }
  return true;
}

std::optional<value_at> mapping::require(std::string_view key, std::string_view expected) const {
  auto found = get(key);
  // `simulaton:` already says "did you mean `simulation`?": "simulation:
  // missing" as well would be the same mistake told twice.
  if (!found && absent(key)) {
    const std::string path =
        self_.path.empty() ? std::string(key) : self_.path + "." + std::string(key);
    reader_->report(self_.mark, path, "missing; expected " + std::string(expected));
  }
  return found;
}

bool number_range::contains(double x) const {
  const bool above = lo_open ? x > lo : x >= lo;
  const bool below = hi_open ? x < hi : x <= hi;
  return above && below;
}

value_at reader::root(const YAML::Node& node) {
  const YAML::Mark own = node.Mark();
  return {node, {}, own.is_null() ? YAML::Mark() : own};
}

source_location reader::where(const value_at& v) const {
  return {file_, line_of(v.mark), column_of(v.mark), v.path};
}

void reader::report(const value_at& where, std::string message) {
  report(where.mark, where.path, std::move(message));
}

void reader::report(const YAML::Mark& mark, std::string key, std::string message) {
  if (problems_.size() >= max_problems) {
    ++dropped_;
    return;
  }
  problems_.push_back(
      {{file_, line_of(mark), column_of(mark), std::move(key)}, std::move(message)});
}

std::vector<diagnostic> reader::problems() const {
  std::vector<diagnostic> out = problems_;
  std::stable_sort(out.begin(), out.end(), [](const diagnostic& a, const diagnostic& b) {
    if (a.where.line != b.where.line) return a.where.line < b.where.line;
    return a.where.column < b.where.column;
  });
  if (dropped_ > 0) {
    out.push_back({{file_, 0, 0, {}}, fmt::format("{}{}", dropped_, not_shown)});
  }
  return out;
}

std::uint64_t reader::total(const std::vector<diagnostic>& problems) {
  std::uint64_t n = problems.size();
  if (problems.empty()) return n;
  const std::string& last = problems.back().message;
  const char* const stop = last.data() + last.size();
  std::uint64_t more = 0;
  const auto [end, error] = std::from_chars(last.data(), stop, more);
  const std::string_view rest(end, static_cast<std::size_t>(stop - end));
  if (error == std::errc() && rest == not_shown) {
    n += more - 1;  // that line is not a problem itself
  }
  return n;
}

std::string reader::describe(const value_at& v) {
  const YAML::Node& n = v.node;
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsSequence()) return n.size() == 0 ? "an empty list" : "a list";
  if (n.IsMap()) return "a mapping";
  const std::string& text = n.Scalar();
  if (text.empty()) return "an empty text";
  // Numbers and dates read best as written; other text is quoted.
  if (!is_quoted(n) && (parse_number<double>(text) || date::parse(text))) return text;
  return quoted(text);
}

void reader::expected(const value_at& v, std::string_view what, std::string_view hint) {
  std::string message = "expected " + std::string(what) + ", got " + describe(v);
  if (!hint.empty()) message += " " + std::string(hint);
  report(v, std::move(message));
}

template <class Visit>
void reader::each_named_key(const value_at& v, std::string_view key_what, Visit&& visit) {
  // Name -> line, to report duplicates; hashed, as a hostile mapping may hold
  // 100,000 keys.
  std::unordered_map<std::string, int> seen;
  for (auto it = v.node.begin(); it != v.node.end(); ++it) {
    // A copy: `it->first` lives in a proxy that dies with the expression.
    const YAML::Node key = it->first;
    const YAML::Mark key_mark = key.Mark().is_null() ? v.mark : key.Mark();
    if (!key.IsScalar()) {
      report(key_mark, v.path,
             fmt::format("expected {}, got {}", key_what, describe({key, v.path, key_mark})));
      continue;
    }
    const std::string& name = key.Scalar();
    const auto [first, inserted] = seen.try_emplace(name, line_of(key_mark));
    if (!inserted) {
      report(key_mark, v.child(name, key, key_mark).path,
             fmt::format("given twice (first on line {}); keep one", first->second));
      continue;
    }
    visit(name, key, key_mark, it->second);
  }
}

std::optional<mapping> reader::map(const value_at& v, std::span<const std::string_view> keys,
                                   std::string_view what) {
  if (!v.node.IsMap()) {
    expected(v, what);
    return std::nullopt;
  }
  mapping m;
  m.reader_ = this;
  m.self_ = v;
  each_named_key(v, "a key name", [&](const std::string& name, const YAML::Node& key,
                                      const YAML::Mark& key_mark, const YAML::Node& node) {
    value_at value = v.child(name, node, key_mark);
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      const auto meant = name == "<<" ? std::nullopt : closest_name(name, keys);
      if (meant) m.misspelt_.push_back(*meant);
      const std::size_t problem = saturated() ? std::string::npos : recorded();
      // Pointing at the key, not its value: the key is the problem.
      report_with(value_at{key, value.path, key_mark}, [&] {
        if (name == "<<") {
          return std::string(
              "merge keys (`<<: *name`) are not supported by the YAML reader; "
              "write the keys out");
        }
        return "unknown key" + (meant ? "; did you mean `" + std::string(*meant) + "`?"
                                      : "; expected " + detail::one_of(keys));
      });
      if (name != "<<") m.unknown_.push_back({name, problem});
      return;
    }
    m.entries_.emplace_back(name, std::move(value));
  });
  return m;
}

std::optional<std::vector<std::pair<value_at, value_at>>> reader::named_entries(
    const value_at& v, std::string_view what) {
  if (!v.node.IsMap()) {
    expected(v, what);
    return std::nullopt;
  }
  std::vector<std::pair<value_at, value_at>> out;
  each_named_key(v, "a name", [&](const std::string& name, const YAML::Node& key,
                                  const YAML::Mark& key_mark, const YAML::Node& node) {
    out.emplace_back(v.child(name, key, key_mark), v.child(name, node, key_mark));
  });
  return out;
}

std::optional<std::vector<value_at>> reader::list(const value_at& v, std::string_view what) {
  if (!v.node.IsSequence()) {
    expected(v, what);
    return std::nullopt;
  }
  std::vector<value_at> out;
  out.reserve(v.node.size());
  std::size_t i = 0;
  for (auto it = v.node.begin(); it != v.node.end(); ++it) out.push_back(v.item(i++, *it));
  return out;
}

std::optional<std::string> reader::text(const value_at& v, std::string_view what) {
  if (!v.node.IsScalar() || v.node.Scalar().empty()) {
    expected(v, what);
    return std::nullopt;
  }
  if (auto problem = name_problem(v.node.Scalar())) {
    expected(v, what, *problem);
    return std::nullopt;
  }
  return v.node.Scalar();
}

std::optional<double> reader::plain_number(const value_at& v, std::string_view what) {
  if (!v.node.IsScalar()) {
    expected(v, what);
    return std::nullopt;
  }
  const std::string& text = v.node.Scalar();
  if (text.size() > longest_number) {
    expected(v, what, too_long_hint());
    return std::nullopt;
  }
  const auto x = parse_number<double>(text);
  if (x && is_quoted(v.node)) {
    expected(v, what, "(text in quotes; write numbers without them)");
    return std::nullopt;
  }
  if (!x) {
    expected(v, what);
    return std::nullopt;
  }
  if (!std::isfinite(*x)) {
    expected(v, what, "(a number must be finite)");
    return std::nullopt;
  }
  return x;
}

std::optional<double> reader::number(const value_at& v, number_range range, std::string_view what) {
  const auto x = plain_number(v, what);
  if (!x) return std::nullopt;
  if (!range.contains(*x)) {
    expected(v, what);
    return std::nullopt;
  }
  return x;
}

std::optional<double> reader::probability(const value_at& v) {
  return number(v, {0, 1}, "a probability between 0 and 1");
}

std::optional<std::int64_t> reader::whole(const value_at& v, std::int64_t lo, std::int64_t hi,
                                          std::string_view what) {
  if (!v.node.IsScalar() || is_quoted(v.node)) {
    expected(v, what);
    return std::nullopt;
  }
  const std::string& text = v.node.Scalar();
  if (text.size() > longest_number) {
    expected(v, what, too_long_hint());
    return std::nullopt;
  }
  auto x = parse_number<std::int64_t>(text);
  if (!x) {
    // 1e6 or 10000.0 are whole numbers too.
    const auto d = parse_number<double>(text);
    if (d && std::isfinite(*d) && std::floor(*d) == *d && *d >= -9e18 && *d <= 9e18) {
      x = static_cast<std::int64_t>(*d);
    }
  }
  if (!x || *x < lo || *x > hi) {
    expected(v, what);
    return std::nullopt;
  }
  return x;
}

std::optional<std::uint64_t> reader::whole_u64(const value_at& v, std::string_view what) {
  if (!v.node.IsScalar() || is_quoted(v.node)) {
    expected(v, what);
    return std::nullopt;
  }
  if (v.node.Scalar().size() > longest_number) {
    expected(v, what, too_long_hint());
    return std::nullopt;
  }
  const auto x = parse_number<std::uint64_t>(v.node.Scalar());
  if (!x) {
    expected(v, what);
    return std::nullopt;
  }
  return x;
}

std::optional<bool> reader::boolean(const value_at& v) {
  if (v.node.IsScalar() && !is_quoted(v.node)) {
    const std::string& t = v.node.Scalar();
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
    if (t == "yes" || t == "no" || t == "on" || t == "off" || t == "y" || t == "n" || t == "Yes" ||
        t == "No" || t == "On" || t == "Off") {
      expected(v, "true or false", "(YAML 1.2 knows only true and false)");
      return std::nullopt;
    }
  }
  expected(v, "true or false");
  return std::nullopt;
}

std::optional<date> reader::day(const value_at& v) {
  if (!v.node.IsScalar()) {
    expected(v, "a date as YYYY-MM-DD");
    return std::nullopt;
  }
  const std::string& text = v.node.Scalar();
  if (auto d = date::parse(text)) return d;
  report(v, date_problem(text));
  return std::nullopt;
}

std::optional<std::string> reader::one_of(const value_at& v,
                                          std::span<const std::string_view> names,
                                          std::string_view what) {
  const std::string listed = std::string(what) + ": " + detail::one_of(names);
  if (!v.node.IsScalar()) {
    expected(v, listed);
    return std::nullopt;
  }
  const std::string& text = v.node.Scalar();
  if (std::find(names.begin(), names.end(), text) != names.end()) return text;
  const auto close = closest_name(text, names);
  expected(v, listed, close ? "(did you mean `" + std::string(*close) + "`?)" : std::string());
  return std::nullopt;
}

std::optional<double> reader::distribution_value(const value_at& v, quantity q) {
  const bool days = q == quantity::days;
  const auto x = plain_number(v, days ? "a number of days" : "an amount in USD");
  if (!x) return std::nullopt;
  if (*x < 0) {
    expected(v, days ? "a number of days, 0 or more" : "an amount in USD, 0 or more");
    return std::nullopt;
  }
  const double cap = days ? max_days : max_usd;
  if (*x > cap) {
    expected(v, fmt::format("at most {} {}", format_number(cap), days ? "days" : "USD"));
    return std::nullopt;
  }
  return x;
}

std::optional<std::vector<double>> reader::number_list(const value_at& v, quantity q,
                                                       std::size_t count, std::string_view form) {
  const std::string what = fmt::format("{}: a list of {} numbers", form, count);
  if (!v.node.IsSequence() || v.node.size() != count) {
    if (v.node.IsSequence()) {
      report(v, fmt::format("expected {}, got a list of {}", what, v.node.size()));
    } else {
      expected(v, what);
    }
    return std::nullopt;
  }
  std::vector<double> xs;
  bool ok = true;
  std::size_t i = 0;
  for (auto it = v.node.begin(); it != v.node.end(); ++it) {
    const auto x = distribution_value(v.item(i++, *it), q);
    ok = ok && x.has_value();
    xs.push_back(x.value_or(0));
  }
  if (!ok) return std::nullopt;
  return xs;
}

std::optional<distribution> reader::distribution_of(const value_at& v, quantity q) {
  static constexpr std::array<std::string_view, 5> shapes{"uniform", "triangular", "exponential",
                                                          "lognormal", "choice"};
  static constexpr std::string_view form =
      "a distribution: a number, {uniform: [a, b]}, {triangular: [min, mode, max]}, "
      "{exponential: {mean: m}}, {lognormal: {median: m, p90: q}} or {choice: {value: p, ...}}";
  if (v.node.IsScalar()) {
    const auto x = distribution_value(v, q);
    if (!x) return std::nullopt;
    return distribution::fixed(*x);
  }
  if (!v.node.IsMap() || v.node.size() != 1) {
    expected(v, form,
             v.node.IsMap() ? fmt::format("with {} keys (a distribution has one)", v.node.size())
                            : std::string());
    return std::nullopt;
  }
  const auto entry = v.node.begin();
  // Copies: `entry->first` lives in a proxy that dies with the expression.
  const YAML::Node key = entry->first;
  const YAML::Node body = entry->second;
  const YAML::Mark key_mark = key.Mark().is_null() ? v.mark : key.Mark();
  if (!key.IsScalar()) {
    expected(v, form);
    return std::nullopt;
  }
  const std::string& shape = key.Scalar();
  const value_at inner = v.child(shape, body, key_mark);

  if (shape == "uniform") {
    const auto xs = number_list(inner, q, 2, "[a, b]");
    if (!xs) return std::nullopt;
    if ((*xs)[0] > (*xs)[1]) {
      report(inner, "expected [a, b] with a <= b, got " + list_text(*xs));
      return std::nullopt;
    }
    return distribution::uniform((*xs)[0], (*xs)[1]);
  }
  if (shape == "triangular") {
    const auto xs = number_list(inner, q, 3, "[min, mode, max]");
    if (!xs) return std::nullopt;
    if ((*xs)[0] > (*xs)[1] || (*xs)[1] > (*xs)[2]) {
      report(inner, "expected [min, mode, max] with min <= mode <= max, got " + list_text(*xs));
      return std::nullopt;
    }
    return distribution::triangular((*xs)[0], (*xs)[1], (*xs)[2]);
  }
  if (shape == "exponential") {
    const auto m = map(inner, {"mean"}, "a mapping {mean: m}");
    if (!m) return std::nullopt;
    const auto mean_at = m->require("mean", "the mean, above 0");
    if (!mean_at) return std::nullopt;
    const auto mean = distribution_value(*mean_at, q);
    if (!mean) return std::nullopt;
    if (*mean <= 0) {
      expected(*mean_at, "a mean above 0", "(for none at all, write a bare 0 instead)");
      return std::nullopt;
    }
    return distribution::exponential(*mean);
  }
  if (shape == "lognormal") {
    const auto m = map(inner, {"median", "p90"}, "a mapping {median: m, p90: q}");
    if (!m) return std::nullopt;
    const auto median_at = m->require("median", "the median, above 0");
    const auto p90_at = m->require("p90", "the 90th percentile, at least the median");
    if (!median_at || !p90_at) return std::nullopt;
    const auto median = distribution_value(*median_at, q);
    const auto p90 = distribution_value(*p90_at, q);
    if (!median || !p90) return std::nullopt;
    if (*median <= 0) {
      expected(*median_at, "a median above 0");
      return std::nullopt;
    }
    if (*p90 < *median) {
      expected(*p90_at, fmt::format("a p90 at least the median ({})", format_number(*median)));
      return std::nullopt;
    }
    return distribution::lognormal(*median, *p90);
  }
  if (shape == "choice") {
    const auto entries = named_entries(inner, "a mapping of value: probability");
    if (!entries) return std::nullopt;
    // A value given twice (or a key that is no value) is reported and left
    // out: the sum of the others would be a second, false problem. The
    // others are still checked.
    const bool complete = entries->size() == inner.node.size();
    if (entries->empty()) {
      expected(inner, "at least one value: probability");
      return std::nullopt;
    }
    std::vector<std::pair<double, double>> choices;
    bool ok = true;
    double sum = 0;
    for (const auto& [value_key, p_at] : *entries) {
      const auto value = distribution_value(value_key, q);
      const auto p = probability(p_at);
      ok = ok && value && p;
      if (value && p) {
        choices.emplace_back(*value, *p);
        sum += *p;
      }
    }
    if (!ok || !complete) return std::nullopt;
    if (std::abs(sum - 1) > 1e-9) {
      report(inner, fmt::format("the probabilities sum to {:.10g}; they must sum to 1", sum));
      return std::nullopt;
    }
    return distribution::choice(std::move(choices));
  }
  std::string message = "unknown distribution `" + shape + "`";
  const std::string suggestion = did_you_mean(shape, shapes);
  message += suggestion.empty() ? "; expected " + detail::one_of(shapes) : suggestion;
  report(key_mark, inner.path, std::move(message));
  return std::nullopt;
}

}  // namespace jssim::input::detail
