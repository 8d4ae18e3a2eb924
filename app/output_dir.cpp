// SPDX-License-Identifier: MIT
#include "app/output_dir.hpp"

#include <fmt/format.h>

#include <system_error>
#include <utility>  // std::move

#include "analysis/atomic_file.hpp"
#include "model/error.hpp"

namespace jssim::app {

output_dir::output_dir(std::string_view command, std::filesystem::path out,
                       const char* first_file) {
  if (out.empty()) {
    throw model::input_error(fmt::format(
        "{}: --out: expected a folder for the output files, got an empty path (use --out . "
        "for the current folder)",
        command));
  }
  // The missing folders from `out` up to the first that exists, each named
  // once ("a/b/" and "a/b" are one folder).
  std::filesystem::path deepest = out.lexically_normal();
  if (!deepest.has_filename()) deepest = deepest.parent_path();
  std::error_code ignored;
  for (std::filesystem::path p = deepest; !p.empty() && !std::filesystem::exists(p, ignored);) {
    created_.push_back(p);
    std::filesystem::path parent = p.parent_path();
    if (parent == p) break;  // a root
    p = std::move(parent);
  }
  try {
    // Creates the folders and a temporary beside the first file, which the
    // destructor removes again.
    const analysis::atomic_output_file probe(deepest / first_file);
  } catch (...) {
    remove_created();
    throw;
  }
}

output_dir::~output_dir() { remove_created(); }

void output_dir::remove_created() noexcept {
  std::error_code ignored;
  for (const std::filesystem::path& p : created_) {
    // Removes a folder only if it is empty, and stops at the first that is not.
    if (!std::filesystem::remove(p, ignored)) break;
  }
  created_.clear();
}

}  // namespace jssim::app
