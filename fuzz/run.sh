#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs one of the fuzzers on one worker:
#   fuzz/run.sh [scenario|csv] SECONDS [extra libFuzzer flags]
# scenario (the default): the scenario loader, seeded with scenarios/, tests/bad/,
#   tests/reference/scenarios/ and tests/fuzz-regressions/, in build/fuzz/;
# csv: the contracts CSV reader of `jssim init`, seeded with fuzz/csv-seeds/ (sheets in
#   every dialect) and tests/bad-csv/, in build/fuzz-csv/.
# New inputs go to <dir>/corpus, findings to <dir>/findings. Skips (exit 0) when clang or
# libFuzzer is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target=scenario
case "${1:-}" in
  scenario|csv) target="$1"; shift ;;
esac
seconds="${1:-60}"
shift || true
if [ "$target" = csv ]; then
  out="$root/build/fuzz-csv"
  name=contracts_csv_fuzzer
  dict="$root/fuzz/csv.dict"
  candidates=(fuzz/csv-seeds tests/bad-csv)
else
  out="$root/build/fuzz"
  name=load_scenario_fuzzer
  dict="$root/fuzz/yaml.dict"
  candidates=(scenarios tests/bad tests/reference/scenarios tests/fuzz-regressions)
fi
status=0
fuzzer="$("$root/fuzz/build.sh" "$out" "$name" | tail -n 1)" || status=$?
if [ "$status" -eq 77 ]; then
  echo "fuzz/run.sh $target: skipped, no clang with libFuzzer" >&2
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
seeds=()
for dir in "${candidates[@]}"; do
  [ -d "$root/$dir" ] && seeds+=("$root/$dir")
done
# An empty working directory and no input: a scenario may `extends:` another
# file, and the fuzzer must not wander into the checkout or wait on stdin.
mkdir -p "$out/corpus" "$out/findings" "$out/cwd"
cd "$out/cwd"
# The first directory receives new inputs; the others are read only.
exec "$fuzzer" "$out/corpus" "${seeds[@]}" </dev/null \
  -dict="$dict" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -max_total_time="$seconds" \
  -artifact_prefix="$out/findings/" -print_final_stats=1 "$@"
