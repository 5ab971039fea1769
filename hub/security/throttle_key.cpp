#include "security/throttle_key.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace cowork::hub {

std::string throttleKeyOf(const std::string& address) {
    in6_addr v6{};
    // An IPv4-mapped address is one IPv4 client: its /64 would be every one of them.
    if (inet_pton(AF_INET6, address.c_str(), &v6) != 1 || IN6_IS_ADDR_V4MAPPED(&v6)) return address;
    std::fill(v6.s6_addr + 8, v6.s6_addr + 16, 0);
    std::array<char, INET6_ADDRSTRLEN> out{};
    return std::string(inet_ntop(AF_INET6, &v6, out.data(), out.size())) + "/64";
}

}  // namespace cowork::hub
