// Draws ImGui's draw data (ImDrawData) with WebGL 2, in place of ImGui's
// OpenGL3 backend. Only the widget draws into its context, so the GL state is
// set once (init) instead of being saved and restored around every frame, and
// the renderer calls few distinct GL functions: each one the wasm imports
// brings its piece of Emscripten's GL glue into paywidget.<hash>.js.
// Browser only (GLES3/gl3.h).
#pragma once

#include <GLES3/gl3.h>

#include <cstddef>

#include "imgui.h"

namespace pwui {

class GlRenderer {
public:
    // Creates the program, the vertex array with its two buffers and the
    // font texture in the current context, and sets the state every frame
    // draws with. Again after a context restore: the old objects died with
    // the old context (ids are not reused).
    void init();
    // Uploads the built atlas's 8-bit coverage (TexPixelsAlpha8, one byte a
    // texel: a quarter of RGBA32) as the font texture and gives the atlas
    // its TexID. Nothing to upload while the atlas is not built yet.
    void upload_fonts(ImFontAtlas& atlas);
    // Draws one frame into the framebuffer (cleared by the caller).
    void render(const ImDrawData& data);

private:
    void apply_state();
    void point_vertices(std::size_t first_vertex);
    void bind_texture(GLuint texture);

    GLuint program_ = 0;
    GLuint vertex_array_ = 0;
    GLuint vertices_ = 0;
    GLuint indices_ = 0;
    GLuint font_texture_ = 0;
    GLuint bound_texture_ = 0;
    std::size_t first_vertex_ = 0;  // where the attributes point in the vertex buffer
};

}  // namespace pwui
