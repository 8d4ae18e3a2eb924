# SPDX-License-Identifier: MIT
# include()d by the -P scripts that compare two output folders.

# jssim_expect_same_files(DIR_A DIR_B WHAT NAME...): fails, naming the file and
# "differs between WHAT", unless every NAME has the same bytes in both folders.
function(jssim_expect_same_files dir_a dir_b what)
  foreach(name IN LISTS ARGN)
    file(READ "${dir_a}/${name}" a)
    file(READ "${dir_b}/${name}" b)
    if(NOT a STREQUAL b)
      message(FATAL_ERROR "${name} differs between ${what}")
    endif()
  endforeach()
endfunction()
