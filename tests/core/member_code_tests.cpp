#include <catch2/catch.hpp>

#include <set>

#include "domain/member_code.hpp"

using namespace cowork;

TEST_CASE("a generated member code is valid, formatted and avoids taken codes", "[member-code]") {
    std::set<std::string> taken;
    for (int i = 0; i < 200; ++i) {
        const std::string code = generateMemberCode([&](const std::string& c) { return taken.count(c) > 0; });
        REQUIRE(checkMemberCode(code) == MemberCodeCheck::Valid);
        REQUIRE(taken.insert(code).second);
        for (const char forbidden : std::string("0O1ILQU")) REQUIRE(code.find(forbidden) == std::string::npos);
    }
    CHECK(formatMemberCode("K7M4QX") == "K7M-4QX");
    CHECK(normalizeMemberCode(" k7m-4qx ") == "K7M4QX");
}

TEST_CASE("the check character catches every single mistyped character", "[member-code]") {
    int codesTried = 0;
    for (int i = 0; i < 300; ++i) {
        const std::string code = generateMemberCode([](const std::string&) { return false; });
        for (std::size_t position = 0; position < code.size(); ++position) {
            for (const char replacement : kMemberCodeAlphabet) {
                if (replacement == code[position]) continue;
                std::string typo = code;
                typo[position] = replacement;
                INFO(code << " -> " << typo);
                REQUIRE(checkMemberCode(typo) == MemberCodeCheck::WrongCheckCharacter);
            }
        }
        ++codesTried;
    }
    CHECK(codesTried == 300);
}

TEST_CASE("the check character catches swapped neighbours", "[member-code]") {
    for (int i = 0; i < 300; ++i) {
        const std::string code = generateMemberCode([](const std::string&) { return false; });
        for (std::size_t position = 0; position + 1 < code.size(); ++position) {
            if (code[position] == code[position + 1]) continue;
            std::string swapped = code;
            std::swap(swapped[position], swapped[position + 1]);
            INFO(code << " -> " << swapped);
            REQUIRE(checkMemberCode(swapped) == MemberCodeCheck::WrongCheckCharacter);
        }
    }
}

TEST_CASE("malformed member codes are told apart", "[member-code]") {
    CHECK(checkMemberCode("ABC") == MemberCodeCheck::WrongLength);
    CHECK(checkMemberCode("ABCDEFG") == MemberCodeCheck::WrongLength);
    CHECK(checkMemberCode("AB0DEF") == MemberCodeCheck::InvalidCharacter);
    CHECK(checkMemberCode("ABIDEF") == MemberCodeCheck::InvalidCharacter);
    const std::string five = "K7M4P";
    CHECK(checkMemberCode(five + memberCodeCheckCharacter(five)) == MemberCodeCheck::Valid);
}
