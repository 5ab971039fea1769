#include "ui/fonts.hpp"

#include <filesystem>
#include <stdexcept>

namespace cowork::kiosk::ui {

const char* const kExtraGlyphs = "œŒŸ’‘“”«»–—…€\u202f\u00a0⌫⇧✓←→•·";

namespace {

void requireFile(const std::string& path) {
    if (!std::filesystem::exists(path)) throw std::runtime_error("police introuvable : " + path);
}

}  // namespace

Fonts FontSet::load(ImGuiIO& io, const FontFiles& files, float scale, const std::vector<std::string>& texts) {
    requireFile(files.regular);
    requireFile(files.bold);
    static const ImWchar latinExtendedA[] = {0x0100, 0x017F, 0};
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddRanges(latinExtendedA);
    builder.AddText(kExtraGlyphs);
    for (const std::string& text : texts) builder.AddText(text.c_str());
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    // Titles (catalogue texts, site names, first names from the French keyboard) need no Latin Extended-A: 0.2 MB less atlas.
    ImFontGlyphRangesBuilder titleBuilder;
    titleBuilder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    titleBuilder.AddText(kExtraGlyphs);
    for (const std::string& text : texts) titleBuilder.AddText(text.c_str());
    titleRanges_.clear();
    titleBuilder.BuildRanges(&titleRanges_);

    // The huge font: member codes, phone numbers, the clock, PIN dots. Keeping
    // it to these characters keeps the atlas (and the renderer's copy) small.
    ImFontGlyphRangesBuilder hugeBuilder;
    hugeBuilder.AddText("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+-:() ·•");
    hugeRanges_.clear();
    hugeBuilder.BuildRanges(&hugeRanges_);

    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    // ImGui's software mouse cursors are never drawn (io.MouseDrawCursor is off): no room for them.
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    // No horizontal oversampling: text is drawn at its loaded size on whole
    // pixels, and three times wider glyphs would triple the atlas.
    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    Fonts fonts;
    fonts.body = io.Fonts->AddFontFromFileTTF(files.regular.c_str(), 21.0f * scale, &config, ranges_.Data);
    fonts.title = io.Fonts->AddFontFromFileTTF(files.bold.c_str(), 28.0f * scale, &config, titleRanges_.Data);
    fonts.huge = io.Fonts->AddFontFromFileTTF(files.bold.c_str(), 56.0f * scale, &config, hugeRanges_.Data);
    if (!fonts.body || !fonts.title || !fonts.huge) throw std::runtime_error("police illisible : " + files.regular);
    io.FontDefault = fonts.body;
    return fonts;
}

void centreGlyphsOnTexels(ImFontAtlas& atlas) {
    const float du = 0.5f / static_cast<float>(atlas.TexWidth);
    const float dv = 0.5f / static_cast<float>(atlas.TexHeight);
    for (ImFont* font : atlas.Fonts) {
        for (ImFontGlyph& glyph : font->Glyphs) {
            glyph.U0 += du;
            glyph.U1 += du;
            glyph.V0 += dv;
            glyph.V1 += dv;
        }
    }
}

}  // namespace cowork::kiosk::ui
