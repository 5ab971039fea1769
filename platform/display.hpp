#pragma once
// The SDL window and renderer. Video only: initialising the joystick or
// game-controller subsystems would force SDL to poll every millisecond.
#include <SDL.h>

#include <string>

namespace cowork::platform {

struct DisplayOptions {
    bool fullscreen = true;
    int width = 800;  // windowed size; fullscreen takes the screen's
    int height = 480;
    bool softwareRenderer = false;  // tests and screenshots: same pixels everywhere (also chosen without a GPU)
    int screen = 0;                  // which display, when there are several
    bool hidden = false;            // tests: no window shown
    std::string title = "cowork-kiosk";
};

class Display {
public:
    explicit Display(const DisplayOptions& options);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    SDL_Window* window() const { return window_; }
    SDL_Renderer* renderer() const { return renderer_; }
    std::string rendererName() const;
    std::string videoDriver() const;
    void outputSize(int& width, int& height) const;
    void windowSize(int& width, int& height) const;
    // Keep the panel on while the kiosk runs; the shop's hours decide, not a
    // screensaver (SDL disables it by default; said explicitly here).
    void keepScreenOn(bool on) const;

private:
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
};

}  // namespace cowork::platform
