#include "screens/screen_parts.hpp"

#include <cfloat>

#include "domain/member_code.hpp"
#include "ui/keyboards.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

// "K7M4" → "K7M-4··": typed so far, the places left, and the dash as printed.
std::string codeAsTyped(const std::string& code) {
    std::string shown;
    for (std::size_t i = 0; i < kMemberCodeLength; ++i) {
        if (i == 3) shown += "-";
        shown += i < code.size() ? std::string(1, code[i]) : std::string("·");
    }
    return shown;
}

}  // namespace

Intent memberCodeEntry(const ScreenContext& ctx) {
    {
        ui::WithFont font(ctx.fonts.huge);
        ui::textCentered(codeAsTyped(ctx.ui.codeEntry), ImGui::GetContentRegionAvail().x);
    }
    errorLine(ctx);
    return ui::codeKeypad();
}

Intent languageButton(const ScreenContext& ctx, float width) {
    if (ui::button(ctx.tr.text("lang.switch") + "##lang", ImVec2(width, ui::touchTarget()), ui::Tone::Quiet)) {
        return intent::ToggleLanguage{};
    }
    return {};
}

Intent titleBar(const ScreenContext& ctx, const std::string& title, bool withHome) {
    Intent result;
    const float height = ui::touchTarget();
    const float sideWidth = ui::em(5.6f);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float startY = ImGui::GetCursorPosY();
    if (withHome) {
        if (ui::button(ctx.tr.text("nav.home"), ImVec2(sideWidth, height), ui::Tone::Quiet)) result = intent::Home{};
        ImGui::SameLine();
    }
    const float available = ImGui::GetContentRegionAvail().x - sideWidth - spacing;
    ImFont* titleFont = ctx.fonts.title;
    const bool fits = titleFont->CalcTextSizeA(titleFont->FontSize, FLT_MAX, 0, title.c_str()).x <= available;
    if (fits) {
        ui::WithFont font(titleFont);
        ImGui::SetCursorPosY(startY + (height - ImGui::GetFontSize()) / 2);
        ui::text(title);
        ImGui::SameLine();
    }
    ImGui::SetCursorPosY(startY);
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - sideWidth);
    keep(result, languageButton(ctx, sideWidth));
    if (!fits) {
        // Too long beside the buttons (a portrait screen): on its own line.
        ui::WithFont font(titleFont);
        ui::textWrapped(title);
    }
    return result;
}

void errorLine(const ScreenContext& ctx) {
    if (ctx.ui.errorKey.empty()) return;
    ui::textColored(ui::color::kClosed, ctx.tr.text(ctx.ui.errorKey));
}

void alignBottom(float height) {
    const float bottom = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y - height;
    if (ImGui::GetCursorPosY() < bottom) ImGui::SetCursorPosY(bottom);
}

}  // namespace cowork::kiosk

namespace cowork::kiosk {

std::string placeGrid(const ScreenContext& ctx, bool (*show)(const PlaceView&), const std::string& detail, ui::Tone tone,
                      float bottomReserve) {
    std::string tapped;
    int count = 0;
    for (const PlaceView& place : ctx.view.places) count += show(place) ? 1 : 0;
    if (count == 0) return tapped;
    const bool portrait = ImGui::GetWindowWidth() < ImGui::GetWindowHeight();
    const int columns = count == 1 ? 1 : (portrait || count <= 4 ? 2 : 3);
    const float height = ImGui::GetContentRegionAvail().y - bottomReserve;
    ui::ScrollArea area("##place-grid", ImVec2(0, height));
    const float width = ui::columnWidth(columns);
    int shown = 0;
    for (const PlaceView& place : ctx.view.places) {
        if (!show(place)) continue;
        if (shown++ % columns != 0) ImGui::SameLine();
        if (ui::tile(place.place.id, place.place.label, detail, ImVec2(width, ui::em(3.6f)), tone)) tapped = place.place.id;
    }
    return tapped;
}

}  // namespace cowork::kiosk

namespace cowork::kiosk {

bool isPortrait() { return ImGui::GetWindowWidth() < ImGui::GetWindowHeight(); }

}  // namespace cowork::kiosk
