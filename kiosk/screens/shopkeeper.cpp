// Shopkeeper mode, behind a 2-second corner press and a PIN: open, close or mark
// "complet" now; places out of service and back; forced check-outs; today's
// visits; sync and device state; a new PIN. It leaves by itself after 60 s
// without a touch.
#include <iterator>

#include "domain/member_code.hpp"
#include "i18n/formatting.hpp"
#include "screens/screen_parts.hpp"
#include "ui/keyboards.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

const char* pinPromptKey(const ScreenContext& ctx) {
    if (ctx.ui.screen == Screen::PinChange) {
        switch (ctx.ui.pinChange.step) {
        case PinStep::Current: return "pin.current";
        case PinStep::New: return "pin.choose_new";
        case PinStep::Confirm: return "pin.confirm_new";
        }
    }
    return ctx.view.pinSet ? "pin.enter" : "pin.choose";
}

std::string pinPrompt(const ScreenContext& ctx) {
    const KioskView& v = ctx.view;
    const bool checking = ctx.ui.screen == Screen::ShopkeeperPin || ctx.ui.pinChange.step == PinStep::Current;
    if (checking && isLocked(v.pinLock, v.now)) {
        const TimeMs minutes = (v.pinLock.lockedUntil - v.now + kMinuteMs - 1) / kMinuteMs;
        return ctx.tr.format("pin.locked", {{"n", std::to_string(minutes)}});
    }
    return ctx.tr.text(pinPromptKey(ctx));
}

// The PIN never shows: one dot per digit typed.
std::string pinDots(std::size_t count) {
    std::string dots = " ";
    for (std::size_t i = 0; i < count; ++i) dots += "• ";
    return dots;
}

// The reasons a shopkeeper can give visitors, as catalogue keys.
const char* const kReasons[] = {"shop.reason.closed", "shop.reason.holidays", "shop.reason.booked", "shop.reason.full"};

Intent reasonButtons(const ScreenContext& ctx) {
    Intent result;
    ui::text(ctx.tr.text("shop.reason_prompt"));
    const int columns = isPortrait() ? 2 : 4;
    const float width = ui::columnWidth(columns);
    for (std::size_t i = 0; i < std::size(kReasons); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        const bool chosen = ctx.ui.shopReasonKey == kReasons[i];
        if (ui::button(ctx.tr.text(kReasons[i]) + "##reason", ImVec2(width, ui::touchTarget()),
                       chosen ? ui::Tone::Selected : ui::Tone::Normal)) {
            result = intent::ChooseReason{kReasons[i]};
        }
    }
    return result;
}

Intent overrideButtons(const ScreenContext& ctx) {
    Intent result;
    const std::string& chosen = ctx.ui.shopReasonKey;
    const bool stacked = isPortrait();
    const float width = stacked ? ImGui::GetContentRegionAvail().x : ui::columnWidth(3);
    const ImVec2 size(width, ui::touchTarget());
    if (ui::button(ctx.tr.text("shop.reopen"), size, ui::Tone::Free)) result = intent::SetOverride{SiteOverride::None, ""};
    if (!stacked) ImGui::SameLine();
    if (ui::button(ctx.tr.text("shop.close_now"), size, ui::Tone::Danger)) {
        result = intent::SetOverride{SiteOverride::ClosedNow, chosen.empty() ? "shop.reason.closed" : chosen};
    }
    if (!stacked) ImGui::SameLine();
    if (ui::button(ctx.tr.text("shop.mark_full"), size, ui::Tone::Taken)) {
        result = intent::SetOverride{SiteOverride::Full, chosen.empty() ? "shop.reason.full" : chosen};
    }
    return result;
}

Intent placeRows(const ScreenContext& ctx) {
    Intent result;
    const float buttonWidth = isPortrait() ? ui::columnWidth(2) : ui::em(9);
    for (const PlaceView& place : ctx.view.places) {
        ImGui::PushID(place.place.id.c_str());
        const std::string state = !place.place.inService ? ctx.tr.text("place.out_of_service")
                                  : place.visit        ? ctx.tr.text("place.taken")
                                                       : ctx.tr.text("place.free");
        const std::string line = place.place.label + " — " + state;
        if (isPortrait()) {
            ui::text(line);  // the buttons go below, at full size
        } else {
            const float y = ImGui::GetCursorPosY();
            ImGui::SetCursorPosY(y + (ui::touchTarget() - ImGui::GetFontSize()) / 2);
            ui::text(line);
            ImGui::SameLine(ImGui::GetWindowWidth() - 2 * buttonWidth - ui::em(1.5f));
            ImGui::SetCursorPosY(y);
        }
        const bool inService = place.place.inService;
        if (ui::button(ctx.tr.text(inService ? "shop.out_of_service" : "shop.back_in_service") + "##" + place.place.id,
                       ImVec2(buttonWidth, ui::touchTarget()), ui::Tone::Quiet)) {
            result = intent::SetPlaceService{place.place.id, !inService};
        }
        ImGui::SameLine();
        if (ui::button(ctx.tr.text("shop.force_checkout") + "##" + place.place.id, ImVec2(buttonWidth, ui::touchTarget()),
                       ui::Tone::Quiet, place.visit.has_value())) {
            result = intent::ForceCheckOut{place.visit ? place.visit->id : ""};
        }
        ImGui::PopID();
    }
    return result;
}

// A code typed offline shows as such until the hub says whose it is.
std::string visitorName(const ScreenContext& ctx, const Visit& visit) {
    const KioskView& v = ctx.view;
    if (visit.memberId) {
        if (auto name = v.firstNames.find(*visit.memberId); name != v.firstNames.end()) return name->second;
    }
    if (!visit.memberCode) return ctx.tr.text("shop.anonymous");
    const std::string code = formatMemberCode(*visit.memberCode);
    if (!visit.codeResolved) return ctx.tr.format("shop.code_pending", {{"code", code}});
    return visit.memberId ? ctx.tr.format("shop.code_member", {{"code", code}}) : ctx.tr.format("shop.code_unknown", {{"code", code}});
}

void todaysVisits(const ScreenContext& ctx) {
    const KioskView& v = ctx.view;
    {
        ui::WithFont font(ctx.fonts.title);
        ui::text(ctx.tr.format("shop.today", {{"n", std::to_string(v.todaysVisits.size())}}));
    }
    for (const Visit& visit : v.todaysVisits) {
        std::string who = visitorName(ctx, visit);
        const PlaceView* place = v.place(visit.placeId);
        const std::string end = visit.endedAt ? formatClock(ctx.tr, *visit.endedAt) : ctx.tr.text("shop.still_here");
        std::string line = formatClock(ctx.tr, visit.startedAt) + " – " + end + " · " + who;
        if (place) line += " · " + place->place.label;
        if (visit.endedHow == VisitEnd::AtClosing) line += " · " + ctx.tr.text("shop.ended_at_closing");
        ui::text(line);
    }
}

Intent deviceState(const ScreenContext& ctx) {
    Intent result;
    const KioskView& v = ctx.view;
    {
        ui::WithFont font(ctx.fonts.title);
        ui::text(ctx.tr.text("shop.device"));
    }
    ui::textWrapped(ctx.tr.format("shop.pending", {{"n", std::to_string(v.sync.pending)}}));
    ui::textWrapped(v.sync.everSynced ? ctx.tr.format("shop.last_sync", {{"age", formatAge(ctx.tr, v.sync.lastSuccessAt, v.now)}})
                                      : ctx.tr.text("shop.never_synced"));
    if (!v.sync.problemKey.empty()) {
        ui::textColored(ui::color::kClosed, ctx.tr.format("shop.sync_problem", {{"problem", ctx.tr.text(v.sync.problemKey)}}));
    }
    if (v.sync.setAside > 0) {
        ui::textColored(ui::color::kClosed, ctx.tr.format("shop.set_aside", {{"n", std::to_string(v.sync.setAside)}}));
        // Once the coordinator fixed what the hub refused (a place, a clock), send them again.
        if (ui::button(ctx.tr.text("shop.retry_set_aside"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()))) {
            result = intent::RetrySetAside{};
        }
    }
    if (v.sync.updateNeeded) ui::textColored(ui::color::kClosed, ctx.tr.text("shop.update_needed"));
    for (const MemberCodeChange& change : v.sync.codeChanges) {
        ui::textColored(ui::color::kClosed, ctx.tr.format("shop.code_changed", {{"name", change.firstName},
                                                                                 {"old", formatMemberCode(change.oldCode)},
                                                                                 {"code", formatMemberCode(change.newCode)}}));
    }
    ui::textWrapped(ctx.tr.format("shop.device_id", {{"id", v.deviceId}}));
    return result;
}

}  // namespace

Intent pinEntry(const ScreenContext& ctx, float wrapWidth) {
    Intent result;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrapWidth);
    ui::textWrapped(pinPrompt(ctx));
    {
        ui::WithFont font(ctx.fonts.huge);
        ui::text(pinDots(ctx.ui.codeEntry.size()));
    }
    errorLine(ctx);
    ImGui::PopTextWrapPos();
    const bool enough = ctx.ui.codeEntry.size() >= kMinPinLength;
    if (ui::button(ctx.tr.text("pin.submit"), ImVec2(wrapWidth, ui::touchTarget()), ui::Tone::Primary, enough)) {
        result = intent::SubmitPin{};
    }
    return result;
}

Intent pinScreen(const ScreenContext& ctx, const std::string& title) {
    Intent result = titleBar(ctx, title);
    if (isPortrait()) {
        const float width = ImGui::GetContentRegionAvail().x;
        keep(result, pinEntry(ctx, width));
        ImGui::Spacing();
        keep(result, ui::pinKeypad(width));
        return result;
    }
    const float keypadWidth = std::min(ui::em(14), ImGui::GetContentRegionAvail().x * 0.5f);
    {
        ui::Group left;
        keep(result, pinEntry(ctx, std::min(ui::em(12), ImGui::GetContentRegionAvail().x - keypadWidth - ui::em(1))));
    }
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - keypadWidth);
    {
        ui::Group right;
        keep(result, ui::pinKeypad(keypadWidth));
    }
    return result;
}

Intent drawShopkeeperPin(const ScreenContext& ctx) {
    if (ctx.view.pinSet || ctx.view.demo) return pinScreen(ctx, ctx.tr.text("pin.title"));
    // No PIN yet on an enrolled kiosk: nothing to type here, only whom to ask.
    Intent result = titleBar(ctx, ctx.tr.text("pin.title"));
    ui::textWrapped(ctx.tr.text("pin.none_yet"));
    return result;
}

// A new PIN: the installer's right after enrollment, or the shopkeeper's change.
Intent drawPinChange(const ScreenContext& ctx) {
    return pinScreen(ctx, ctx.tr.text(ctx.ui.pinChange.afterEnrollment ? "pin.setup_title" : "pin.change_title"));
}

Intent drawShopkeeper(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("shop.title"));
    ui::ScrollArea area("##shop", ImVec2(0, 0));
    {
        ui::WithFont font(ctx.fonts.title);
        ui::textWrapped(describeStatus(ctx.tr, ctx.view.status, ctx.view.now));
    }
    keep(result, reasonButtons(ctx));
    keep(result, overrideButtons(ctx));
    ImGui::Spacing();
    keep(result, placeRows(ctx));
    ImGui::Spacing();
    todaysVisits(ctx);
    ImGui::Spacing();
    keep(result, deviceState(ctx));
    if (ui::button(ctx.tr.text("shop.change_pin"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()), ui::Tone::Quiet)) {
        result = intent::StartPinChange{};
    }
    return result;
}

}  // namespace cowork::kiosk
