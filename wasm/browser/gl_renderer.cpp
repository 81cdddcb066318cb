// See gl_renderer.hpp.
#include "gl_renderer.hpp"

#include <cstdint>
#include <initializer_list>

namespace pwui {

namespace {
static_assert(sizeof(ImDrawIdx) == 2, "the draw calls read 16-bit indices");

// Attribute locations, fixed in the shader (no glGetAttribLocation).
constexpr GLuint kPosition = 0, kUv = 1, kColor = 2;
// The mapping from ImGui's coordinates to clip space, (scale.xy,
// offset.xy), is a constant vertex attribute (an attribute with no array,
// set by glVertexAttrib4f) rather than a uniform: that needs no
// glGetUniformLocation/glUniform*, whose glue (uniform location tables) is
// the largest part of Emscripten's uniform support. The sampler is left at
// its default, texture unit 0.
constexpr GLuint kView = 3;

// The vertex shader keeps the default highp floats (positions in device
// pixels, exact on mobile GPUs too); the fragment shader uses mediump, like
// ImGui's ES 3 backend did. The texture holds coverage only: the vertex
// colour is multiplied by (1, 1, 1, coverage), which is what the RGBA32
// atlas's white texels with alpha gave before.
const char* const kVertexShader = R"(#version 300 es
layout(location = 0) in vec2 position;
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 color;
layout(location = 3) in vec4 view;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = vec4(position * view.xy + view.zw, 0.0, 1.0);
}
)";
const char* const kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D coverage;
in vec2 frag_uv;
in vec4 frag_color;
out vec4 out_color;
void main() {
    out_color = frag_color * vec4(1.0, 1.0, 1.0, texture(coverage, frag_uv).r);
}
)";

// The shaders are fixed and valid GLSL ES 3.00, so neither their compile
// nor the link status is queried (that glue would serve a branch never
// taken); a context lost meanwhile is rebuilt on restore anyway. The
// shader objects stay attached for the program's life: two per context.
GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

const void* byte_offset(std::size_t bytes) { return reinterpret_cast<const void*>(bytes); }
}  // namespace

void GlRenderer::init() {
    program_ = glCreateProgram();
    glAttachShader(program_, compile(GL_VERTEX_SHADER, kVertexShader));
    glAttachShader(program_, compile(GL_FRAGMENT_SHADER, kFragmentShader));
    glLinkProgram(program_);

    glGenVertexArrays(1, &vertex_array_);
    glGenBuffers(1, &vertices_);
    glGenBuffers(1, &indices_);
    glGenTextures(1, &font_texture_);
    apply_state();
    // A texture without mipmaps must not sample them (the default minifying
    // filter does); magnifying is LINEAR by default. Clamped, so a sample
    // at an edge never blends in texels from the opposite side.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of single bytes: no padding

    // VtxOffset is honoured (point_vertices), so ImGui may put more than
    // 64K vertices in one list with 16-bit indices.
    ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

// The state every frame draws with; set once per context, and again when a
// draw callback asks for it (ImDrawCallback_ResetRenderState). Depth,
// stencil and face culling are off by default, the blend equation is ADD.
void GlRenderer::apply_state() {
    glUseProgram(program_);
    glBindVertexArray(vertex_array_);
    glBindBuffer(GL_ARRAY_BUFFER, vertices_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, indices_);  // part of the vertex array's state
    for (GLuint a : {kPosition, kUv, kColor}) glEnableVertexAttribArray(a);
    point_vertices(0);
    // ImGui's colours are straight (not premultiplied) alpha: colour blends
    // by the source's alpha, alpha itself as "over".
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    bound_texture_ = 0;
    bind_texture(font_texture_);
}

// The attributes read vertices from `first_vertex` on: a draw command's
// VtxOffset, since WebGL 2 has no glDrawElementsBaseVertex.
void GlRenderer::point_vertices(std::size_t first_vertex) {
    const std::size_t base = first_vertex * sizeof(ImDrawVert);
    constexpr GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, stride,
                          byte_offset(base + offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, stride, byte_offset(base + offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          byte_offset(base + offsetof(ImDrawVert, col)));
    first_vertex_ = first_vertex;
}

void GlRenderer::bind_texture(GLuint texture) {
    if (texture == bound_texture_) return;
    glBindTexture(GL_TEXTURE_2D, texture);
    bound_texture_ = texture;
}

void GlRenderer::upload_fonts(ImFontAtlas& atlas) {
    if (!atlas.TexPixelsAlpha8) return;
    bind_texture(font_texture_);
    // The same texture object each time: glTexImage2D replaces its storage.
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.TexWidth, atlas.TexHeight, 0, GL_RED, GL_UNSIGNED_BYTE,
                 atlas.TexPixelsAlpha8);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture_)));
}

void GlRenderer::render(const ImDrawData& data) {
    const ImVec2 origin = data.DisplayPos, size = data.DisplaySize, scale = data.FramebufferScale;
    const int fb_height = static_cast<int>(size.y * scale.y);
    if (static_cast<int>(size.x * scale.x) <= 0 || fb_height <= 0) return;

    // Orthographic: ImGui's top-left origin, y down, to clip space.
    const float left = origin.x, right = origin.x + size.x, top = origin.y, bottom = origin.y + size.y;
    glVertexAttrib4f(kView, 2.0f / (right - left), 2.0f / (top - bottom), (right + left) / (left - right),
                     (top + bottom) / (bottom - top));
    // The scissor is on only while drawing: the caller's glClear must clear
    // the whole canvas.
    glEnable(GL_SCISSOR_TEST);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, list.VtxBuffer.size_in_bytes(), list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, list.IdxBuffer.size_in_bytes(), list.IdxBuffer.Data,
                     GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    apply_state();
                else
                    cmd.UserCallback(&list, &cmd);
                continue;
            }
            // The clip rectangle in framebuffer pixels; GL's y runs upwards.
            const float x0 = (cmd.ClipRect.x - origin.x) * scale.x;
            const float y0 = (cmd.ClipRect.y - origin.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - origin.x) * scale.x;
            const float y1 = (cmd.ClipRect.w - origin.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_height - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            bind_texture(static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID())));
            if (cmd.VtxOffset != first_vertex_) point_vertices(cmd.VtxOffset);
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), GL_UNSIGNED_SHORT,
                           byte_offset(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace pwui
