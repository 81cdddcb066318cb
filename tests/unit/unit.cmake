# One Boost.Test executable per core concern (tests/unit/test_<concern>.cpp),
# each registered with CTest under its concern's name.
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
file(GLOB PW_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.cpp)
foreach(src ${PW_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE paycore Boost::unit_test_framework)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  # tests/fixtures: the sample invoice and link view the widget tests use too.
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/../fixtures)
  target_compile_options(${name} PRIVATE ${PW_WARNINGS})
  add_test(NAME unit.${name} COMMAND ${name} --log_level=warning --report_level=short)
  set_tests_properties(unit.${name} PROPERTIES LABELS unit)
endforeach()

# test_catalogue_file reads the browser's per-language files, written here as
# the Emscripten build writes them (CMakeLists.txt).
set(PW_WIDGET_CATALOGUES ${CMAKE_BINARY_DIR}/generated/widget)
set(PW_FIRST_VISIT_LIST ${PROJECT_SOURCE_DIR}/wasm/split/first-visit-messages.txt)
add_custom_command(OUTPUT ${PW_WIDGET_CATALOGUES}/messages.fr.json ${PW_WIDGET_CATALOGUES}/messages.fr-CA.json
                          ${PW_WIDGET_CATALOGUES}/messages.es.json ${PW_WIDGET_CATALOGUES}/messages.en.rest.json
                          ${PW_WIDGET_CATALOGUES}/messages.fr.rest.json ${PW_WIDGET_CATALOGUES}/messages.fr-CA.rest.json
                          ${PW_WIDGET_CATALOGUES}/messages.es.rest.json
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tools/messages/compile_messages.py --widget
          ${PROJECT_SOURCE_DIR}/shared/messages ${PW_WIDGET_CATALOGUES}/messages_data.cpp ${PW_WIDGET_CATALOGUES}
          ${PW_FIRST_VISIT_LIST}
  DEPENDS ${PROJECT_SOURCE_DIR}/tools/messages/compile_messages.py ${PW_MESSAGE_FILES} ${PW_FIRST_VISIT_LIST}
  COMMENT "Writing the widget's per-language catalogue files"
  VERBATIM)
add_custom_target(widget_catalogues DEPENDS ${PW_WIDGET_CATALOGUES}/messages.fr.json)
add_dependencies(test_catalogue_file widget_catalogues)
target_compile_definitions(test_catalogue_file PRIVATE PW_CATALOGUE_DIR="${PW_WIDGET_CATALOGUES}"
                                                  PW_FIRST_VISIT_LIST="${PW_FIRST_VISIT_LIST}")

# The same suites built with ASan+UBSan by scripts/test in PW_ASAN_BUILD.
if(PW_ASAN_BUILD)
  foreach(src ${PW_UNIT_TESTS})
    get_filename_component(name ${src} NAME_WE)
    add_test(NAME asan.${name} COMMAND ${PW_ASAN_BUILD}/${name} --log_level=warning --report_level=short)
    set_tests_properties(asan.${name} PROPERTIES LABELS asan)
  endforeach()
endif()
