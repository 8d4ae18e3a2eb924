# SPDX-License-Identifier: MIT
# Checks that `jssim run --precision` writes what `--runs N` writes for the N it stopped at:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp -DPRECISION=0.02 -DMIN_RUNS=2000
#         -P precision_same_files.cmake
# MIN_RUNS makes sure more than one batch was played, or the test proves nothing.
include("${CMAKE_CURRENT_LIST_DIR}/same_bytes.cmake")
file(REMOVE_RECURSE "${DIR}")
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --precision ${PRECISION} --out "${DIR}/A"
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the --precision run failed with status ${status}\n${errors}")
endif()
file(READ "${DIR}/A/manifest.json" manifest)
string(REGEX MATCH "\"runs\": ([0-9]+)" match "${manifest}")
set(runs "${CMAKE_MATCH_1}")
if(runs STREQUAL "" OR runs LESS MIN_RUNS)
  message(FATAL_ERROR "the --precision run stopped at '${runs}' runs, expected ${MIN_RUNS} or more")
endif()
string(FIND "${output}" "Precision: ${runs} runs" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the --precision run does not say it took ${runs} runs\n${output}")
endif()
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --runs ${runs} --out "${DIR}/B"
                OUTPUT_QUIET ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the --runs ${runs} run failed with status ${status}\n${errors}")
endif()
jssim_expect_same_files("${DIR}/A" "${DIR}/B" "--precision ${PRECISION} and --runs ${runs}"
                        summary.csv curve.csv compare.csv)
message(STATUS "--precision ${PRECISION} stopped at ${runs} runs; the same files as --runs ${runs}")
