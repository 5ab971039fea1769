// « J'anime » and « Fin de l'animation »: the animator types their member code,
// as a member does to check in, and the kiosk confirms. Home shows the session
// while it is open (home.cpp).
#include "i18n/formatting.hpp"
#include "screens/screen_parts.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {

Intent drawAnimationCode(const ScreenContext& ctx) {
    const bool starting = ctx.ui.screen == Screen::AnimationStart;
    Intent result = titleBar(ctx, ctx.tr.text(starting ? "animation.start_title" : "animation.end_title"));
    ui::textColored(ui::color::kMuted, ctx.tr.text(starting ? "animation.start_hint" : "animation.end_hint"));
    keep(result, memberCodeEntry(ctx));
    return result;
}

Intent drawAnimationDone(const ScreenContext& ctx) {
    const bool started = ctx.ui.screen == Screen::AnimationStartDone;
    Intent result = titleBar(ctx, ctx.tr.text("done.in_title"));
    ImGui::Dummy(ImVec2(0, ui::em(1.0f)));
    {
        ui::WithFont font(ctx.fonts.title);
        ui::textWrapped(ctx.tr.format(started ? "animation.started" : "animation.ended", {{"name", ctx.ui.greetingName}}));
    }
    const std::string time = formatClock(ctx.tr, ctx.view.now);
    ui::textWrapped(ctx.tr.format(started ? "animation.started_at" : "animation.ended_at", {{"time", time}}));
    if (started) ui::textColored(ui::color::kMuted, ctx.tr.text("animation.reminder"));
    alignBottom(ui::touchTarget());
    if (ui::button(ctx.tr.text("done.back_home"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()), ui::Tone::Primary)) {
        result = intent::Home{};
    }
    return result;
}

}  // namespace cowork::kiosk
