#pragma once
// The UI test harness: the real kiosk (store, app, screens, touch layer, SDL
// renderer) under SDL's dummy video driver with the software renderer. It sends
// synthetic finger and mouse events through SDL's queue, runs real frames, taps
// widgets by their label (recorded during the frame), and lets tests assert on
// application state rather than pixels. The clocks are the test's: the wall
// clock (dates, opening hours) and the monotonic one (screen timers, touch),
// which advance() and frames() move together and a test may move apart.
#include <SDL.h>

#include <memory>
#include <string>

#include "../core/test_support.hpp"
#include "app/clock.hpp"
#include "app/demo_site.hpp"
#include "app/kiosk_app.hpp"
#include "app/runner.hpp"
#include "domain/paris_time.hpp"
#include "platform/rotation.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk::testing {

// Tuesday 1 December 2026, 10:00 in Fleurie: the bakery is open until 13:00.
inline TimeMs tuesdayMorning() { return parisLocalToUtc({2026, 12, 1}, 10 * 60); }

struct HarnessOptions {
    int width = 800;  // the panel's (the window's) size; the UI's is turned with the picture
    int height = 480;
    platform::Rotation rotation = platform::Rotation::None;
    float scale = 1.0f;
    bool demo = true;  // the demo network, kiosk at fleurie-boulangerie
    std::string demoSite = "fleurie-boulangerie";
    TimeMs start = tuesdayMorning();
    std::string backlightRoot;  // a fake sysfs directory; empty: none
};

class KioskHarness {
public:
    explicit KioskHarness(HarnessOptions options = {});
    ~KioskHarness();

    // Real frames: events queued so far are handled, timers run, screens draw.
    void frames(int count = 1);
    // A quick tap (finger down, frame, finger up, settle frames) on the centre of
    // the widget with that visible label, where it shows on the panel. Fails the
    // test if no such widget.
    void tap(const std::string& label);
    // The points below are the panel's (the UI's, unless the picture is turned).
    void tapAt(float x, float y);
    void clickAt(float x, float y);  // the same with the mouse
    // Press and hold at a point for `ms` of the test clock, then release.
    void holdAt(float x, float y, TimeMs ms);
    // A finger drag from one point to another in `steps` moves, `msPerStep` apart.
    void drag(float x0, float y0, float x1, float y1, int steps, TimeMs msPerStep);
    // Types text on the on-screen keyboard, key by key (capitals with ⇧).
    void typeOnKeyboard(const std::string& text);
    // Types on the member-code or PIN keypad.
    void typeOnKeypad(const std::string& keys);

    bool sees(const std::string& label) const;
    // The last frame drew this text (a line, a title, a banner).
    bool showsText(const std::string& text) const;
    // A catalogue text in the current language: what the screen shows.
    std::string text(const std::string& key) const { return app_->catalog().text(key); }
    const ui::WidgetRecord* widget(const std::string& label) const;
    // Time passing: both clocks move.
    void advance(TimeMs ms) {
        clock_.advance(ms);
        monotonic_.advance(ms);
    }

    KioskApp& app() { return *app_; }
    Store& store() { return *store_; }
    KioskRunner& runner() { return *runner_; }
    const UiState& ui() const { return app_->ui(); }
    Screen screen() const { return app_->ui().screen; }
    ManualClock& clock() { return clock_; }  // the wall clock, hub-corrected in the app
    ManualClock& monotonicClock() { return monotonic_; }

private:
    void pushFinger(Uint32 type, float x, float y);
    void pushMouseButton(Uint32 type, float x, float y);

    cowork::testing::TempDir dir_;
    ManualClock clock_;
    ManualClock monotonic_{1'000'000};  // since boot: unrelated to the wall clock
    std::unique_ptr<Store> store_;
    std::unique_ptr<KioskApp> app_;
    std::unique_ptr<KioskRunner> runner_;
    int width_;
    int height_;
    platform::Rotation rotation_;
};

std::string assetsDir();

}  // namespace cowork::kiosk::testing
