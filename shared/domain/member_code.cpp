#include "domain/member_code.hpp"

#include <cctype>
#include <stdexcept>

#include <sodium.h>

namespace cowork {
namespace {

constexpr int kAlphabetSize = static_cast<int>(kMemberCodeAlphabet.size());
static_assert(kAlphabetSize == 29, "the check relies on a prime alphabet size");

int valueOf(char c) {
    const auto position = kMemberCodeAlphabet.find(c);
    return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

// Σ (i+1)·value(i) over the given characters, modulo 29.
int weightedSum(std::string_view characters) {
    int sum = 0;
    for (std::size_t i = 0; i < characters.size(); ++i) sum += static_cast<int>(i + 1) * valueOf(characters[i]);
    return sum % kAlphabetSize;
}

}  // namespace

std::string normalizeMemberCode(std::string_view typed) {
    std::string out;
    for (const char c : typed) {
        if (c == ' ' || c == '-') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

char memberCodeCheckCharacter(std::string_view firstFive) {
    // The check c makes the full weighted sum 0: 6·c ≡ −sum, and 5 is 6⁻¹ mod 29.
    const int check = ((kAlphabetSize - weightedSum(firstFive)) * 5) % kAlphabetSize;
    return kMemberCodeAlphabet[static_cast<std::size_t>(check)];
}

MemberCodeCheck checkMemberCode(std::string_view normalized) {
    if (normalized.size() != kMemberCodeLength) return MemberCodeCheck::WrongLength;
    for (const char c : normalized) {
        if (valueOf(c) < 0) return MemberCodeCheck::InvalidCharacter;
    }
    return weightedSum(normalized) == 0 ? MemberCodeCheck::Valid : MemberCodeCheck::WrongCheckCharacter;
}

std::string formatMemberCode(std::string_view normalized) {
    if (normalized.size() != kMemberCodeLength) return std::string(normalized);
    return std::string(normalized.substr(0, 3)) + "-" + std::string(normalized.substr(3));
}

std::string generateMemberCode(const std::function<bool(const std::string&)>& isTaken) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium n'a pas pu s'initialiser");
    // 29⁵ ≈ 20 million codes: a handful of tries always finds a free one.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        std::string code;
        for (std::size_t i = 0; i + 1 < kMemberCodeLength; ++i) {
            code.push_back(kMemberCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabetSize))]);
        }
        code.push_back(memberCodeCheckCharacter(code));
        if (!isTaken(code)) return code;
    }
    throw std::runtime_error("aucun code membre libre trouvé");
}

}  // namespace cowork
