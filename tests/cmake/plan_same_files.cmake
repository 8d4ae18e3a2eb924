# SPDX-License-Identifier: MIT
# Checks that `jssim plan` gives byte-identical plan.csv and best.yaml with two sets of
# arguments (docs/plan.md: a pure function of the seed, whatever --threads):
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp -DARGS_A="--threads;1" -DARGS_B="--threads;2"
#         -P plan_same_files.cmake
include("${CMAKE_CURRENT_LIST_DIR}/same_bytes.cmake")
file(REMOVE_RECURSE "${DIR}")
foreach(side A B)
  execute_process(COMMAND "${JSSIM}" plan "${SCENARIO}" ${ARGS_${side}} --out "${DIR}/${side}"
                  OUTPUT_VARIABLE output_${side} ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "plan ${side} failed with status ${status}\n${errors}")
  endif()
endforeach()
jssim_expect_same_files("${DIR}/A" "${DIR}/B" "'${ARGS_A}' and '${ARGS_B}'" plan.csv best.yaml)
# The last line names the output folder, which differs.
string(REPLACE "${DIR}/A" "DIR" output_A "${output_A}")
string(REPLACE "${DIR}/B" "DIR" output_B "${output_B}")
if(NOT output_A STREQUAL output_B)
  message(FATAL_ERROR "the terminal differs between '${ARGS_A}' and '${ARGS_B}'\n${output_A}\n${output_B}")
endif()
