# Under emcmake, find_package() looks only inside Emscripten's sysroot, but the
# header-only libraries we use come from Debian's /usr/include. Stage exactly
# those directories (never all of /usr/include, whose glibc headers must not
# leak into a wasm build) and expose them as the targets the native build uses.
set(PW_HOST_HEADERS ${CMAKE_BINARY_DIR}/host-headers)
file(COPY /usr/include/nlohmann DESTINATION ${PW_HOST_HEADERS})
file(COPY /usr/include/CLI DESTINATION ${PW_HOST_HEADERS})
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${PW_HOST_HEADERS})
add_library(CLI11::CLI11 INTERFACE IMPORTED)
target_include_directories(CLI11::CLI11 SYSTEM INTERFACE ${PW_HOST_HEADERS})
