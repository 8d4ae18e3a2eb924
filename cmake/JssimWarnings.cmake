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
if(JSSIM_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12's flow analysis reports std::optional members as maybe-uninitialized
  # once -fsanitize=address instruments the code (false positives, GCC bug
  # 105562 and its kin); the release build keeps the warning.
  target_compile_options(jssim_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
