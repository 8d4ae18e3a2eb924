// SPDX-License-Identifier: MIT
// The built program run as a user runs it, for the tests of tests/app/: its
// output (stdout and stderr together) and its exit status.
#pragma once

#include <sys/wait.h>  // WEXITSTATUS

#include <catch2/catch.hpp>
#include <cstdio>   // popen
#include <cstdlib>  // std::getenv
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>

namespace jssim::testing {

struct outcome {
  int status = -1;
  std::string output;  ///< stdout and stderr
};

/// `jssim ARGUMENTS` through the shell (quote paths yourself).
///
///     const outcome r = run("check 'my scenario.yaml'");  // r.status == 0
inline outcome run(const std::string& arguments) {
  // fmt rather than operator+: GCC 12 warns wrongly (-Wrestrict) on such chains.
  const std::string command = fmt::format("'{}' {} 2>&1", JSSIM_BINARY, arguments);
  outcome out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.output.append(buffer, n);
  const int status = pclose(pipe);
  out.status = WEXITSTATUS(status);
  return out;
}

/// A file of the source tree, quoted for run()'s shell:
/// source("scenarios/seed-story.yaml").
inline std::string source(const std::string& relative) {
  return fmt::format("'{}/{}'", JSSIM_SOURCE_DIR, relative);
}

/// A folder of its own for a test file's outputs, under $JSSIM_TEST_TMP (the
/// build's tmp/ in CTest) or the system's temporary folder.
inline std::filesystem::path temp_dir(const std::string& name) {
  const char* env = std::getenv("JSSIM_TEST_TMP");
  std::filesystem::path dir = env != nullptr ? env : std::filesystem::temp_directory_path();
  dir /= name;
  std::filesystem::create_directories(dir);
  return dir;
}

/// A file's whole text.
inline std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace jssim::testing
