// SPDX-License-Identifier: MIT
#include "app/options.hpp"

#include <charconv>  // std::from_chars
#include <cstdint>   // std::uint64_t
#include <string>
#include <vector>
#include <system_error>  // std::errc

namespace jssim::app {

const CLI::Validator decimal_number(
    [](const std::string& input) {
      std::uint64_t value = 0;
      const char* last = input.data() + input.size();
      const auto [end, error] = std::from_chars(input.data(), last, value);
      const bool ok = !input.empty() && error == std::errc() && end == last &&
                      (input.size() == 1 || input.front() != '0');
      return ok ? std::string()
                : "expected a whole number in decimal digits, from 0 to 18446744073709551615, "
                  "got " + input;
    },
    "DIGITS");

void add_simulation_options(CLI::App& cmd, simulation_options& options, const std::string& written) {
  cmd.add_option("--seed", options.seed, "Random seed (default: simulation.seed)")
      ->check(decimal_number);
  cmd.add_option("--threads", options.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(0U, 1024U));
  cmd.add_option("--out", options.out, "Output folder for " + written + " (default: out/<scenario>/)");
}

namespace {

/// The word for the value of `option` in --help.
std::string value_word(const std::string& command, const CLI::Option& option,
                       const std::string& cli_type) {
  const std::string name = option.get_lnames().empty() ? std::string() : option.get_lnames()[0];
  if (option.get_positional()) return "";  // its name says it: `scenario`
  if (name == "out") return command == "init" ? "FILE" : "DIR";  // init writes one scenario
  if (name == "at" || name == "today" || name == "private-ratings-until") return "DATE";
  if (name == "strategy" || name == "name") return "NAME";
  if (name == "history") return "CSV";
  if (name == "observed") return "DATE=JSS";
  if (name == "seed") return "SEED";
  if (name == "precision") return "E";
  if (cli_type.starts_with("UINT") || cli_type.starts_with("INT")) return "N";
  if (cli_type.starts_with("FLOAT")) return "NUMBER";
  return "TEXT";
}

}  // namespace

void plain_value_names(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    const std::string cli_type = option->get_type_name();
    if (cli_type.empty()) continue;  // a flag takes no value
    for (int i = 0;; ++i) {
      try {
        option->get_validator(i)->description("");
      } catch (const CLI::OptionNotFound&) {
        break;
      }
    }
    option->type_name(value_word(app.get_name(), *option, cli_type));
  }
  for (CLI::App* sub : app.get_subcommands({})) plain_value_names(*sub);
}

}  // namespace jssim::app
