# The Emscripten build. The core compiles with exceptions off (set on paycore
# itself); size flags apply to everything we ship to the browser.
#
# paytool.js is the same CLI compiled to wasm and run by Node: the native
# ctest feeds it the very same CLI cases, which proves the core behaves
# identically in the browser's engine. It is a test tool only and is never
# served to a browser: it links the whole catalogue (paymessages), as the
# native build does, where the widget links its first-visit share.
# No RTTI in the core either (the widget's own code has none, wasm.cmake):
# nothing in it asks for a type at run time, and the type names of its
# polymorphic classes (nlohmann's SAX and exception classes, the JSON
# readers) were 6 KB of paywidget.wasm's data.
target_compile_options(paycore PRIVATE -Oz -flto -fno-rtti)
target_compile_options(paymessages_widget PRIVATE -Oz -flto)
target_compile_options(paytool_lines PRIVATE -Oz -flto)

add_executable(paytool ${PROJECT_SOURCE_DIR}/tools/paytool/main.cpp)
target_link_libraries(paytool PRIVATE paytool_lines CLI11::CLI11)
# CLI11 reports bad flags by throwing, so paytool's main() alone is built
# with exceptions (Emscripten's JS-based unwinding); the core never throws.
target_compile_options(paytool PRIVATE ${PW_WARNINGS} -fexceptions -Oz)
target_link_options(paytool PRIVATE -fexceptions -Oz -flto
  -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
  # Node 20 has a global fetch() that cannot load a file path: instantiate
  # the module synchronously from disk instead.
  -sWASM_ASYNC_COMPILATION=0)

# The widget (paywidget.js/.wasm and its page): wasm/README.md.
include(${PROJECT_SOURCE_DIR}/wasm/wasm.cmake)
