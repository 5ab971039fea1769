#include "ui/theme.hpp"

#include <algorithm>

namespace cowork::kiosk::ui {
namespace {

float gScale = 1.0f;

ImVec4 rgb(int r, int g, int b) { return ImVec4(static_cast<float>(r) / 255.f, static_cast<float>(g) / 255.f, static_cast<float>(b) / 255.f, 1.f); }

}  // namespace

void setScale(float scale) { gScale = scale; }

float em(float n) { return n * ImGui::GetFontSize(); }

float touchTarget() { return std::max(64.0f * gScale, em(3.0f)); }

ToneColors colorsFor(Tone tone) {
    const ImVec4 white{1, 1, 1, 1};
    switch (tone) {
    case Tone::Primary: return {rgb(32, 96, 170), rgb(16, 58, 110), white};
    case Tone::Quiet: return {rgb(228, 225, 218), rgb(180, 176, 166), color::kText};
    case Tone::Danger: return {rgb(178, 44, 34), rgb(120, 26, 20), white};
    case Tone::Free: return {rgb(30, 126, 64), rgb(16, 82, 40), white};
    case Tone::Taken: return {rgb(210, 150, 40), rgb(150, 100, 20), color::kText};
    case Tone::Off: return {rgb(150, 150, 150), rgb(110, 110, 110), white};
    case Tone::Selected: return {rgb(16, 58, 110), rgb(10, 36, 70), white};
    case Tone::Normal: break;
    }
    return {rgb(255, 255, 255), rgb(190, 205, 225), color::kText};
}

void applyTheme(ImGuiStyle& style, float scale) {
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(12 * scale, 8 * scale);
    style.FramePadding = ImVec2(8 * scale, 6 * scale);
    style.ItemSpacing = ImVec2(8 * scale, 8 * scale);
    style.ItemInnerSpacing = ImVec2(6 * scale, 6 * scale);
    style.FrameRounding = 8 * scale;
    style.ChildRounding = 8 * scale;
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FrameBorderSize = 1;
    style.ScrollbarSize = 10 * scale;  // a hint that the list scrolls; fingers drag the content
    style.ScrollbarRounding = 4 * scale;
    style.Colors[ImGuiCol_WindowBg] = color::kBackground;
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_Text] = color::kText;
    style.Colors[ImGuiCol_Border] = rgb(200, 196, 188);
    style.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
}

}  // namespace cowork::kiosk::ui
