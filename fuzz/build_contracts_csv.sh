#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the contracts CSV reader's libFuzzer target (fuzz/contracts_csv_fuzzer.cpp) with
# clang, ASan and UBSan, as fuzz/build.sh does for the scenario loader:
#   fuzz/build_contracts_csv.sh [BUILD_DIR]   (default build/fuzz-csv)
# Exits 77 if clang or libFuzzer is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/build/fuzz-csv}"
cxx="${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || true)}"
if [ -z "$cxx" ]; then
  echo "fuzz/build_contracts_csv.sh: clang++ not found; install clang-14 and libclang-rt-14-dev" >&2
  exit 77
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  "$cxx" -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "fuzz/build_contracts_csv.sh: $cxx cannot link libFuzzer; install libclang-rt-14-dev" >&2
  exit 77
fi
mkdir -p "$out/obj"
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -I"$root"
  -fsanitize=address,undefined -fno-sanitize-recover=all
  -Wall -Wextra -Wno-unused-command-line-argument)
objects=()
for source in "$root"/model/*.cpp "$root"/model/detail/*.cpp "$root"/input/*.cpp "$root"/input/detail/*.cpp \
  "$root"/fuzz/contracts_csv_fuzzer.cpp; do
  name="${source#"$root"/}"
  object="$out/obj/${name//\//_}.o"
  if [ ! -e "$object" ] || [ "$source" -nt "$object" ] ||
    [ -n "$(find "$root/model" "$root/input" -name '*.hpp' -newer "$object" -print -quit)" ]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$source" -o "$object"
  fi
  objects+=("$object")
done
"$cxx" "${flags[@]}" -fsanitize=fuzzer "${objects[@]}" -lyaml-cpp -lfmt -o "$out/contracts_csv_fuzzer"
echo "$out/contracts_csv_fuzzer"
