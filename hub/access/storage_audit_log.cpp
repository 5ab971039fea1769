#include "access/storage_audit_log.hpp"

namespace cowork::hub {

void StorageAuditLog::record(const Principal& who, const AuditRecord& what) {
    storage_.appendAudit(AuditEntry{0, clock_(), who.userId, who.email, what.action, what.objectType, what.objectId,
                                    what.siteId, what.before, what.after});
}

}  // namespace cowork::hub
