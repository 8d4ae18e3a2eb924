# SPDX-License-Identifier: MIT
# jssim_commands(JSSIM OUT): the commands that `JSSIM --help` lists under
# "Subcommands:", in its order. The man page and the install test take them from
# the program, so that a new command is documented and checked without a list to
# keep by hand.
function(jssim_commands jssim out)
  execute_process(COMMAND "${jssim}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "`${jssim} --help` failed with ${status}")
  endif()
  string(REGEX MATCH "Subcommands:\n.*" listing "${help}")
  string(REGEX MATCHALL "\n  [a-z]+ " words "${listing}")
  set(commands)
  foreach(word IN LISTS words)
    string(STRIP "${word}" word)
    list(APPEND commands "${word}")
  endforeach()
  if(NOT commands)
    message(FATAL_ERROR "`${jssim} --help` lists no command under Subcommands:")
  endif()
  set(${out} "${commands}" PARENT_SCOPE)
endfunction()
