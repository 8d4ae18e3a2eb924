// SPDX-License-Identifier: MIT
#include "model/error.hpp"

#include <utility>  // std::move

#include "model/utf8.hpp"  // visible

namespace jssim::model {
namespace {

std::string join(const std::vector<diagnostic>& problems) {
  std::string text;
  for (const auto& p : problems) {
    if (!text.empty()) text += '\n';
    text += p.to_string();
  }
  return text;
}

}  // namespace

std::string diagnostic::to_string() const {
  // Every part may hold what a terminal does not show, or a bidirectional
  // override that would reverse the rest of the line: each is made visible.
  std::string text = where.file.empty() ? std::string("<scenario>") : visible(where.file);
  if (where.line > 0) {
    text += ':' + std::to_string(where.line);
    if (where.column > 0) text += ':' + std::to_string(where.column);
  }
  text += ": ";
  if (!where.key.empty()) text += visible(where.key) + ": ";
  text += visible_lines(message);
  return text;
}

scenario_error::scenario_error(std::vector<diagnostic> problems)
    : input_error(join(problems)), problems_(std::move(problems)) {}

scenario_error::scenario_error(source_location where, std::string message)
    : scenario_error(std::vector<diagnostic>{diagnostic{std::move(where), std::move(message)}}) {}

}  // namespace jssim::model
