# SPDX-License-Identifier: MIT
# A command whose --out names a file must refuse at once, before its runs:
#   cmake -DJSSIM=jssim -DVERB=sensitivity -DSCENARIO=x.yaml -DDIR=tmp -DARGS="--runs;1000000"
#         -P out_at_file.cmake
# ARGS ask for hours of work, and the test's TIMEOUT is far shorter. The command must exit
# with status 2 and a message naming the file, and leave the file as it was.
file(REMOVE_RECURSE "${DIR}")
set(target "${DIR}/a-file")
file(WRITE "${target}" "not a folder\n")
execute_process(COMMAND "${JSSIM}" ${VERB} "${SCENARIO}" ${ARGS} --out "${target}"
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 2)
  message(FATAL_ERROR "jssim ${VERB} --out at a file: exit status ${status}, expected 2\n${errors}")
endif()
string(FIND "${errors}" "${target}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "jssim ${VERB} --out at a file: the message does not name ${target}\n${errors}")
endif()
file(READ "${target}" content)
if(NOT content STREQUAL "not a folder\n")
  message(FATAL_ERROR "jssim ${VERB} --out at a file changed the file:\n${content}")
endif()
message(STATUS "${errors}")
