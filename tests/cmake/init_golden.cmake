# SPDX-License-Identifier: MIT
# Runs `jssim init` and compares the scenario it writes with a golden file:
#   cmake -DJSSIM=jssim -DCSV=x.csv -DOUT=dir/x.yaml -DARGS="--today;2026-11-26"
#         -DGOLDEN=x.yaml -P init_golden.cmake
# Regenerate the golden file only on purpose, by running the command by hand.
file(REMOVE "${OUT}")
execute_process(COMMAND "${JSSIM}" init --history "${CSV}" --out "${OUT}" ${ARGS}
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "jssim init: exit status ${status}\n${errors}")
endif()
file(READ "${OUT}" actual)
file(READ "${GOLDEN}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${OUT} differs from ${GOLDEN}\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
