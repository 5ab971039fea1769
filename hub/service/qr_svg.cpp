#include "service/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <sstream>
#include <stdexcept>

namespace cowork::hub {

QrMatrix encodeQr(const std::string& text) {
    // Case-sensitive 8-bit mode: the enrollment file holds lower case and '='.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) throw std::runtime_error("le QR code n’a pas pu être fait (texte trop long ?)");
    QrMatrix qr;
    qr.size = code->width;
    qr.dark.resize(static_cast<std::size_t>(qr.size * qr.size));
    for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
    return qr;
}

std::string qrSvg(const QrMatrix& qr) {
    const int side = qr.size + 2 * kQrQuietZone;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << side << ' ' << side
        << "\" shape-rendering=\"crispEdges\"><rect width=\"" << side << "\" height=\"" << side
        << "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    // One horizontal run of dark modules per sub-path keeps the SVG small.
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size;) {
            if (!qr.at(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < qr.size && qr.at(x + run, y)) ++run;
            svg << 'M' << x + kQrQuietZone << ' ' << y + kQrQuietZone << 'h' << run << "v1h-" << run << 'z';
            x += run;
        }
    }
    svg << "\"/></svg>";
    return svg.str();
}

}  // namespace cowork::hub
