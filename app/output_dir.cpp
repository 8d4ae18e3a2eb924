// SPDX-License-Identifier: MIT
// The output folder of `jssim run` and `jssim sensitivity`, checked before the work.
#include <filesystem>
#include <system_error>

#include "analysis/atomic_file.hpp"
#include "app/commands.hpp"

namespace jssim::app {

bool check_output_dir(const std::filesystem::path& out, const char* first_file) {
  std::error_code ignored;
  const bool existed = std::filesystem::exists(out, ignored);
  // Creates the folder and a temporary beside the first file, which the
  // destructor removes again.
  const analysis::atomic_output_file probe(out / first_file);
  return !existed;
}

void remove_if_created(const std::filesystem::path& out, bool created) {
  if (!created) return;
  std::error_code ignored;
  std::filesystem::remove(out, ignored);  // removes a folder only if it is empty
}

}  // namespace jssim::app
