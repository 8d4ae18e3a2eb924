// SPDX-License-Identifier: MIT
// Output files that are replaced whole or not at all (MODEL.md section 9: never half-written).
#pragma once

#include <filesystem>
#include <functional>  // std::function
#include <iosfwd>      // std::ostream
#include <memory>      // std::unique_ptr
#include <string>
#include <vector>

#include "model/error.hpp"

namespace jssim::analysis {

/// An output file that cannot be written: its directory cannot be created,
/// the disk is full, permission is denied. The message names the file and
/// the reason the system gave; it is an input_error because the user can
/// cause and fix it (exit status 2).
class output_error : public model::input_error {
 public:
  /// An error about `path`; `message` already names it.
  output_error(std::filesystem::path path, const std::string& message);
  /// The file (or directory) that could not be written.
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

/// A file written in full before it replaces `target`: the content goes to a
/// temporary `.NAME.tmp-PID-COUNTER` beside the target (the same directory, so
/// the same file system, where rename is atomic), and commit() flushes it,
/// fsyncs it and renames it over the target. A reader, or a crash, therefore
/// sees the old file or the new one, never a mix or a half-written file. If
/// commit() is not reached (an exception, a failed write), the destructor
/// removes the temporary and the old file stays as it was.
///
/// The directory is created and the temporary opened at construction, so an
/// output that cannot be written fails before the work that fills it. The new
/// file gets the default mode (0666 less the umask), not the old file's.
///
///     atomic_output_file file(out_dir / "summary.csv");
///     csv_writer csv(file.stream());
///     ...
///     file.commit();
class atomic_output_file {
 public:
  /// Creates target's directory if missing and opens the temporary; throws
  /// output_error if either fails or if `target` is a directory.
  explicit atomic_output_file(std::filesystem::path target);
  /// Removes the temporary unless committed; never throws.
  ~atomic_output_file();
  atomic_output_file(const atomic_output_file&) = delete;
  atomic_output_file& operator=(const atomic_output_file&) = delete;
  atomic_output_file(atomic_output_file&&) noexcept;
  atomic_output_file& operator=(atomic_output_file&&) noexcept;

  /// Where the content goes; usable until close() or commit().
  [[nodiscard]] std::ostream& stream();
  /// The file this replaces.
  [[nodiscard]] const std::filesystem::path& target() const noexcept;
  /// The temporary it is written to.
  [[nodiscard]] const std::filesystem::path& temporary() const noexcept;

  /// Flushes, fsyncs and closes the temporary, without replacing the target
  /// yet; throws output_error on any failure (a full disk shows here at the
  /// latest). Doing nothing the second time.
  void close();
  /// close(), then renames the temporary over the target: from here on the
  /// target is the new file. Throws output_error if either fails.
  void commit();

 private:
  struct state;
  std::unique_ptr<state> state_;
};

/// Writes `target` atomically with `write`, which fills the stream; if it
/// throws, the target is left as it was and the exception goes on.
///
///     write_file_atomically("out/summary.csv", [&](std::ostream& out) { out << text; });
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

/// Several output files that are replaced together: every file is written,
/// flushed and fsynced to its temporary first, and only then are they
/// renamed, one after the other. A run that fails while writing or closing
/// any of them replaces none, so summary.csv and curve.csv never come from
/// different runs. Only a rename failing after another succeeded (rare: the
/// temporaries are already in the target directories) can still leave some
/// replaced.
///
///     output_batch batch;
///     auto& summary = batch.add(dir / "summary.csv");
///     auto& curve = batch.add(dir / "curve.csv");
///     ... write both ...
///     batch.commit();
class output_batch {
 public:
  /// Opens one more file (see atomic_output_file) and returns its stream,
  /// valid until commit() or the batch's end. Each target appears once.
  std::ostream& add(std::filesystem::path target);
  /// Closes every file, then renames every file; throws output_error on the
  /// first failure. Once only.
  void commit();
  /// The files added, in order.
  [[nodiscard]] std::size_t size() const noexcept { return files_.size(); }

 private:
  std::vector<atomic_output_file> files_;
  bool committed_ = false;
};

}  // namespace jssim::analysis
