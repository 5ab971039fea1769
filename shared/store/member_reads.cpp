#include "store/member_reads.hpp"

namespace cowork {
namespace {

// One member row, by whatever key the caller binds as ?1.
std::optional<Member> readOneMember(Statement& row) {
    if (!row.step()) return std::nullopt;
    Member member{row.columnText(0),         row.columnText(1),         row.columnText(2),
                  row.columnOptionalText(3), row.columnOptionalText(4), row.columnOptionalText(5),
                  row.columnOptionalText(6), row.columnInt(7)};
    row.reset();
    return member;
}

constexpr const char* kMemberColumns = "SELECT id, code, first_name, email, phone, employer, commune, consent_at FROM members ";

}  // namespace

std::optional<Member> findMemberByCode(Database& db, const std::string& code) {
    return readOneMember(db.prepare(std::string(kMemberColumns) + "WHERE code = ?1").bind(1, code));
}

std::optional<Member> loadMember(Database& db, const std::string& memberId) {
    return readOneMember(db.prepare(std::string(kMemberColumns) + "WHERE id = ?1").bind(1, memberId));
}

bool isMemberCodeTaken(Database& db, const std::string& code) {
    if (findMemberByCode(db, code)) return true;
    Statement& row = db.prepare("SELECT 1 FROM member_directory WHERE code = ?1");
    row.bind(1, code);
    const bool elsewhere = row.step();
    row.reset();
    return elsewhere;
}

}  // namespace cowork
