#pragma once
// A QR code as a small SVG, for the enrollment sheet the coordinator prints or
// shows: one <path> of the dark modules, a quiet zone of 4 modules, crisp edges.
#include <string>
#include <vector>

namespace cowork::hub {

constexpr int kQrQuietZone = 4;

// The QR code's modules, row by row (true: dark), without the quiet zone.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;  // size * size
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Error correction M, 8-bit mode; throws std::runtime_error if it does not fit.
QrMatrix encodeQr(const std::string& text);
// The SVG of those modules: viewBox in modules, quiet zone included.
std::string qrSvg(const QrMatrix& qr);

}  // namespace cowork::hub
