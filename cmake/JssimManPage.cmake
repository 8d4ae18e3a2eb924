# SPDX-License-Identifier: MIT
# Writes the man page jssim.1 from the program's own --help, so that the two never
# disagree (tests/cmake/man_page.cmake checks it on the rendered page):
#   cmake -DJSSIM=path/to/jssim -DOUT=jssim.1 -P cmake/JssimManPage.cmake
# Each help text goes in whole, as written, in a no-fill block; the page adds only its
# name, synopsis, exit statuses and files.
cmake_minimum_required(VERSION 3.22)
include("${CMAKE_CURRENT_LIST_DIR}/JssimCommands.cmake")

# `text` as roff: backslashes escaped, a line that starts with . or ' kept as text,
# and every hyphen a minus sign, so that options copied from the page work.
function(jssim_roff text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(jssim_help out)
  execute_process(COMMAND "${JSSIM}" ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "`jssim ${ARGN}` failed with ${status}")
  endif()
  string(REGEX REPLACE "\n+$" "" text "${text}")
  jssim_roff("${text}" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND "${JSSIM}" --version OUTPUT_VARIABLE version
                OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE "^jssim " "" version "${version}")
jssim_help(main --help)
set(page ".\\\" Generated from `jssim --help` by cmake/JssimManPage.cmake: do not edit.
.TH JSSIM 1 \"\" \"jssim ${version}\" \"User Commands\"
.SH NAME
jssim \\- how long until a freelancer's Job Success Score is back above 90 %
.SH SYNOPSIS
.B jssim
.I COMMAND
[\\fIOPTIONS\\fR] \\fISCENARIO\\fR
.SH DESCRIPTION
.nf
${main}
.fi
.SH COMMANDS
")
jssim_commands("${JSSIM}" commands)
foreach(command IN LISTS commands)
  jssim_help(help ${command} --help)
  string(APPEND page ".SS ${command}\n.nf\n${help}\n.fi\n")
endforeach()
string(APPEND page ".SH EXIT STATUS
.TP
0
success
.TP
1
an internal error (a bug: please report it)
.TP
2
bad input (the message names the file, line, column and key) or output that cannot be written
.TP
130
interrupted (Ctrl\\-C); the output files are as they were
.SH FILES
The example scenarios and the documentation (the scenario format, the score's rules,
the limits on input) are installed in the \\fIshare/doc/jssim\\fR folder of the prefix.
.SH SEE ALSO
The README in \\fIshare/doc/jssim\\fR.
")
file(WRITE "${OUT}" "${page}")
