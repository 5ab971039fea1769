#pragma once
// Runs the kiosk on an SDL display: ImGui with the SDL_Renderer backend, the
// touch layer, and the idle loop that draws only when something changed.
//
// A frame is drawn on input (plus a few settle frames: ImGui sizes popups and
// fixes layouts a frame late), on a data change (wake event from background
// work), on the minute tick and on the app's timers; otherwise the loop sleeps.
#include <memory>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/kiosk_app.hpp"
#include "platform/display.hpp"
#include "platform/event_wait.hpp"
#include "platform/panel_power.hpp"
#include "platform/pointer_events.hpp"
#include "platform/service_watchdog.hpp"
#include "platform/touch_input.hpp"
#include "platform/wake_event.hpp"
#include "ui/fonts.hpp"
#include "ui/touch_bridge.hpp"

struct ImGuiContext;

namespace cowork::kiosk {

struct RunnerOptions {
    platform::DisplayOptions display;
    float scale = 1.0f;  // from the device's configuration, not SDL's DPI
    ui::FontFiles fonts;
    int pollStepMs = 100;  // drivers that cannot wait: how often to look for events when idle
    std::string backlightRoot = "/sys/class/backlight";
};

struct LoopStats {
    long long frames = 0;
    long long wakeUps = 0;  // returns from waiting
};

class KioskRunner {
public:
    // `monotonic` times touches, frames and waits: never the wall clock, which
    // a correction may move by an hour.
    KioskRunner(KioskApp& app, const RunnerOptions& options, Clock monotonic);
    ~KioskRunner();
    KioskRunner(const KioskRunner&) = delete;
    KioskRunner& operator=(const KioskRunner&) = delete;

    // The idle loop, until the window is closed or quit() is called.
    void run();
    void quit() { quit_ = true; }
    // Tests: handle the events queued so far, run the timers, draw one frame.
    void step();
    // Draws a frame and writes it as PNG; false on failure.
    bool screenshot(const std::string& pngPath);
    // Draws a frame and reads it as the panel shows it (RGBA rows); false on failure.
    bool capture(std::vector<unsigned char>& rgba, int& width, int& height);

    platform::Display& display() { return *display_; }
    const platform::WakeEvent& wakeEvent() const { return *wake_; }
    const LoopStats& stats() const { return stats_; }
    const platform::PanelPower& panel() const { return panel_; }
    const platform::ServiceWatchdog& watchdog() const { return watchdog_; }
    long long eventLooks() const { return waiter_->looks(); }
    const ui::Fonts& fonts() const { return fonts_; }

private:
    bool handle(const SDL_Event& event);  // true when the event needs a frame
    bool drainEvents();
    void drawFrame(bool present);
    int waitBudgetMs() const;
    void paceFrame() const;
    void updatePanel();

    KioskApp& app_;
    Clock clock_;  // monotonic
    std::unique_ptr<platform::Display> display_;
    std::unique_ptr<platform::WakeEvent> wake_;
    std::unique_ptr<platform::EventWaiter> waiter_;
    ImGuiContext* imgui_ = nullptr;
    ui::FontSet fontSet_;
    ui::Fonts fonts_;
    platform::TouchInput touch_;
    platform::PointerTranslator pointers_;
    ui::TouchBridge bridge_;
    platform::PanelPower panel_;
    platform::ServiceWatchdog watchdog_;
    bool wakingTouch_ = false;  // the touch that woke the panel, not meant for a button
    long long heldMs_ = 0;
    int settleFrames_ = 0;
    TimeMs lastFrameAt_ = 0;
    Uint64 frameStartTicks_ = 0;  // SDL ticks: real time, whatever the app's clock
    bool quit_ = false;
    LoopStats stats_;
};

}  // namespace cowork::kiosk
