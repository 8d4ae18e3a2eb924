# SPDX-License-Identifier: MIT
# Address and undefined-behaviour sanitizers for the whole build (the `asan` preset).
if(JSSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
