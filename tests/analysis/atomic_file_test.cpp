// SPDX-License-Identifier: MIT
// Tests of analysis/atomic_file: the old file or the new one, never a mix.
#include "analysis/atomic_file.hpp"

#include <sys/resource.h>  // setrlimit: a file size limit stands in for a full disk

#include <csignal>
#include <cstdlib>  // std::getenv
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "model/error.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using jssim::analysis::atomic_output_file;
using jssim::analysis::output_batch;
using jssim::analysis::output_error;
using jssim::analysis::write_file_atomically;

namespace {

/// A fresh, empty directory for one test, under JSSIM_TEST_TMP (set by CTest)
/// or the system's temporary directory.
fs::path scratch(const std::string& name) {
  const char* root = std::getenv("JSSIM_TEST_TMP");
  const fs::path base = root != nullptr && *root != '\0' ? fs::path(root) : fs::temp_directory_path();
  const fs::path dir = base / "atomic_file" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_plain(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// The temporaries left in `dir`: files whose name has ".tmp-".
int temporaries_in(const fs::path& dir) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) ++count;
  }
  return count;
}

/// More than the 64 KiB buffer, so that some of it reaches the temporary.
std::string big_text() { return std::string(200 * 1024, 'x'); }

/// Limits the size of any file this process writes, which fails a write the
/// way a full disk does (EFBIG instead of ENOSPC), without root or a small
/// file system; restores the limit and SIGXFSZ's handler at the end.
class file_size_limit {
 public:
  explicit file_size_limit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &previous_);
    previous_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = previous_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~file_size_limit() {
    setrlimit(RLIMIT_FSIZE, &previous_);
    std::signal(SIGXFSZ, previous_handler_);
  }
  file_size_limit(const file_size_limit&) = delete;
  file_size_limit& operator=(const file_size_limit&) = delete;

 private:
  rlimit previous_{};
  void (*previous_handler_)(int) = nullptr;
};

}  // namespace

TEST_CASE("an atomic file creates its directory and holds what was written",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("creates");
  const fs::path target = dir / "out" / "deeper" / "summary.csv";
  write_file_atomically(target, [](std::ostream& out) { out << "strategy,runs\nwait,10\n"; });
  CHECK(read(target) == "strategy,runs\nwait,10\n");
  CHECK(temporaries_in(target.parent_path()) == 0);
}

TEST_CASE("an atomic file replaces an existing file", "[analysis][atomic_file]") {
  const fs::path dir = scratch("replaces");
  const fs::path target = dir / "curve.csv";
  write_plain(target, "old\n");
  const std::string text = big_text();
  write_file_atomically(target, [&](std::ostream& out) { out << text; });
  CHECK(read(target) == text);
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("the old content survives an exception thrown in the middle of writing",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("exception");
  const fs::path target = dir / "summary.csv";
  write_plain(target, "old content\n");
  const std::string text = big_text();
  CHECK_THROWS_WITH(write_file_atomically(target,
                                          [&](std::ostream& out) {
                                            out << text;
                                            throw std::runtime_error("simulation failed");
                                          }),
                    "simulation failed");
  CHECK(read(target) == "old content\n");
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a file never committed leaves no trace", "[analysis][atomic_file]") {
  const fs::path dir = scratch("uncommitted");
  const fs::path target = dir / "summary.csv";
  {
    atomic_output_file file(target);
    file.stream() << big_text();
    CHECK(file.temporary().parent_path() == dir);
    CHECK_THAT(file.temporary().filename().string(), Contains(".summary.csv.tmp-"));
    CHECK(fs::exists(file.temporary()));
  }
  CHECK_FALSE(fs::exists(target));
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("the target is replaced only at commit", "[analysis][atomic_file]") {
  const fs::path dir = scratch("commit");
  const fs::path target = dir / "summary.csv";
  write_plain(target, "old\n");
  atomic_output_file file(target);
  file.stream() << "new\n";
  file.close();
  CHECK(read(target) == "old\n");
  file.commit();
  CHECK(read(target) == "new\n");
  file.commit();  // a second commit does nothing
  CHECK(read(target) == "new\n");
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a directory that cannot be created is an input error naming it",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("no_directory");
  write_plain(dir / "blocker", "a file, not a directory\n");
  const fs::path target = dir / "blocker" / "out" / "summary.csv";
  CHECK_THROWS_AS(atomic_output_file(target), output_error);
  CHECK_THROWS_AS(atomic_output_file(target), jssim::model::input_error);
  CHECK_THROWS_WITH(atomic_output_file(target), Contains("cannot create directory") &&
                                                    Contains((dir / "blocker" / "out").string()) &&
                                                    Contains("summary.csv"));
}

TEST_CASE("a target that is a directory is refused before anything is written",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("is_directory");
  fs::create_directories(dir / "summary.csv");
  try {
    atomic_output_file file(dir / "summary.csv");
    FAIL("no error");
  } catch (const output_error& e) {
    CHECK(e.path() == dir / "summary.csv");
    CHECK_THAT(e.what(), Contains("is a directory"));
  }
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a write that fails like a full disk throws, keeps the old file and its name",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("full_disk");
  const fs::path target = dir / "summary.csv";
  write_plain(target, "old\n");
  const std::string text = big_text();
  {
    const file_size_limit limit(4096);
    CHECK_THROWS_WITH(write_file_atomically(target, [&](std::ostream& out) { out << text; }),
                      Contains("cannot write") && Contains(target.string()) &&
                          Contains("File too large"));
  }
  CHECK(read(target) == "old\n");
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a batch replaces all its files at commit", "[analysis][atomic_file]") {
  const fs::path dir = scratch("batch");
  write_plain(dir / "summary.csv", "old summary\n");
  output_batch batch;
  auto& summary = batch.add(dir / "summary.csv");
  auto& curve = batch.add(dir / "curve.csv");
  CHECK(batch.size() == 2);
  summary << "new summary\n";
  curve << "new curve\n";
  CHECK(read(dir / "summary.csv") == "old summary\n");
  batch.commit();
  CHECK(read(dir / "summary.csv") == "new summary\n");
  CHECK(read(dir / "curve.csv") == "new curve\n");
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a batch that fails while writing replaces none of its files",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("batch_exception");
  write_plain(dir / "summary.csv", "old summary\n");
  write_plain(dir / "curve.csv", "old curve\n");
  try {
    output_batch batch;
    batch.add(dir / "summary.csv") << "new summary\n";
    batch.add(dir / "curve.csv") << "half a curve";
    throw std::runtime_error("simulation failed");
  } catch (const std::runtime_error&) {
  }
  CHECK(read(dir / "summary.csv") == "old summary\n");
  CHECK(read(dir / "curve.csv") == "old curve\n");
  CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a batch whose second file cannot be written leaves the first file old",
          "[analysis][atomic_file]") {
  const fs::path dir = scratch("batch_full_disk");
  write_plain(dir / "summary.csv", "old summary\n");
  write_plain(dir / "curve.csv", "old curve\n");
  const std::string text = big_text();
  {
    const file_size_limit limit(4096);
    output_batch batch;
    batch.add(dir / "summary.csv") << "new summary\n";  // fits: its close succeeds
    batch.add(dir / "curve.csv") << text;
    CHECK_THROWS_AS(batch.commit(), output_error);
  }
  CHECK(read(dir / "summary.csv") == "old summary\n");
  CHECK(read(dir / "curve.csv") == "old curve\n");
  CHECK(temporaries_in(dir) == 0);
}
