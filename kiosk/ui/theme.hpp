#pragma once
// Colours and sizes. A light theme: shops are bright, and a counter screen is
// read at a glance. Sizes are in units of the font size.
#include <imgui.h>

namespace cowork::kiosk::ui {

enum class Tone { Normal, Primary, Quiet, Danger, Free, Taken, Off, Selected };

struct ToneColors {
    ImVec4 idle;
    ImVec4 pressed;  // visible pressed state: a touch screen has no hover
    ImVec4 text;
};

ToneColors colorsFor(Tone tone);
void applyTheme(ImGuiStyle& style, float scale);

// n times the current font's size.
float em(float n);
// The smallest touch target: 12 mm, about 64 px on a 7" 800x480 panel.
float touchTarget();
void setScale(float scale);

namespace color {
inline const ImVec4 kBackground{0.97f, 0.96f, 0.93f, 1.0f};
inline const ImVec4 kText{0.12f, 0.12f, 0.14f, 1.0f};
inline const ImVec4 kMuted{0.36f, 0.36f, 0.40f, 1.0f};
inline const ImVec4 kOpen{0.10f, 0.47f, 0.22f, 1.0f};
inline const ImVec4 kClosed{0.70f, 0.16f, 0.12f, 1.0f};
inline const ImVec4 kPanel{1.0f, 1.0f, 1.0f, 1.0f};
}  // namespace color

}  // namespace cowork::kiosk::ui
