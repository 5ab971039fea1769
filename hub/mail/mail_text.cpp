#include "mail/mail_text.hpp"

#include <array>
#include <cstdio>

#include <sodium.h>

#include "domain/paris_time.hpp"

namespace cowork::hub {
namespace {

// 36 octets make 48 base64 characters, 60 with "=?UTF-8?B?" and "?=": under the
// 75 an encoded word may have, and short enough that "Reply-To: " and a word
// stay within the 78 characters a header line should keep to.
constexpr std::size_t kOctetsPerWord = 36;
constexpr std::size_t kMaxBodyLine = 998;

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
bool isControl(char c) { const auto u = static_cast<unsigned char>(c); return u < 0x20 || u == 0x7F; }

std::string withoutControls(std::string_view text, bool keepTabs) {
    std::string out;
    for (char c : text) {
        if (!isControl(c) || (keepTabs && c == '\t')) out += c;
    }
    return out;
}

// The longest prefix of `text` of at most `limit` octets that ends on a character boundary.
std::size_t boundaryBefore(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text.size();
    std::size_t cut = limit;
    while (cut > 0 && isContinuationByte(text[cut])) --cut;
    return cut > 0 ? cut : limit;
}

std::string base64(std::string_view octets) {
    std::string out(sodium_base64_encoded_len(octets.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(octets.data()), octets.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string twoDigits(int value) {
    std::array<char, 8> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%02d", value);
    return buffer.data();
}

// Breaks one line (no line break inside) into lines of at most kMaxBodyLine octets.
void appendWrapped(std::string_view line, std::string& out) {
    while (line.size() > kMaxBodyLine) {
        std::size_t cut = line.rfind(' ', kMaxBodyLine);
        if (cut == std::string_view::npos || cut == 0) cut = boundaryBefore(line, kMaxBodyLine);
        out.append(line.substr(0, cut)).append("\r\n");
        line.remove_prefix(cut);
        if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    }
    out.append(line).append("\r\n");
}

}  // namespace

std::string encodeHeaderText(std::string_view utf8) {
    const std::string clean = withoutControls(utf8, false);
    std::string_view rest = clean;
    std::string out;
    while (!rest.empty()) {
        const std::size_t take = boundaryBefore(rest, kOctetsPerWord);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(rest.substr(0, take)) + "?=";
        rest.remove_prefix(take);
    }
    return out;
}

std::string rfc5322Date(TimeMs at) {
    static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const LocalDateTime local = toParisLocal(at);
    const int offset = parisOffsetMinutes(at);
    return std::string(kDays[static_cast<std::size_t>(local.weekday)]) + ", " + std::to_string(local.date.day) + " " +
           kMonths[static_cast<std::size_t>(local.date.month - 1)] + " " + std::to_string(local.date.year) + " " +
           twoDigits(local.minuteOfDay / 60) + ":" + twoDigits(local.minuteOfDay % 60) + ":" + twoDigits(local.second) +
           " +" + twoDigits(offset / 60) + twoDigits(offset % 60);
}

std::string frenchDateTime(TimeMs at) {
    static constexpr std::array<const char*, 7> kDays = {"lundi", "mardi", "mercredi", "jeudi",
                                                         "vendredi", "samedi", "dimanche"};
    static constexpr std::array<const char*, 12> kMonths = {"janvier", "février", "mars", "avril", "mai", "juin",
                                                            "juillet", "août", "septembre", "octobre", "novembre",
                                                            "décembre"};
    const LocalDateTime local = toParisLocal(at);
    const std::string day = local.date.day == 1 ? "1er" : std::to_string(local.date.day);
    return std::string(kDays[static_cast<std::size_t>(local.weekday)]) + " " + day + " " +
           kMonths[static_cast<std::size_t>(local.date.month - 1)] + " " + std::to_string(local.date.year) + " à " +
           std::to_string(local.minuteOfDay / 60) + " h " + twoDigits(local.minuteOfDay % 60);
}

std::string bodyText(std::string_view utf8) {
    std::string out;
    std::string line;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
            appendWrapped(line, out);
            line.clear();
        } else if (!isControl(c) || c == '\t') {
            line += c;
        }
    }
    if (!line.empty()) appendWrapped(line, out);
    return out;
}

}  // namespace cowork::hub
