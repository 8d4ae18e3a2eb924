// SPDX-License-Identifier: MIT
#include "model/error.hpp"

#include <utility>  // std::move

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
  std::string text = where.file.empty() ? std::string("<scenario>") : where.file;
  if (where.line > 0) {
    text += ':' + std::to_string(where.line);
    if (where.column > 0) text += ':' + std::to_string(where.column);
  }
  text += ": ";
  if (!where.key.empty()) text += where.key + ": ";
  text += message;
  return text;
}

scenario_error::scenario_error(std::vector<diagnostic> problems)
    : input_error(join(problems)), problems_(std::move(problems)) {}

scenario_error::scenario_error(source_location where, std::string message)
    : scenario_error(std::vector<diagnostic>{diagnostic{std::move(where), std::move(message)}}) {}

}  // namespace jssim::model
