#pragma once
// What the hub's storage hands the mail delivery worker, and what it keeps about
// each message's emailing for the coordinator (see hub_mail_delivery).
#include <optional>
#include <string>

#include "domain/entities.hpp"

namespace cowork::hub {

// A kiosk message not emailed yet, with what is needed to email it.
struct MailToSend {
    AnimatorMessage message;
    std::optional<Site> site;  // nullopt: the site is unknown to the hub
    int failedAttempts = 0;
};

// An undelivered message as the coordinator sees it.
struct UndeliveredMail {
    std::string messageId;
    std::string siteId;
    TimeMs createdAt = 0;
    int attempts = 0;
    std::optional<TimeMs> lastAttemptAt;
    std::optional<TimeMs> nextAttemptAt;  // nullopt: not tried yet
    std::string lastError;
};

}  // namespace cowork::hub
