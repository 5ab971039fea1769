#pragma once
// The audit log: every change made through the console or the API, who made
// it, when, what, and the object before and after, kept 12 months.
// Invariant: an entry never holds a member's personal data (first name, code,
// commune): a change to a member is recorded by ids only, so that erasure
// leaves nothing behind in the log.
#include <string>

#include "access/principal.hpp"
#include "json/json_reader.hpp"

namespace cowork::hub {

struct AuditRecord {
    std::string action;      // "site.saved", "announcement.published", "user.invited"…
    std::string objectType;  // "site", "announcement", "device", "user", "member", "settings"…
    std::string objectId;
    std::string siteId;      // the site the object belongs to, "" when none
    Json before = nullptr;   // null for a creation
    Json after = nullptr;    // null for a deletion
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    virtual void record(const Principal& who, const AuditRecord& what) = 0;
};

}  // namespace cowork::hub
