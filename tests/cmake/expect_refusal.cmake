# SPDX-License-Identifier: MIT
# A command that must be refused as bad input:
#   cmake -DCOMMAND="jssim;run;x.yaml;--precision;0;--out;tmp/refused" -DOUT=tmp/refused
#         -DMESSAGE="--precision: expected" -P expect_refusal.cmake
# It must exit with status 2, say MESSAGE on its standard error, and leave no OUT folder.
include("${CMAKE_CURRENT_LIST_DIR}/refusal.cmake")
file(REMOVE_RECURSE "${OUT}")
jssim_expect_refusal("${MESSAGE}" ${COMMAND})
if(EXISTS "${OUT}")
  message(FATAL_ERROR "a refused command created ${OUT}")
endif()
