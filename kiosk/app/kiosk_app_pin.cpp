// KioskApp: the shopkeeper's PIN, typed to open the shopkeeper screen, chosen
// by the installer right after enrollment, or changed by the shopkeeper who
// types the current one. An enrolled kiosk without a PIN lets nobody choose
// one at the counter: it comes from the hub (the coordinator's reset).
#include "app/kiosk_app.hpp"
#include "app/pin_guard.hpp"

namespace cowork::kiosk {

void KioskApp::startPinChange(bool afterEnrollment) {
    go(Screen::PinChange);
    ui_.pinChange = PinChangeDraft{afterEnrollment ? PinStep::New : PinStep::Current, "", afterEnrollment};
}

void KioskApp::submitPin() {
    const std::string typed = ui_.codeEntry;
    ui_.codeEntry.clear();
    if (ui_.screen == Screen::PinChange && ui_.pinChange.step != PinStep::Current) {
        submitNewPin(typed);
        reload();
        return;
    }
    PinStore pins(store_, view_.site.id);
    PinCheck result = pins.check(typed, clock_());
    if (result == PinCheck::NoPin && view_.demo && ui_.screen == Screen::ShopkeeperPin) {
        // --demo alone: the first PIN typed becomes the PIN, nobody to ask.
        if (!isAcceptablePin(typed)) {
            ui_.errorKey = "pin.too_short";
            return;
        }
        pins.setPin(typed, clock_());
        result = PinCheck::Accepted;
    }
    switch (result) {
    case PinCheck::Accepted:
        if (ui_.screen == Screen::PinChange) {
            ui_.pinChange.step = PinStep::New;
            ui_.errorKey.clear();
        } else {
            go(Screen::Shopkeeper);
        }
        break;
    case PinCheck::Wrong: ui_.errorKey = "pin.wrong"; break;
    case PinCheck::Locked: ui_.errorKey.clear(); break;
    case PinCheck::NoPin: ui_.errorKey = "pin.none_yet"; break;
    }
    reload();
}

// The new PIN, typed twice: a slip in either starts again from the first.
void KioskApp::submitNewPin(const std::string& typed) {
    PinChangeDraft& draft = ui_.pinChange;
    if (draft.step == PinStep::New) {
        if (!isAcceptablePin(typed)) {
            ui_.errorKey = "pin.too_short";
            return;
        }
        draft.chosen = typed;
        draft.step = PinStep::Confirm;
        ui_.errorKey.clear();
        return;
    }
    if (typed != draft.chosen) {
        draft.chosen.clear();
        draft.step = PinStep::New;
        ui_.errorKey = "pin.mismatch";
        return;
    }
    PinStore(store_, view_.site.id).setPin(draft.chosen, clock_());
    const bool afterEnrollment = draft.afterEnrollment;
    ui_.pinChange = PinChangeDraft{};
    if (localChange_) localChange_();
    if (afterEnrollment) {
        resetToHome(true);
    } else {
        go(Screen::Shopkeeper);
    }
}

}  // namespace cowork::kiosk
