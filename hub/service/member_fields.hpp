#pragma once
// A member's details as the coordinator corrects them, checked as the kiosk's
// sign-up checks them: a first name, an e-mail with an @ and a dot after it, a
// phone of 10 digits at least, a commune that sign-up offers.
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "json/json_reader.hpp"

namespace cowork::hub {

// `current` with the body's first_name, email, phone, employer and commune (an
// empty or null value clears an optional one); throws InputError naming the field.
Member correctedMember(const Member& current, const JsonObject& body, const std::vector<std::string>& communes);
// The names of the fields that differ ("first_name", "email"…).
std::vector<std::string> changedFields(const Member& before, const Member& after);

}  // namespace cowork::hub
