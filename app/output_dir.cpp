// SPDX-License-Identifier: MIT
#include "app/output_dir.hpp"

#include <fmt/format.h>

#include <system_error>
#include <vector>

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
  // Made one by one, from the top, so that exactly the folders this makes
  // are known: never a folder or a symbolic link that was there, whatever
  // `..` or a link in the path. The first that cannot be made stops it; the
  // probe below names it with the system's reason.
  std::filesystem::path deepest = out;
  if (!deepest.has_filename()) deepest = deepest.parent_path();  // "a/b/" is "a/b"
  std::vector<std::filesystem::path> chain;
  for (std::filesystem::path p = deepest; !p.empty(); p = p.parent_path()) {
    chain.push_back(p);
    if (p == p.parent_path()) break;  // a root
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    std::error_code error;
    if (std::filesystem::create_directory(*it, error)) {
      created_.insert(created_.begin(), *it);  // the deepest first
    } else if (error) {
      break;
    }
  }
  try {
    // A temporary beside the first file, which the destructor removes again:
    // the folder takes files.
    const analysis::atomic_output_file probe(out / first_file);
  } catch (const analysis::output_error& e) {
    remove_created();
    // Said by the command, as its other refusals are.
    throw analysis::output_error(e.path(), fmt::format("{}: --out: {}", command, e.what()));
  } catch (...) {
    remove_created();
    throw;
  }
}

output_dir::~output_dir() { remove_created(); }

void output_dir::remove_created() noexcept {
  for (const std::filesystem::path& p : created_) {
    // Removes a folder only if it is empty; one that is not holds its parents.
    std::error_code error;
    std::filesystem::remove(p, error);
    if (error) break;
  }
  created_.clear();
}

}  // namespace jssim::app
