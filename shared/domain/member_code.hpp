#pragma once
// Member codes: six characters shown as "K7M-4QX", five random and one check
// character. The alphabet leaves out 0, O, 1, I, L, Q and U, so nothing can be
// mistaken when read aloud or typed, and has 29 letters: with a prime alphabet
// and weights 1..6, the check catches every single mistyped character and every
// swap of two neighbours.
#include <functional>
#include <string>
#include <string_view>

namespace cowork {

constexpr std::string_view kMemberCodeAlphabet = "23456789ABCDEFGHJKMNPRSTVWXYZ";
constexpr std::size_t kMemberCodeLength = 6;  // without the dash

enum class MemberCodeCheck { Valid, WrongLength, InvalidCharacter, WrongCheckCharacter };

// Upper-cases and drops spaces and dashes: "k7m 4qx" → "K7M4QX".
std::string normalizeMemberCode(std::string_view typed);
MemberCodeCheck checkMemberCode(std::string_view normalized);
char memberCodeCheckCharacter(std::string_view firstFive);
std::string formatMemberCode(std::string_view normalized);  // "K7M4QX" → "K7M-4QX"

// A fresh random code, not one `isTaken` knows (normalized form).
std::string generateMemberCode(const std::function<bool(const std::string&)>& isTaken);

}  // namespace cowork
