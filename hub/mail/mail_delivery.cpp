#include "mail/mail_delivery.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

MailDelivery::MailDelivery(HubStorage& storage, const SmtpSettings& settings, Clock clock)
    : transport_(settings), worker_(storage, transport_, MailWorkerOptions{settings.from}, std::move(clock)) {
    worker_.start();
}

std::unique_ptr<MailDelivery> MailDelivery::start(HubStorage& storage, const SmtpSettings& settings, Clock clock) {
    if (!settings.configured()) {
        spdlog::warn("event=mail_disabled reason=\"aucun serveur SMTP configuré (--smtp-url) : les messages des kiosques "
                     "restent sur le hub sans être envoyés aux animateurs\"");
        return nullptr;
    }
    auto delivery = std::make_unique<MailDelivery>(storage, settings, std::move(clock));
    spdlog::info("event=mail_enabled url={} from={} user={}", settings.url, settings.from,
                 settings.user.empty() ? "-" : settings.user);
    return delivery;
}

}  // namespace cowork::hub
