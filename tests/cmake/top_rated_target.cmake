# SPDX-License-Identifier: MIT
# A Top Rated target shows its rule's JSS (90) as the target, in jss.svg and in replay's
# header, even when target.jss says otherwise:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp/top-rated -P top_rated_target.cmake
file(REMOVE_RECURSE "${DIR}")
execute_process(COMMAND "${JSSIM}" run "${SCENARIO}" --runs 20 --threads 1 --out "${DIR}"
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "jssim run failed with status ${status}")
endif()
file(READ "${DIR}/jss.svg" svg)
string(FIND "${svg}" "target 90" at)
string(FIND "${svg}" "target 70" wrong)
if(at EQUAL -1 OR NOT wrong EQUAL -1)
  message(FATAL_ERROR "jss.svg does not draw the rule's target of 90")
endif()
execute_process(COMMAND "${JSSIM}" replay "${SCENARIO}" --strategy wait --run 0
                RESULT_VARIABLE status OUTPUT_VARIABLE story)
string(FIND "${story}" "target Top Rated, with a JSS of 90 or more" at)
if(NOT status EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "status ${status}; replay's header does not give the rule's JSS:\n${story}")
endif()
file(REMOVE_RECURSE "${DIR}")
