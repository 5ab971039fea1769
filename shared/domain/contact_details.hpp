#pragma once
// What a member or a visitor may give as a way to reach them, checked the same
// way at the kiosk's sign-up and in the coordinator's correction at the hub.
#include <string>

namespace cowork {

// An @ not first, a dot after it, no space.
bool looksLikeEmail(const std::string& text);
// 10 digits at least, with spaces, dots and dashes between them and a leading +.
bool looksLikePhone(const std::string& text);
// An e-mail if it has an @, else a phone.
bool looksLikeEmailOrPhone(const std::string& text);

}  // namespace cowork
