#include "store/member_reads.hpp"

namespace cowork {

std::optional<Member> findMemberByCode(Database& db, const std::string& code) {
    Statement& row = db.prepare(
        "SELECT id, code, first_name, email, phone, employer, commune, consent_at FROM members WHERE code = ?1");
    row.bind(1, code);
    if (!row.step()) return std::nullopt;
    Member member{row.columnText(0),         row.columnText(1),         row.columnText(2),
                  row.columnOptionalText(3), row.columnOptionalText(4), row.columnOptionalText(5),
                  row.columnOptionalText(6), row.columnInt(7)};
    row.reset();
    return member;
}

bool isMemberCodeTaken(Database& db, const std::string& code) { return findMemberByCode(db, code).has_value(); }

}  // namespace cowork
