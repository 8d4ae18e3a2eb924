# SPDX-License-Identifier: MIT
# The project's warnings, as a non-exported INTERFACE target that each of our
# targets links PRIVATE, so that nothing leaks to users of the libraries.
add_library(jssim_warnings INTERFACE)
target_compile_options(jssim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
  -Wold-style-cast -Wdouble-promotion -Wnon-virtual-dtor -Woverloaded-virtual)
if(JSSIM_WERROR)
  target_compile_options(jssim_warnings INTERFACE -Werror)
endif()
