#include "http/connection_admission.hpp"

#include "http/client_address.hpp"
#include "security/throttle_key.hpp"

namespace cowork::hub {
namespace {

std::set<std::string> canonicalSet(const std::vector<std::string>& addresses) {
    std::set<std::string> out;
    for (const std::string& address : addresses) out.insert(canonicalIpAddress(address).value_or(address));
    return out;
}

}  // namespace

// A trusted proxy is counted alone, so that its many connections do not fill
// the cap of its /64 neighbours.
std::string ConnectionAdmission::keyOf(const std::string& address) const {
    return uncapped_.count(address) ? address : throttleKeyOf(address);
}

ConnectionAdmission::ConnectionAdmission(int perAddress, int total, const std::vector<std::string>& uncappedAddresses)
    : perAddress_(perAddress), total_(total), uncapped_(canonicalSet(uncappedAddresses)) {}

Admission ConnectionAdmission::admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (open_ >= total_) return Admission::Full;
    const std::string key = keyOf(address);
    int& fromAddress = openByAddress_[key];
    if (fromAddress >= perAddress_ && !uncapped_.count(address)) {
        if (fromAddress == 0) openByAddress_.erase(key);
        return Admission::TooManyFromAddress;
    }
    ++fromAddress;
    ++open_;
    return Admission::Admitted;
}

void ConnectionAdmission::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto found = openByAddress_.find(keyOf(address));
    if (found == openByAddress_.end()) return;
    if (--found->second == 0) openByAddress_.erase(found);
    --open_;
}

}  // namespace cowork::hub
