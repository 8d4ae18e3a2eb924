#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds a libFuzzer target of fuzz/ with clang, ASan and UBSan:
#   fuzz/build.sh [BUILD_DIR] [FUZZER]   (defaults build/fuzz and load_scenario_fuzzer, the
#                                         scenario loader's; contracts_csv_fuzzer: the CSV's)
# The binary is BUILD_DIR/FUZZER, from fuzz/FUZZER.cpp.
# The model and input libraries' sources are compiled here directly, instrumented, so the
# main (GCC) build is untouched. Exits 77 if clang or libFuzzer is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/build/fuzz}"
fuzzer="${2:-load_scenario_fuzzer}"
cxx="${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++ || true)}"
if [ -z "$cxx" ]; then
  echo "fuzz/build.sh: clang++ not found; install clang-14 and libclang-rt-14-dev" >&2
  exit 77
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  "$cxx" -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "fuzz/build.sh: $cxx cannot link libFuzzer; install libclang-rt-14-dev" >&2
  exit 77
fi
mkdir -p "$out/obj"
# -fno-sanitize-recover: undefined behaviour is a crash, so the fuzzer keeps it.
flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer -I"$root"
  -fsanitize=address,undefined -fno-sanitize-recover=all
  -Wall -Wextra -Wno-unused-command-line-argument)
objects=()
for source in "$root"/model/*.cpp "$root"/model/detail/*.cpp "$root"/input/*.cpp \
  "$root"/input/detail/*.cpp "$root/fuzz/$fuzzer.cpp"; do
  name="${source#"$root"/}"
  object="$out/obj/${name//\//_}.o"
  # Rebuild only what changed since the last build.
  if [ ! -e "$object" ] || [ "$source" -nt "$object" ] ||
    [ -n "$(find "$root/model" "$root/input" -name '*.hpp' -newer "$object" -print -quit)" ]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$source" -o "$object"
  fi
  objects+=("$object")
done
"$cxx" "${flags[@]}" -fsanitize=fuzzer "${objects[@]}" -lyaml-cpp -lfmt -o "$out/$fuzzer"
echo "$out/$fuzzer"
