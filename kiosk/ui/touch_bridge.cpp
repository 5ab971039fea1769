#include "ui/touch_bridge.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>

namespace cowork::kiosk::ui {
namespace {

// The innermost window under the finger that can scroll vertically.
ImGuiWindow* scrollableUnderPointer() {
    ImGuiWindow* window = GImGui->HoveredWindow;
    while (window && window->ScrollMax.y <= 0) window = window->ParentWindow;
    return window;
}

}  // namespace

void TouchBridge::beforeNewFrame(const platform::PointerFrame& frame) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = frame.present ? ImVec2(frame.x, frame.y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = frame.down;
}

void TouchBridge::afterNewFrame(const platform::PointerFrame& frame) {
    if (frame.cancelPress) {
        // The finger is scrolling, not tapping: drop the button it landed on.
        ImGui::ClearActiveID();
        ImGuiWindow* target = scrollableUnderPointer();
        scrollTarget_ = target ? target->ID : 0;
    }
    if (frame.scrollY == 0 || scrollTarget_ == 0) return;
    if (ImGuiWindow* window = ImGui::FindWindowByID(scrollTarget_)) {
        ImGui::SetScrollY(window, window->Scroll.y + frame.scrollY);
    }
}

}  // namespace cowork::kiosk::ui
