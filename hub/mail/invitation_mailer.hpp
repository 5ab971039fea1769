#pragma once
#include "mail/smtp_settings.hpp"
#include "service/account_service.hpp"

namespace cowork::hub {

// Sends invitations through the hub's SMTP server, at once, while the
// coordinator waits (a few a year: no queue). Empty when SMTP is not configured.
InvitationMailer makeInvitationMailer(const SmtpSettings& settings, Clock clock);

}  // namespace cowork::hub
