# SPDX-License-Identifier: MIT
# include()d by the -P scripts that expect jssim to refuse its input.

# jssim_expect_refusal(MESSAGE COMMAND...): runs COMMAND and fails unless it exits with
# status 2 (bad input) and its standard error contains MESSAGE. Its standard output goes to
# the file JSSIM_STDOUT when the caller sets it (/dev/full, say).
function(jssim_expect_refusal message)
  if(DEFINED JSSIM_STDOUT)
    set(stdout OUTPUT_FILE "${JSSIM_STDOUT}")
  else()
    set(stdout OUTPUT_VARIABLE output)
  endif()
  execute_process(COMMAND ${ARGN} ${stdout} ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 2)
    message(FATAL_ERROR "exit status ${status}, expected 2\n${output}${errors}")
  endif()
  string(FIND "${errors}" "${message}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the standard error does not say '${message}'\n${errors}")
  endif()
  message(STATUS "${errors}")
endfunction()
