#pragma once
// The email an animator receives for a message left at a kiosk: French text,
// UTF-8, with the sender's contact as Reply-To when it is an email address.
#include <optional>
#include <string>

#include "storage/mail_queue.hpp"

namespace cowork::hub {

struct OutgoingMail {
    std::string envelopeFrom;
    std::string envelopeTo;
    std::string data;  // the whole RFC 5322 message, lines ending in CRLF
};

// Why the message cannot be emailed as things stand, in words the coordinator
// can act on; nullopt when it can.
std::optional<std::string> undeliverableReason(const MailToSend& mail);

// Requires undeliverableReason(mail) to be nullopt. The Message-ID derives from
// the kiosk message's id, so a retry after a crash carries the same one and
// mail systems that deduplicate on it show the animator one message.
OutgoingMail composeAnimatorMail(const MailToSend& mail, const std::string& sender, TimeMs now);

}  // namespace cowork::hub
