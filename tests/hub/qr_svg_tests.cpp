#include <catch2/catch.hpp>

#include <regex>

#include "service/enrollment_sheet.hpp"
#include "service/qr_svg.hpp"

using namespace cowork::hub;

namespace {

// Reads the modules back from the SVG's path ("Mx yhNv1h-Nz" runs), quiet zone
// included, as a reader would see them.
std::vector<std::vector<bool>> modulesOf(const std::string& svg, int side) {
    std::vector<std::vector<bool>> grid(static_cast<std::size_t>(side), std::vector<bool>(static_cast<std::size_t>(side)));
    const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
        const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), length = std::stoi((*it)[3]);
        REQUIRE(length == std::stoi((*it)[4]));
        for (int i = 0; i < length; ++i) grid.at(static_cast<std::size_t>(y)).at(static_cast<std::size_t>(x + i)) = true;
    }
    return grid;
}

}  // namespace

TEST_CASE("the QR code's SVG holds exactly its dark modules inside a quiet zone of 4", "[console-views][qr]") {
    const std::string text = "# cowork-enroll.txt\nurl=https://hub.ccsb.fr:8443\ncode=7KQ2-MX4P-9WRT\n";
    const QrMatrix qr = encodeQr(text);
    REQUIRE(qr.size >= 21);
    CHECK((qr.size - 17) % 4 == 0);  // a QR code's side: 17 + 4 × version
    const std::string svg = qrSvg(qr);
    const int side = qr.size + 2 * kQrQuietZone;
    CHECK(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\"") != std::string::npos);
    CHECK(svg.find("shape-rendering=\"crispEdges\"") != std::string::npos);
    std::size_t paths = 0;
    for (std::size_t at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
    CHECK(paths == 1);

    const auto grid = modulesOf(svg, side);
    int mismatches = 0;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const bool inCode = x >= kQrQuietZone && y >= kQrQuietZone && x < side - kQrQuietZone && y < side - kQrQuietZone;
            const bool expected = inCode && qr.at(x - kQrQuietZone, y - kQrQuietZone);
            if (grid[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] != expected) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    // The three finder patterns: a dark 7×7 ring at three corners.
    for (const auto& [cx, cy] : {std::pair{0, 0}, std::pair{qr.size - 7, 0}, std::pair{0, qr.size - 7}}) {
        CHECK(qr.at(cx, cy));
        CHECK(qr.at(cx + 6, cy + 6));
        CHECK_FALSE(qr.at(cx + 1, cy + 1));
        CHECK(qr.at(cx + 3, cy + 3));
    }
}

TEST_CASE("the same text always gives the same QR code, another text another", "[console-views][qr]") {
    CHECK(qrSvg(encodeQr("code=AAAA")) == qrSvg(encodeQr("code=AAAA")));
    CHECK(qrSvg(encodeQr("code=AAAA")) != qrSvg(encodeQr("code=AAAB")));
}

TEST_CASE("the enrollment file is what the kiosk's cowork-enroll.txt reader expects", "[console-views][qr]") {
    const EnrollmentSheet sheet =
        enrollmentSheet("https://hub.ccsb.fr:8443", "7KQ2-MX4P-9WRT", {"sha256//current=", "sha256//backup="});
    CHECK(sheet.enrollFile ==
          "# cowork-enroll.txt\nurl=https://hub.ccsb.fr:8443\ncode=7KQ2-MX4P-9WRT\npin=sha256//current=\n");
    CHECK(sheet.qrSvg == qrSvg(encodeQr(sheet.enrollFile)));
    CHECK(enrollmentSheet("https://h", "C", {}).enrollFile.find("pin=") == std::string::npos);
}
