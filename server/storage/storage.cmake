# payserver_storage: the Store interface (server/storage/store.hpp) and its
# SQLite and PostgreSQL implementations with versioned migrations. The only place with SQL.
# Included from the top-level CMakeLists.txt after paycore is defined:
#   include(${PROJECT_SOURCE_DIR}/server/storage/storage.cmake)
# Callers include "storage/store.hpp" (include root: server/).
find_package(PkgConfig REQUIRED)
if(NOT TARGET PkgConfig::SQLITE3)
  pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
endif()
# libpq (Debian libpq-dev) for the PostgreSQL store (pg_*.cpp).
if(NOT TARGET PkgConfig::LIBPQ)
  pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
endif()

file(GLOB PW_STORAGE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
add_library(payserver_storage STATIC ${PW_STORAGE_SOURCES})
target_include_directories(payserver_storage PUBLIC ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(payserver_storage PUBLIC paycore PkgConfig::SQLITE3 PkgConfig::LIBPQ)
target_compile_options(payserver_storage PRIVATE ${PW_WARNINGS})
