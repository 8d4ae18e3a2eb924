# SPDX-License-Identifier: MIT
# Runs `jssim run` and checks lines of the files it wrote and its manifest:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp -DARGS="--runs;200"
#         -DEXPECT="compare.csv|close,wait,1.000000,...;runs.csv|wait,0,true,..." -P run_expect.cmake
# Each EXPECT item is FILE|TEXT: FILE must hold a line that starts with TEXT.
# manifest.json must name the scenario's SHA-256 (as CMake computes it) and the runs.
file(REMOVE_RECURSE "${DIR}")
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" ${ARGS} --out "${DIR}"
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "jssim run failed with status ${status}\n${errors}")
endif()
foreach(item IN LISTS EXPECT)
  string(FIND "${item}" "|" bar)
  string(SUBSTRING "${item}" 0 ${bar} name)
  math(EXPR from "${bar} + 1")
  string(SUBSTRING "${item}" ${from} -1 text)
  file(READ "${DIR}/${name}" content)
  string(FIND "\n${content}" "\n${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${name} has no line starting with '${text}'\n--- ${name}\n${content}")
  endif()
endforeach()
file(SHA256 "${SCENARIO}" sha)
file(READ "${DIR}/manifest.json" manifest)
foreach(text "\"sha256\": \"${sha}\"" "\"runs\": ${RUNS}," "\"command_line\": [\"")
  string(FIND "${manifest}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "manifest.json lacks ${text}\n${manifest}")
  endif()
endforeach()
message(STATUS "${output}")
