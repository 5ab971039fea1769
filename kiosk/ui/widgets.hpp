#pragma once
// Touch widgets and RAII scopes. Debian's ImGui is built with asserts on: a
// missing End() or Pop…() aborts, so every Begin/End and Push/Pop pair lives in
// one of the small scope classes below.
//
// Every tappable widget records its rectangle under its visible label in the
// WidgetLog during the frame: the UI test harness taps widgets by label. The
// texts drawn are noted too, for tests that read what the screen says.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/theme.hpp"

namespace cowork::kiosk::ui {

struct WidgetRecord {
    std::string label;  // the visible text (what precedes "##")
    ImVec2 min;
    ImVec2 max;
    bool enabled = true;
    ImVec2 center() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

class WidgetLog {
public:
    static WidgetLog& instance();
    void clear() {
        records_.clear();
        texts_.clear();
    }
    void record(std::string_view label, ImVec2 min, ImVec2 max, bool enabled);
    const WidgetRecord* find(std::string_view label) const;
    const std::vector<WidgetRecord>& records() const { return records_; }
    void noteText(std::string_view text) { texts_.emplace_back(text); }
    const std::vector<std::string>& texts() const { return texts_; }

private:
    std::vector<WidgetRecord> records_;
    std::vector<std::string> texts_;
};

std::string_view visibleLabel(std::string_view label);

// --- scopes ---
class ScreenWindow {  // the one full-screen window each screen draws in
public:
    ScreenWindow();
    ~ScreenWindow();
    ScreenWindow(const ScreenWindow&) = delete;
    ScreenWindow& operator=(const ScreenWindow&) = delete;
};

class ScrollArea {  // a region scrolled by dragging the finger
public:
    ScrollArea(const char* id, ImVec2 size);
    ~ScrollArea();
    ScrollArea(const ScrollArea&) = delete;
    ScrollArea& operator=(const ScrollArea&) = delete;
};

class WithFont {
public:
    explicit WithFont(ImFont* font) { ImGui::PushFont(font); }
    ~WithFont() { ImGui::PopFont(); }
    WithFont(const WithFont&) = delete;
    WithFont& operator=(const WithFont&) = delete;
};

class WithTextColor {
public:
    explicit WithTextColor(ImVec4 color) { ImGui::PushStyleColor(ImGuiCol_Text, color); }
    ~WithTextColor() { ImGui::PopStyleColor(); }
    WithTextColor(const WithTextColor&) = delete;
    WithTextColor& operator=(const WithTextColor&) = delete;
};

class Group {
public:
    Group() { ImGui::BeginGroup(); }
    ~Group() { ImGui::EndGroup(); }
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;
};

// --- widgets ---
// A large button; true on the frame it is tapped. Pressed state shown while held.
bool button(const std::string& label, ImVec2 size, Tone tone = Tone::Normal, bool enabled = true);
// A tile with a title and a second line (places, sites); true when tapped.
bool tile(const std::string& id, const std::string& title, const std::string& detail, ImVec2 size, Tone tone,
          bool enabled = true);
// A text field drawn by the app (the keyboard edits the text in app state, as
// ImGui's InputText loses focus to on-screen keys); true when tapped.
bool textField(const std::string& id, const std::string& text, const std::string& placeholder, ImVec2 size, bool active);
// A hidden long-press zone; true once it has been held `holdMs`.
bool longPressZone(const char* id, ImVec2 size, long long heldMs, long long holdMs);

void textWrapped(const std::string& text);
void textColored(ImVec4 color, const std::string& text);
void text(const std::string& text);
// Text centred on the current line of width `width`.
void textCentered(const std::string& text, float width);

// n equal columns over the available width, with spacing: the width of one.
float columnWidth(int columns);

}  // namespace cowork::kiosk::ui
