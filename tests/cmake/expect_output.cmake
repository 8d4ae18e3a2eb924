# SPDX-License-Identifier: MIT
# Runs a command and compares its standard output with a golden file:
#   cmake -DCOMMAND="jssim;score;x.yaml;--csv" -DGOLDEN=x.csv -P expect_output.cmake
# Regenerate a golden file only on purpose, by running the command by hand.
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "exit status ${status}\n${errors}")
endif()
file(READ "${GOLDEN}" expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output differs from ${GOLDEN}\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
