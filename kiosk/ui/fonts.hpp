#pragma once
// The kiosk's fonts, loaded at the size the device's scale asks for (never
// FontGlobalScale: it blurs). Glyph ranges cover French fully: ImGui's default
// ranges stop at U+00FF and lack œ Œ Ÿ ’ … € and the narrow no-break space.
#include <imgui.h>

#include <string>
#include <vector>

namespace cowork::kiosk::ui {

struct FontFiles {
    std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

struct Fonts {
    ImFont* body = nullptr;   // text and buttons: 21 px at scale 1 (at least 18 px on a 7" panel)
    ImFont* title = nullptr;  // screen titles, bold
    ImFont* huge = nullptr;   // the member code, the clock, the phone number
};

class FontSet {
public:
    // `texts`: every catalogue text, so each character they use has a glyph.
    // Throws std::runtime_error naming a missing font file.
    Fonts load(ImGuiIO& io, const FontFiles& files, float scale, const std::vector<std::string>& texts);

private:
    ImVector<ImWchar> ranges_;      // must outlive the atlas build (first frame)
    ImVector<ImWchar> titleRanges_; // titles: as ranges_ without Latin Extended-A (names in body text keep it)
    ImVector<ImWchar> hugeRanges_;  // the huge font shows codes, phone numbers and the clock only
};

// SDL's software renderer truncates v x height to find a texel row: with an
// atlas height that is not a power of two it can land a hair short, and the
// glyph is read from one row too high (a blank padding row drawn, its last row
// lost). Coordinates in the middle of their texels truncate exactly. Software
// renderer only: a GPU filters between texels and wants them on the edges.
void centreGlyphsOnTexels(ImFontAtlas& atlas);

// The characters French needs beyond Latin-1, and the symbols the keyboards show.
extern const char* const kExtraGlyphs;

}  // namespace cowork::kiosk::ui
