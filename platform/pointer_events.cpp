#include "platform/pointer_events.hpp"

namespace cowork::platform {

void PointerTranslator::setSizes(int windowWidth, int windowHeight, int outputWidth, int outputHeight) {
    windowW_ = static_cast<float>(windowWidth > 0 ? windowWidth : 1);
    windowH_ = static_cast<float>(windowHeight > 0 ? windowHeight : 1);
    outputW_ = static_cast<float>(outputWidth > 0 ? outputWidth : 1);
    outputH_ = static_cast<float>(outputHeight > 0 ? outputHeight : 1);
}

PointerEvent PointerTranslator::at(PointerEvent::Kind kind, float outputX, float outputY, TimeMs now) const {
    const FrameSize panel{static_cast<int>(outputW_), static_cast<int>(outputH_)};
    const FramePoint point = panelToLogical({outputX, outputY}, panel, rotation_);
    return PointerEvent{kind, point.x, point.y, now};
}

std::optional<PointerEvent> PointerTranslator::translate(const SDL_Event& event, TimeMs now) {
    using Kind = PointerEvent::Kind;
    const float mx = outputW_ / windowW_;
    const float my = outputH_ / windowH_;
    switch (event.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT) return std::nullopt;
        return at(event.type == SDL_MOUSEBUTTONDOWN ? Kind::Down : Kind::Up, static_cast<float>(event.button.x) * mx,
                  static_cast<float>(event.button.y) * my, now);
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
        return at(Kind::Move, static_cast<float>(event.motion.x) * mx, static_cast<float>(event.motion.y) * my, now);
    case SDL_FINGERDOWN:
        if (finger_) return std::nullopt;
        finger_ = event.tfinger.fingerId;
        return at(Kind::Down, event.tfinger.x * outputW_, event.tfinger.y * outputH_, now);
    case SDL_FINGERMOTION:
        if (finger_ != event.tfinger.fingerId) return std::nullopt;
        return at(Kind::Move, event.tfinger.x * outputW_, event.tfinger.y * outputH_, now);
    case SDL_FINGERUP:
        if (finger_ != event.tfinger.fingerId) return std::nullopt;
        finger_.reset();
        return at(Kind::Up, event.tfinger.x * outputW_, event.tfinger.y * outputH_, now);
    default:
        return std::nullopt;
    }
}

}  // namespace cowork::platform
