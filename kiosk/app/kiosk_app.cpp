#include "app/kiosk_app.hpp"

#include "sync/kiosk_privacy.hpp"
#include "sync/kiosk_sync_store.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "events/overloaded.hpp"
#include "screens/screens.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
KioskApp::KioskApp(Store& store, Catalog catalog, Clock clock, Clock monotonic)
    : store_(store), catalog_(std::move(catalog)), clock_(std::move(clock)), monotonic_(std::move(monotonic)) {
    const TimeMs now = clock_();
    lastMinute_ = now / kMinuteMs;
    // A kiosk left offline keeps no link longer than the period; a full pass
    // for forgotten members too, for a file written before the rule existed.
    applyPrivacyRules(store_, now, true);
    if (auto a = actions()) a->closeAtClosing(now);
    view_ = loadKioskView(store_, now);
    resetToHome(true);
}

std::optional<KioskActions> KioskApp::actions() {
    if (!view_.configured) {
        const auto siteId = store_.meta(meta::kSiteId);
        if (!siteId) return std::nullopt;
        return KioskActions(store_, *siteId);
    }
    return KioskActions(store_, view_.site.id);
}

void KioskApp::reload() {
    const bool wasConfigured = view_.configured;
    view_ = loadKioskView(store_, clock_());
    // Enrolled while the first-start screen was up: show the site at once. The
    // installer who typed the code here, and touched the screen within the
    // last minute, chooses the shopkeeper's PIN first; nobody else may.
    if (!wasConfigured && view_.configured && ui_.screen == Screen::FirstStart) {
        const bool installerHere = ui_.enrollmentTypedHere && msSinceInput() < kInactivityMs;
        resetToHome(true);
        if (installerHere && !view_.pinSet) startPinChange(true);
    }
}

void KioskApp::changed() {
    reload();
    if (localChange_) localChange_();
}

void KioskApp::noteInput() { ui_.lastInputAt = monotonic_(); }

void KioskApp::resetToHome(bool newPerson) {
    const Language language = ui_.language;
    ui_ = UiState{};
    ui_.language = newPerson ? Language::French : language;
    ui_.screen = view_.configured ? Screen::Home : Screen::FirstStart;
    ui_.lastInputAt = monotonic_();
}

void KioskApp::go(Screen screen) {
    ui_.screen = screen;
    ui_.codeEntry.clear();
    ui_.errorKey.clear();
    ui_.shift = false;
}

// The minute tick follows the wall clock (opening hours, the date on screen);
// the screens' own timers the monotonic one.
TimeMs KioskApp::msUntilNextTimer() const {
    const TimeMs now = clock_();
    TimeMs until = (now / kMinuteMs + 1) * kMinuteMs - now;
    const TimeMs monotonicNow = monotonic_();
    if (ui_.screen != Screen::Home && ui_.screen != Screen::FirstStart) {
        until = std::min(until, ui_.lastInputAt + kInactivityMs - monotonicNow);
    }
    if (ui_.autoReturnAt != 0) until = std::min(until, ui_.autoReturnAt - monotonicNow);
    return until;
}

bool KioskApp::tick() {
    const TimeMs now = clock_();
    bool redraw = false;
    if (now / kMinuteMs != lastMinute_) {
        lastMinute_ = now / kMinuteMs;
        applyPrivacyRules(store_, now, false);
        if (auto a = actions()) a->closeAtClosing(now);
        reload();
        redraw = true;
    }
    const bool inFlow = ui_.screen != Screen::Home && ui_.screen != Screen::FirstStart;
    // How long a screen stays up is real time: a correction of the wall clock
    // (the hub's offset, NTP) would keep the last person's name on screen for
    // an hour, or cut off someone typing.
    const TimeMs monotonicNow = monotonic_();
    if (inFlow && msSinceInput() >= kInactivityMs) {
        // Someone walked away: drop what they half-entered, for the next person.
        resetToHome(true);
        reload();
        redraw = true;
    } else if (ui_.autoReturnAt != 0 && monotonicNow >= ui_.autoReturnAt) {
        resetToHome(false);
        redraw = true;
    }
    return redraw;
}

void KioskApp::drawFrame(const ui::Fonts& fonts, long long pointerHeldMs) {
    catalog_.setLanguage(ui_.language);
    view_.now = clock_();
    ui::WidgetLog::instance().clear();
    Intent intent;
    {
        ui::ScreenWindow window;
        const ScreenContext ctx{view_, ui_, catalog_, fonts, pointerHeldMs};
        intent = drawScreen(ctx);
    }
    try {
        apply(intent);
    } catch (const std::exception& e) {
        // A write that failed (disk full, damaged file) must not take the
        // counter screen down: say so, and let the person try again.
        spdlog::error("action impossible : {}", e.what());
        ui_.errorKey = "error.not_saved";
        reload();
    }
}

void KioskApp::apply(const Intent& intent) {
    const TimeMs now = clock_();
    std::visit(
        Overloaded{
            [](std::monostate) {},
            [&](const intent::Go& i) { go(i.screen); },
            [&](const intent::Home&) { resetToHome(false); },
            [&](const intent::ToggleLanguage&) {
                ui_.language = ui_.language == Language::French ? Language::English : Language::French;
            },
            [&](const intent::Type& i) { type(i.text); },
            [&](const intent::Erase&) { erase(); },
            [&](const intent::ToggleShift&) { ui_.shift = !ui_.shift; },
            [&](const intent::EditField& i) {
                ui_.contact.editingName = !i.second;
                ui_.enrollment.editingCode = i.second;
            },
            [&](const intent::SubmitMemberCode&) { submitMemberCode(); },
            [&](const intent::StartSignUp&) {
                go(Screen::SignUp);
                ui_.signUp = SignUpDraft{};
                ui_.shift = true;  // a first name starts with a capital
            },
            [&](const intent::StartAnonymous&) {
                go(Screen::PickPlace);
                ui_.checkInMemberId.reset();
                ui_.checkInAnonymous = true;
                ui_.greetingName.clear();
            },
            [&](const intent::SignUpNext&) { signUpNext(); },
            [&](const intent::SignUpBack&) { signUpBack(); },
            [&](const intent::Choose& i) {
                std::string& field = ui_.signUp.step == SignUpStep::Employer ? ui_.signUp.employer : ui_.signUp.commune;
                field = field == i.value ? "" : i.value;
            },
            [&](const intent::ToggleConsent&) { ui_.signUp.consent = !ui_.signUp.consent; },
            [&](const intent::CreateMember&) { createMember(); },
            [&](const intent::PickPlace& i) { pickPlace(i.placeId); },
            [&](const intent::CheckOutPlace& i) { checkOutPlace(i.placeId); },
            [&](const intent::OpenShopkeeper&) { go(Screen::ShopkeeperPin); },
            [&](const intent::SubmitPin&) { submitPin(); },
            [&](const intent::StartPinChange&) { startPinChange(false); },
            [&](const intent::ChooseReason& i) {
                ui_.shopReasonKey = ui_.shopReasonKey == i.reasonKey ? "" : i.reasonKey;
            },
            [&](const intent::SetOverride& i) {
                if (auto a = actions()) {
                    const std::string reason = i.reasonKey.empty() ? "" : catalog_.textIn(Language::French, i.reasonKey);
                    a->setOverride(i.value, reason, now);
                }
                changed();
            },
            [&](const intent::SetPlaceService& i) {
                if (auto a = actions()) a->setPlaceService(i.placeId, i.inService, now);
                changed();
            },
            [&](const intent::ForceCheckOut& i) {
                if (auto a = actions(); a && !i.visitId.empty()) a->checkOutVisit(i.visitId, VisitEnd::ByShopkeeper, now);
                changed();
            },
            [&](const intent::OpenSite& i) {
                go(Screen::SiteDetail);
                ui_.siteDetailId = i.siteId;
            },
            [&](const intent::SendMessage&) { sendMessage(); },
            [&](const intent::SaveEnrollment&) { saveEnrollment(); },
            [&](const intent::RetrySetAside&) {
                requeueSetAside(store_, now);
                changed();  // and the worker syncs soon
            },
        },
        intent);
}

}  // namespace cowork::kiosk
