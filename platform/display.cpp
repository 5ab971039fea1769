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

Display::Display(const DisplayOptions& options) {
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
}

Display::~Display() {
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

void Display::windowSize(int& width, int& height) const { SDL_GetWindowSize(window_, &width, &height); }

void Display::keepScreenOn(bool on) const {
    if (on) {
        SDL_DisableScreenSaver();
    } else {
        SDL_EnableScreenSaver();
    }
}

}  // namespace cowork::platform
