// SPDX-License-Identifier: MIT
// jssim: how long until the Job Success Score is back above 90 %, and which way
// back is fastest.
#include <CLI/CLI.hpp>
#include <cstdio>     // std::fprintf
#include <exception>
#include <new>        // std::bad_alloc

#include "app/commands.hpp"
#include "model/error.hpp"

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

  int status = exit_internal;
  add_run_command(app, status);
  add_score_command(app, status);
  add_check_command(app, status);
  add_explain_command(app, status);
  add_replay_command(app, status);
  add_sensitivity_command(app, status);

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

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const jssim::model::input_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return jssim::app::exit_bad_input;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "jssim: out of memory\n");
    return jssim::app::exit_internal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jssim: internal error: %s\n", e.what());
    return jssim::app::exit_internal;
  }
}
