# The server's Boost.Test suites, one executable per tests/server/test_<x>.cpp,
# registered as server.<x> (label "server") and, when scripts/test built the
# ASan tree, as asan.server.<x>. Include after server/server.cmake and
# enable_testing().
#   test_<unit>.cpp    one building block (processor, storage, crypto, ...)
#   test_storage_<x>.cpp  the Store, one concern each (migrations,
#                      transactions, tenants, invoices, vault, payments,
#                      portal, concurrency); shared helpers in storage_fixture.hpp.
#                      Each runs twice: server.storage_<x> on SQLite and
#                      server.storage_<x>_pg on a throwaway PostgreSQL cluster
#                      (PW_STORE_BACKEND=postgres), except the SQLite-only ones
#                      listed in PW_SQLITE_ONLY_STORAGE below.
#                      The integration suites in PW_PG_API_SUITES also run
#                      as server.<x>_pg, every server instance on one
#                      PostgreSQL database.
#   test_api_<x>.cpp   integration (and test_pages.cpp): each starts the REAL `server` binary
#                      (server_process.hpp) on a loopback port; they run one
#                      at a time so their timings do not distort each other.
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
find_package(Threads REQUIRED)
# Storage suites about SQLite's own machinery (WAL, checkpointer, INDEXED BY): no
# PostgreSQL counterpart to test.
set(PW_SQLITE_ONLY_STORAGE storage_checkpoint storage_sqlite_file)
# Integration suites run again with every server instance on one PostgreSQL
# database (server_process.hpp: backend_db): server.<x>_pg.
set(PW_PG_API_SUITES api_races api_payments api_leases api_rolling_restart)
file(GLOB PW_SERVER_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.cpp)
foreach(src ${PW_SERVER_TESTS})
  get_filename_component(stem ${src} NAME_WE)        # test_processor
  string(REGEX REPLACE "^test_" "" concern ${stem})  # processor
  set(exe server_${stem})                            # no clash with tests/unit
  add_executable(${exe} ${src})
  # The storage suites also read the database directly with sqlite3.
  target_link_libraries(${exe} PRIVATE payserver_app pw_http_client PkgConfig::SQLITE3 Threads::Threads
                                       Boost::unit_test_framework)
  target_compile_definitions(${exe} PRIVATE BOOST_TEST_DYN_LINK)
  target_include_directories(${exe} PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${CMAKE_CURRENT_LIST_DIR}/../fixtures)
  target_compile_options(${exe} PRIVATE ${PW_WARNINGS})
  set(serial FALSE)
  if(concern MATCHES "^api_|^smtp$|^pages$|^console_")  # smtp, pages, console: also run the server end to end
    target_compile_definitions(${exe} PRIVATE PW_SERVER_BIN="$<TARGET_FILE:server>")
    add_dependencies(${exe} server)
    set(serial TRUE)
  endif()
  add_test(NAME server.${concern} COMMAND ${exe} --log_level=warning --report_level=short)
  set_tests_properties(server.${concern} PROPERTIES LABELS server TIMEOUT 180 RUN_SERIAL ${serial})
  if((concern MATCHES "^storage_" AND NOT concern IN_LIST PW_SQLITE_ONLY_STORAGE) OR concern IN_LIST PW_PG_API_SUITES)
    add_test(NAME server.${concern}_pg COMMAND ${exe} --log_level=warning --report_level=short)
    set_tests_properties(server.${concern}_pg PROPERTIES LABELS server TIMEOUT 180 RUN_SERIAL ${serial}
                         ENVIRONMENT PW_STORE_BACKEND=postgres)
  endif()
  # These suites measure the production build's memory and latency (thousands
  # of connections; pages beside a slow processor): ASan's 2-3x slowdown makes
  # their bounds meaningless, so they run only in the production build.
  if(PW_ASAN_BUILD AND NOT concern MATCHES "^(api_http_limits|api_processor_pool|api_many_payers)$")
    add_test(NAME asan.server.${concern} COMMAND ${PW_ASAN_BUILD}/${exe} --log_level=warning --report_level=short)
    set_tests_properties(asan.server.${concern} PROPERTIES LABELS asan TIMEOUT 300 RUN_SERIAL ${serial})
  endif()
endforeach()
