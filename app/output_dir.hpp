// SPDX-License-Identifier: MIT
// The output folder of `jssim run` and `jssim sensitivity`: checked before the
// work, and taken away again when the command ends without writing into it.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace jssim::app {

/// Fails now, not after hours of runs, when the output folder cannot be
/// written: an empty path, a file, a place without permission, or a folder
/// where its first file belongs. Creates it (and any missing parents) for the
/// files to come. Unless keep() is called, the destructor removes again the
/// folders it created that are still empty: a command interrupted, or
/// refused during its runs, leaves nothing behind.
///
///     output_dir dir("jssim run", out, "summary.csv");  // throws model::input_error
///     ... the runs; return on Ctrl-C: the folder goes ...
///     files.commit();
///     dir.keep();
class output_dir {
 public:
  /// `command` ("jssim run") starts the message of an empty path.
  output_dir(std::string_view command, std::filesystem::path out, const char* first_file);
  ~output_dir();
  output_dir(const output_dir&) = delete;
  output_dir& operator=(const output_dir&) = delete;

  /// The folder now holds the command's files: nothing is removed.
  void keep() { created_.clear(); }

 private:
  /// Removes the folders of created_ that are empty, the deepest first.
  void remove_created() noexcept;

  /// The folders that did not exist before, the deepest first.
  std::vector<std::filesystem::path> created_;
};

}  // namespace jssim::app
