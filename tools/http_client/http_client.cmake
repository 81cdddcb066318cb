# pw_http_client: the blocking Boost.Beast HTTP client the server's tests and
# benches talk to the real server with (tools/http_client/http_client.hpp).
find_package(Boost 1.74 REQUIRED)
find_package(Threads REQUIRED)
add_library(pw_http_client STATIC ${CMAKE_CURRENT_LIST_DIR}/http_client.cpp)
target_include_directories(pw_http_client PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(pw_http_client PUBLIC Boost::headers Threads::Threads)
target_compile_options(pw_http_client PRIVATE ${PW_WARNINGS})
