// First visit: one question per step, each with a keyboard or a list, then the
// consent with its short privacy notice, then the new member code to photograph.
#include "domain/member_code.hpp"
#include "screens/screen_parts.hpp"
#include "ui/keyboards.hpp"
#include "ui/qr_code.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

const char* stepTitleKey(SignUpStep step) {
    switch (step) {
    case SignUpStep::FirstName: return "signup.first_name";
    case SignUpStep::Reach: return "signup.reach";
    case SignUpStep::Employer: return "signup.employer";
    case SignUpStep::Commune: return "signup.commune";
    case SignUpStep::Consent: return "signup.consent_title";
    }
    return "signup.first_name";
}

// [Retour] [field] [Suivant] on one line, above the keyboard.
Intent fieldRow(const ScreenContext& ctx, const std::string& text, const std::string& placeholder, bool optional) {
    Intent result;
    const float height = ui::touchTarget();
    const float side = ui::em(5.5f);
    if (ui::button(ctx.tr.text("signup.back"), ImVec2(side, height), ui::Tone::Quiet)) result = intent::SignUpBack{};
    ImGui::SameLine();
    const float fieldWidth = ImGui::GetContentRegionAvail().x - side - ImGui::GetStyle().ItemSpacing.x;
    ui::textField("##signup-field", text, placeholder, ImVec2(fieldWidth, height), true);
    ImGui::SameLine();
    const bool canGoOn = optional || !text.empty();
    const std::string next = text.empty() && optional ? ctx.tr.text("signup.skip") : ctx.tr.text("signup.next");
    if (ui::button(next + "##next", ImVec2(side, height), ui::Tone::Primary, canGoOn)) result = intent::SignUpNext{};
    return result;
}

Intent typedStep(const ScreenContext& ctx, const std::string& text, const char* placeholderKey, bool optional) {
    Intent result = fieldRow(ctx, text, ctx.tr.text(placeholderKey), optional);
    errorLine(ctx);
    alignBottom(ui::textKeyboardHeight());
    keep(result, ui::textKeyboard(ctx.ui.shift, ctx.tr));
    return result;
}

// What a choice reads on screen: employers as they are, the commune of someone
// from elsewhere in the visitor's language (stored in French).
using ChoiceLabel = std::string (*)(const ScreenContext&, const std::string&);

std::string asGiven(const ScreenContext&, const std::string& value) { return value; }

std::string communeLabel(const ScreenContext& ctx, const std::string& value) {
    return value == kOutsideTerritory ? ctx.tr.text("signup.outside_territory") : value;
}

Intent listStep(const ScreenContext& ctx, const std::vector<std::string>& options, const std::string& chosen, ChoiceLabel label) {
    Intent result;
    const float height = ui::touchTarget();
    const float side = ui::em(5.5f);
    if (ui::button(ctx.tr.text("signup.back"), ImVec2(side, height), ui::Tone::Quiet)) result = intent::SignUpBack{};
    ImGui::SameLine();
    const float middle = ImGui::GetContentRegionAvail().x - side - ImGui::GetStyle().ItemSpacing.x;
    ui::textField("##signup-choice", chosen.empty() ? chosen : label(ctx, chosen), ctx.tr.text("signup.none_chosen"),
                  ImVec2(middle, height), false);
    ImGui::SameLine();
    const std::string next = chosen.empty() ? ctx.tr.text("signup.skip") : ctx.tr.text("signup.next");
    if (ui::button(next + "##next", ImVec2(side, height), ui::Tone::Primary)) result = intent::SignUpNext{};
    ui::ScrollArea area("##choices", ImVec2(0, 0));
    const int columns = ImGui::GetWindowWidth() < ui::em(30) ? 1 : 2;
    const float width = ui::columnWidth(columns);
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        const bool selected = options[i] == chosen;
        if (ui::button(label(ctx, options[i]) + "##choice", ImVec2(width, height), selected ? ui::Tone::Selected : ui::Tone::Normal)) {
            result = intent::Choose{options[i]};
        }
    }
    return result;
}

Intent consentStep(const ScreenContext& ctx) {
    Intent result;
    ui::ScrollArea area("##notice", ImVec2(0, -(ui::touchTarget() + ImGui::GetStyle().ItemSpacing.y) * 2));
    ui::textWrapped(ctx.tr.text("signup.privacy_notice"));
    return result;
}

Intent consentButtons(const ScreenContext& ctx) {
    Intent result;
    const float height = ui::touchTarget();
    const bool agreed = ctx.ui.signUp.consent;
    if (ui::button(ctx.tr.text(agreed ? "signup.consent_given" : "signup.consent_ask") + "##consent",
                   ImVec2(ImGui::GetContentRegionAvail().x, height), agreed ? ui::Tone::Selected : ui::Tone::Normal)) {
        result = intent::ToggleConsent{};
    }
    const float width = ui::columnWidth(2);
    if (ui::button(ctx.tr.text("signup.back"), ImVec2(width, height), ui::Tone::Quiet)) result = intent::SignUpBack{};
    ImGui::SameLine();
    if (ui::button(ctx.tr.text("signup.create"), ImVec2(width, height), ui::Tone::Primary, agreed)) result = intent::CreateMember{};
    return result;
}

}  // namespace

Intent drawSignUp(const ScreenContext& ctx) {
    const SignUpDraft& draft = ctx.ui.signUp;
    Intent result = titleBar(ctx, ctx.tr.text(stepTitleKey(draft.step)));
    switch (draft.step) {
    case SignUpStep::FirstName:
        keep(result, typedStep(ctx, draft.firstName, "signup.first_name_hint", false));
        break;
    case SignUpStep::Reach:
        keep(result, typedStep(ctx, draft.reach, "signup.reach_hint", true));
        break;
    case SignUpStep::Employer:
        keep(result, listStep(ctx, ctx.view.site.partnerEmployers, draft.employer, asGiven));
        break;
    case SignUpStep::Commune:
        keep(result, listStep(ctx, ctx.view.communes, draft.commune, communeLabel));
        break;
    case SignUpStep::Consent:
        keep(result, consentStep(ctx));
        keep(result, consentButtons(ctx));
        break;
    }
    return result;
}

Intent drawNewMemberCode(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.format("newcode.title", {{"name", ctx.ui.greetingName}}), false);
    const std::string code = formatMemberCode(ctx.ui.newMemberCode);
    const float buttonBlock = ui::touchTarget() + ui::em(1);
    if (isPortrait()) {
        ui::textWrapped(ctx.tr.text("newcode.explain"));
        {
            ui::WithFont font(ctx.fonts.huge);
            ui::textCentered(code, ImGui::GetContentRegionAvail().x);
        }
        ui::textColored(ui::color::kMuted, ctx.tr.text("newcode.photo"));
        const float qrSize = std::min(ImGui::GetContentRegionAvail().x * 0.8f, ImGui::GetContentRegionAvail().y - buttonBlock);
        ImGui::SetCursorPosX((ImGui::GetWindowWidth() - qrSize) / 2);
        ui::qrCode(code, qrSize);
    } else {
        const float qrSize = std::min(ImGui::GetContentRegionAvail().y - buttonBlock, ui::em(13));
        {
            ui::Group left;
            ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - qrSize - ui::em(1));
            ui::textWrapped(ctx.tr.text("newcode.explain"));
            {
                ui::WithFont font(ctx.fonts.huge);
                ui::text(code);
            }
            ui::textColored(ui::color::kMuted, ctx.tr.text("newcode.photo"));
            ImGui::PopTextWrapPos();
        }
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - qrSize);
        ui::qrCode(code, qrSize);
    }
    alignBottom(ui::touchTarget());
    if (ui::button(ctx.tr.text("newcode.continue"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()), ui::Tone::Primary)) {
        result = intent::Go{Screen::PickPlace};
    }
    return result;
}

}  // namespace cowork::kiosk
