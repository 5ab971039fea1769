#include "security/secrets.hpp"

#include <cctype>
#include <stdexcept>

#include <sodium.h>

#include "domain/member_code.hpp"

namespace cowork::hub {
namespace {

void ensureSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium n’a pas pu s’initialiser");
}

}  // namespace

std::string randomToken() {
    ensureSodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

std::string newEnrollmentCode() {
    ensureSodium();
    std::string code;
    for (int i = 0; i < 12; ++i) {
        if (i > 0 && i % 4 == 0) code.push_back('-');
        code.push_back(kMemberCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kMemberCodeAlphabet.size()))]);
    }
    return code;
}

std::string normalizeEnrollmentCode(std::string_view typed) {
    std::string out;
    for (const char c : typed) {
        if (c == '-' || c == ' ') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string sha256Hex(std::string_view text) {
    ensureSodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string hashPassword(std::string_view password) {
    ensureSodium();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("mémoire insuffisante pour protéger le mot de passe");
    }
    return hash;
}

bool verifyPassword(const std::string& hash, std::string_view password) {
    ensureSodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace cowork::hub
