// Home: where am I, is it open, is there a free place, who animates it, what is
// announced, and the four ways on. Also the shopkeeper's hidden corner.
#include <algorithm>

#include "i18n/formatting.hpp"
#include "screens/screen_parts.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

constexpr long long kShopkeeperHoldMs = 2000;

std::string placeState(const ScreenContext& ctx, const PlaceView& place) {
    if (!place.place.inService) return ctx.tr.text("place.out_of_service");
    return ctx.tr.text(place.visit ? "place.taken" : "place.free");
}

ui::Tone placeTone(const PlaceView& place) {
    if (!place.place.inService) return ui::Tone::Off;
    return place.visit ? ui::Tone::Taken : ui::Tone::Free;
}

std::string syncLine(const ScreenContext& ctx) {
    const KioskView& v = ctx.view;
    if (v.demo) return ctx.tr.text("sync.demo");
    // A check-in waits ~1.5 s for its sync: still "à jour" meanwhile, unless the hub is failing.
    const bool failing = !v.sync.problemKey.empty();
    if (v.sync.everSynced && !failing && v.now - v.sync.lastSuccessAt < 2 * kMinuteMs) return ctx.tr.text("sync.up_to_date");
    if (v.sync.everSynced) {
        return ctx.tr.format("sync.offline_since", {{"time", formatClock(ctx.tr, v.sync.lastSuccessAt)}});
    }
    return ctx.tr.text("sync.offline");
}

Intent header(const ScreenContext& ctx) {
    Intent result;
    const KioskView& v = ctx.view;
    const float sideWidth = ui::em(5.6f);
    // The shopkeeper's way in: a 2-second press on the top-left corner.
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ui::longPressZone("##shopkeeper-corner", ImVec2(ui::touchTarget(), ui::touchTarget()), ctx.pointerHeldMs,
                          kShopkeeperHoldMs)) {
        result = intent::OpenShopkeeper{};
    }
    ImGui::SetCursorPos(start);
    const std::string clock = formatClock(ctx.tr, v.now);
    float clockWidth = 0;
    {
        ui::WithFont font(ctx.fonts.title);
        clockWidth = ImGui::CalcTextSize(clock.c_str()).x + ui::em(0.8f);
    }
    const float rightX = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - sideWidth;
    {
        ui::Group left;
        ImGui::PushTextWrapPos(rightX - clockWidth);
        {
            ui::WithFont font(ctx.fonts.title);
            ui::textWrapped(v.site.shop ? v.site.shop->name : v.site.name);
        }
        // Inside a shop the site's own name says what it is; otherwise the address does.
        const std::string& what = v.site.shop ? v.site.name : v.site.address;
        ui::textColored(ui::color::kMuted, ctx.tr.format("home.site_line", {{"site", what}, {"commune", v.site.commune}}));
        ImGui::PopTextWrapPos();
    }
    ImGui::SameLine(rightX - clockWidth);
    {
        ui::WithFont font(ctx.fonts.title);
        ImGui::SetCursorPosY(start.y + (ui::touchTarget() - ImGui::GetFontSize()) / 2);
        ui::text(clock);
    }
    ImGui::SameLine(rightX);
    ImGui::SetCursorPosY(start.y);
    keep(result, languageButton(ctx, sideWidth));
    return result;
}

void statusLine(const ScreenContext& ctx) {
    const KioskView& v = ctx.view;
    ui::WithFont font(ctx.fonts.title);
    const bool welcoming = v.status.open && !v.status.full;
    ui::textColored(welcoming ? ui::color::kOpen : ui::color::kClosed, describeStatus(ctx.tr, v.status, v.now));
}

// The animators' way in shows only where someone is designated animator (or a
// session is open: its end must stay reachable after a withdrawal).
bool offersAnimation(const ScreenContext& ctx) { return ctx.view.hasAnimators || !ctx.view.animations.empty(); }

float actionBlockHeight(const ScreenContext& ctx) {
    const int rows = isPortrait() ? 2 : 1;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float lastRow = offersAnimation(ctx) ? ui::touchTarget() + spacing : ImGui::GetTextLineHeightWithSpacing();
    return static_cast<float>(rows) * (ui::touchTarget() * 1.15f + spacing) + lastRow;
}

// « Animation en cours : Léa » (or « Léa, Paul »), "" when nobody animates now.
std::string animationBanner(const ScreenContext& ctx) {
    if (ctx.view.animations.empty()) return "";
    std::string names;
    for (const AnimationView& animation : ctx.view.animations) {
        if (!names.empty()) names += ", ";
        names += animation.firstName.empty() ? ctx.tr.text("animation.someone") : animation.firstName;
    }
    return ctx.tr.format("animation.in_progress", {{"names", names}});
}

std::string animatorLine(const ScreenContext& ctx) {
    const Animator& animator = ctx.view.site.animator;
    if (animator.name.empty()) return "";
    return ctx.tr.format("home.animator", {{"name", animator.name}, {"presence", animator.presence}});
}

float newsHeight(const ScreenContext& ctx) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    float height = ImGui::CalcTextSize(animatorLine(ctx).c_str(), nullptr, false, width).y + spacing;
    if (const std::string banner = animationBanner(ctx); !banner.empty()) {
        height += ImGui::CalcTextSize(banner.c_str(), nullptr, false, width).y + spacing;
    }
    for (const Announcement& announcement : ctx.view.announcements) {
        const std::string line = ctx.tr.format("home.announcement", {{"text", announcement.text}});
        height += ImGui::CalcTextSize(line.c_str(), nullptr, false, width).y + spacing;
    }
    return height;
}

// The places as tiles, as large as the screen allows: two at a bakery are
// big, twelve at a tiers-lieu share the space (and scroll if they must).
void placeTiles(const ScreenContext& ctx) {
    const auto& places = ctx.view.places;
    if (places.empty()) return;
    const int count = static_cast<int>(places.size());
    const int columns = isPortrait() ? std::min(count, 3) : (count <= 4 ? count : std::min(count, 6));
    const int rows = (count + columns - 1) / columns;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float available = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - ImGui::GetStyle().WindowPadding.y -
                            actionBlockHeight(ctx) - newsHeight(ctx) - spacing;
    const float fitted = (available - spacing * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    const float tileHeight = std::clamp(fitted, ui::em(2.6f), ui::em(4.2f));
    const float areaHeight = std::min(tileHeight * static_cast<float>(rows) + spacing * static_cast<float>(rows - 1),
                                      std::max(available, tileHeight));
    ui::ScrollArea area("##places", ImVec2(0, areaHeight));
    const float width = ui::columnWidth(columns);
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        const PlaceView& place = places[i];
        // Tiles on Home show state only; choosing happens in the check-in flow.
        ui::tile(place.place.id, place.place.label, placeState(ctx, place), ImVec2(width, tileHeight), placeTone(place));
    }
}

void animatorAndNews(const ScreenContext& ctx) {
    if (const std::string banner = animationBanner(ctx); !banner.empty()) ui::textColored(ui::color::kOpen, banner);
    const std::string animator = animatorLine(ctx);
    if (!animator.empty()) ui::textWrapped(animator);
    for (const Announcement& announcement : ctx.view.announcements) {
        ui::textColored(ImVec4(0.10f, 0.30f, 0.60f, 1), ctx.tr.format("home.announcement", {{"text", announcement.text}}));
    }
}

Intent actionButtons(const ScreenContext& ctx) {
    Intent result;
    const int columns = isPortrait() ? 2 : 4;
    const float height = ui::touchTarget() * 1.15f;
    alignBottom(actionBlockHeight(ctx));
    const float width = ui::columnWidth(columns);
    const ImVec2 size(width, height);
    if (ui::button(ctx.tr.text("home.check_in"), size, ui::Tone::Primary, ctx.view.takesCheckIns())) {
        result = intent::Go{Screen::CheckInCode};
    }
    ImGui::SameLine();
    const bool anyoneHere = std::any_of(ctx.view.places.begin(), ctx.view.places.end(), [](const PlaceView& p) { return p.visit.has_value(); });
    if (ui::button(ctx.tr.text("home.check_out"), size, ui::Tone::Normal, anyoneHere)) result = intent::Go{Screen::CheckOut};
    if (columns == 4) ImGui::SameLine();
    if (ui::button(ctx.tr.text("home.network"), size)) result = intent::Go{Screen::Network};
    ImGui::SameLine();
    if (ui::button(ctx.tr.text("home.contact"), size)) result = intent::Go{Screen::Contact};
    if (!offersAnimation(ctx)) {
        ui::textColored(ui::color::kMuted, syncLine(ctx));
        return result;
    }
    // The sync line, wrapped beside the animators' button, which is quieter than the visitors' four.
    const bool animating = !ctx.view.animations.empty();
    const std::string label = ctx.tr.text(animating ? "animation.end_button" : "animation.start_button");
    const float buttonWidth = isPortrait() ? width : ui::columnWidth(columns);
    const float rowTop = ImGui::GetCursorPosY();
    const float textWidth = ImGui::GetContentRegionAvail().x - buttonWidth - ImGui::GetStyle().ItemSpacing.x;
    const std::string sync = syncLine(ctx);
    const float textHeight = ImGui::CalcTextSize(sync.c_str(), nullptr, false, textWidth).y;
    ImGui::SetCursorPosY(rowTop + std::max(0.0f, (ui::touchTarget() - textHeight) / 2));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textWidth);
    ui::textColored(ui::color::kMuted, sync);
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPos(ImVec2(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - buttonWidth, rowTop));
    if (ui::button(label, ImVec2(buttonWidth, ui::touchTarget()), ui::Tone::Quiet)) {
        result = intent::Go{animating ? Screen::AnimationEnd : Screen::AnimationStart};
    }
    return result;
}

}  // namespace

Intent drawHome(const ScreenContext& ctx) {
    Intent result = header(ctx);
    statusLine(ctx);
    placeTiles(ctx);
    animatorAndNews(ctx);
    keep(result, actionButtons(ctx));
    return result;
}

}  // namespace cowork::kiosk
