# SPDX-License-Identifier: MIT
# A command that must be refused as bad input:
#   cmake -DCOMMAND="jssim;run;x.yaml;--precision;0;--out;tmp/refused" -DOUT=tmp/refused
#         -DMESSAGE="--precision: expected" -P expect_refusal.cmake
# It must exit with status 2, say MESSAGE on its standard error, and leave no OUT folder.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE output ERROR_VARIABLE errors
                RESULT_VARIABLE status)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "exit status ${status}, expected 2\n${output}${errors}")
endif()
string(FIND "${errors}" "${MESSAGE}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the standard error does not say '${MESSAGE}'\n${errors}")
endif()
if(EXISTS "${OUT}")
  message(FATAL_ERROR "a refused command created ${OUT}")
endif()
message(STATUS "${errors}")
