#include "platform/touch_input.hpp"

#include <cmath>

namespace cowork::platform {

TouchInput::TouchInput(TouchSettings settings) : settings_(settings) {}

void TouchInput::feed(const PointerEvent& event) { queue_.push_back(event); }

bool TouchInput::wantsFrames() const {
    return !queue_.empty() || pressed_ || glideVelocity_ != 0 || !releaseShown_;
}

void TouchInput::applyMove(const PointerEvent& event, PointerFrame& frame) {
    const float dy = event.y - y_;
    x_ = event.x;
    y_ = event.y;
    if (!pressed_) return;
    if (!dragging_ && std::hypot(x_ - pressX_, y_ - pressY_) > settings_.dragThresholdPx) {
        dragging_ = true;
        frame.cancelPress = true;
        frame.scrollY -= (y_ - pressY_);  // catch up with the distance already travelled
    } else if (dragging_) {
        frame.scrollY -= dy;
    }
    samples_.push_back({event.y, event.at});
    while (samples_.size() > 2 && event.at - samples_.front().at > settings_.velocityWindowMs) samples_.pop_front();
}

void TouchInput::startGlide(TimeMs at) {
    glideVelocity_ = 0;
    if (samples_.size() < 2) return;
    const Sample& first = samples_.front();
    const Sample& last = samples_.back();
    const double seconds = static_cast<double>(last.at - first.at) / 1000.0;
    // A finger that stopped before lifting does not fling.
    if (seconds <= 0 || at - last.at > settings_.velocityWindowMs) return;
    const double velocity = -(last.y - first.y) / seconds;
    if (std::abs(velocity) >= settings_.inertiaStopPxPerS) {
        glideVelocity_ = velocity;
        glideLastAt_ = at;
    }
}

float TouchInput::glideStep(TimeMs now) {
    if (glideVelocity_ == 0 || now <= glideLastAt_) return 0;
    const double dt = static_cast<double>(now - glideLastAt_) / 1000.0;
    const double decay = std::exp(-dt / settings_.inertiaTimeConstantS);
    // Distance covered while the velocity decays from v to v·decay.
    const double distance = glideVelocity_ * settings_.inertiaTimeConstantS * (1 - decay);
    glideVelocity_ *= decay;
    glideLastAt_ = now;
    if (std::abs(glideVelocity_) < settings_.inertiaStopPxPerS) glideVelocity_ = 0;
    return static_cast<float>(distance);
}

PointerFrame TouchInput::nextFrame(TimeMs now) {
    PointerFrame frame;
    frame.cancelPress = false;
    frame.scrollY = glideStep(now);
    const bool wasPressed = pressed_;
    bool sawRelease = false;
    while (!queue_.empty()) {
        const PointerEvent event = queue_.front();
        const bool changesPress = (event.kind == PointerEvent::Kind::Down && !pressed_) ||
                                  (event.kind == PointerEvent::Kind::Up && pressed_);
        // One change of the pressed state per frame: ImGui must see the press
        // and the release in different frames.
        if (changesPress && pressed_ != wasPressed) break;
        queue_.pop_front();
        if (event.kind == PointerEvent::Kind::Move) {
            applyMove(event, frame);
        } else if (event.kind == PointerEvent::Kind::Down && !pressed_) {
            pressed_ = true;
            dragging_ = false;
            glideVelocity_ = 0;  // a touch stops a glide
            frame.scrollY = 0;
            x_ = pressX_ = event.x;
            y_ = pressY_ = event.y;
            pressAt_ = event.at;
            samples_.assign(1, Sample{event.y, event.at});
            releaseShown_ = false;
        } else if (event.kind == PointerEvent::Kind::Up && pressed_) {
            applyMove({PointerEvent::Kind::Move, event.x, event.y, event.at}, frame);
            pressed_ = false;
            sawRelease = true;
            if (dragging_) startGlide(event.at);
            dragging_ = false;
        }
    }
    frame.down = pressed_;
    frame.heldMs = pressed_ ? now - pressAt_ : 0;
    frame.x = x_;
    frame.y = y_;
    if (pressed_ || sawRelease) {
        frame.present = true;
    } else {
        // The frame after a release: the pointer leaves, so no hover lingers.
        frame.present = false;
        releaseShown_ = true;
    }
    return frame;
}

}  // namespace cowork::platform
