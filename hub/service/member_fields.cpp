#include "service/member_fields.hpp"

#include <algorithm>

#include "domain/contact_details.hpp"
#include "events/entity_codec.hpp"

namespace cowork::hub {
namespace {

std::string trimmed(std::string text) {
    text.erase(0, text.find_first_not_of(' '));
    text.erase(text.find_last_not_of(' ') + 1);
    return text;
}

std::optional<std::string> optionalField(const JsonObject& body, const char* key, std::size_t maxBytes) {
    std::string text = trimmed(optionalText(body, key, maxBytes));
    if (text.empty()) return std::nullopt;
    return text;
}

}  // namespace

Member correctedMember(const Member& current, const JsonObject& body, const std::vector<std::string>& communes) {
    Member member = current;
    member.firstName = trimmed(requireText(body, "first_name", kMaxNameLength));
    if (member.firstName.empty()) body.fail("first_name", "le prénom est obligatoire");
    member.email = optionalField(body, "email", kMaxShortTextLength);
    if (member.email && !looksLikeEmail(*member.email)) body.fail("email", "adresse e-mail invalide (exemple : prenom@exemple.fr)");
    member.phone = optionalField(body, "phone", kMaxNameLength);
    if (member.phone && !looksLikePhone(*member.phone)) body.fail("phone", "numéro de téléphone invalide (10 chiffres au moins)");
    member.employer = optionalField(body, "employer", kMaxShortTextLength);
    member.commune = optionalField(body, "commune", kMaxShortTextLength);
    if (member.commune && *member.commune != kOutsideTerritory &&
        std::find(communes.begin(), communes.end(), *member.commune) == communes.end()) {
        body.fail("commune", "commune inconnue du réseau : choisissez-en une de la liste, ou « Hors du territoire »");
    }
    return member;
}

std::vector<std::string> changedFields(const Member& before, const Member& after) {
    std::vector<std::string> changed;
    if (before.firstName != after.firstName) changed.push_back("first_name");
    if (before.email != after.email) changed.push_back("email");
    if (before.phone != after.phone) changed.push_back("phone");
    if (before.employer != after.employer) changed.push_back("employer");
    if (before.commune != after.commune) changed.push_back("commune");
    return changed;
}

}  // namespace cowork::hub
