#pragma once
// What the coordinator hands over to install a kiosk: the text of the
// cowork-enroll.txt file the kiosk reads from its boot partition
// (kiosk/sync/provisioning_file.hpp), and the QR code of that same text.
#include <string>
#include <vector>

namespace cowork::hub {

struct EnrollmentSheet {
    std::string enrollFile;
    std::string qrSvg;
};

// "https://" + the Host header the console reached the hub with.
std::string hubUrlFromHost(const std::string& host);
// The kiosk trusts the current key's pin (the first); without pins, the file has
// no pin line and the kiosk trusts the system's authorities.
EnrollmentSheet enrollmentSheet(const std::string& hubUrl, const std::string& code, const std::vector<std::string>& keyPins);

}  // namespace cowork::hub
