// First start: the kiosk is not enrolled yet. The installer types the hub's
// address and the enrollment code; trusting the hub is the sync issue's part.
#include "screens/screen_parts.hpp"
#include "ui/keyboards.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {

Intent drawFirstStart(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("first.title"), false);
    const EnrollmentDraft& draft = ctx.ui.enrollment;
    const float height = ui::touchTarget();
    const float formHeight = ui::textKeyboardHeight() + height + 2 * ImGui::GetStyle().ItemSpacing.y;
    // The explanation only where it fits: on a 7" panel the placeholders say enough.
    if (ImGui::GetContentRegionAvail().y >= formHeight + ImGui::GetTextLineHeightWithSpacing()) {
        ui::textWrapped(ctx.view.hubAddress.empty() ? ctx.tr.text("first.explain")
                                                    : ctx.tr.format("first.waiting", {{"hub", ctx.view.hubAddress}}));
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
