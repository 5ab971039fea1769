#pragma once
// The register of processing activities (RGPD article 30) of the coworking
// network, written from the hub's actual settings rather than kept as a text
// that drifts from them: change the link period and the register says so.
#include <cstddef>
#include <string>

#include "json/json_reader.hpp"

namespace cowork::hub {

struct RegisterSettings {
    std::string controller;  // the intercommunality, from the setting "controller_name"
    int visitLinkMonths = 3;
    int forgetAfterMonths = 13;
    int auditKeptMonths = 12;
    int animationKeptMonths = 36;  // animators' sessions: pay records
    std::string mailRelay;  // the SMTP server kiosk messages go through, "" when none
    std::size_t sites = 0;
};

// French text, structured for the console to render (docs/console-api.md).
Json processingRegisterJson(const RegisterSettings& settings);

}  // namespace cowork::hub
