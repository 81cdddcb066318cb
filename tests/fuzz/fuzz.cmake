# libFuzzer targets (clang-14): one per tests/fuzz/fuzz_<what>.cpp, each with
# a small committed seed corpus in tests/fuzz/corpus/<what>/. The native
# build's ctest runs each for a bounded time (tests/fuzz/register.cmake).
file(GLOB PW_FUZZ_TARGETS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/fuzz_*.cpp)
foreach(src ${PW_FUZZ_TARGETS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE paytool_lines)
  target_compile_options(${name} PRIVATE ${PW_WARNINGS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endforeach()
