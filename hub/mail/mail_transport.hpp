#pragma once
#include <string>

#include "mail/animator_mail.hpp"

namespace cowork::hub {

struct SendOutcome {
    bool accepted = false;  // the server took the message for delivery
    bool aborted = false;   // abort() cut it short: not the server's fault, try again at once
    std::string error;      // why not, for the coordinator
};

// Hands a message to a mail server. Tests and the SMTP implementation share it.
class MailTransport {
public:
    virtual ~MailTransport() = default;
    virtual SendOutcome send(const OutgoingMail& mail) = 0;
    // Makes a send in progress (and later ones) give up soon: the hub is stopping.
    virtual void abort() = 0;
};

}  // namespace cowork::hub
