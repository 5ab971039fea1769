#pragma once
#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// The member holding that code (normalized form), if this store knows them.
std::optional<Member> findMemberByCode(Database& db, const std::string& code);
std::optional<Member> loadMember(Database& db, const std::string& memberId);
bool isMemberCodeTaken(Database& db, const std::string& code);

}  // namespace cowork
