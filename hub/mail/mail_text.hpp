#pragma once
// The pieces of an Internet message (RFC 5322) that need care: non-ASCII header
// text (RFC 2047 encoded words), the Date header, and an 8-bit body whose lines
// end in CRLF and stay under the 998-octet limit.
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace cowork::hub {

// "=?UTF-8?B?…?=" words of 60 characters at most, folded onto continuation lines
// (CRLF + space); characters are never split across words. Control characters
// are dropped first, so no header can be forged from a kiosk's text.
std::string encodeHeaderText(std::string_view utf8);

// "Thu, 26 Nov 2026 08:09:13 +0100", in Europe/Paris time.
std::string rfc5322Date(TimeMs at);

// "jeudi 26 novembre 2026 à 8 h 09", in Europe/Paris time.
std::string frenchDateTime(TimeMs at);

// Text as an 8-bit body: every line break becomes CRLF, control characters
// other than tab are dropped, and a line longer than 998 octets is broken at a
// space (or else at a character boundary).
std::string bodyText(std::string_view utf8);

}  // namespace cowork::hub
