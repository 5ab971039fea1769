// The floor for the kiosk benchmark: an SDL window with the kiosk's renderer
// (same platform::Display, so the same hints, driver and renderer) that draws
// one plain frame and then only waits for events. No ImGui, no fonts, no store:
// whatever the kiosk uses beyond this is its own.
//   bare_sdl_window [--windowed WxH] [--software]
#include <SDL.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstring>
#include <exception>

#include "platform/display.hpp"
#include "platform/process_clock.hpp"

namespace {

void draw(SDL_Renderer* renderer) {
    SDL_SetRenderDrawColor(renderer, 247, 245, 237, 255);  // the kiosk's background
    SDL_RenderClear(renderer);
    SDL_RenderPresent(renderer);
}

cowork::platform::DisplayOptions parse(int argc, char** argv) {
    cowork::platform::DisplayOptions options;
    options.title = "bare_sdl_window";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--software") == 0) options.softwareRenderer = true;
        if (std::strcmp(argv[i], "--windowed") == 0 && i + 1 < argc &&
            std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) == 2) {
            options.fullscreen = false;
        }
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        cowork::platform::Display display(parse(argc, argv));
        draw(display.renderer());
        // The same line as the kiosk's, for the same parser in scripts/bench-kiosk.
        spdlog::info("première image affichée {} ms après le lancement du processus",
                     cowork::platform::msSinceProcessStart());
        long long frames = 1;
        long long wakeUps = 0;
        SDL_Event event;
        // SDL_WaitEvent, as a naive app would: on the dummy driver it polls every
        // millisecond, which is what the kiosk's own waiting avoids.
        while (SDL_WaitEvent(&event) == 1) {
            ++wakeUps;
            if (event.type == SDL_QUIT) break;
            if (event.type == SDL_WINDOWEVENT) {
                draw(display.renderer());
                ++frames;
            }
        }
        spdlog::info("fin : {} images, {} réveils", frames, wakeUps);
    } catch (const std::exception& e) {
        spdlog::critical("{}", e.what());
        return 1;
    }
    return 0;
}
