#pragma once
// SDL mouse and finger events → the touch layer's pointer events. One finger at a
// time (ImGui has no multi-touch): the first finger down is followed until it
// lifts, others are ignored. Mouse events SDL synthesises from touch are dropped,
// or each tap would count twice. On a turned panel, positions are turned back
// into the UI's frame here, so that everything after sees the UI's coordinates.
#include <SDL.h>

#include <optional>

#include "platform/rotation.hpp"
#include "platform/touch_input.hpp"

namespace cowork::platform {

class PointerTranslator {
public:
    // `outputWidth`/`outputHeight`: the renderer's size in pixels, where finger
    // coordinates (0..1) are mapped; `windowWidth`/`windowHeight` scale mouse
    // coordinates when the two differ (high-density outputs).
    void setSizes(int windowWidth, int windowHeight, int outputWidth, int outputHeight);
    void setRotation(Rotation rotation) { rotation_ = rotation; }
    std::optional<PointerEvent> translate(const SDL_Event& event, TimeMs now);

private:
    PointerEvent at(PointerEvent::Kind kind, float outputX, float outputY, TimeMs now) const;

    std::optional<SDL_FingerID> finger_;
    Rotation rotation_ = Rotation::None;
    float windowW_ = 1, windowH_ = 1, outputW_ = 1, outputH_ = 1;
};

}  // namespace cowork::platform
