// SPDX-License-Identifier: MIT
// Reading the contracts CSV a freelancer keeps (MODEL.md section 11.1) into
// history contracts, exactly as LibreOffice Calc and Excel write one:
//
// - UTF-8 with or without a byte-order mark; LF or CRLF line ends;
// - a comma or a semicolon as separator, taken from the header row;
// - RFC 4180 quoting ("a, b" and "say ""hi""", line breaks inside quotes);
// - with semicolons, a decimal comma (`1500,50`; a point is read too);
// - booleans as TRUE/FALSE in any case (and 1/0, WAHR/FALSCH, VRAI/FAUX);
// - header names in any case and with surrounding spaces, columns in any
//   order; an empty cell is an absent key; `unknown` where section 10 allows.
//
// Every problem of the file is reported at once, as
//
//     contracts.csv:7:23: ended: expected a date as YYYY-MM-DD, got 03/11/2026; ...
//
// with a did-you-mean for a misspelt column and the way to make a spreadsheet
// write ISO dates. Hostile input is refused before it can do harm (the limits
// are in docs/limits.md): files over 4 MiB (checked before reading), a line
// over 8,192 bytes, more than 20,000 rows, NUL bytes, control characters,
// invalid UTF-8, a cell over 1,000 bytes.
#pragma once

#include <cstddef>  // std::size_t
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/date.hpp"
#include "model/error.hpp"  // scenario_error: what reading throws
#include "model/scenario.hpp"

namespace jssim::input {

/// The column names of the contracts CSV (the history keys of MODEL.md section 6).
inline constexpr std::string_view contract_columns[] = {
    "id",       "client",   "type",  "started",        "ended",     "earned",     "first_paid",
    "last_paid", "stars",   "private", "disputed", "client_flagged", "paused"};

/// Limits on a contracts CSV (docs/limits.md).
inline constexpr std::size_t max_csv_bytes = 4U << 20U;
inline constexpr std::size_t max_csv_line_bytes = 8192;
inline constexpr std::size_t max_csv_rows = 20000;
inline constexpr std::size_t max_csv_cell_bytes = 1000;
inline constexpr std::size_t max_csv_problems = 100;

/// What the sheet held, ready for a scenario.
struct contracts_sheet {
  std::string path;
  /// `,` or `;`, from the header row.
  char separator = ',';
  /// Whether the sheet has a `private` column: without one, ended contracts
  /// with feedback get `private: unknown`.
  bool has_private_column = false;
  /// One contract a row, in the sheet's order; `line` is the row's line, and
  /// client_index points into `clients`.
  std::vector<model::history_contract> contracts;
  std::vector<std::string> clients;
};

/// Reads a contracts CSV from text; `file_label` names it in messages.
/// `today`, when given, is the day no date may come after. Throws
/// model::scenario_error with every problem found.
///
///     const contracts_sheet s = read_contracts_csv("id,client,started\na,acme,2026-01-05\n",
///                                                  "c.csv", std::nullopt);
///     s.contracts.front().client;  // "acme"
contracts_sheet read_contracts_csv(std::string_view text, const std::string& file_label,
                                   std::optional<model::date> today);

/// The same from a file: refused with model::input_error when it cannot be
/// read, and with a scenario_error when it is over max_csv_bytes (checked
/// before reading).
contracts_sheet read_contracts_csv_file(const std::string& path, std::optional<model::date> today);

/// The advice for a date that is not ISO: how to make LibreOffice Calc and
/// Excel write YYYY-MM-DD. Empty when `text` does not look like a date.
std::string iso_date_advice(std::string_view text);

}  // namespace jssim::input
