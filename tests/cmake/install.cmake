# SPDX-License-Identifier: MIT
# `cmake --install` under a fresh prefix, and what it installed at work:
#   cmake -DBUILD=build/release -DPREFIX=/tmp/x -DSOURCE=. -P tests/cmake/install.cmake
# - bin/jssim --version names the version, and checks the installed example scenarios;
# - `man -l` renders share/man/man1/jssim.1, and every line of `jssim --help` and of each
#   command's --help is on the page (it is generated from them: they must agree);
# - the bash completion completes the commands and each command's options, and names every
#   option that the commands' --help lists;
# - the README, docs/*.md and the example scenarios are in share/doc/jssim.
cmake_minimum_required(VERSION 3.22)

function(fail)
  string(JOIN "" text ${ARGN})
  message(FATAL_ERROR "${text}")
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/JssimCommands.cmake")

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  fail("cmake --install failed (${status}):\n${out}${err}")
endif()

set(jssim "${PREFIX}/bin/jssim")
set(page "${PREFIX}/share/man/man1/jssim.1")
set(completion "${PREFIX}/share/bash-completion/completions/jssim")
set(doc "${PREFIX}/share/doc/jssim")
foreach(file "${jssim}" "${page}" "${completion}" "${doc}/README.md" "${doc}/limits.md"
             "${doc}/score-rules.md" "${doc}/scenarios/seed-story.yaml"
             "${doc}/scenarios/seed-story-variants.yaml")
  if(NOT EXISTS "${file}")
    fail("cmake --install did not install ${file}")
  endif()
endforeach()

execute_process(COMMAND "${jssim}" --version OUTPUT_VARIABLE version RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT version MATCHES "^jssim [0-9]+\\.[0-9]+\\.[0-9]+")
  fail("the installed jssim --version said `${version}` (${status})")
endif()
file(GLOB examples "${doc}/scenarios/*.yaml")
execute_process(COMMAND "${jssim}" check ${examples} RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  fail("the installed jssim check of the installed examples failed (${status}):\n${out}${err}")
endif()

# The page as man shows it, without the overstrikes of bold and underline.
execute_process(COMMAND "${CMAKE_COMMAND}" -E env MANPAGER=cat PAGER=cat MANWIDTH=250
                        MAN_KEEP_FORMATTING= man -l "${page}"
                RESULT_VARIABLE status OUTPUT_VARIABLE shown ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  fail("man -l ${page} failed (${status}): ${err}")
endif()
string(ASCII 8 backspace)
string(REGEX REPLACE ".${backspace}" "" shown "${shown}")
string(REGEX REPLACE "[ \t]+" " " shown "${shown}")
jssim_commands("${jssim}" commands)
foreach(command "" ${commands})
  if(command STREQUAL "")
    execute_process(COMMAND "${jssim}" --help OUTPUT_VARIABLE help)
  else()
    execute_process(COMMAND "${jssim}" ${command} --help OUTPUT_VARIABLE help)
  endif()
  string(REPLACE "\n" ";" lines "${help}")
  set(count 0)
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "[ \t]+" " " line "${line}")
    string(STRIP "${line}" line)
    if(line STREQUAL "")
      continue()
    endif()
    math(EXPR count "${count} + 1")
    string(FIND "${shown}" "${line}" at)
    if(at EQUAL -1)
      fail("the man page does not say what `jssim ${command} --help` says:\n  ${line}\n"
           "(regenerate it: it is made from --help by cmake/JssimManPage.cmake)")
    endif()
    if(command STREQUAL "" OR NOT line MATCHES "^(-h,)?--[a-z]")
      continue()
    endif()
    string(REGEX MATCH "--[a-z-]+" option "${line}")
    file(READ "${completion}" completion_text)
    string(FIND "${completion_text}" "${option}" at)
    if(at EQUAL -1)
      fail("the bash completion does not offer ${option} of jssim ${command}")
    endif()
  endforeach()
  if(count LESS 3)
    fail("`jssim ${command} --help` printed almost nothing: ${help}")
  endif()
endforeach()

# The completion as bash uses it: COMP_WORDS and COMP_CWORD in, COMPREPLY out.
function(complete words expected)
  execute_process(
    COMMAND bash -c "source \"$1\"; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _jssim; printf '%s ' \"\${COMPREPLY[@]}\""
            bash "${completion}"
    RESULT_VARIABLE status OUTPUT_VARIABLE got ERROR_VARIABLE err)
  string(STRIP "${got}" got)
  if(NOT status EQUAL 0 OR NOT got STREQUAL "${expected}")
    fail("bash completion of `${words}`: expected `${expected}`, got `${got}` (${status}) ${err}")
  endif()
endfunction()
complete("jssim ru" "run")
complete("jssim s" "score sensitivity")
complete("jssim run --pe" "--per-run")
complete("jssim sensitivity --th" "--threads")
complete("jssim help exp" "explain")
message(STATUS "installed under ${PREFIX}: jssim ${version}, the man page, completion, docs")
