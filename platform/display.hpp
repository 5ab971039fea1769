#pragma once
// The SDL window and renderer. Video only: initialising the joystick or
// game-controller subsystems would force SDL to poll every millisecond.
#include <SDL.h>

#include <string>

#include "platform/rotation.hpp"

namespace cowork::platform {

struct DisplayOptions {
    bool fullscreen = true;
    int width = 800;  // windowed size; fullscreen takes the screen's
    int height = 480;
    bool softwareRenderer = false;  // tests and screenshots: same pixels everywhere (also chosen without a GPU)
    int screen = 0;                  // which display, when there are several
    bool hidden = false;            // tests: no window shown
    Rotation rotation = Rotation::None;  // the picture's turn on the panel (no compositor turns it under KMSDRM)
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
    void outputSize(int& width, int& height) const;  // the panel's pixels
    // The UI's size: the output's, swapped when the picture is turned a quarter.
    void logicalSize(int& width, int& height) const;
    Rotation rotation() const { return rotation_; }
    // Around the drawing of a frame, before SDL_RenderPresent. Turned, the UI
    // draws into a texture of its own size, which finishFrame() turns onto the
    // panel; unturned, both do nothing and the UI draws on the panel directly.
    void beginFrame();
    void finishFrame();
    // Tests: the texture exists only for a turned picture (it costs memory).
    bool hasTurnedTexture() const { return turned_ != nullptr; }
    void windowSize(int& width, int& height) const;
    // Keep the panel on while the kiosk runs; the shop's hours decide, not a
    // screensaver (SDL disables it by default; said explicitly here).
    void keepScreenOn(bool on) const;

private:
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    Rotation rotation_ = Rotation::None;
    SDL_Texture* turned_ = nullptr;  // the UI's picture before it is turned; only when turned
    FrameSize turnedSize_;
};

}  // namespace cowork::platform
