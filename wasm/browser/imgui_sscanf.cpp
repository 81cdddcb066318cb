// ImGui's sscanf, for the imgui_web library only: wasm.cmake compiles ImGui
// with sscanf=pw_imgui_sscanf (stdio.h's declaration is renamed with it, so
// this stays the extern "C" function ImGui calls). ImGui's only callers are
// the readers of its ini settings (windows, tables), which
// ImGui::Initialize registers; the widget has no ini file
// (io.IniFilename = nullptr) and never loads settings, so nothing in the
// widget reaches this. Its one use is keeping libc's sscanf and vfscanf out
// of the wasm. EOF is "nothing parsed": the reader skips the line.
#include <cstdio>

extern "C" int pw_imgui_sscanf(const char*, const char*, ...) { return EOF; }
