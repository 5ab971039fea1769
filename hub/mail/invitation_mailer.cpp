#include "mail/invitation_mailer.hpp"

#include <memory>

#include <spdlog/spdlog.h>

#include "mail/curl_smtp_transport.hpp"

namespace cowork::hub {

InvitationMailer makeInvitationMailer(const SmtpSettings& settings, Clock clock) {
    if (!settings.configured()) return {};
    auto transport = std::make_shared<CurlSmtpTransport>(settings);
    return [transport, sender = settings.from, clock = std::move(clock)](const InvitationMail& invitation) {
        const SendOutcome outcome = transport->send(composeInvitationMail(invitation, sender, clock()));
        // The coordinator still gets the link to pass on; the log says why (no address: personal data).
        if (!outcome.accepted) spdlog::warn("event=invitation_not_emailed error=\"{}\"", outcome.error);
        return outcome.accepted;
    };
}

}  // namespace cowork::hub
