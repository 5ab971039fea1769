// KioskApp: the text being typed on the on-screen keyboard and keypads. The
// text lives here, in the UI state, never in an ImGui widget.
#include "app/kiosk_app.hpp"
#include "app/pin_guard.hpp"
#include "domain/member_code.hpp"
#include "events/entity_codec.hpp"
#include "ui/keyboards.hpp"

namespace cowork::kiosk {
namespace {

bool isPinScreen(Screen screen) { return screen == Screen::ShopkeeperPin || screen == Screen::PinChange; }

// Where a whole member code is taken as soon as it is typed.
bool isMemberCodeScreen(Screen screen) {
    return screen == Screen::CheckInCode || screen == Screen::CheckOutCode || screen == Screen::AnimationStart ||
           screen == Screen::AnimationEnd;
}

bool isCodeScreen(Screen screen) { return isMemberCodeScreen(screen) || isPinScreen(screen); }

}  // namespace

std::string* KioskApp::editedText() {
    switch (ui_.screen) {
    case Screen::CheckInCode:
    case Screen::CheckOutCode:
    case Screen::AnimationStart:
    case Screen::AnimationEnd:
    case Screen::ShopkeeperPin:
    case Screen::PinChange: return &ui_.codeEntry;
    case Screen::SignUp:
        if (ui_.signUp.step == SignUpStep::FirstName) return &ui_.signUp.firstName;
        if (ui_.signUp.step == SignUpStep::Reach) return &ui_.signUp.reach;
        return nullptr;
    case Screen::ContactMessage: return ui_.contact.editingName ? &ui_.contact.name : &ui_.contact.text;
    case Screen::FirstStart: return ui_.enrollment.editingCode ? &ui_.enrollment.code : &ui_.enrollment.hubAddress;
    default: return nullptr;
    }
}

std::size_t KioskApp::maxLength() const {
    if (isPinScreen(ui_.screen)) return kMaxPinLength;
    if (isCodeScreen(ui_.screen)) return kMemberCodeLength;
    if (ui_.screen == Screen::ContactMessage && !ui_.contact.editingName) return kMaxMessageLength;
    return kMaxNameLength;
}

void KioskApp::type(const std::string& text) {
    std::string* target = editedText();
    if (!target || target->size() + text.size() > maxLength()) return;
    *target += text;
    ui_.errorKey.clear();
    // Capitals are one-shot, and names start again with one after a space or dash.
    const bool nameField = ui_.screen == Screen::SignUp && ui_.signUp.step == SignUpStep::FirstName;
    ui_.shift = nameField && (text == " " || text == "-");
    if (isMemberCodeScreen(ui_.screen) && target->size() == kMemberCodeLength) submitMemberCode();
}

void KioskApp::erase() {
    if (std::string* target = editedText()) {
        *target = ui::withoutLastCodePoint(*target);
        ui_.errorKey.clear();
        if (ui_.screen == Screen::SignUp && ui_.signUp.step == SignUpStep::FirstName && target->empty()) ui_.shift = true;
    }
}

}  // namespace cowork::kiosk
