# payserver_foundation: the server's independent building blocks (processor
# interface + test processor, crypto, HTTP helpers, fault hook). Included
# from the top-level CMakeLists.txt after paycore is defined:
#   include(${PROJECT_SOURCE_DIR}/server/server_lib.cmake)
#
# HTTP is Boost.Beast/Asio (header-only in Boost 1.74): no library to link.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
if(NOT TARGET PkgConfig::PW_SODIUM)
  pkg_check_modules(PW_SODIUM REQUIRED IMPORTED_TARGET libsodium)
endif()
if(NOT TARGET PkgConfig::PW_SQLITE)
  pkg_check_modules(PW_SQLITE REQUIRED IMPORTED_TARGET sqlite3)
endif()

set(PW_SERVER_DIR ${CMAKE_CURRENT_LIST_DIR})
add_library(payserver_foundation STATIC
  ${PW_SERVER_DIR}/faults/faults.cpp
  ${PW_SERVER_DIR}/processor/ledger_sqlite.cpp
  ${PW_SERVER_DIR}/processor/group_commit.cpp
  ${PW_SERVER_DIR}/processor/test_behaviour.cpp
  ${PW_SERVER_DIR}/processor/test_processor.cpp
  ${PW_SERVER_DIR}/security/random.cpp
  ${PW_SERVER_DIR}/security/keyed_hash.cpp
  ${PW_SERVER_DIR}/security/password.cpp
  ${PW_SERVER_DIR}/security/secret_file.cpp
  ${PW_SERVER_DIR}/security/rate_limit.cpp
  ${PW_SERVER_DIR}/http/error_response.cpp
  ${PW_SERVER_DIR}/http/service_outcome.cpp
  ${PW_SERVER_DIR}/http/json_body.cpp
  ${PW_SERVER_DIR}/http/security_headers.cpp
  ${PW_SERVER_DIR}/http/cors.cpp
  ${PW_SERVER_DIR}/http/client_address.cpp
  ${PW_SERVER_DIR}/http/address_range.cpp
  ${PW_SERVER_DIR}/http/cross_site.cpp
  ${PW_SERVER_DIR}/http/https_only.cpp
  ${PW_SERVER_DIR}/http/cookie.cpp
  ${PW_SERVER_DIR}/http/access_log.cpp
  ${PW_SERVER_DIR}/http/error_cause.cpp
  ${PW_SERVER_DIR}/http/shutdown.cpp
  ${PW_SERVER_DIR}/http/common_handlers.cpp
  ${PW_SERVER_DIR}/http/message.cpp
  ${PW_SERVER_DIR}/http/router.cpp
  ${PW_SERVER_DIR}/http/content_coding.cpp
  ${PW_SERVER_DIR}/http/static_file.cpp
  ${PW_SERVER_DIR}/http/work_pool.cpp
  ${PW_SERVER_DIR}/http/listener.cpp
)
# Includes are relative to server/: "processor/processor.hpp", "http/...".
target_include_directories(payserver_foundation PUBLIC ${PW_SERVER_DIR})
target_link_libraries(payserver_foundation PUBLIC
  paycore PkgConfig::PW_SQLITE PkgConfig::PW_SODIUM Threads::Threads)
# Server code may use exceptions internally (Asio does), unlike the core.
target_compile_options(payserver_foundation PRIVATE ${PW_WARNINGS})
