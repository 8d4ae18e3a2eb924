# SPDX-License-Identifier: MIT
# `cmake --install BUILD [--prefix DIR]`: the program, its man page (generated from its
# --help by cmake/JssimManPage.cmake), bash completion, the example scenarios and the
# documentation. `cpack -G DEB` in the build folder makes a Debian package of the same.
include(GNUInstallDirs)

set(jssim_man_page "${PROJECT_BINARY_DIR}/jssim.1")
add_custom_command(
  OUTPUT "${jssim_man_page}"
  COMMAND ${CMAKE_COMMAND} "-DJSSIM=$<TARGET_FILE:jssim>" "-DOUT=${jssim_man_page}"
          -P "${PROJECT_SOURCE_DIR}/cmake/JssimManPage.cmake"
  DEPENDS jssim "${PROJECT_SOURCE_DIR}/cmake/JssimManPage.cmake"
  COMMENT "Writing the man page jssim.1 from jssim --help"
  VERBATIM)
add_custom_target(jssim_man_page ALL DEPENDS "${jssim_man_page}")

install(TARGETS jssim RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${jssim_man_page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${PROJECT_SOURCE_DIR}/app/completion/jssim.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME jssim)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        FILES_MATCHING PATTERN "*.md")
# Together, as they extend each other by relative paths.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/scenarios/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/scenarios"
        FILES_MATCHING PATTERN "*.yaml")

set(CPACK_PACKAGE_NAME jssim)
set(CPACK_PACKAGE_VENDOR "jssim")
set(CPACK_PACKAGE_CONTACT "jssim maintainers <jssim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries it links (yaml-cpp, fmt, the C++ library) found by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
