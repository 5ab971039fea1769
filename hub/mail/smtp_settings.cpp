#include "mail/smtp_settings.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "mail/mail_address.hpp"

namespace cowork::hub {
namespace {

struct UrlParts {
    std::string scheme;
    std::string host;
};

std::optional<std::string> urlPart(CURLU* url, CURLUPart part) {
    char* text = nullptr;
    if (curl_url_get(url, part, &text, 0) != CURLUE_OK) return std::nullopt;
    std::string value = text;
    curl_free(text);
    return value;
}

std::optional<UrlParts> parseUrl(const std::string& text) {
    const std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), curl_url_cleanup);
    if (!url || curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return std::nullopt;
    const auto scheme = urlPart(url.get(), CURLUPART_SCHEME);
    const auto host = urlPart(url.get(), CURLUPART_HOST);
    if (!scheme || !host) return std::nullopt;
    return UrlParts{*scheme, *host};
}

bool isLoopback(const std::string& host) { return host == "127.0.0.1" || host == "[::1]" || host == "localhost"; }

}  // namespace

void checkSmtpSettings(const SmtpSettings& settings) {
    const auto parts = parseUrl(settings.url);
    if (!parts || (parts->scheme != "smtp" && parts->scheme != "smtps")) {
        throw std::runtime_error("--smtp-url « " + settings.url +
                                 " » : attendu smtp://serveur:port ou smtps://serveur:port");
    }
    if (!isPlainMailAddress(settings.from)) {
        throw std::runtime_error("--smtp-from « " + settings.from + " » n’est pas une adresse e-mail simple (nom@domaine.fr)");
    }
    if (!settings.user.empty() && settings.password.empty()) {
        throw std::runtime_error("--smtp-user donné sans mot de passe : ajoutez --smtp-password-file");
    }
}

bool smtpRequiresTls(const SmtpSettings& settings) {
    const auto parts = parseUrl(settings.url);
    return parts && parts->scheme == "smtp" && !settings.user.empty() && !isLoopback(parts->host);
}

std::string readSmtpPasswordFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("impossible de lire le mot de passe SMTP dans « " + path + " »");
    std::ostringstream content;
    content << file.rdbuf();
    std::string password = content.str();
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
    if (password.empty()) throw std::runtime_error("le fichier du mot de passe SMTP « " + path + " » est vide");
    std::error_code error;
    const auto permissions = std::filesystem::status(path, error).permissions();
    using std::filesystem::perms;
    if (!error && (permissions & (perms::group_read | perms::others_read)) != perms::none) {
        spdlog::warn("event=smtp_password_readable file={} hint=\"chmod 600 {}\"", path, path);
    }
    return password;
}

std::string SmtpSettings::relayHost() const {
    const std::size_t scheme = url.find("://");
    std::string rest = url.substr(scheme == std::string::npos ? 0 : scheme + 3);
    const std::size_t credentials = rest.find('@');
    if (credentials != std::string::npos) rest.erase(0, credentials + 1);
    return rest.substr(0, rest.find('/'));
}

}  // namespace cowork::hub
