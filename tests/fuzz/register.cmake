# Registers a bounded libFuzzer run of every fuzz target built in
# PW_FUZZ_BUILD. New inputs go to a scratch corpus in the build tree; the
# committed seeds are only read. Any crash, leak, UB or timeout fails the test
# and leaves the input under ${PW_FUZZ_BUILD}/artifacts/.
set(PW_FUZZ_SECONDS 20 CACHE STRING "seconds per fuzz target in ctest")
file(GLOB PW_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fuzz_*.cpp)
foreach(src ${PW_FUZZ_SOURCES})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" what ${name})
  set(scratch ${PW_FUZZ_BUILD}/corpus/${what})
  file(MAKE_DIRECTORY ${scratch} ${PW_FUZZ_BUILD}/artifacts)
  add_test(NAME fuzz.${what}
    COMMAND ${PW_FUZZ_BUILD}/${name} -max_total_time=${PW_FUZZ_SECONDS} -timeout=10
            -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=${PW_FUZZ_BUILD}/artifacts/${what}-
            ${scratch} ${CMAKE_CURRENT_LIST_DIR}/corpus/${what})
  set_tests_properties(fuzz.${what} PROPERTIES LABELS fuzz TIMEOUT 120)
endforeach()
