#include "domain/contact_details.hpp"

namespace cowork {

bool looksLikeEmail(const std::string& text) {
    const auto at = text.find('@');
    return at != std::string::npos && at > 0 && text.find('.', at) != std::string::npos && text.find(' ') == std::string::npos;
}

bool looksLikePhone(const std::string& text) {
    int digits = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (!(c == ' ' || c == '.' || c == '-' || (c == '+' && i == 0))) {
            return false;
        }
    }
    return digits >= 10;
}

bool looksLikeEmailOrPhone(const std::string& text) {
    return text.find('@') != std::string::npos ? looksLikeEmail(text) : looksLikePhone(text);
}

}  // namespace cowork
