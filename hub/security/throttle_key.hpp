#pragma once
// What a client address is counted under by the limits keyed on it (connections
// per address, failed logins): an IPv4 address itself, an IPv6 address its /64.
// An ISP gives one subscriber a whole /64, so counting per IPv6 address would
// give an attacker 2^64 fresh counts. Only the limits use it: logs and audit
// keep the full address.
#include <string>

namespace cowork::hub {

// "2001:db8:1:2::/64" for any IPv6 address of that /64; any other text (an IPv4
// address, an IPv4-mapped IPv6 one) unchanged.
std::string throttleKeyOf(const std::string& address);

}  // namespace cowork::hub
