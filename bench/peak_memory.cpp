// SPDX-License-Identifier: MIT
// The peak memory of `jssim run` by number of runs (bench/README.md): each
// count is run as a child process, whose own peak resident set wait4() reports,
// so that nothing of this program or of the other counts is mixed in.
//
//     jssim_peak_memory [--jssim PATH] [--scenario FILE] [--threads T] RUNS...
//     jssim_peak_memory 10000 1000000 10000000
#include <fcntl.h>  // open
#include <fmt/format.h>
#include <sys/resource.h>  // rusage
#include <sys/wait.h>      // wait4
#include <unistd.h>        // fork, execv, dup2

#include <chrono>
#include <cstdio>   // std::perror
#include <cstdlib>  // std::strtod, std::_Exit
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct child_result {
  bool ok = false;
  double peak_mb = 0;
  double seconds = 0;
};

/// Runs `args` (args[0] is the program) with its output thrown away.
child_result run_child(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    return {};
  }
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, 1);
      dup2(null, 2);
    }
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    std::_Exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("wait4");
    return {};
  }
  child_result out;
  out.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  // Linux reports ru_maxrss in kilobytes.
  out.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string jssim = JSSIM_BINARY;
  std::string scenario = std::string(JSSIM_SOURCE_DIR) + "/scenarios/seed-story.yaml";
  std::string threads = "0";
  std::vector<std::string> counts;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--jssim" || arg == "--scenario" || arg == "--threads") && i + 1 < argc) {
      (arg == "--jssim" ? jssim : arg == "--scenario" ? scenario : threads) = argv[++i];
    } else if (!arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos) {
      counts.push_back(arg);
    } else {
      fmt::print(stderr,
                 "usage: jssim_peak_memory [--jssim PATH] [--scenario FILE] [--threads T] RUNS...\n");
      return 2;
    }
  }
  if (counts.empty()) counts = {"10000", "1000000", "10000000"};

  const std::filesystem::path out = std::filesystem::temp_directory_path() / "jssim_peak_memory";
  fmt::print("peak memory of `jssim run {} --runs N --threads {}`\n", scenario, threads);
  fmt::print("{:>12} {:>12} {:>10} {:>12}\n", "runs", "peak MB", "seconds", "runs/s");
  double first_peak = 0;
  int status = 0;
  for (const std::string& n : counts) {
    const child_result r =
        run_child({jssim, "run", scenario, "--runs", n, "--threads", threads, "--out", out.string()});
    if (!r.ok) {
      fmt::print(stderr, "jssim_peak_memory: `jssim run --runs {}` failed\n", n);
      status = 1;
      continue;
    }
    if (first_peak == 0) first_peak = r.peak_mb;
    // Runs of every strategy per second of wall clock, the start-up included.
    fmt::print("{:>12} {:>12.1f} {:>10.1f} {:>12.0f}   ({:+.1f} % from the first)\n", n, r.peak_mb,
               r.seconds, std::strtod(n.c_str(), nullptr) / r.seconds,
               100.0 * (r.peak_mb - first_peak) / first_peak);
  }
  std::filesystem::remove_all(out);
  return status;
}
