# paywidget.js + paywidget.wasm: the widget page's code (wasm/README.md).
# Included from cmake/wasm.cmake (Emscripten builds only). Dear ImGui 1.86
# comes from Debian's source package, unpacked by scripts/setup; fonts are
# subset from Debian's fonts-inter at build time.
set(PW_IMGUI_DIR ${PROJECT_SOURCE_DIR}/build/third_party/imgui CACHE PATH
    "Dear ImGui 1.86 sources (unpacked by scripts/setup)")
set(PW_INTER_DIR /usr/share/fonts/opentype/inter CACHE PATH "Inter OTF files (Debian fonts-inter)")
if(NOT EXISTS ${PW_IMGUI_DIR}/imgui.cpp)
  message(WARNING "paywidget: no Dear ImGui sources in ${PW_IMGUI_DIR}; run scripts/setup. Widget not built.")
  return()
endif()

# Size first: everything the browser downloads is built like this.
set(PW_WIDGET_FLAGS -Oz -flto -fno-exceptions -fno-rtti)

# ImGui's core only: the widget draws its draw data itself
# (browser/gl_renderer.cpp), not with ImGui's OpenGL3 backend, which saves
# and restores the whole GL state around every frame and calls many GL
# functions, each with its glue in paywidget.<hash>.js.
add_library(imgui_web STATIC
  ${PW_IMGUI_DIR}/imgui.cpp ${PW_IMGUI_DIR}/imgui_draw.cpp ${PW_IMGUI_DIR}/imgui_tables.cpp
  ${PW_IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(imgui_web SYSTEM PUBLIC ${PW_IMGUI_DIR})
target_compile_definitions(imgui_web PUBLIC
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_METRICS_WINDOW IMGUI_DISABLE_FILE_FUNCTIONS)
# ImGui's only sscanf calls read its ini settings, which the widget never
# has: they go to browser/imgui_sscanf.cpp's stub, so libc's scanf family
# stays out of the wasm (ImGui's sources only; nothing else is renamed).
target_compile_definitions(imgui_web PRIVATE sscanf=pw_imgui_sscanf)
target_compile_options(imgui_web PRIVATE ${PW_WIDGET_FLAGS})

# The fonts' base is compiled in; the extension (inter-ext-*.otf) is served
# beside the wasm and fetched only when a text needs it (fonts/make_fonts.py).
set(PW_FONTS_CPP ${CMAKE_BINARY_DIR}/generated/fonts_data.cpp)
set(PW_FONT_EXTENSION ${CMAKE_BINARY_DIR}/inter-ext-regular.otf ${CMAKE_BINARY_DIR}/inter-ext-semibold.otf)
add_custom_command(OUTPUT ${PW_FONTS_CPP} ${PW_FONT_EXTENSION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/wasm/fonts/make_fonts.py ${PW_INTER_DIR}
          ${PROJECT_SOURCE_DIR}/shared/messages ${PW_FONTS_CPP} --extension-dir ${CMAKE_BINARY_DIR}
  DEPENDS ${PROJECT_SOURCE_DIR}/wasm/fonts/make_fonts.py ${PROJECT_SOURCE_DIR}/tools/messages/compile_messages.py
          ${PW_MESSAGE_FILES}
          ${PW_INTER_DIR}/Inter-Regular.otf ${PW_INTER_DIR}/Inter-SemiBold.otf
  COMMENT "Subsetting Inter Regular + SemiBold: base into fonts_data.cpp, extension into inter-ext-*.otf"
  VERBATIM)

# The widget's code by concern (wasm/README.md): every .cpp of each folder,
# and the DOM halves in its js/. The native tests build all but browser/
# (tests/widget/widget_tests.cmake).
set(PW_WIDGET_DIRS)
foreach(dir browser kit screens runtime)
  list(APPEND PW_WIDGET_DIRS ${PROJECT_SOURCE_DIR}/wasm/${dir})
endforeach()
list(TRANSFORM PW_WIDGET_DIRS APPEND /*.cpp OUTPUT_VARIABLE PW_WIDGET_SOURCE_GLOBS)
list(TRANSFORM PW_WIDGET_DIRS APPEND /js/*.js OUTPUT_VARIABLE PW_WIDGET_JS_GLOBS)
file(GLOB PW_WIDGET_SOURCES CONFIGURE_DEPENDS ${PW_WIDGET_SOURCE_GLOBS})
file(GLOB PW_WIDGET_JS CONFIGURE_DEPENDS ${PW_WIDGET_JS_GLOBS})
add_executable(paywidget ${PW_WIDGET_SOURCES} ${PW_FONTS_CPP})
target_include_directories(paywidget PRIVATE ${PW_WIDGET_DIRS})
target_link_libraries(paywidget PRIVATE paycore paymessages_widget imgui_web)
target_compile_options(paywidget PRIVATE ${PW_WARNINGS} ${PW_WIDGET_FLAGS})
foreach(js ${PW_WIDGET_JS})
  target_link_options(paywidget PRIVATE "SHELL:--js-library ${js}")
endforeach()
set_property(TARGET paywidget APPEND PROPERTY LINK_DEPENDS ${PW_WIDGET_JS})
# The glue (paywidget.<hash>.js) carries only what the widget uses: WebGL 2
# without FULL_ES3's emulation (browser/gl_renderer.cpp draws from buffer
# objects, never client-side arrays or mapped buffers, with few distinct GL
# functions and no uniforms), no extension auto-enabling, GL_ prefixing, GL
# error tracking or GLES version-string rewriting (the renderer asks for
# none), no errno, TextDecoder only, no eval/new Function, no setjmp, no
# deferred fullscreen/pointer-lock calls, and of the Module object only what
# web/embed.js sets for Emscripten itself (the pw* members are read by
# wasm/*/js/*.js directly). Measured: 15,204 -> 12,633 B brotli (issue 14);
# our renderer instead of ImGui's backend (48 -> 29 GL functions): 12,777 ->
# 10,696 B brotli.
target_link_options(paywidget PRIVATE ${PW_WIDGET_FLAGS}
  -sENVIRONMENT=web -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_EXTENSIONS_IN_PREFIXED_FORMAT=0 -sGL_TRACK_ERRORS=0
  -sGL_EMULATE_GLES_VERSION_STRING_FORMAT=0 -sSUPPORT_ERRNO=0 -sTEXTDECODER=2
  -sDYNAMIC_EXECUTION=0 -sSUPPORT_LONGJMP=0
  -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  # emmalloc, not dlmalloc: 2.6 KB less brotli in the first download (issue
  # 14); the widget allocates little per frame (scripts/bench's CPU per
  # frame while typing is the check).
  -sMALLOC=emmalloc)

# Two modules (issue 14, first-visit bytes; wasm/README.md "Deferred code"):
# the code a first visit runs until Pay Now is on screen stays in
# paywidget.primary.wasm; everything else (the steps after Pay Now, the
# validators, token and payment effects, ImGui's text input, ...) moves to
# paywidget.deferred.wasm, which web/embed.js fetches after the first
# interactive frame. emcc links with SPLIT_MODULE (the glue then imports
# placeholders and accepts Module.loadSplitModule) and keeps the optimized
# module as paywidget.wasm.orig, with function names; wasm-split (binaryen)
# moves the functions named in wasm/split/deferred-functions.txt, a list
# written by tools/split/profile_widget.mjs from what headless Chromium ran
# (a function not on it stays in the primary module: new code is never
# deferred by accident). Binaryen would otherwise inline every function
# with one caller whatever its size, which merges all screens into the
# frame function; with a limit each screen stays its own function and can
# be deferred on its own. Measured (primary module, brotli): no limit
# 182.5 KB unsplit; limit 1000: 144.3 KB, 300: 138.1, 100: 136.0, 30:
# 133.3, 10: 133.1, 0: 135.1.
target_link_options(paywidget PRIVATE -sSPLIT_MODULE --profiling-funcs
  -sINCOMING_MODULE_JS_API=canvas,print,printErr,loadSplitModule,instantiateWasm
  "SHELL:-sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=10")
find_program(PW_WASM_SPLIT wasm-split)
if(NOT PW_WASM_SPLIT)
  message(FATAL_ERROR "paywidget: wasm-split not found (Debian package binaryen; run scripts/setup)")
endif()
set(PW_DEFERRED_LIST ${PROJECT_SOURCE_DIR}/wasm/split/deferred-functions.txt)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/paywidget.primary.wasm ${CMAKE_BINARY_DIR}/paywidget.deferred.wasm
  COMMAND ${PW_WASM_SPLIT} --all-features --quiet ${CMAKE_BINARY_DIR}/paywidget.wasm.orig
          --split-funcs=@${PW_DEFERRED_LIST} --export-prefix=%
          -o1 ${CMAKE_BINARY_DIR}/paywidget.primary.wasm -o2 ${CMAKE_BINARY_DIR}/paywidget.deferred.wasm
  DEPENDS paywidget ${PW_DEFERRED_LIST}
  COMMENT "Splitting paywidget.wasm: the first visit's code, and the deferred rest"
  VERBATIM)

# What the server serves from this directory (its --static-dir), staged by
# wasm/stage_assets.py: every text and wasm file gets .br and .gz variants
# made here (the server never compresses on the fly); the widget page's own
# assets get a content hash in their names (paywidget.<hash>.wasm/.js,
# embed.<hash>.css/.js: cached as immutable) and the generated embed.html
# names the current ones (the server serves it as /embed). The loader
# practitioners embed (pay-widget.js, its .d.ts) and the pages' files keep
# stable names (short max-age + ETag).
find_program(PW_BROTLI brotli)
if(NOT PW_BROTLI)
  message(FATAL_ERROR "paywidget: brotli not found (Debian package brotli; run scripts/setup)")
endif()
find_program(PW_ZOPFLI zopfli)
if(NOT PW_ZOPFLI)
  message(FATAL_ERROR "paywidget: zopfli not found (Debian package zopfli; run scripts/setup)")
endif()
find_program(PW_TERSER terser)
if(NOT PW_TERSER)
  message(FATAL_ERROR "paywidget: terser not found (Debian package terser; run scripts/setup)")
endif()
set(PW_STAGE ${PROJECT_SOURCE_DIR}/wasm/stage_assets.py)
set(PW_WEB_FILES pay-widget.d.ts pages/site.css pages/site.js pages/favicon.svg
                 console/invoice-editor.js console/copy-link.js)
set(PW_WEB_OUTPUTS)
foreach(f ${PW_WEB_FILES})
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/${f} ${CMAKE_BINARY_DIR}/${f}.br ${CMAKE_BINARY_DIR}/${f}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/pages ${CMAKE_BINARY_DIR}/console
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PROJECT_SOURCE_DIR}/web/${f} ${CMAKE_BINARY_DIR}/${f}
    COMMAND /usr/bin/python3 ${PW_STAGE} compress ${CMAKE_BINARY_DIR}/${f}
    DEPENDS ${PROJECT_SOURCE_DIR}/web/${f} ${PW_STAGE} VERBATIM)
  list(APPEND PW_WEB_OUTPUTS ${CMAKE_BINARY_DIR}/${f})
endforeach()
# The loader carries its few words (loading, the frame's title, load
# failed) per language from the message catalogue: written in by
# tools/messages/loader_strings.py, which reuses compile_messages.py's checks.
set(PW_LOADER_STRINGS ${PROJECT_SOURCE_DIR}/tools/messages/loader_strings.py)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/pay-widget.js ${CMAKE_BINARY_DIR}/pay-widget.js.br
                          ${CMAKE_BINARY_DIR}/pay-widget.js.gz
  COMMAND /usr/bin/python3 ${PW_LOADER_STRINGS} ${PROJECT_SOURCE_DIR}/shared/messages
          ${PROJECT_SOURCE_DIR}/web/pay-widget.js ${CMAKE_BINARY_DIR}/pay-widget.js
  COMMAND /usr/bin/python3 ${PW_STAGE} compress ${CMAKE_BINARY_DIR}/pay-widget.js
  DEPENDS ${PROJECT_SOURCE_DIR}/web/pay-widget.js ${PW_LOADER_STRINGS}
          ${PROJECT_SOURCE_DIR}/tools/messages/compile_messages.py ${PW_MESSAGE_FILES} ${PW_STAGE}
  COMMENT "Writing the catalogue's loader strings into pay-widget.js"
  VERBATIM)
list(APPEND PW_WEB_OUTPUTS ${CMAKE_BINARY_DIR}/pay-widget.js)
add_custom_target(paywidget_page ALL DEPENDS ${PW_WEB_OUTPUTS})
add_dependencies(paywidget paywidget_page)

# The text inputs' web font: Inter Regular as WOFF2, subset to embed.css's
# @font-face unicode-range (fonts/make_webfont.py; brotli from Debian's
# python3-brotli). stage_assets.py gives it a hashed name.
set(PW_WEBFONT ${CMAKE_BINARY_DIR}/inter.woff2)
add_custom_command(OUTPUT ${PW_WEBFONT}
  COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/wasm/fonts/make_webfont.py ${PW_INTER_DIR}/Inter-Regular.otf
          ${PROJECT_SOURCE_DIR}/web/embed.css ${PW_WEBFONT}
  DEPENDS ${PROJECT_SOURCE_DIR}/wasm/fonts/make_webfont.py ${PROJECT_SOURCE_DIR}/web/embed.css
          ${PW_INTER_DIR}/Inter-Regular.otf
  COMMENT "Subsetting Inter Regular into inter.woff2 for the text inputs"
  VERBATIM)

# `paywidget_assets` is the whole widget, ready to serve (scripts/demo and
# the browser tests build it); `paywidget` alone is only the compiler's
# output.
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/embed.html ${CMAKE_BINARY_DIR}/asset-manifest.json
  COMMAND /usr/bin/python3 ${PW_STAGE} widget ${PROJECT_SOURCE_DIR}/web ${CMAKE_BINARY_DIR}
  DEPENDS paywidget ${CMAKE_BINARY_DIR}/paywidget.primary.wasm ${PW_STAGE} ${PW_WEBFONT} ${PW_FONT_EXTENSION} ${PROJECT_SOURCE_DIR}/web/embed.html ${PROJECT_SOURCE_DIR}/web/embed.css
          ${PROJECT_SOURCE_DIR}/web/embed.js ${PW_MESSAGE_ASSET_FILES} ${PW_MESSAGE_FILES}
          ${PROJECT_SOURCE_DIR}/tools/messages/loader_strings.py
  COMMENT "Hashing and compressing the widget page's assets"
  VERBATIM)
add_custom_target(paywidget_assets ALL DEPENDS ${CMAKE_BINARY_DIR}/embed.html)
