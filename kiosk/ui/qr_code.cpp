#include "ui/qr_code.hpp"

#include <qrencode.h>

#include <cmath>
#include <memory>

#include "ui/widgets.hpp"

namespace cowork::kiosk::ui {
namespace {

struct QrDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

void qrCode(const std::string& text, float size) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) return;
    constexpr int quiet = 2;  // modules of white around, so phones find the code
    const int modules = code->width + 2 * quiet;
    // Whole pixels per module: fractional ones leave hairlines a phone may misread.
    const float cell = std::floor(size / static_cast<float>(modules));
    if (cell < 1) return;
    const float margin = std::floor((size - cell * static_cast<float>(modules)) / 2) + cell * quiet;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32_WHITE);
    const ImVec2 start(std::floor(origin.x + margin), std::floor(origin.y + margin));
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (!(code->data[y * code->width + x] & 1)) continue;
            const ImVec2 a(start.x + static_cast<float>(x) * cell, start.y + static_cast<float>(y) * cell);
            draw->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32_BLACK);
        }
    }
}

}  // namespace cowork::kiosk::ui
