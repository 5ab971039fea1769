#include "tls/certificate_names.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

#include <openssl/x509v3.h>

namespace cowork::hub {
namespace {

std::optional<std::string> canonicalAddress(int family, const void* bytes) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (!inet_ntop(family, bytes, text.data(), static_cast<socklen_t>(text.size()))) return std::nullopt;
    return std::string(text.data());
}

std::optional<std::string> ipEntry(const std::string& text) {
    std::array<unsigned char, 16> bytes{};
    if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return "IP:" + *canonicalAddress(AF_INET, bytes.data());
    if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) return "IP:" + *canonicalAddress(AF_INET6, bytes.data());
    return std::nullopt;
}

bool isLabel(const std::string& label) {
    const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
           std::all_of(label.begin(), label.end(), allowed);
}

// Letters, digits and hyphens in dot-separated labels (RFC 1123), 253 bytes at most.
bool isDnsName(const std::string& name) {
    if (name.empty() || name.size() > 253) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = name.find('.', start);
        if (!isLabel(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) return false;
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

std::string asText(const ASN1_STRING* value) {
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)), static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::optional<std::string> entryOf(const GENERAL_NAME* name) {
    if (name->type == GEN_DNS) {
        std::string dns = asText(name->d.dNSName);
        std::transform(dns.begin(), dns.end(), dns.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return "DNS:" + dns;
    }
    if (name->type != GEN_IPADD) return std::nullopt;
    const ASN1_OCTET_STRING* address = name->d.iPAddress;
    const int family = ASN1_STRING_length(address) == 4 ? AF_INET : ASN1_STRING_length(address) == 16 ? AF_INET6 : 0;
    if (family == 0) return std::nullopt;
    const auto text = canonicalAddress(family, ASN1_STRING_get0_data(address));
    return text ? std::optional<std::string>("IP:" + *text) : std::nullopt;
}

}  // namespace

const std::vector<std::string>& defaultSubjectAltNames() {
    static const std::vector<std::string> names = {"DNS:localhost", "IP:127.0.0.1", "IP:::1"};
    return names;
}

std::string subjectAltNameFor(const std::string& hostname) {
    if (const auto ip = ipEntry(hostname)) return *ip;
    std::string name = hostname;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!name.empty() && name.back() == '.') name.pop_back();  // "hub.example.org." is the same name
    if (!isDnsName(name)) {
        throw std::invalid_argument("« " + hostname + " » n’est ni un nom DNS (lettres, chiffres, tirets, points) ni une adresse IP");
    }
    return "DNS:" + name;
}

std::vector<std::string> subjectAltNamesOf(const X509* certificate) {
    std::vector<std::string> entries;
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    if (!names) return entries;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        if (auto entry = entryOf(sk_GENERAL_NAME_value(names, i))) entries.push_back(std::move(*entry));
    }
    GENERAL_NAMES_free(names);
    return entries;
}

}  // namespace cowork::hub
