// SPDX-License-Identifier: MIT
// jssim: how long until the Job Success Score is back above 90 %, and which way
// back is fastest.
#include <CLI/CLI.hpp>
#include <algorithm>  // std::find
#include <cerrno>
#include <cstdio>     // std::fprintf, std::fflush, std::ferror
#include <cstring>    // std::strerror
#include <exception>
#include <new>        // std::bad_alloc
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "analysis/report.hpp"  // joined
#include "app/commands.hpp"
#include "app/options.hpp"  // plain_value_names
#include "model/detail/suggest.hpp"
#include "model/error.hpp"
#include "model/utf8.hpp"  // visible

namespace {

constexpr const char* description =
    "jssim replays a freelancer's possible futures thousands of times, with the Job\n"
    "Success Score recalculated every two weeks, and tells how long it takes to get\n"
    "back above the target, and which strategy gets there fastest.";

int dispatch(int argc, char** argv) {
  using namespace jssim::app;
  program_arguments.assign(argv, argv + argc);
  CLI::App app{description, "jssim"};
  app.set_version_flag("--version", std::string("jssim ") + JSSIM_VERSION);
  app.require_subcommand(1);
  // CLI11's messages quote the words given: what does not show is made visible.
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    return jssim::model::visible_lines(CLI::FailureMessage::simple(a, e));
  });

  int status = exit_internal;
  add_run_command(app, status);
  add_score_command(app, status);
  add_check_command(app, status);
  add_explain_command(app, status);
  add_replay_command(app, status);
  add_sensitivity_command(app, status);
  add_plan_command(app, status);
  add_init_command(app, status);
  plain_value_names(app);

  // A first word that is not an option names a command: `jssim help [COMMAND]`
  // is --help, and a word that is no command is named, with what it may
  // have meant, rather than CLI11's "A subcommand is required".
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string_view> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.emplace_back(sub->get_name());
    const auto is_command = [&](std::string_view word) {
      return std::find(commands.begin(), commands.end(), word) != commands.end();
    };
    const auto not_a_command = [&](std::string_view word) {
      const std::string listed = jssim::analysis::joined(commands);
      const std::string shown = jssim::model::visible(word);
      std::fprintf(stderr,
                   "jssim: `%s` is not a command; the commands are %s%s\n"
                   "Run with --help for more information.\n",
                   shown.c_str(), listed.c_str(),
                   jssim::model::detail::did_you_mean(word, commands).c_str());
      return exit_bad_input;
    };
    const std::string_view word = argv[1];
    if (word == "help") {
      if (argc == 2) {
        std::fputs(app.help().c_str(), stdout);
        return exit_ok;
      }
      if (!is_command(argv[2])) return not_a_command(argv[2]);
      std::fputs(app.get_subcommand(argv[2])->help("jssim").c_str(), stdout);
      return exit_ok;
    }
    if (!is_command(word)) return not_a_command(word);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_bad_input;
  }
  return status;
}

/// Whether everything printed reached standard output. A full disk, a closed
/// descriptor or /dev/full fail the write, which stdio remembers.
bool stdout_written() { return std::fflush(stdout) == 0 && std::ferror(stdout) == 0; }

/// Says that the output was lost; the same status as an --out that cannot be
/// written, not the "internal error" of a bug.
int stdout_failed(int error) {
  std::fprintf(stderr, "jssim: cannot write to standard output: %s\n",
               std::strerror(error != 0 ? error : EIO));
  return jssim::app::exit_bad_input;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int status = dispatch(argc, argv);
    errno = 0;
    if (!stdout_written()) return status != jssim::app::exit_ok ? status : stdout_failed(errno);
    return status;
  } catch (const jssim::model::input_error& e) {
    // A path or a word from the command line may hold what does not show.
    std::fprintf(stderr, "%s\n", jssim::model::visible_lines(e.what()).c_str());
    return jssim::app::exit_bad_input;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "jssim: out of memory\n");
    return jssim::app::exit_internal;
  } catch (const std::system_error& e) {
    // fmt::print throws when a write to standard output fails.
    if (std::ferror(stdout) != 0) return stdout_failed(e.code().value());
    std::fprintf(stderr, "jssim: internal error: %s\n",
                 jssim::model::visible_lines(e.what()).c_str());
    return jssim::app::exit_internal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jssim: internal error: %s\n",
                 jssim::model::visible_lines(e.what()).c_str());
    return jssim::app::exit_internal;
  }
}
