# The reference server: foundation (processor, crypto, HTTP helpers), storage
# (the only SQL), and the app (auth, services, routes), plus the `server`
# executable. Included from the top-level CMakeLists.txt for native builds.
include(${CMAKE_CURRENT_LIST_DIR}/server_lib.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/storage/storage.cmake)

file(GLOB PW_SERVER_APP_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/app/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/services/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/routes/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pages/*.cpp)
add_library(payserver_app STATIC ${PW_SERVER_APP_SOURCES})
find_package(CURL REQUIRED)  # SMTP delivery (services/smtp_delivery.cpp)
target_link_libraries(payserver_app PUBLIC payserver_foundation payserver_storage CURL::libcurl)
target_compile_options(payserver_app PRIVATE ${PW_WARNINGS})

find_package(CLI11 REQUIRED)
add_executable(server ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(server PRIVATE payserver_app CLI11::CLI11)
# jemalloc instead of glibc's malloc: the server allocates from 30+ threads
# (I/O, handler pools, processor pool), and glibc's arenas took ~6 % of the
# CPU at 64 clients (malloc, _int_malloc, _int_free, consolidation, arena
# locks). Measured (3 runs each, 64 clients, 8 s): 1,129-1,157 -> 1,207-1,246
# payments/s, server CPU per payment 1.02-1.09 -> 0.93-1.00 ms
# (tcmalloc_minimal did the same). Not under ASan, which brings its own.
if(NOT PW_SANITIZE)
  pkg_check_modules(PW_JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
  target_link_libraries(server PRIVATE PkgConfig::PW_JEMALLOC)
endif()
target_compile_options(server PRIVATE ${PW_WARNINGS})
