# SPDX-License-Identifier: MIT
# A run without --per-run into a folder where an earlier run wrote runs.csv removes it, so
# that no file of the folder comes from another run, and says so:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp/stale-runs -P stale_runs.cmake
file(REMOVE_RECURSE "${DIR}")
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --runs 20 --threads 1 --per-run
                        --out "${DIR}" RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0 OR NOT EXISTS "${DIR}/runs.csv")
  message(FATAL_ERROR "the run with --per-run failed (${status}) or wrote no runs.csv")
endif()
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --runs 30 --threads 1 --out "${DIR}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the second run failed with status ${status}")
endif()
if(EXISTS "${DIR}/runs.csv")
  message(FATAL_ERROR "runs.csv of the earlier run is still beside the new files")
endif()
string(FIND "${output}" "removed the runs.csv of an earlier run" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the run does not say it removed runs.csv:\n${output}")
endif()
# A third run, with nothing to remove, says nothing of it.
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --runs 30 --threads 1 --out "${DIR}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output)
string(FIND "${output}" "removed" at)
if(NOT status EQUAL 0 OR NOT at EQUAL -1)
  message(FATAL_ERROR "status ${status}; a run with nothing to remove mentions it:\n${output}")
endif()
file(REMOVE_RECURSE "${DIR}")
