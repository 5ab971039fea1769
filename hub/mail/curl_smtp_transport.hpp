#pragma once
#include <atomic>

#include "mail/mail_transport.hpp"
#include "mail/smtp_settings.hpp"

namespace cowork::hub {

// SMTP through libcurl: one connection per message (a few messages a day do not
// justify keeping one open), bounded by connect and total timeouts.
class CurlSmtpTransport final : public MailTransport {
public:
    explicit CurlSmtpTransport(SmtpSettings settings);
    SendOutcome send(const OutgoingMail& mail) override;
    void abort() override { aborted_ = true; }

private:
    SmtpSettings settings_;
    std::atomic<bool> aborted_{false};
};

}  // namespace cowork::hub
