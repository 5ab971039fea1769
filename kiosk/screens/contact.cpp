// Contact the animator: who, when they are here, their phone (large and as a
// tel: QR code), and a short message kept in the outbox until it can be sent.
#include <cfloat>

#include "i18n/formatting.hpp"
#include "screens/screen_parts.hpp"
#include "ui/keyboards.hpp"
#include "ui/qr_code.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk {
namespace {

std::string telLink(const std::string& phone) {
    std::string link = "tel:";
    for (const char c : phone) {
        if (c != ' ') link += c;
    }
    return link;
}

std::string deliveryKey(DeliveryState state) { return "message.state." + std::string(toString(state)); }

void animatorCard(const ScreenContext& ctx, float qrSize) {
    const Animator& animator = ctx.view.site.animator;
    const bool stacked = isPortrait();
    {
        ui::Group left;
        ImGui::PushTextWrapPos(stacked ? 0.0f : ImGui::GetContentRegionAvail().x - qrSize - ui::em(1));
        ui::textWrapped(ctx.tr.format("contact.who", {{"name", animator.name}, {"presence", animator.presence}}));
        {
            // As large as fits: the number is read from a few steps away.
            ImFont* huge = ctx.fonts.huge;
            const float width = huge->CalcTextSizeA(huge->FontSize, FLT_MAX, 0, animator.phone.c_str()).x;
            ui::WithFont font(width <= ImGui::GetContentRegionAvail().x - (stacked ? 0 : qrSize) ? huge : ctx.fonts.title);
            ui::text(animator.phone);
        }
        ui::textColored(ui::color::kMuted, ctx.tr.text("contact.scan"));
        if (!ctx.view.messages.empty()) {
            const AnimatorMessage& latest = ctx.view.messages.front();  // the latest is enough at the counter
            ui::textWrapped(ctx.tr.format("contact.sent_line", {{"time", formatClock(ctx.tr, latest.createdAt)},
                                                                {"state", ctx.tr.text(deliveryKey(latest.state))}}));
        }
        ImGui::PopTextWrapPos();
    }
    if (stacked) {
        ImGui::SetCursorPosX((ImGui::GetWindowWidth() - qrSize) / 2);
    } else {
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - qrSize);
    }
    ui::qrCode(telLink(animator.phone), qrSize);
}

}  // namespace

Intent drawContact(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("contact.title"));
    const float buttonRow = ui::touchTarget() + ImGui::GetStyle().ItemSpacing.y * 2;
    const float textBlock = isPortrait() ? ui::em(8) : 0.0f;  // stacked: the text comes first
    const float qrSize = std::min(ui::em(11), ImGui::GetContentRegionAvail().y - buttonRow - textBlock);
    animatorCard(ctx, qrSize);
    alignBottom(ui::touchTarget());
    if (ui::button(ctx.tr.text("contact.write"), ImVec2(ImGui::GetContentRegionAvail().x, ui::touchTarget()), ui::Tone::Primary)) {
        result = intent::Go{Screen::ContactMessage};
    }
    return result;
}

Intent drawContactMessage(const ScreenContext& ctx) {
    Intent result = titleBar(ctx, ctx.tr.text("contact.write_title"));
    const ContactDraft& draft = ctx.ui.contact;
    const float height = ui::touchTarget();
    const float side = ui::em(5.5f);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float nameWidth = ui::em(7);
    if (ui::textField("##contact-name", draft.name, ctx.tr.text("contact.name_hint"), ImVec2(nameWidth, height), draft.editingName)) {
        result = intent::EditField{false};
    }
    ImGui::SameLine();
    const float textWidth = ImGui::GetContentRegionAvail().x - side - gap;
    if (ui::textField("##contact-text", draft.text, ctx.tr.text("contact.text_hint"), ImVec2(textWidth, height), !draft.editingName)) {
        result = intent::EditField{true};
    }
    ImGui::SameLine();
    if (ui::button(ctx.tr.text("contact.send"), ImVec2(side, height), ui::Tone::Primary, !draft.text.empty())) {
        result = intent::SendMessage{};
    }
    alignBottom(ui::textKeyboardHeight());
    keep(result, ui::textKeyboard(ctx.ui.shift, ctx.tr));
    return result;
}

}  // namespace cowork::kiosk
