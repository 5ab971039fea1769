#include "platform/display.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace cowork::platform {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + " : " + SDL_GetError()); }

// A GPU shows as a DRM render node. Without one, Mesa draws GL in software with
// llvmpipe, which maps LLVM: about 50 MB of memory for pixels SDL's own
// software renderer draws with a few (bench/kiosk/README.md).
bool hasRenderNode() {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", error)) {
        if (entry.path().filename().string().starts_with("renderD")) return true;
    }
    return false;
}

}  // namespace

Display::Display(const DisplayOptions& options) : rotation_(options.rotation) {
    // The 1.86 backend's mouse capture swallows touch events and, on X11, the
    // touch-up can go missing while auto-capture is on (SDL #9709).
    SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // SDL_RENDER_DRIVER in the environment still decides (opengl: Mesa regardless).
    const bool software = options.softwareRenderer || (!hasRenderNode() && !std::getenv("SDL_RENDER_DRIVER"));
    if (software) SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) fail("initialisation vidéo SDL impossible");
    // On x11 SDL shows a software window through a GL texture, loading Mesa
    // after all; XShm puts the pixels on screen directly. (Not on kmsdrm: it has
    // no direct way, and the software renderer would fail.)
    if (software && videoDriver() == "x11") SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (software && !options.softwareRenderer) spdlog::info("pas de GPU (/dev/dri/renderD*) : rendu logiciel SDL");

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (options.hidden) flags |= SDL_WINDOW_HIDDEN;
    const int screen = options.screen < SDL_GetNumVideoDisplays() ? options.screen : 0;
    if (screen != options.screen) spdlog::warn("écran {} absent : affichage sur le premier", options.screen);
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED_DISPLAY(screen), SDL_WINDOWPOS_CENTERED_DISPLAY(screen), options.width,
                               options.height, flags);
    if (!window_) fail("fenêtre SDL impossible");
    // A touch screen shows no arrow; a development window keeps it.
    if (options.fullscreen) SDL_ShowCursor(SDL_DISABLE);
    const Uint32 rendererFlags = software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    renderer_ = SDL_CreateRenderer(window_, -1, rendererFlags | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer_) fail("rendu SDL impossible");
    int w = 0, h = 0;
    outputSize(w, h);
    // On a Pi without a KMS-enabled SDL, Mesa silently falls back to software:
    // say which renderer runs.
    spdlog::info("vidéo : pilote {}, rendu {}, {}x{}", videoDriver(), rendererName(), w, h);
    if (rotation_ != Rotation::None) {
        int lw = 0, lh = 0;
        logicalSize(lw, lh);
        spdlog::info("image tournée de {}° : interface en {}x{}", degreesOf(rotation_), lw, lh);
    }
}

Display::~Display() {
    if (turned_) SDL_DestroyTexture(turned_);
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

std::string Display::rendererName() const {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer_, &info) != 0 || !info.name) return "inconnu";
    return info.name;
}

std::string Display::videoDriver() const {
    const char* name = SDL_GetCurrentVideoDriver();
    return name ? name : "inconnu";
}

void Display::outputSize(int& width, int& height) const { SDL_GetRendererOutputSize(renderer_, &width, &height); }

void Display::logicalSize(int& width, int& height) const {
    int w = 0, h = 0;
    outputSize(w, h);
    const FrameSize size = platform::logicalSize({w, h}, rotation_);
    width = size.width;
    height = size.height;
}

void Display::beginFrame() {
    if (rotation_ == Rotation::None) return;
    FrameSize size;
    logicalSize(size.width, size.height);
    // Made again when the output changes size (a window resized, another mode).
    if (turned_ && (size.width != turnedSize_.width || size.height != turnedSize_.height)) {
        SDL_DestroyTexture(turned_);
        turned_ = nullptr;
    }
    if (!turned_) {
        // Opaque: SDL's software renderer copies an opaque texture in one blit,
        // one with alpha through a mask, which made a frame 5 ms longer still.
        turned_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, size.width, size.height);
        if (!turned_) fail("texture de l’image tournée impossible");
        // Copied over the panel as it is, not blended with what was there.
        SDL_SetTextureBlendMode(turned_, SDL_BLENDMODE_NONE);
        turnedSize_ = size;
    }
    if (SDL_SetRenderTarget(renderer_, turned_) != 0) fail("dessin dans l’image tournée impossible");
}

void Display::finishFrame() {
    if (rotation_ == Rotation::None || !turned_) return;
    SDL_SetRenderTarget(renderer_, nullptr);
    int w = 0, h = 0;
    outputSize(w, h);
    // Turned a quarter about its centre, the picture's rectangle covers the
    // panel exactly but for a line of pixels when width and height differ by an
    // odd number: only then is the panel cleared first (a clear costs time).
    if (turnedSize_.width != w && (w - h) % 2 != 0) {
        SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
        SDL_RenderClear(renderer_);
    }
    const SDL_Rect target{(w - turnedSize_.width) / 2, (h - turnedSize_.height) / 2, turnedSize_.width, turnedSize_.height};
    SDL_RenderCopyEx(renderer_, turned_, nullptr, &target, degreesOf(rotation_), nullptr, SDL_FLIP_NONE);
}

void Display::windowSize(int& width, int& height) const { SDL_GetWindowSize(window_, &width, &height); }

void Display::keepScreenOn(bool on) const {
    if (on) {
        SDL_DisableScreenSaver();
    } else {
        SDL_EnableScreenSaver();
    }
}

}  // namespace cowork::platform
