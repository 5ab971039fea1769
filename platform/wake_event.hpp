#pragma once
// Background work (the sync worker) wakes the UI thread with an SDL user event:
// SDL_PushEvent is thread-safe, and the idle loop treats it as "data changed".
#include <SDL.h>

namespace cowork::platform {

class WakeEvent {
public:
    WakeEvent();  // registers the event type; SDL must be initialised
    void push() const;  // callable from any thread
    bool matches(const SDL_Event& event) const { return event.type == type_; }

private:
    Uint32 type_;
};

}  // namespace cowork::platform
