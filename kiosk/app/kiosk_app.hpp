#pragma once
// The kiosk application: the UI state, the view read from the store, and the
// rules that turn intents into UI changes and recorded actions. It draws through
// ImGui but owns no window: the runner (runner.hpp) drives its frames.
#include <functional>
#include <optional>
#include <string>

#include "app/clock.hpp"
#include "app/intents.hpp"
#include "app/kiosk_actions.hpp"
#include "app/kiosk_view.hpp"
#include "app/ui_state.hpp"
#include "i18n/catalog.hpp"
#include "store/store.hpp"
#include "ui/fonts.hpp"

namespace cowork::kiosk {

constexpr TimeMs kInactivityMs = 60'000;  // any flow returns Home, nothing half-entered kept
constexpr TimeMs kDoneScreenMs = 10'000;  // confirmations leave by themselves

class KioskApp {
public:
    // `clock` dates (the hub-corrected wall clock); `monotonic` times the screens.
    KioskApp(Store& store, Catalog catalog, Clock clock, Clock monotonic);

    // Builds this frame's screen (between ImGui::NewFrame and ImGui::Render) and
    // applies what the person asked for.
    void drawFrame(const ui::Fonts& fonts, long long pointerHeldMs);
    // A touch happened: the inactivity timer starts again.
    void noteInput();
    // Timers (minute tick with the closing-time sweep, inactivity, done
    // screens). True when the screen must be redrawn.
    bool tick();
    // How long until tick() next has something to do.
    TimeMs msUntilNextTimer() const;
    // How long since the last touch (or since Home was last shown).
    TimeMs msSinceInput() const { return monotonic_() - ui_.lastInputAt; }
    // Data changed outside the UI (sync worker): re-read the store.
    void reload();
    // Called after every write made here (the sync worker syncs soon).
    void onLocalChange(std::function<void()> hook) { localChange_ = std::move(hook); }

    void apply(const Intent& intent);
    const UiState& ui() const { return ui_; }
    const KioskView& view() const { return view_; }
    const Catalog& catalog() const { return catalog_; }
    Store& store() { return store_; }
    TimeMs now() const { return clock_(); }

private:
    void resetToHome(bool newPerson);
    void go(Screen screen);
    void changed();  // the store was written: re-read it
    std::string* editedText();
    std::size_t maxLength() const;
    void type(const std::string& text);
    void erase();
    void submitMemberCode();
    void submitAnimatorCode();
    std::optional<Member> recognisedMember(const std::string& code);
    void startProvisionalCheckIn(const std::string& code);
    void signUpNext();
    void signUpBack();
    void createMember();
    void pickPlace(const std::string& placeId);
    void checkOutPlace(const std::string& placeId);
    void submitPin();
    void submitNewPin(const std::string& typed);
    void startPinChange(bool afterEnrollment);
    void sendMessage();
    void saveEnrollment();
    void showDone(Screen screen, std::string detail);
    std::optional<KioskActions> actions();

    Store& store_;
    Catalog catalog_;
    Clock clock_;
    Clock monotonic_;
    UiState ui_;
    KioskView view_;
    TimeMs lastMinute_ = 0;
    std::function<void()> localChange_;
};

}  // namespace cowork::kiosk
