#pragma once
#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// The member holding that code (normalized form), if this store knows them.
std::optional<Member> findMemberByCode(Database& db, const std::string& code);
std::optional<Member> loadMember(Database& db, const std::string& memberId);
// Taken by a member of this store, or of another site as far as this store's
// directory knows: codes are unique network-wide.
bool isMemberCodeTaken(Database& db, const std::string& code);

}  // namespace cowork
