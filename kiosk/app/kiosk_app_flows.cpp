// KioskApp: the steps of check-in, sign-up, check-out, messages and
// enrollment (the shopkeeper's PIN: kiosk_app_pin.cpp), each turning a validated intent into an action.
#include "app/kiosk_app.hpp"

#include "sync/enrollment.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "domain/contact_details.hpp"
#include "domain/member_code.hpp"
#include "store/kiosk_reads.hpp"
#include "store/member_reads.hpp"

namespace cowork::kiosk {
namespace {

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' '; });
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

}  // namespace

void KioskApp::submitMemberCode() {
    if (ui_.screen == Screen::AnimationStart || ui_.screen == Screen::AnimationEnd) {
        submitAnimatorCode();
        return;
    }
    const std::string code = normalizeMemberCode(ui_.codeEntry);
    ui_.codeEntry.clear();
    if (checkMemberCode(code) != MemberCodeCheck::Valid) {
        ui_.errorKey = "code.invalid";
        return;
    }
    const auto member = recognisedMember(code);
    if (!member) {
        startProvisionalCheckIn(code);
        return;
    }
    if (ui_.screen == Screen::CheckOutCode) {
        auto a = actions();
        // Checked in by the code before this kiosk knew it: that visit carries the code.
        if (!a || (a->checkOutMember(member->id, clock_()) != ActionResult::Done &&
                   a->checkOutCode(code, clock_()) != ActionResult::Done)) {
            ui_.errorKey = "checkout.no_visit";
            return;
        }
        ui_.greetingName = member->firstName;
        changed();
        showDone(Screen::CheckOutDone, "");
        return;
    }
    if (findOpenVisitOfMember(store_.db(), view_.site.id, member->id) || findOpenVisitWithCode(store_.db(), view_.site.id, code)) {
        ui_.errorKey = "checkin.already_here";
        return;
    }
    ui_.checkInMemberId = member->id;
    ui_.greetingName = member->firstName;
    go(Screen::PickPlace);
}

// Registered here, or at another site (the hub's directory).
std::optional<Member> KioskApp::recognisedMember(const std::string& code) {
    if (auto member = findMemberByCode(store_.db(), code)) return member;
    const auto known = findInMemberDirectory(store_.db(), code);
    if (!known) return std::nullopt;
    Member member;
    member.id = known->memberId;
    member.code = known->code;
    member.firstName = known->firstName;
    return member;
}

// A well-formed code this kiosk does not know (registered elsewhere, not synced
// yet): the person checks in now and the hub says whose code it is.
void KioskApp::startProvisionalCheckIn(const std::string& code) {
    const bool openHere = findOpenVisitWithCode(store_.db(), view_.site.id, code).has_value();
    if (ui_.screen == Screen::CheckOutCode) {
        auto a = actions();
        if (!openHere || !a || a->checkOutCode(code, clock_()) != ActionResult::Done) {
            ui_.errorKey = openHere ? "checkout.no_visit" : "code.unknown";
            return;
        }
        changed();
        showDone(Screen::CheckOutDone, "");
        return;
    }
    if (view_.demo || !view_.sync.enrolled) {
        ui_.errorKey = "code.unknown";  // no hub to ask
        return;
    }
    if (openHere) {
        ui_.errorKey = "checkin.already_here";
        return;
    }
    ui_.checkInMemberId.reset();
    ui_.checkInProvisionalCode = code;
    ui_.greetingName.clear();
    go(Screen::PickPlace);
}

// « J'anime » and « Fin de l'animation »: the animator's own code, known here
// (registered here or in the hub's directory), and their designation for this
// site, received by sync: offline for days, the kiosk still knows who may.
void KioskApp::submitAnimatorCode() {
    const std::string code = normalizeMemberCode(ui_.codeEntry);
    ui_.codeEntry.clear();
    if (checkMemberCode(code) != MemberCodeCheck::Valid) {
        ui_.errorKey = "code.invalid";
        return;
    }
    const auto member = recognisedMember(code);
    auto a = actions();
    if (!member || !a) {
        ui_.errorKey = "animation.not_animator";
        return;
    }
    const bool starting = ui_.screen == Screen::AnimationStart;
    const ActionResult result = starting ? a->startAnimation(member->id, clock_()) : a->endAnimation(member->id, clock_());
    switch (result) {
    case ActionResult::Done:
        ui_.greetingName = member->firstName;
        changed();
        showDone(starting ? Screen::AnimationStartDone : Screen::AnimationEndDone, "");
        return;
    case ActionResult::SiteClosed: ui_.errorKey = "animation.closed"; return;
    case ActionResult::AlreadyHere: ui_.errorKey = "animation.already_started"; return;
    case ActionResult::NotFound: ui_.errorKey = starting ? "animation.not_animator" : "animation.not_started"; return;
    default: ui_.errorKey = "animation.not_animator"; return;
    }
}

void KioskApp::signUpNext() {
    SignUpDraft& draft = ui_.signUp;
    ui_.errorKey.clear();
    switch (draft.step) {
    case SignUpStep::FirstName:
        draft.firstName = trimmed(draft.firstName);
        if (draft.firstName.empty()) return;
        draft.step = SignUpStep::Reach;
        break;
    case SignUpStep::Reach:
        draft.reach = trimmed(draft.reach);
        if (!draft.reach.empty() && !looksLikeEmailOrPhone(draft.reach)) {
            ui_.errorKey = "signup.reach_invalid";
            return;
        }
        draft.step = view_.site.kind == SiteKind::CorpoWorking && !view_.site.partnerEmployers.empty() ? SignUpStep::Employer
                                                                                                       : SignUpStep::Commune;
        break;
    case SignUpStep::Employer: draft.step = SignUpStep::Commune; break;
    case SignUpStep::Commune:
    case SignUpStep::Consent: draft.step = SignUpStep::Consent; break;
    }
    if (draft.step == SignUpStep::Commune && view_.communes.empty()) draft.step = SignUpStep::Consent;
    ui_.shift = false;
}

void KioskApp::signUpBack() {
    SignUpDraft& draft = ui_.signUp;
    ui_.errorKey.clear();
    switch (draft.step) {
    case SignUpStep::FirstName: go(Screen::CheckInCode); return;
    case SignUpStep::Reach: draft.step = SignUpStep::FirstName; break;
    case SignUpStep::Employer: draft.step = SignUpStep::Reach; break;
    case SignUpStep::Commune:
        draft.step = view_.site.kind == SiteKind::CorpoWorking && !view_.site.partnerEmployers.empty() ? SignUpStep::Employer
                                                                                                       : SignUpStep::Reach;
        break;
    case SignUpStep::Consent: draft.step = view_.communes.empty() ? SignUpStep::Reach : SignUpStep::Commune; break;
    }
}

void KioskApp::createMember() {
    auto a = actions();
    if (!a || !ui_.signUp.consent) return;
    const auto member = a->registerMember(ui_.signUp, clock_());
    if (!member) return;
    ui_.signUp = SignUpDraft{};  // saved: nothing personal stays in the UI state
    ui_.checkInMemberId = member->id;
    ui_.greetingName = member->firstName;
    ui_.newMemberCode = member->code;
    changed();
    go(Screen::NewMemberCode);
}

void KioskApp::showDone(Screen screen, std::string detail) {
    go(screen);
    ui_.doneDetail = std::move(detail);
    ui_.autoReturnAt = monotonic_() + kDoneScreenMs;
}

void KioskApp::pickPlace(const std::string& placeId) {
    auto a = actions();
    if (!a) return;
    const ActionResult result = a->checkIn(ui_.checkInMemberId, placeId, clock_(), ui_.checkInProvisionalCode);
    changed();
    switch (result) {
    case ActionResult::Done: {
        const PlaceView* place = view_.place(placeId);
        showDone(Screen::CheckInDone, place ? place->place.label : "");
        return;
    }
    case ActionResult::PlaceTaken: ui_.errorKey = "pick.taken"; return;
    case ActionResult::SiteClosed: ui_.errorKey = "pick.closed"; return;
    case ActionResult::AlreadyHere: ui_.errorKey = "checkin.already_here"; return;
    default: ui_.errorKey = "pick.taken"; return;
    }
}

void KioskApp::checkOutPlace(const std::string& placeId) {
    auto a = actions();
    if (!a) return;
    const PlaceView* place = view_.place(placeId);
    const std::string label = place ? place->place.label : "";
    if (a->checkOutPlace(placeId, VisitEnd::ByMember, clock_()) != ActionResult::Done) {
        ui_.errorKey = "checkout.no_visit";
        return;
    }
    changed();
    ui_.greetingName.clear();  // the place says nothing of who sat there
    showDone(Screen::CheckOutDone, label);
}

void KioskApp::sendMessage() {
    auto a = actions();
    if (!a || isBlank(ui_.contact.text)) return;
    a->sendMessage(trimmed(ui_.contact.name), trimmed(ui_.contact.text), clock_());
    ui_.contact = ContactDraft{};
    changed();
    go(Screen::Contact);  // where the message's state shows
}

void KioskApp::saveEnrollment() {
    std::string address = trimmed(ui_.enrollment.hubAddress);
    if (address.rfind("https://", 0) != 0) address = "https://" + address;
    // The sync worker enrolls: the screen shows how it went when it wakes us.
    savePendingEnrollment(store_, {address, trimmed(ui_.enrollment.code), ""});
    ui_.enrollment = EnrollmentDraft{};
    ui_.enrollmentTypedHere = true;
    changed();
}

}  // namespace cowork::kiosk
