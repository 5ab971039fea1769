#include "http/connection_admission.hpp"

#include <algorithm>

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

ConnectionAdmission::ConnectionAdmission(int perAddress, int total, const std::vector<std::string>& uncappedAddresses,
                                         double newPerSecond)
    : perAddress_(perAddress), total_(total), uncapped_(canonicalSet(uncappedAddresses)), newPerSecond_(newPerSecond),
      newBurst_(4.0 * perAddress) {}

Admission ConnectionAdmission::admit(const std::string& address, SteadyTime now) {
    std::lock_guard lock(mutex_);
    if (open_ >= total_) return Admission::Full;
    if (++admitsSinceSweep_ >= 4096) forgetRefilledArrivals(now);
    const std::string key = keyOf(address);
    const bool capped = !uncapped_.count(address);
    // The cap first: a refusal for it must not spend the address's allowance,
    // or a shop at its cap whose customers retry would be refused for the rate
    // once a connection closes.
    const auto open = openByAddress_.find(key);
    if (capped && open != openByAddress_.end() && open->second >= perAddress_) return Admission::TooManyFromAddress;
    if (capped && !takeArrival(key, now)) return Admission::TooFastFromAddress;
    ++openByAddress_[key];
    ++open_;
    return Admission::Admitted;
}

// A token bucket per address: the allowance refills at newPerSecond_ up to
// newBurst_. An arrival refused takes nothing, so a client that keeps trying
// gets in again at the rate allowed.
bool ConnectionAdmission::takeArrival(const std::string& key, SteadyTime now) {
    Arrivals& arrivals = arrivals_.try_emplace(key, Arrivals{newBurst_, now}).first->second;
    const double seconds = std::chrono::duration<double>(now - arrivals.at).count();
    arrivals.allowance = std::min(newBurst_, arrivals.allowance + std::max(0.0, seconds) * newPerSecond_);
    arrivals.at = now;
    if (arrivals.allowance < 1.0) return false;
    arrivals.allowance -= 1.0;
    return true;
}

// An address whose allowance would be full again is as good as new: dropped,
// so that the map holds only the addresses of the last moments.
void ConnectionAdmission::forgetRefilledArrivals(SteadyTime now) {
    admitsSinceSweep_ = 0;
    std::erase_if(arrivals_, [&](const auto& entry) {
        const double seconds = std::chrono::duration<double>(now - entry.second.at).count();
        return entry.second.allowance + seconds * newPerSecond_ >= newBurst_;
    });
}

std::size_t ConnectionAdmission::addressesTracked() {
    std::lock_guard lock(mutex_);
    return arrivals_.size();
}

void ConnectionAdmission::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto found = openByAddress_.find(keyOf(address));
    if (found == openByAddress_.end()) return;
    if (--found->second == 0) openByAddress_.erase(found);
    --open_;
}

}  // namespace cowork::hub
