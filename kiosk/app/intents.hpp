#pragma once
// What a screen returns: the person's intent. Screens never change state; the
// app applies intents (kiosk_app.cpp) to the UI state and, through KioskActions,
// to the store.
#include <string>
#include <variant>

#include "app/ui_state.hpp"
#include "domain/entities.hpp"

namespace cowork::kiosk::intent {

struct Go { Screen screen; };
struct Home {};  // leave the flow, dropping what was half-entered
struct ToggleLanguage {};
struct Type { std::string text; };  // on-screen keyboard or keypad: append to the field being edited
struct Erase {};                    // remove the last character (a whole UTF-8 code point)
struct ToggleShift {};
struct EditField { bool second; };  // screens with two fields: which one the keyboard edits
struct SubmitMemberCode {};
struct StartSignUp {};
struct StartAnonymous {};
struct SignUpNext {};
struct SignUpBack {};
struct Choose { std::string value; };  // employer or commune picked from a list
struct ToggleConsent {};
struct CreateMember {};
struct PickPlace { std::string placeId; };
struct CheckOutPlace { std::string placeId; };
struct OpenShopkeeper {};  // the 2-second corner press
struct SubmitPin {};
struct StartPinChange {};  // shopkeeper: change the PIN
struct ChooseReason { std::string reasonKey; };  // shopkeeper: what visitors will read
struct SetOverride { SiteOverride value; std::string reasonKey; };
struct SetPlaceService { std::string placeId; bool inService; };
struct ForceCheckOut { std::string visitId; };
struct OpenSite { std::string siteId; };
struct SendMessage {};
struct SaveEnrollment {};
struct RetrySetAside {};  // shopkeeper: send the events the hub refused once more

}  // namespace cowork::kiosk::intent

namespace cowork::kiosk {

using Intent = std::variant<std::monostate, intent::Go, intent::Home, intent::ToggleLanguage, intent::Type,
                            intent::Erase, intent::ToggleShift, intent::EditField, intent::SubmitMemberCode,
                            intent::StartSignUp, intent::StartAnonymous, intent::SignUpNext, intent::SignUpBack,
                            intent::Choose, intent::ToggleConsent, intent::CreateMember, intent::PickPlace,
                            intent::CheckOutPlace, intent::OpenShopkeeper, intent::SubmitPin, intent::StartPinChange, intent::ChooseReason, intent::SetOverride,
                            intent::SetPlaceService, intent::ForceCheckOut, intent::OpenSite, intent::SendMessage,
                            intent::SaveEnrollment, intent::RetrySetAside>;

}  // namespace cowork::kiosk
