#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace cowork::kiosk::ui {

WidgetLog& WidgetLog::instance() {
    static WidgetLog log;
    return log;
}

void WidgetLog::record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled) {
    // Widgets without visible text (fields, zones) are known by their id.
    const std::string_view shown = visibleLabel(label);
    records_.push_back({std::string(shown.empty() ? label : shown), min, max, enabled});
}

const WidgetRecord* WidgetLog::find(std::string_view label) const {
    // An enabled widget first: "Forcer le départ" appears once per place.
    const WidgetRecord* disabled = nullptr;
    for (const WidgetRecord& record : records_) {
        if (record.label != label) continue;
        if (record.enabled) return &record;
        if (!disabled) disabled = &record;
    }
    return disabled;
}

std::string_view visibleLabel(std::string_view label) {
    const std::size_t hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

ScreenWindow::ScreenWindow() {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // Begin's return value does not matter for a full-screen window; End is always due.
    ImGui::Begin("##screen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
}

ScreenWindow::~ScreenWindow() { ImGui::End(); }

ScrollArea::ScrollArea(const char* id, ImVec2 size) { ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse); }

ScrollArea::~ScrollArea() { ImGui::EndChild(); }

namespace {

// Draws the frame of a touch target and reports whether it was tapped.
bool touchFrame(const std::string& id, ImVec2 size, Tone tone, bool enabled, bool& held) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::InvisibleButton(id.c_str(), size) && enabled;
    held = ImGui::IsItemActive() && enabled;
    const ToneColors colors = colorsFor(tone);
    ImVec4 fill = held ? colors.pressed : colors.idle;
    if (!enabled) fill.w = 0.45f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(fill), rounding);
    if (tone == Tone::Normal || tone == Tone::Quiet) {
        draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), rounding, 0, 1.5f);
    }
    WidgetLog::instance().record(id, min, max, enabled);
    return tapped;
}

ImVec4 textColorFor(Tone tone, bool enabled) {
    ImVec4 color = colorsFor(tone).text;
    if (!enabled) color.w = 0.55f;
    return color;
}

void drawCenteredLines(const std::string& first, const std::string& second, ImVec2 min, ImVec2 size, ImVec4 color,
                       float wrapWidth) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float fontSize = ImGui::GetFontSize();
    const ImVec2 a = font->CalcTextSizeA(fontSize, FLT_MAX, wrapWidth, first.c_str());
    // Both lines at the font's loaded size: a scaled-down font blurs and
    // breaks up on the software renderer.
    const ImVec2 b = second.empty() ? ImVec2(0, 0) : font->CalcTextSizeA(fontSize, FLT_MAX, wrapWidth, second.c_str());
    const float gap = second.empty() ? 0 : fontSize * 0.2f;
    float y = min.y + (size.y - a.y - b.y - gap) / 2;
    const ImU32 col = ImGui::GetColorU32(color);
    draw->AddText(font, fontSize, ImVec2(min.x + (size.x - a.x) / 2, y), col, first.c_str(), nullptr, wrapWidth);
    if (second.empty()) return;
    y += a.y + gap;
    draw->AddText(font, fontSize, ImVec2(min.x + (size.x - b.x) / 2, y), col, second.c_str(), nullptr, wrapWidth);
}

}  // namespace

bool button(const std::string& label, ImVec2 size, Tone tone, bool enabled) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touchFrame(label, size, tone, enabled, held);
    const std::string shown(visibleLabel(label));
    drawCenteredLines(shown, "", min, size, textColorFor(tone, enabled), size.x - em(0.6f));
    return tapped;
}

bool tile(const std::string& id, const std::string& title, const std::string& detail, ImVec2 size, Tone tone,
          bool enabled) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    bool held = false;
    const bool tapped = touchFrame(title + "##" + id, size, tone, enabled, held);
    drawCenteredLines(title, detail, min, size, textColorFor(tone, enabled), size.x - em(0.6f));
    return tapped;
}

bool textField(const std::string& id, const std::string& text, const std::string& placeholder, ImVec2 size, bool active) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float rounding = ImGui::GetStyle().FrameRounding;
    draw->AddRectFilled(min, max, ImGui::GetColorU32(color::kPanel), rounding);
    draw->AddRect(min, max, ImGui::GetColorU32(active ? colorsFor(Tone::Primary).idle : ImVec4(0.7f, 0.7f, 0.7f, 1)),
                  rounding, 0, active ? 3.0f : 1.5f);
    const float pad = em(0.5f);
    const float textY = min.y + (size.y - ImGui::GetFontSize()) / 2;
    draw->PushClipRect(ImVec2(min.x + pad, min.y), ImVec2(max.x - pad, max.y), true);
    if (text.empty()) {
        draw->AddText(ImVec2(min.x + pad, textY), ImGui::GetColorU32(color::kMuted), placeholder.c_str());
    } else {
        // Long text stays readable at its end, where the typing happens.
        const float width = ImGui::CalcTextSize(text.c_str()).x;
        const float x = std::min(min.x + pad, max.x - pad - em(0.4f) - width);
        draw->AddText(ImVec2(x, textY), ImGui::GetColorU32(color::kText), text.c_str());
        if (active) {
            const float caretX = x + width + 2;
            draw->AddLine(ImVec2(caretX, textY), ImVec2(caretX, textY + ImGui::GetFontSize()),
                          ImGui::GetColorU32(color::kText), 2.0f);
        }
    }
    draw->PopClipRect();
    WidgetLog::instance().record(id, min, max, true);
    return tapped;
}

bool longPressZone(const char* id, ImVec2 size, long long heldMs, long long holdMs) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    WidgetLog::instance().record(id, min, ImVec2(min.x + size.x, min.y + size.y), true);
    return ImGui::IsItemActive() && heldMs >= holdMs;
}

void textWrapped(const std::string& text) {
    WidgetLog::instance().noteText(text);
    ImGui::TextWrapped("%s", text.c_str());
}

void textColored(ImVec4 color, const std::string& text) {
    WithTextColor scope(color);
    WidgetLog::instance().noteText(text);
    ImGui::TextWrapped("%s", text.c_str());
}

void text(const std::string& text) {
    WidgetLog::instance().noteText(text);
    ImGui::TextUnformatted(text.c_str());
}

void textCentered(const std::string& text, float width) {
    WidgetLog::instance().noteText(text);
    const float textWidth = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - textWidth) / 2));
    ImGui::TextUnformatted(text.c_str());
}

float columnWidth(int columns) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    return (ImGui::GetContentRegionAvail().x - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
}

}  // namespace cowork::kiosk::ui
