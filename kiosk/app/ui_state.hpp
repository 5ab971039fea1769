#pragma once
// What the person at the kiosk is doing: the screen and everything half-entered.
// Nothing here is saved; leaving a flow (or 60 s without a touch) drops it.
#include <optional>
#include <string>

#include "domain/time.hpp"
#include "i18n/catalog.hpp"

namespace cowork::kiosk {

enum class Screen {
    FirstStart,
    Home,
    CheckInCode,    // returning member types their code
    SignUp,         // first visit, one step at a time
    NewMemberCode,  // the code just created, large and as a QR code
    PickPlace,
    CheckInDone,
    CheckOut,      // tap your place
    CheckOutCode,  // or type your code
    CheckOutDone,
    Network,
    SiteDetail,
    Contact,
    ContactMessage,  // writing to the animator, with the keyboard
    ShopkeeperPin,
    Shopkeeper,
    PinChange,  // the shopkeeper's new PIN: after the current one, or right after enrollment
    AnimationStart,      // « J'anime »: the animator types their code
    AnimationEnd,        // « Fin de l'animation »: the same
    AnimationStartDone,
    AnimationEndDone,
};

enum class SignUpStep { FirstName, Reach, Employer, Commune, Consent };

struct SignUpDraft {
    SignUpStep step = SignUpStep::FirstName;
    std::string firstName;
    std::string reach;  // email or phone, optional
    std::string employer;
    std::string commune;
    bool consent = false;
};

struct ContactDraft {
    std::string name;
    std::string text;
    bool editingName = false;
};

struct EnrollmentDraft {
    std::string hubAddress;
    std::string code;
    bool editingCode = false;
};

// A new shopkeeper PIN, typed twice; the shopkeeper first types the current one.
enum class PinStep { Current, New, Confirm };

struct PinChangeDraft {
    PinStep step = PinStep::Current;
    std::string chosen;            // the new PIN's first typing, until the second matches
    bool afterEnrollment = false;  // the installer's: Home afterwards, not the shopkeeper screen
};

struct UiState {
    Screen screen = Screen::Home;
    Language language = Language::French;
    bool shift = false;     // on-screen keyboard: next letter in capitals
    std::string codeEntry;  // member code or PIN being typed
    SignUpDraft signUp;
    ContactDraft contact;
    EnrollmentDraft enrollment;
    bool enrollmentTypedHere = false;  // a code saved on this screen: its installer may choose the PIN
    PinChangeDraft pinChange;
    // The check-in in progress: a member, or anonymous when memberId is empty.
    std::optional<std::string> checkInMemberId;
    std::optional<std::string> checkInProvisionalCode;  // a code typed offline, not known here
    bool checkInAnonymous = false;
    std::string greetingName;    // first name shown on the greeting and done screens
    std::string newMemberCode;   // normalized, shown after sign-up
    std::string doneDetail;      // e.g. the place chosen, on the done screens
    std::string errorKey;        // catalogue key of the message under the current step
    std::string siteDetailId;    // Network → one site's page
    std::string shopReasonKey;   // shopkeeper: the reason visitors will read, chosen before closing
    // On the app's monotonic clock, never the wall clock (see KioskApp::tick).
    TimeMs lastInputAt = 0;
    TimeMs autoReturnAt = 0;     // done screens go back by themselves; 0: never
};

}  // namespace cowork::kiosk
