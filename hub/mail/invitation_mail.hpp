#pragma once
// The e-mail that gives a new console account its invitation link.
#include <string>

#include "mail/animator_mail.hpp"

namespace cowork::hub {

struct InvitationMail {
    std::string to;
    std::string roleLabel;  // "coordinateur", "animateur", "élu"
    std::string url;        // https://HUB/#/invitation/TOKEN
    TimeMs expiresAt = 0;
};

OutgoingMail composeInvitationMail(const InvitationMail& invitation, const std::string& sender, TimeMs now);

}  // namespace cowork::hub
