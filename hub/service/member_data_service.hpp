#pragma once
// Members and their personal data, for the coordinator alone (RGPD): finding a
// member, what the hub holds about them (right of access), an export (right to
// portability), a correction (right of rectification, sent on to the kiosks as
// `member.corrected`), erasure (`member.forgotten`, applied on the hub at once),
// and the processing register of article 30, generated from the hub's settings.
// Every change and every export is written to the audit log by ids only.
#include <string>
#include <string_view>

#include "access/audit_log.hpp"
#include "access/principal.hpp"
#include "service/api_error.hpp"
#include "service/sync_service.hpp"  // Clock
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr std::size_t kMaxMembersFound = 50;
// The data controller when the coordinator has not named it (setting "controller_name").
constexpr const char* kDefaultController = "Communauté de Communes Saône-Beaujolais";

// A file for the browser to save.
struct MemberExport {
    std::string content;
    std::string contentType;
    std::string fileName;
};

class MemberDataService {
public:
    // `mailRelay`: the SMTP server kiosk messages go through, "" when none is set.
    MemberDataService(HubStorage& storage, AuditLog& audit, Clock clock, std::string mailRelay = "");

    Json search(const Principal& who, std::string_view body);
    Json details(const Principal& who, const std::string& memberId);
    MemberExport exportData(const Principal& who, const std::string& memberId, const std::string& format);
    Json correct(const Principal& who, const std::string& memberId, std::string_view body);
    Json forget(const Principal& who, const std::string& memberId);
    Json processingRegister(const Principal& who);

private:
    MemberSummary requireMember(const std::string& memberId);
    Json detailsOf(const MemberSummary& summary);

    HubStorage& storage_;
    AuditLog& audit_;
    Clock clock_;
    std::string mailRelay_;
};

}  // namespace cowork::hub
