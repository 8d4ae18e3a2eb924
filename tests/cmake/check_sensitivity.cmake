# SPDX-License-Identifier: MIT
# Runs `jssim sensitivity` on 1 and 2 threads and checks tornado.csv:
#   cmake -DJSSIM=jssim -DSCENARIO=x.yaml -DDIR=tmp -DPOSITIVE=path -DNO_EFFECT=path
#         -P check_sensitivity.cmake
# - the two runs write the same bytes (every point is a pure function of the seed);
# - each writes its own manifest.json, replacing one an earlier run left;
# - POSITIVE's swing and SRC are above 0, with their intervals wholly above 0;
# - NO_EFFECT's swing is exactly 0, and its swing's and SRC's intervals hold 0.
# Labels must not hold commas: the rows are split at every comma.
# list(GET) must keep empty fields (an empty field is a value not written), not
# drop them and shift the columns.
cmake_policy(SET CMP0007 NEW)
include("${CMAKE_CURRENT_LIST_DIR}/same_bytes.cmake")
file(REMOVE_RECURSE "${DIR}")
# A run's manifest.json in the folder first: the study must replace it with its own.
file(MAKE_DIRECTORY "${DIR}/1")
file(WRITE "${DIR}/1/manifest.json" "{\"stale\": \"from an earlier jssim run\"}\n")
foreach(threads 1 2)
  execute_process(COMMAND "${JSSIM}" sensitivity "${SCENARIO}" --threads ${threads}
                          --out "${DIR}/${threads}"
                  OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "jssim sensitivity --threads ${threads} failed with status ${status}\n"
                        "${output}${errors}")
  endif()
endforeach()
jssim_expect_same_files("${DIR}/1" "${DIR}/2" "1 and 2 threads" tornado.csv design.csv tornado.svg)
foreach(threads 1 2)
  file(READ "${DIR}/${threads}/manifest.json" manifest)
  if(manifest MATCHES "stale" OR NOT manifest MATCHES "\"sensitivity\"" OR
     NOT manifest MATCHES "\"tornado.csv\"" OR NOT manifest MATCHES "\"sha256\"")
    message(FATAL_ERROR "jssim sensitivity --threads ${threads} did not write its own "
                        "manifest.json (the command line, its files, the scenario's hash):\n"
                        "${manifest}")
  endif()
endforeach()

file(STRINGS "${DIR}/1/tornado.csv" rows)
list(GET rows 0 header)
string(REPLACE "," ";" header "${header}")
list(LENGTH header columns)

# value(<out> <row> <column>): the field of a row (a list) under a header name.
function(value out row column)
  list(FIND header "${column}" index)
  if(index LESS 0)
    message(FATAL_ERROR "tornado.csv has no column ${column}")
  endif()
  list(GET row ${index} field)
  set(${out} "${field}" PARENT_SCOPE)
endfunction()

# The fields are written with a fixed number of decimals, never "-0.000000";
# anything else (an empty field for a value that is not finite) fails.
function(sign out number)
  if(NOT number MATCHES "^-?[0-9]+(\\.[0-9]+)?$")
    message(FATAL_ERROR "expected a number, got '${number}'")
  endif()
  if(number MATCHES "^-")
    set(${out} negative PARENT_SCOPE)
  elseif(number MATCHES "^[0.]+$")
    set(${out} zero PARENT_SCOPE)
  else()
    set(${out} positive PARENT_SCOPE)
  endif()
endfunction()

set(found_positive FALSE)
set(found_no_effect FALSE)
foreach(line IN LISTS rows)
  string(REPLACE "," ";" row "${line}")
  list(LENGTH row fields)
  if(NOT fields EQUAL columns)
    message(FATAL_ERROR "tornado.csv: ${fields} fields where the header has ${columns}\n${line}")
  endif()
  value(path "${row}" parameter)
  if(path STREQUAL POSITIVE)
    set(found_positive TRUE)
    foreach(column swing swing_lo src src_lo)
      value(x "${row}" ${column})
      sign(s "${x}")
      if(NOT s STREQUAL positive)
        message(FATAL_ERROR "${POSITIVE}: expected ${column} above 0, got ${x}\n${line}")
      endif()
    endforeach()
    value(effect "${row}" effect)
    if(NOT effect STREQUAL true)
      message(FATAL_ERROR "${POSITIVE}: expected effect true\n${line}")
    endif()
  elseif(path STREQUAL NO_EFFECT)
    set(found_no_effect TRUE)
    value(x "${row}" swing)
    sign(s "${x}")
    if(NOT s STREQUAL zero)
      message(FATAL_ERROR "${NO_EFFECT}: expected a swing of exactly 0, got ${x}\n${line}")
    endif()
    foreach(bounds "swing_lo;swing_hi" "src_lo;src_hi")
      list(GET bounds 0 lo_column)
      list(GET bounds 1 hi_column)
      value(lo "${row}" ${lo_column})
      value(hi "${row}" ${hi_column})
      sign(lo_sign "${lo}")
      sign(hi_sign "${hi}")
      if(lo_sign STREQUAL positive OR hi_sign STREQUAL negative)
        message(FATAL_ERROR "${NO_EFFECT}: expected [${lo_column}, ${hi_column}] to hold 0, "
                            "got [${lo}, ${hi}]\n${line}")
      endif()
    endforeach()
    value(effect "${row}" effect)
    if(NOT effect STREQUAL false)
      message(FATAL_ERROR "${NO_EFFECT}: expected effect false\n${line}")
    endif()
  endif()
endforeach()
if(NOT found_positive OR NOT found_no_effect)
  message(FATAL_ERROR "tornado.csv lacks a row for ${POSITIVE} or ${NO_EFFECT}")
endif()
