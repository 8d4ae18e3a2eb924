# SPDX-License-Identifier: MIT
# A command whose --out names a file must refuse at once, before its runs:
#   cmake -DJSSIM=jssim -DVERB=sensitivity -DSCENARIO=x.yaml -DDIR=tmp -DARGS="--runs;1000000"
#         -P out_at_file.cmake
# ARGS ask for hours of work, and the test's TIMEOUT is far shorter. The command must exit
# with status 2 and a message naming the file, and leave the file as it was.
include("${CMAKE_CURRENT_LIST_DIR}/refusal.cmake")
file(REMOVE_RECURSE "${DIR}")
set(target "${DIR}/a-file")
file(WRITE "${target}" "not a folder\n")
jssim_expect_refusal("${target}" "${JSSIM}" ${VERB} "${SCENARIO}" ${ARGS} --out "${target}")
file(READ "${target}" content)
if(NOT content STREQUAL "not a folder\n")
  message(FATAL_ERROR "jssim ${VERB} --out at a file changed the file:\n${content}")
endif()
