# SPDX-License-Identifier: MIT
# Checks that two runs of jssim give byte-identical output files:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp -DARGS_A="--threads;1" -DARGS_B="--threads;2"
#         [-DGOLDEN_DIR=golden] -P same_files.cmake
# With GOLDEN_DIR, the first run's summary.csv, curve.csv and compare.csv must also equal
# the golden ones.
include("${CMAKE_CURRENT_LIST_DIR}/same_bytes.cmake")
file(REMOVE_RECURSE "${DIR}")
foreach(side A B)
  execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" ${ARGS_${side}} --out "${DIR}/${side}"
                  OUTPUT_QUIET ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "run ${side} failed with status ${status}\n${errors}")
  endif()
endforeach()
# Every file but manifest.json (its times and command line differ). compare.csv
# and runs.csv pair run i of every strategy: a mix-up of runs between threads
# shows there even when each strategy's summary stays the same.
set(files summary.csv curve.csv compare.csv recovery.svg jss.svg)
if(EXISTS "${DIR}/A/runs.csv")
  list(APPEND files runs.csv)
endif()
jssim_expect_same_files("${DIR}/A" "${DIR}/B" "'${ARGS_A}' and '${ARGS_B}'" ${files})
foreach(name summary.csv curve.csv compare.csv)
  if(GOLDEN_DIR)
    file(READ "${DIR}/A/${name}" a)
    file(READ "${GOLDEN_DIR}/${name}" golden)
    if(NOT a STREQUAL golden)
      message(FATAL_ERROR "${name} differs from ${GOLDEN_DIR}/${name}\n--- expected\n${golden}\n--- actual\n${a}")
    endif()
  endif()
endforeach()
