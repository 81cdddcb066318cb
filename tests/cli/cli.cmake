# paytool end to end: each tests/cli/cases/<name>.args names a subcommand and
# its flags; <name>.in is fed on stdin and the output must equal
# <name>.expected line for line (JSON objects compared as JSON).
file(GLOB PW_CLI_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.args)
foreach(args_file ${PW_CLI_CASES})
  get_filename_component(name ${args_file} NAME_WE)
  add_test(NAME cli.${name}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/run_case.py
            $<TARGET_FILE:paytool> ${CMAKE_CURRENT_LIST_DIR}/cases/${name})
  set_tests_properties(cli.${name} PROPERTIES LABELS cli)
endforeach()
