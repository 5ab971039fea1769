#pragma once
// SDL mouse and finger events → the touch layer's pointer events. One finger at a
// time (ImGui has no multi-touch): the first finger down is followed until it
// lifts, others are ignored. Mouse events SDL synthesises from touch are dropped,
// or each tap would count twice.
#include <SDL.h>

#include <optional>

#include "platform/touch_input.hpp"

namespace cowork::platform {

class PointerTranslator {
public:
    // `outputWidth`/`outputHeight`: the renderer's size in pixels, where finger
    // coordinates (0..1) are mapped; `windowWidth`/`windowHeight` scale mouse
    // coordinates when the two differ (high-density outputs).
    void setSizes(int windowWidth, int windowHeight, int outputWidth, int outputHeight);
    std::optional<PointerEvent> translate(const SDL_Event& event, TimeMs now);

private:
    std::optional<SDL_FingerID> finger_;
    float windowW_ = 1, windowH_ = 1, outputW_ = 1, outputH_ = 1;
};

}  // namespace cowork::platform
