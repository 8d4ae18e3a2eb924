// SPDX-License-Identifier: MIT
// The errors a user can cause. `main` maps them to exit codes: 2 for bad input.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace jssim::model {

/// Anything the user can cause: bad input, an impossible request. Exit status 2.
class input_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where a problem is in a scenario file: the file, the 1-based line and column
/// (0 when unknown) and the key path, such as `pipeline.jobs[1].win_rate`.
struct source_location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;
};

/// One problem found in a scenario: where, and what was expected.
struct diagnostic {
  source_location where;
  std::string message;

  /// `file:line:column: key: message`, the form compilers use, so that editors
  /// can jump to it; what does not show is written `<U+200B>` (model::visible).
  [[nodiscard]] std::string to_string() const;
};

/// A scenario that cannot be used: carries every problem found in it, not only
/// the first, so that a user fixes them all in one pass.
class scenario_error : public input_error {
 public:
  explicit scenario_error(std::vector<diagnostic> problems);
  /// One problem, for the common case.
  scenario_error(source_location where, std::string message);

  [[nodiscard]] const std::vector<diagnostic>& problems() const noexcept { return problems_; }

 private:
  std::vector<diagnostic> problems_;
};

}  // namespace jssim::model
