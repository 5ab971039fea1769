#include "platform/wake_event.hpp"

#include <stdexcept>

namespace cowork::platform {

WakeEvent::WakeEvent() : type_(SDL_RegisterEvents(1)) {
    if (type_ == static_cast<Uint32>(-1)) throw std::runtime_error("SDL_RegisterEvents a échoué");
}

void WakeEvent::push() const {
    SDL_Event event{};
    event.type = type_;
    SDL_PushEvent(&event);
}

}  // namespace cowork::platform
