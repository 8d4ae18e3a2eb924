# SPDX-License-Identifier: MIT
# A command whose standard output cannot be written must say so and exit with status 2:
#   cmake -DCOMMAND="jssim;score;x.yaml;--csv" -P stdout_full.cmake
# Its output goes to /dev/full, where every write fails with "No space left on device".
execute_process(COMMAND ${COMMAND} OUTPUT_FILE /dev/full ERROR_VARIABLE errors
                RESULT_VARIABLE status)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "exit status ${status}, expected 2\n${errors}")
endif()
string(FIND "${errors}" "cannot write to standard output" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the standard error does not say the output was lost\n${errors}")
endif()
