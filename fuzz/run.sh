#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds and runs the scenario loader's fuzzer on one worker:
#   fuzz/run.sh SECONDS [extra libFuzzer flags]
# The seed corpus is scenarios/, tests/bad/, tests/reference/scenarios/ and
# tests/fuzz-regressions/; new inputs go to build/fuzz/corpus, findings to
# build/fuzz/findings. Skips (exit 0) when clang or libFuzzer is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
out="$root/build/fuzz"
status=0
fuzzer="$("$root/fuzz/build.sh" "$out" | tail -n 1)" || status=$?
if [ "$status" -eq 77 ]; then
  echo "fuzz/run.sh: skipped, no clang with libFuzzer" >&2
  exit 0
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi
mkdir -p "$out/corpus" "$out/findings"
seeds=()
for dir in scenarios tests/bad tests/reference/scenarios tests/fuzz-regressions; do
  [ -d "$root/$dir" ] && seeds+=("$root/$dir")
done
# An empty working directory and no input: a scenario may `extends:` another
# file, and the fuzzer must not wander into the checkout or wait on stdin.
mkdir -p "$out/cwd"
cd "$out/cwd"
# The first directory receives new inputs; the others are read only.
exec "$fuzzer" "$out/corpus" "${seeds[@]}" </dev/null \
  -dict="$root/fuzz/yaml.dict" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -max_total_time="$seconds" \
  -artifact_prefix="$out/findings/" -print_final_stats=1 "$@"
