# The build's own tools, tested as programs: build.<name> runs
# tests/build/test_<name>.py (Python's unittest, no packages beyond Debian's).
file(GLOB PW_BUILD_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.py)
foreach(src ${PW_BUILD_TESTS})
  get_filename_component(stem ${src} NAME_WE)
  string(REGEX REPLACE "^test_" "" name ${stem})
  add_test(NAME build.${name} COMMAND /usr/bin/python3 ${src})
  set_tests_properties(build.${name} PROPERTIES LABELS build TIMEOUT 120
    ENVIRONMENT "PW_ROOT=${PROJECT_SOURCE_DIR}")
endforeach()
