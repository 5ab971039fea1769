// The other sites of the network, nearest first, and one site's page.
#include "i18n/formatting.hpp"
#include "screens/screen_parts.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

std::string kindName(const ScreenContext& ctx, SiteKind kind) { return ctx.tr.text("kind." + std::string(toString(kind))); }

std::string availability(const ScreenContext& ctx, const NetworkSiteView& entry) {
    const std::string open = ctx.tr.text(entry.openNow ? "network.open" : "network.closed");
    if (entry.here) return open + " · " + ctx.tr.format("network.free_here", {{"n", std::to_string(entry.freePlaces)}});
    if (!entry.freePlacesAsOf) return open + " · " + ctx.tr.text("network.free_unknown");
    return open + " · " + ctx.tr.format("network.free_at", {{"n", std::to_string(entry.freePlaces)},
                                                            {"age", formatAge(ctx.tr, *entry.freePlacesAsOf, ctx.view.now)}});
}

std::string siteLine(const ScreenContext& ctx, const NetworkSiteView& entry) {
    const std::string travel = entry.here ? ctx.tr.text("network.here")
                                          : ctx.tr.format("network.travel", {{"time", formatMinutes(ctx.tr, entry.travelMinutes)}});
    return kindName(ctx, entry.site.kind) + " · " + entry.site.commune + " · " + travel;
}

}  // namespace

Intent drawNetwork(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("network.title"));
    ui::ScrollArea area("##sites", ImVec2(0, 0));
    const float width = ImGui::GetContentRegionAvail().x;
    for (const NetworkSiteView& entry : ctx.view.network) {
        const std::string detail = siteLine(ctx, entry) + "\n" + availability(ctx, entry);
        const ui::Tone tone = entry.here ? ui::Tone::Quiet : ui::Tone::Normal;
        if (ui::tile(entry.site.id, entry.site.name, detail, ImVec2(width, ui::em(4.4f)), tone)) {
            result = intent::OpenSite{entry.site.id};
        }
    }
    return result;
}

Intent drawSiteDetail(const ScreenContext& ctx) {
    const NetworkSiteView* entry = nullptr;
    for (const NetworkSiteView& candidate : ctx.view.network) {
        if (candidate.site.id == ctx.ui.siteDetailId) entry = &candidate;
    }
    Intent result = titleBar(ctx, entry ? entry->site.name : ctx.tr.text("network.title"));
    if (!entry) return result;
    const Site& site = entry->site;
    {
        ui::ScrollArea area("##site", ImVec2(0, -(ui::touchTarget() + ImGui::GetStyle().ItemSpacing.y)));
        ui::textWrapped(siteLine(ctx, *entry));
        ui::textWrapped(site.address + ", " + site.commune);
        ui::textWrapped(availability(ctx, *entry));
        ImGui::Spacing();
        {
            ui::WithFont font(ctx.fonts.title);
            ui::text(ctx.tr.text("site.hours"));
        }
        for (int day = 0; day < 7; ++day) {
            ui::text(ctx.tr.text("day." + std::to_string(day)));
            ImGui::SameLine(ui::em(7));
            ui::text(formatDayRanges(ctx.tr, site.hours.weekly[static_cast<std::size_t>(day)]));
        }
        if (!site.animator.name.empty()) {
            ImGui::Spacing();
            ui::textWrapped(ctx.tr.format("home.animator", {{"name", site.animator.name}, {"presence", site.animator.presence}}));
            ui::textWrapped(site.animator.phone);
        }
    }
    if (ui::button(ctx.tr.text("site.back_to_list"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()))) {
        result = intent::Go{Screen::Network};
    }
    return result;
}

}  // namespace cowork::kiosk
