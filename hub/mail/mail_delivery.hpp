#pragma once
// The mail delivery worker as `cowork-hub serve` runs it: started with the
// server when SMTP is configured, stopped before the storage closes.
#include <memory>

#include "mail/curl_smtp_transport.hpp"
#include "mail/mail_worker.hpp"

namespace cowork::hub {

class MailDelivery {
public:
    // nullptr, with one warning in the log, when SMTP is not configured: kiosk
    // messages then stay "sent" on the hub until it is. Throws on bad settings.
    static std::unique_ptr<MailDelivery> start(HubStorage& storage, const SmtpSettings& settings, Clock clock);

    MailDelivery(HubStorage& storage, const SmtpSettings& settings, Clock clock);
    ~MailDelivery() { worker_.stop(); }
    MailDelivery(const MailDelivery&) = delete;
    MailDelivery& operator=(const MailDelivery&) = delete;

private:
    CurlSmtpTransport transport_;
    MailWorker worker_;
};

}  // namespace cowork::hub
