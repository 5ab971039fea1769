#pragma once
// A QR code drawn as squares (libqrencode), for the member code and the
// animator's phone: photographed by a phone, not read by the kiosk.
#include <imgui.h>

#include <string>

namespace cowork::kiosk::ui {

// Draws at the cursor, `size` pixels square including the quiet zone.
void qrCode(const std::string& text, float size);

}  // namespace cowork::kiosk::ui
