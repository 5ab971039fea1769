#include "app/runner.hpp"
#include "app/update_restart.hpp"
#include "platform/executable_replaced.hpp"

#include <imgui.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <spdlog/spdlog.h>
#include <malloc.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

#include "app/panel_policy.hpp"
#include "platform/process_clock.hpp"
#include "ui/theme.hpp"

namespace cowork::kiosk {
namespace {

constexpr int kSettleFrames = 3;      // ImGui settles layouts and popups a frame or two late
constexpr int kHeldFrameMs = 100;     // a finger resting: redraw for long presses, not at 60 Hz
constexpr int kAnimationFrameMs = 16; // a glide or a queued tap

}  // namespace

KioskRunner::KioskRunner(KioskApp& app, const RunnerOptions& options, Clock clock)
    : app_(app), clock_(std::move(clock)), panel_(options.backlightRoot) {
    display_ = std::make_unique<platform::Display>(options.display);
    display_->keepScreenOn(true);
    pointers_.setRotation(options.display.rotation);
    wake_ = std::make_unique<platform::WakeEvent>();
    const bool canWait = platform::videoDriverCanWait(display_->videoDriver());
    waiter_ = std::make_unique<platform::EventWaiter>(canWait, options.pollStepMs);
    spdlog::info("attente des événements : {}",
                 canWait ? "dans SDL" : "par pas de " + std::to_string(options.pollStepMs) + " ms au repos, 10 ms après un toucher");

    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to remember between runs
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames forever
    io.BackendPlatformName = "cowork_touch";
    ui::setScale(options.scale);
    ui::applyTheme(ImGui::GetStyle(), options.scale);
    fonts_ = fontSet_.load(io, options.fonts, options.scale, app_.catalog().allTexts());
    ImGui_ImplSDLRenderer_Init(display_->renderer());
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    // SDL's software renderer truncates texture coordinates to texels: centred ones read the right rows.
    if (display_->rendererName() == "software") ui::centreGlyphsOnTexels(*io.Fonts);
    spdlog::info("atlas des polices : {}x{} pixels", io.Fonts->TexWidth, io.Fonts->TexHeight);
    // The renderer holds the texture now: neither the CPU copy nor the TTF files
    // the atlas was built from (about 2 MB, read into memory) are needed any more.
    io.Fonts->ClearTexData();
    io.Fonts->ClearInputData();
    // Give back the free heap pages start-up leaves behind (network file, catalogues, atlas build).
    malloc_trim(0);
    lastFrameAt_ = clock_();
}

KioskRunner::~KioskRunner() {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext(imgui_);
}

bool KioskRunner::handle(const SDL_Event& event) {
    if (event.type == SDL_QUIT) {
        quit_ = true;
        return false;
    }
    if (wake_->matches(event)) {
        app_.reload();
        return true;
    }
    if (event.type == SDL_WINDOWEVENT) return true;  // exposed, resized: redraw
    if (const auto pointer = pointers_.translate(event, clock_())) {
        app_.noteInput();
        // A touch on a dark panel only wakes it: nobody aims at buttons they
        // cannot see. Its events are dropped up to the finger's release.
        if (!panel_.isOn() && pointer->kind == platform::PointerEvent::Kind::Down) {
            wakingTouch_ = true;
            updatePanel();
        }
        if (wakingTouch_) {
            if (pointer->kind == platform::PointerEvent::Kind::Up) wakingTouch_ = false;
            return true;
        }
        touch_.feed(*pointer);
        return true;
    }
    return false;
}

bool KioskRunner::drainEvents() {
    int ww = 0, wh = 0, ow = 0, oh = 0;
    display_->windowSize(ww, wh);
    display_->outputSize(ow, oh);
    pointers_.setSizes(ww, wh, ow, oh);
    bool needFrame = false;
    SDL_Event event;
    while (SDL_PollEvent(&event) == 1) needFrame = handle(event) || needFrame;
    return needFrame;
}

void KioskRunner::drawFrame(bool present) {
    frameStartTicks_ = SDL_GetTicks64();
    const TimeMs now = clock_();
    ImGuiIO& io = ImGui::GetIO();
    int w = 0, h = 0;
    display_->logicalSize(w, h);
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DeltaTime = std::max(0.001f, static_cast<float>(now - lastFrameAt_) / 1000.0f);
    lastFrameAt_ = now;

    const platform::PointerFrame pointer = touch_.nextFrame(now);
    heldMs_ = pointer.heldMs;
    bridge_.beforeNewFrame(pointer);
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    bridge_.afterNewFrame(pointer);
    app_.drawFrame(fonts_, heldMs_);
    ImGui::Render();

    SDL_Renderer* renderer = display_->renderer();
    display_->beginFrame();
    SDL_SetRenderDrawColor(renderer, 247, 245, 237, 255);
    SDL_RenderClear(renderer);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    display_->finishFrame();
    if (present) SDL_RenderPresent(renderer);
    ++stats_.frames;
}

void KioskRunner::paceFrame() const {
    // Without vsync (the software renderer) the settle frames would follow each
    // other at once, three per mouse move: keep frames 16 ms apart, start to
    // start, so a drag costs 60 frames a second. With vsync this never sleeps.
    const Uint64 since = SDL_GetTicks64() - frameStartTicks_;
    if (since < kAnimationFrameMs) SDL_Delay(static_cast<Uint32>(kAnimationFrameMs - since));
}

int KioskRunner::waitBudgetMs() const {
    if (touch_.wantsFrames()) return touch_.pressed() && !touch_.dragging() ? kHeldFrameMs : kAnimationFrameMs;
    const int budget = static_cast<int>(std::clamp<TimeMs>(app_.msUntilNextTimer(), 1, 60'000));
    // Under systemd's watchdog the loop wakes in time to say it is alive.
    const int watchdogDue = watchdog_.msUntilDue();
    return watchdogDue < 0 ? budget : std::clamp(watchdogDue, 1, budget);
}

void KioskRunner::run() {
    drawFrame(true);
    // Cold start as a person sees it; the benchmark (bench/kiosk) reads this line.
    spdlog::info("première image affichée {} ms après le lancement du processus", platform::msSinceProcessStart());
    watchdog_.ready();
    while (!quit_) {
        watchdog_.alive();
        if (settleFrames_ > 0) paceFrame();
        const bool input = drainEvents();
        const bool timers = app_.tick();
        updatePanel();
        // Input needs ImGui's settle frames; a timer (the clock's minute) one frame.
        if (input) settleFrames_ = kSettleFrames;
        if (timers) settleFrames_ = std::max(settleFrames_, 1);
        if (timers && shouldRestartIntoUpdate(platform::executableReplaced(), app_.view(), app_.msSinceInput())) {
            spdlog::info("nouvelle version installée et lieu fermé : fin, systemd relance la nouvelle version");
            break;
        }
        if (settleFrames_ > 0) {
            drawFrame(true);
            --settleFrames_;
            continue;
        }
        // Nothing to draw: sleep until an event, a timer, or the touch layer's
        // next animation step (a glide, a long press being timed).
        SDL_Event event;
        const bool got = waiter_->wait(event, waitBudgetMs());
        ++stats_.wakeUps;
        if (got && handle(event)) settleFrames_ = kSettleFrames;
        if (touch_.wantsFrames()) settleFrames_ = std::max(settleFrames_, 1);
    }
    // What the idle loop cost: the benchmark divides CPU time by these.
    spdlog::info("fin : {} images, {} réveils, {} lectures d'événements", stats_.frames, stats_.wakeUps, eventLooks());
}

void KioskRunner::updatePanel() { panel_.set(panelShouldBeOn(app_.view(), app_.now(), app_.msSinceInput())); }

void KioskRunner::step() {
    drainEvents();
    app_.tick();
    updatePanel();
    drawFrame(true);
}

bool KioskRunner::capture(std::vector<unsigned char>& rgba, int& width, int& height) {
    drainEvents();
    app_.tick();
    drawFrame(false);
    // What the panel shows: turned, if the picture is.
    display_->outputSize(width, height);
    rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
    const bool read = SDL_RenderReadPixels(display_->renderer(), nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(), width * 4) == 0;
    if (!read) spdlog::error("lecture de l'image impossible : {}", SDL_GetError());
    SDL_RenderPresent(display_->renderer());
    return read;
}

bool KioskRunner::screenshot(const std::string& pngPath) {
    std::vector<unsigned char> pixels;
    int w = 0, h = 0;
    if (!capture(pixels, w, h)) return false;
    return stbi_write_png(pngPath.c_str(), w, h, 4, pixels.data(), w * 4) != 0;
}

}  // namespace cowork::kiosk
