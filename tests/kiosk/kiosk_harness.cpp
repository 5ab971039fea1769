#include "kiosk_harness.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "ui/keyboards.hpp"

namespace cowork::kiosk::testing {
namespace {

constexpr int kSettleFrames = 3;

// Splits UTF-8 text into code points, as the keyboard's keys are.
std::vector<std::string> codePoints(const std::string& text) {
    std::vector<std::string> points;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead >= 0xF0) length = 4;
        else if (lead >= 0xE0) length = 3;
        else if (lead >= 0xC0) length = 2;
        points.push_back(text.substr(i, length));
        i += length;
    }
    return points;
}

}  // namespace

std::string assetsDir() { return COWORK_SOURCE_DIR "/assets"; }

KioskHarness::KioskHarness(HarnessOptions options)
    : clock_(options.start), width_(options.width), height_(options.height), rotation_(options.rotation) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    store_ = std::make_unique<Store>(dir_.file("kiosk.db"));
    Catalog catalog = Catalog::load(assetsDir() + "/i18n");
    if (options.demo) {
        setUpDemoSite(*store_, assetsDir() + "/demo/ccsb-network.json", options.demoSite,
                      catalog.textIn(Language::French, "demo.announcement"), clock_.now());
    }
    app_ = std::make_unique<KioskApp>(*store_, std::move(catalog), clock_.clock(), monotonic_.clock());
    RunnerOptions runnerOptions;
    runnerOptions.display.fullscreen = false;
    runnerOptions.display.hidden = true;
    runnerOptions.display.softwareRenderer = true;
    runnerOptions.display.width = options.width;
    runnerOptions.display.height = options.height;
    runnerOptions.display.rotation = options.rotation;
    runnerOptions.scale = options.scale;
    runnerOptions.backlightRoot = options.backlightRoot.empty() ? dir_.file("no-backlight") : options.backlightRoot;
    runner_ = std::make_unique<KioskRunner>(*app_, runnerOptions, monotonic_.clock());
    frames(2);
}

KioskHarness::~KioskHarness() {
    runner_.reset();
    app_.reset();
    store_.reset();
}

void KioskHarness::frames(int count) {
    for (int i = 0; i < count; ++i) {
        advance(16);
        runner_->step();
    }
}

void KioskHarness::pushFinger(Uint32 type, float x, float y) {
    SDL_Event event{};
    event.type = type;
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = 1;
    event.tfinger.x = x / static_cast<float>(width_);
    event.tfinger.y = y / static_cast<float>(height_);
    event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    event.tfinger.windowID = SDL_GetWindowID(runner_->display().window());
    SDL_PushEvent(&event);
}

void KioskHarness::pushMouseButton(Uint32 type, float x, float y) {
    SDL_Event event{};
    event.type = type;
    event.button.windowID = SDL_GetWindowID(runner_->display().window());
    event.button.which = 0;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.button.clicks = 1;
    event.button.x = static_cast<Sint32>(x);
    event.button.y = static_cast<Sint32>(y);
    SDL_PushEvent(&event);
}

void KioskHarness::tapAt(float x, float y) {
    // Down and up in the same batch, as a quick tap arrives: the touch layer
    // must still show ImGui a press frame then a release frame.
    pushFinger(SDL_FINGERDOWN, x, y);
    pushFinger(SDL_FINGERUP, x, y);
    frames(1 + kSettleFrames);
}

void KioskHarness::clickAt(float x, float y) {
    pushMouseButton(SDL_MOUSEBUTTONDOWN, x, y);
    frames(1);
    pushMouseButton(SDL_MOUSEBUTTONUP, x, y);
    frames(kSettleFrames);
}

void KioskHarness::holdAt(float x, float y, TimeMs ms) {
    pushFinger(SDL_FINGERDOWN, x, y);
    frames(1);
    const TimeMs step = 100;
    for (TimeMs held = 0; held < ms; held += step) {
        advance(step);
        runner_->step();
    }
    pushFinger(SDL_FINGERUP, x, y);
    frames(kSettleFrames);
}

void KioskHarness::drag(float x0, float y0, float x1, float y1, int steps, TimeMs msPerStep) {
    pushFinger(SDL_FINGERDOWN, x0, y0);
    frames(1);
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(steps);
        SDL_Event event{};
        event.type = SDL_FINGERMOTION;
        event.tfinger.touchId = 1;
        event.tfinger.fingerId = 1;
        event.tfinger.x = (x0 + (x1 - x0) * t) / static_cast<float>(width_);
        event.tfinger.y = (y0 + (y1 - y0) * t) / static_cast<float>(height_);
        SDL_PushEvent(&event);
        advance(msPerStep - 16);
        frames(1);
    }
    pushFinger(SDL_FINGERUP, x1, y1);
    frames(1);
}

const ui::WidgetRecord* KioskHarness::widget(const std::string& label) const {
    return ui::WidgetLog::instance().find(label);
}

bool KioskHarness::sees(const std::string& label) const { return widget(label) != nullptr; }

bool KioskHarness::showsText(const std::string& text) const {
    const auto& texts = ui::WidgetLog::instance().texts();
    return std::find(texts.begin(), texts.end(), text) != texts.end();
}

void KioskHarness::tap(const std::string& label) {
    const ui::WidgetRecord* record = widget(label);
    INFO("widget to tap: " << label);
    REQUIRE(record != nullptr);
    const ImVec2 centre = record->center();
    const platform::FramePoint onPanel = platform::logicalToPanel({centre.x, centre.y}, {width_, height_}, rotation_);
    tapAt(onPanel.x, onPanel.y);
}

void KioskHarness::typeOnKeyboard(const std::string& text) {
    for (const std::string& point : codePoints(text)) {
        if (point == " ") {
            tap(app_->catalog().text("keyboard.space"));
            continue;
        }
        // Find the key that types this unshifted; capitals and shared signs need ⇧.
        std::string plain = point;
        for (const char* candidate : {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "q", "s", "d", "f", "g", "h", "j",
                                      "k", "l", "m", "w", "x", "c", "v", "b", "n", "é", "è", "ê", "ë", "à", "â", "ç", "ù",
                                      "û", "ô", "î", "ï", "-", ".", ",", "?"}) {
            if (ui::shiftedOf(candidate) == point) plain = candidate;
        }
        const bool wantShift = plain != point;
        if (wantShift != ui().shift && ui::shiftedOf(plain) != plain) tap("⇧");
        tap(point);
    }
}

void KioskHarness::typeOnKeypad(const std::string& keys) {
    for (const std::string& point : codePoints(keys)) tap(point);
}

}  // namespace cowork::kiosk::testing
