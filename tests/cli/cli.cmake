# paytool end to end: each tests/cli/cases/<name>.args names a subcommand and
# its flags; <name>.in is fed on stdin and the output must equal
# <name>.expected line for line (JSON objects compared as JSON).
# The same cases run against the ASan build and the wasm build (under Node)
# when scripts/test has built them.
file(GLOB PW_CLI_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.args)
set(PW_RUN_CASE /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/run_case.py)
foreach(args_file ${PW_CLI_CASES})
  get_filename_component(name ${args_file} NAME_WE)
  set(prefix ${CMAKE_CURRENT_LIST_DIR}/cases/${name})
  add_test(NAME cli.${name} COMMAND ${PW_RUN_CASE} $<TARGET_FILE:paytool> ${prefix})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
  if(PW_ASAN_BUILD)
    add_test(NAME asan.cli.${name} COMMAND ${PW_RUN_CASE} ${PW_ASAN_BUILD}/paytool ${prefix})
    set_tests_properties(asan.cli.${name} PROPERTIES LABELS asan)
  endif()
  if(PW_WASM_BUILD)
    add_test(NAME wasm.cli.${name} COMMAND ${PW_RUN_CASE} ${PW_WASM_BUILD}/paytool.js ${prefix} /usr/bin/node)
    set_tests_properties(wasm.cli.${name} PROPERTIES LABELS wasm)
  endif()
endforeach()
