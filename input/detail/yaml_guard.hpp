// SPDX-License-Identifier: MIT
// Screening of a scenario's text before yaml-cpp builds a tree of it, so that
// hostile input can neither crash the loader (deep nesting overflows yaml-cpp's
// recursive parser), nor hang it or exhaust memory (a 4 GiB file, an alias
// bomb: a few lines of `&a`/`*a` that expand to billions of values).
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <string>
#include <string_view>

namespace jssim::input::detail {

/// The largest scenario file read, in bytes.
inline constexpr std::size_t max_scenario_bytes = std::size_t{4} * 1024 * 1024;
/// The deepest nesting of collections accepted; a scenario needs about 7.
inline constexpr int max_nesting = 64;
/// The most values (scalars and collections) a file may hold, each use of an
/// alias `*name` counted as a full copy of what it names. A large real
/// scenario holds a few thousand; a yaml-cpp tree costs a few hundred bytes
/// per value, so this also bounds memory (to tens of MB).
inline constexpr std::size_t max_yaml_values = 200'000;

/// Why a text cannot be read at all: where (1-based, 0 when unknown) and what.
struct screen_problem {
  int line = 0;
  int column = 0;
  std::string message;
};

/// Rejects a text longer than max_scenario_bytes.
std::optional<screen_problem> check_size(std::size_t bytes);
/// Rejects NUL bytes, control characters and invalid UTF-8 (overlong forms,
/// surrogates, truncated sequences), naming the line. A CR is a control
/// character unless an LF follows it (CRLF line ends are fine); a file whose
/// line ends are CR alone (classic Mac) is told so.
std::optional<screen_problem> check_encoding(std::string_view text);
/// A conservative estimate of the nesting depth from the text alone (flow
/// brackets outside quotes and comments, block indentation levels, `- `
/// indicators), so that absurd nesting is rejected before yaml-cpp sees it.
std::optional<screen_problem> check_nesting(std::string_view text);
/// Streams the text through yaml-cpp's event parser without building a tree:
/// reports a YAML syntax error, more than one document, nesting deeper than
/// max_nesting (exactly; the parse stops there, before yaml-cpp recurses
/// further), an alias to a value that contains it, and more than
/// max_yaml_values values with aliases expanded.
std::optional<screen_problem> check_events(std::string_view text);

/// Rejects a quoted scalar that is never closed: yaml-cpp takes the rest of
/// the file into it without a word. Uses check_nesting's scan of the text.
std::optional<screen_problem> check_quotes(std::string_view text);

/// The likelier cause of the YAML syntax error `error` (from check_events),
/// if any: a quote never closed (check_quotes) opened before it, else the
/// nearest quote at or above it not closed on its own line (a scenario's
/// quoted values never span lines), which YAML read on past until a later
/// quote, an apostrophe in a comment say, closed it.
std::optional<screen_problem> check_syntax_cause(std::string_view text,
                                                 const screen_problem& error);

/// Every check above, in order; the first problem found. A YAML syntax error
/// is reported at its cause when check_syntax_cause finds one.
///
///     if (auto p = screen(text)) report(p->line, p->message);
std::optional<screen_problem> screen(std::string_view text);

}  // namespace jssim::input::detail
