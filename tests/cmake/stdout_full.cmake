# SPDX-License-Identifier: MIT
# A command whose standard output cannot be written must say so and exit with status 2:
#   cmake -DCOMMAND="jssim;score;x.yaml;--csv" -P stdout_full.cmake
# Its output goes to /dev/full, where every write fails with "No space left on device".
include("${CMAKE_CURRENT_LIST_DIR}/refusal.cmake")
set(JSSIM_STDOUT /dev/full)
jssim_expect_refusal("cannot write to standard output" ${COMMAND})
