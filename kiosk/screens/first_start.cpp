// First start: the kiosk is not enrolled yet. The installer types the hub's
// address and the enrollment code; the sync worker enrolls and this screen
// says how it went. A hub without a public certificate needs its pin: that
// comes in a provisioning file or on the command line (too long to type here).
#include "screens/screen_parts.hpp"
#include "ui/keyboards.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {

Intent drawFirstStart(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("first.title"), false);
    const EnrollmentDraft& draft = ctx.ui.enrollment;
    const float height = ui::touchTarget();
    const float formHeight = ui::textKeyboardHeight() + height + 2 * ImGui::GetStyle().ItemSpacing.y;
    // The explanation only where it fits: on a 7" panel the placeholders say enough.
    const SyncView& sync = ctx.view.sync;
    if (!sync.enrollmentProblemKey.empty()) {
        // Why it failed matters more than the form: shown even on a 7" panel.
        ui::textColored(ui::color::kClosed, ctx.tr.format("first.failed", {{"problem", ctx.tr.text(sync.enrollmentProblemKey)}}));
    } else if (ImGui::GetContentRegionAvail().y >= formHeight + ImGui::GetTextLineHeightWithSpacing()) {
        ui::textWrapped(sync.enrollmentPending ? ctx.tr.format("first.waiting", {{"hub", ctx.view.hubAddress}})
                                               : ctx.tr.text("first.explain"));
    }
    const float side = ui::em(6);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    alignBottom(ui::textKeyboardHeight() + height + ImGui::GetStyle().ItemSpacing.y);
    const float addressWidth = (ImGui::GetContentRegionAvail().x - side - 2 * gap) * 0.6f;
    if (ui::textField("##hub", draft.hubAddress, ctx.tr.text("first.hub_hint"), ImVec2(addressWidth, height), !draft.editingCode)) {
        result = intent::EditField{false};
    }
    ImGui::SameLine();
    const float codeWidth = ImGui::GetContentRegionAvail().x - side - gap;
    if (ui::textField("##enroll-code", draft.code, ctx.tr.text("first.code_hint"), ImVec2(codeWidth, height), draft.editingCode)) {
        result = intent::EditField{true};
    }
    ImGui::SameLine();
    const bool complete = !draft.hubAddress.empty() && !draft.code.empty();
    if (ui::button(ctx.tr.text("first.save"), ImVec2(side, height), ui::Tone::Primary, complete)) result = intent::SaveEnrollment{};
    keep(result, ui::textKeyboard(ctx.ui.shift, ctx.tr));
    return result;
}

}  // namespace cowork::kiosk
