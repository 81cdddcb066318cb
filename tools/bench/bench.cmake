# bench_server: the server section of scripts/bench. A loopback load
# generator that seeds a database through the store, starts the REAL
# `server` binary on it and measures POST /api/v1/invoices/{id}/payments.
# Include after server/server.cmake (it links payserver_app):
#   include(${PROJECT_SOURCE_DIR}/tools/bench/bench.cmake)
add_executable(bench_server ${CMAKE_CURRENT_LIST_DIR}/bench_server.cpp)
target_link_libraries(bench_server PRIVATE payserver_app pw_http_client CLI11::CLI11 Threads::Threads)
target_compile_options(bench_server PRIVATE ${PW_WARNINGS} -O2)
