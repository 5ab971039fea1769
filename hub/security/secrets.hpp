#pragma once
// Random secrets and their hashes. Tokens and one-time codes are shown once and
// stored only as SHA-256 hashes: a copy of the database gives no way in.
#include <string>
#include <string_view>

namespace cowork::hub {

std::string randomToken();                          // 32 random bytes, base64url
std::string newEnrollmentCode();                    // "K7M4-PQXR-2H9T", from the member-code alphabet
std::string normalizeEnrollmentCode(std::string_view typed);
std::string sha256Hex(std::string_view text);

// Argon2id (libsodium's crypto_pwhash_str, interactive limits).
std::string hashPassword(std::string_view password);
bool verifyPassword(const std::string& hash, std::string_view password);

}  // namespace cowork::hub
