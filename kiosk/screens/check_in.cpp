// Check in: a returning member types their code; a first-time visitor signs up;
// anyone may stay "just today" without signing up. Then a free place.
#include "screens/screen_parts.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
Intent drawCheckInCode(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("checkin.title"));
    ui::textColored(ui::color::kMuted, ctx.tr.text("checkin.type_code"));
    keep(result, memberCodeEntry(ctx));
    const float height = ui::touchTarget();
    alignBottom(height);
    const float width = ui::columnWidth(2);
    if (ui::button(ctx.tr.text("checkin.first_visit"), ImVec2(width, height), ui::Tone::Primary)) result = intent::StartSignUp{};
    ImGui::SameLine();
    if (ui::button(ctx.tr.text("checkin.anonymous"), ImVec2(width, height))) result = intent::StartAnonymous{};
    return result;
}

Intent drawPickPlace(const ScreenContext& ctx) {
    const std::string title = ctx.ui.greetingName.empty()
                                  ? ctx.tr.text("pick.title_anonymous")
                                  : ctx.tr.format("pick.title_member", {{"name", ctx.ui.greetingName}});
    Intent result = titleBar(ctx, title);
    ui::textWrapped(ctx.tr.text("pick.choose"));
    errorLine(ctx);
    const bool anyFree = ctx.view.freePlaces() > 0;
    const std::string picked =
        placeGrid(ctx, [](const PlaceView& p) { return p.free(); }, ctx.tr.text("place.free"), ui::Tone::Free, 0);
    if (!picked.empty()) result = intent::PickPlace{picked};
    if (!anyFree) ui::textColored(ui::color::kClosed, ctx.tr.text("pick.none_free"));
    return result;
}

Intent drawDone(const ScreenContext& ctx) {
    const bool in = ctx.ui.screen == Screen::CheckInDone;
    Intent result = titleBar(ctx, ctx.tr.text(in ? "done.in_title" : "done.out_title"));
    ImGui::Dummy(ImVec2(0, ui::em(1.0f)));
    {
        ui::WithFont font(ctx.fonts.title);
        const std::string line = ctx.ui.greetingName.empty()
                                     ? ctx.tr.text(in ? "done.in_anonymous" : "done.out_anonymous")
                                     : ctx.tr.format(in ? "done.in_member" : "done.out_member", {{"name", ctx.ui.greetingName}});
        ui::textWrapped(line);
    }
    if (!ctx.ui.doneDetail.empty()) ui::textWrapped(ctx.tr.format(in ? "done.in_place" : "done.out_place", {{"place", ctx.ui.doneDetail}}));
    if (in) ui::textColored(ui::color::kMuted, ctx.tr.text("done.in_reminder"));
    alignBottom(ui::touchTarget());
    if (ui::button(ctx.tr.text("done.back_home"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()), ui::Tone::Primary)) {
        result = intent::Home{};
    }
    return result;
}

Intent drawCheckOut(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("checkout.title"));
    ui::textWrapped(ctx.tr.text("checkout.tap_place"));
    errorLine(ctx);
    const float bottom = ui::touchTarget() + ImGui::GetStyle().ItemSpacing.y;
    const std::string leaving = placeGrid(ctx, [](const PlaceView& p) { return p.visit.has_value(); },
                                          ctx.tr.text("checkout.leave_this"), ui::Tone::Taken, bottom);
    if (!leaving.empty()) result = intent::CheckOutPlace{leaving};
    alignBottom(ui::touchTarget());
    if (ui::button(ctx.tr.text("checkout.type_code"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()))) {
        result = intent::Go{Screen::CheckOutCode};
    }
    return result;
}

Intent drawCheckOutCode(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("checkout.title"));
    ui::textColored(ui::color::kMuted, ctx.tr.text("checkout.type_code_hint"));
    keep(result, memberCodeEntry(ctx));
    return result;
}

}  // namespace cowork::kiosk
