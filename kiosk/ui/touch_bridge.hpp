#pragma once
// Feeds the touch layer's pointer frame to ImGui 1.86 (which reads io.MousePos
// and io.MouseDown directly: there is no input queue before 1.87), cancels the
// pending press when a drag starts, and scrolls the window under the finger.
#include "platform/touch_input.hpp"

namespace cowork::kiosk::ui {

class TouchBridge {
public:
    // Before ImGui::NewFrame().
    void beforeNewFrame(const platform::PointerFrame& frame);
    // After ImGui::NewFrame(), before any window is drawn.
    void afterNewFrame(const platform::PointerFrame& frame);

private:
    unsigned scrollTarget_ = 0;  // ImGuiID of the window being dragged or gliding
};

}  // namespace cowork::kiosk::ui
