// SPDX-License-Identifier: MIT
// Output files that are replaced whole or not at all (MODEL.md section 9: never half-written).
#include "analysis/atomic_file.hpp"

#include <fcntl.h>   // ::open
#include <unistd.h>  // ::write, ::fsync, ::close, ::getpid

#include <algorithm>  // std::any_of
#include <array>
#include <atomic>     // a process-wide counter for unique temporary names
#include <cerrno>
#include <cstdint>    // std::uint64_t
#include <ostream>
#include <streambuf>
#include <string_view>
#include <system_error>
#include <utility>    // std::move

#include <fmt/format.h>

#include "model/assert.hpp"

namespace jssim::analysis {
namespace {

namespace fs = std::filesystem;

std::string reason(int error) { return std::system_category().message(error); }

std::string quoted(const fs::path& path) { return fmt::format("'{}'", path.string()); }

/// A stream buffer over a POSIX file descriptor. std::ofstream cannot fsync,
/// which is the point of this file, so the bytes go through write(2) here
/// and the first errno is kept for the error message.
class fd_buffer final : public std::streambuf {
 public:
  explicit fd_buffer(int fd) : fd_(fd) { reset(); }
  /// The errno of the first failed write; 0 if none.
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  void reset() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

  bool drain() {
    if (error_ != 0) return false;
    const char* next = pbase();
    auto left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0) {
      const ::ssize_t written = ::write(fd_, next, left);
      if (written < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      next += written;
      left -= static_cast<std::size_t>(written);
    }
    reset();
    return true;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 64 * 1024> buffer_{};
};

std::atomic<std::uint64_t> temporary_counter{0};

/// `.NAME.tmp-PID-COUNTER` beside `target`: hidden, and unique across the
/// processes and the threads that write the same directory.
fs::path temporary_for(const fs::path& target) {
  const auto pid = static_cast<long>(::getpid());
  const std::uint64_t count = temporary_counter.fetch_add(1, std::memory_order_relaxed);
  return target.parent_path() /
         fmt::format(".{}.tmp-{}-{}", target.filename().string(), pid, count);
}

/// Best effort: makes a rename in `directory` survive a crash. The rename has
/// happened already, so a failure here is not worth failing the run for.
void sync_directory(const fs::path& directory) {
  const fs::path dir = directory.empty() ? fs::path(".") : directory;
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  static_cast<void>(::fsync(fd));
  static_cast<void>(::close(fd));
}

}  // namespace

output_error::output_error(std::filesystem::path path, const std::string& message)
    : model::input_error(message), path_(std::move(path)) {}

struct atomic_output_file::state {
  fs::path target;
  fs::path temporary;
  int fd = -1;
  fd_buffer buffer;
  std::ostream stream;
  bool closed = false;
  bool committed = false;

  state(fs::path target_path, fs::path temporary_path, int descriptor)
      : target(std::move(target_path)),
        temporary(std::move(temporary_path)),
        fd(descriptor),
        buffer(descriptor),
        stream(&buffer) {}
  state(const state&) = delete;
  state& operator=(const state&) = delete;

  ~state() {
    if (fd >= 0) static_cast<void>(::close(fd));
    if (!committed) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
    }
  }

  [[noreturn]] void fail(int error, std::string_view what) const {
    throw output_error(target, fmt::format("cannot write {}: {}{}", quoted(target), what,
                                           error != 0 ? ": " + reason(error) : std::string()));
  }
};

atomic_output_file::atomic_output_file(std::filesystem::path target) {
  if (!target.has_filename()) {
    throw output_error(target, fmt::format("cannot write {}: not a file name", quoted(target)));
  }
  const fs::path directory = target.parent_path();
  if (!directory.empty()) {
    std::error_code error;
    fs::create_directories(directory, error);
    if (error) {
      throw output_error(directory, fmt::format("cannot create directory {} for {}: {}",
                                                quoted(directory), quoted(target),
                                                error.message()));
    }
  }
  std::error_code error;
  if (fs::is_directory(target, error)) {
    throw output_error(target, fmt::format("cannot write {}: it is a directory", quoted(target)));
  }
  fs::path temporary = temporary_for(target);
  // O_EXCL: never write through a file or a link someone else put there.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int open_error = errno;
    throw output_error(target, fmt::format("cannot write {}: cannot create {}: {}", quoted(target),
                                           quoted(temporary), reason(open_error)));
  }
  state_ = std::make_unique<state>(std::move(target), std::move(temporary), fd);
}

atomic_output_file::~atomic_output_file() = default;
atomic_output_file::atomic_output_file(atomic_output_file&&) noexcept = default;
atomic_output_file& atomic_output_file::operator=(atomic_output_file&&) noexcept = default;

std::ostream& atomic_output_file::stream() {
  JSSIM_ASSERT(state_ && !state_->closed, "writing an atomic output file after close or commit");
  return state_->stream;
}

const std::filesystem::path& atomic_output_file::target() const noexcept { return state_->target; }

const std::filesystem::path& atomic_output_file::temporary() const noexcept {
  return state_->temporary;
}

void atomic_output_file::close() {
  JSSIM_ASSERT(state_ != nullptr, "using a moved-from atomic output file");
  state& s = *state_;
  if (s.closed) return;
  s.stream.flush();
  if (!s.stream || s.buffer.error() != 0) s.fail(s.buffer.error(), "write failed");
  if (::fsync(s.fd) != 0) s.fail(errno, "fsync failed");
  const int fd = s.fd;
  // Whatever close(2) says, the descriptor is gone: never close it twice.
  s.fd = -1;
  if (::close(fd) != 0) s.fail(errno, "close failed");
  s.closed = true;
}

void atomic_output_file::commit() {
  close();
  state& s = *state_;
  if (s.committed) return;
  if (::rename(s.temporary.c_str(), s.target.c_str()) != 0) {
    s.fail(errno, fmt::format("cannot rename {} over it", quoted(s.temporary)));
  }
  s.committed = true;
  sync_directory(s.target.parent_path());
}

void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write) {
  atomic_output_file file(target);
  write(file.stream());
  file.commit();
}

std::ostream& output_batch::add(std::filesystem::path target) {
  JSSIM_ASSERT(!committed_, "adding a file to a committed output batch");
  JSSIM_ASSERT(std::none_of(files_.begin(), files_.end(),
                            [&](const atomic_output_file& f) { return f.target() == target; }),
               "an output batch writes each file once");
  files_.emplace_back(std::move(target));
  return files_.back().stream();
}

void output_batch::commit() {
  JSSIM_ASSERT(!committed_, "committing an output batch twice");
  committed_ = true;
  // Every write error shows up in close(), before any target is replaced.
  for (auto& file : files_) file.close();
  for (auto& file : files_) file.commit();
}

}  // namespace jssim::analysis
