#include "service/enrollment_sheet.hpp"

#include "service/qr_svg.hpp"

namespace cowork::hub {

std::string hubUrlFromHost(const std::string& host) { return "https://" + host; }

EnrollmentSheet enrollmentSheet(const std::string& hubUrl, const std::string& code, const std::vector<std::string>& keyPins) {
    std::string file = "# cowork-enroll.txt\nurl=" + hubUrl + "\ncode=" + code + "\n";
    if (!keyPins.empty()) file += "pin=" + keyPins.front() + "\n";
    return {file, qrSvg(encodeQr(file))};
}

}  // namespace cowork::hub
