#include "mail/mail_address.hpp"

#include <algorithm>

namespace cowork::hub {

bool isPlainMailAddress(std::string_view text) {
    if (text.size() < 3 || text.size() > 254) return false;
    const bool forbidden = std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u >= 0x7F || std::string_view("<>(),;:\"[]\\").find(c) != std::string_view::npos;
    });
    const std::size_t at = text.find('@');
    if (forbidden || at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view domain = text.substr(at + 1);
    return domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.';
}

std::string domainOf(std::string_view address) {
    const std::size_t at = address.rfind('@');
    return std::string(at == std::string_view::npos ? address : address.substr(at + 1));
}

}  // namespace cowork::hub
