// SPDX-License-Identifier: MIT
#include "app/options.hpp"

#include <charconv>  // std::from_chars
#include <cstdint>   // std::uint64_t
#include <string>
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

}  // namespace jssim::app
