#pragma once
// The touch input layer between SDL and ImGui. Debian's ImGui 1.86 backend reads
// the mouse state itself and mishandles quick taps, so the kiosk turns pointer
// events into one "pointer frame" per rendered frame:
//   - a press is latched for one frame even if the release arrived with it, so
//     a quick tap always reaches ImGui as down-then-up (ImGui #2074, #1470);
//   - the release position is held for the release frame, so the button under
//     the finger sees the click; the frame after, the pointer leaves the screen
//     (nothing on a touch screen may depend on hover);
//   - a move past a few pixels turns the press into a drag: the press is
//     cancelled and the content scrolls with the finger, then glides on with a
//     decaying velocity.
// Pure logic with times from the caller: tests drive it without SDL.
#include <cstdint>
#include <deque>

namespace cowork::platform {

using TimeMs = std::int64_t;

struct PointerEvent {
    enum class Kind { Down, Move, Up };
    Kind kind = Kind::Down;
    float x = 0;
    float y = 0;
    TimeMs at = 0;
};

struct PointerFrame {
    bool present = false;  // false: the pointer is off-screen for ImGui
    float x = 0;
    float y = 0;
    bool down = false;
    bool cancelPress = true;  // a drag started this frame: drop the pending press
    float scrollY = 0;        // pixels to scroll the content under the finger (positive: content moves up)
    TimeMs heldMs = 0;        // how long the current press has lasted (long presses)
};

struct TouchSettings {
    float dragThresholdPx = 12;    // below this a finger's wobble is still a tap
    double inertiaTimeConstantS = 0.35;  // velocity decays by e every this long
    double inertiaStopPxPerS = 25;  // slower than this, the glide stops
    TimeMs velocityWindowMs = 100;  // the fling velocity is measured over the last moves
};

class TouchInput {
public:
    explicit TouchInput(TouchSettings settings = {});

    void feed(const PointerEvent& event);
    // The state ImGui should see in the frame drawn at `now`. Consumes queued
    // events up to (not past) the first change of the pressed state.
    PointerFrame nextFrame(TimeMs now);
    // True while more frames are needed without new input: events queued, a
    // press held (long-press timing), a glide running, or a release to finish.
    bool wantsFrames() const;
    bool pressed() const { return pressed_; }
    bool dragging() const { return dragging_; }

private:
    void applyMove(const PointerEvent& event, PointerFrame& frame);
    void startGlide(TimeMs at);
    float glideStep(TimeMs now);

    TouchSettings settings_;
    std::deque<PointerEvent> queue_;
    bool pressed_ = false;
    bool dragging_ = false;
    bool releaseShown_ = true;  // the frame after a release has hidden the pointer
    float x_ = 0;
    float y_ = 0;
    float pressX_ = 0;
    float pressY_ = 0;
    TimeMs pressAt_ = 0;
    // Recent finger positions, for the fling velocity.
    struct Sample { float y; TimeMs at; };
    std::deque<Sample> samples_;
    double glideVelocity_ = 0;  // px/s, positive scrolls content up
    TimeMs glideLastAt_ = 0;
};

}  // namespace cowork::platform
