#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs the contracts CSV reader's fuzzer on one worker:
#   fuzz/run_contracts_csv.sh SECONDS [extra libFuzzer flags]
# Seeds: fuzz/csv-seeds/ (sheets in every dialect) and tests/bad-csv/; new inputs go to
# build/fuzz-csv/corpus, findings to build/fuzz-csv/findings. Skips (exit 0) when clang or
# libFuzzer is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
out="$root/build/fuzz-csv"
status=0
fuzzer="$("$root/fuzz/build.sh" "$out" contracts_csv_fuzzer | tail -n 1)" || status=$?
if [ "$status" -eq 77 ]; then
  echo "fuzz/run_contracts_csv.sh: skipped, no clang with libFuzzer" >&2
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
mkdir -p "$out/corpus" "$out/findings" "$out/cwd"
cd "$out/cwd"
exec "$fuzzer" "$out/corpus" "$root/fuzz/csv-seeds" "$root/tests/bad-csv" </dev/null \
  -dict="$root/fuzz/csv.dict" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -max_total_time="$seconds" \
  -artifact_prefix="$out/findings/" -print_final_stats=1 "$@"
