#include "mail/curl_smtp_transport.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

namespace cowork::hub {
namespace {

struct Upload {
    const std::string& data;
    std::size_t offset = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

// Called about once a second, and more often while data moves: a non-zero
// answer makes libcurl give up, so that SIGTERM does not wait for a timeout.
int checkAborted(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl n’a pas pu s’initialiser");
    });
}

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using AddressList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// What the coordinator should understand, before libcurl's own words.
std::string likelyCause(CURLcode code, long smtpCode) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST: return "nom du serveur SMTP introuvable : vérifiez --smtp-url";
        case CURLE_COULDNT_CONNECT: return "serveur SMTP injoignable (arrêté, ou pare-feu)";
        case CURLE_OPERATION_TIMEDOUT: return "le serveur SMTP n’a pas répondu à temps";
        case CURLE_LOGIN_DENIED: return "identifiant ou mot de passe SMTP refusé : vérifiez --smtp-user et --smtp-password-file";
        case CURLE_USE_SSL_FAILED:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION: return "connexion chiffrée (TLS) impossible avec le serveur SMTP";
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING: return "le serveur SMTP a coupé la connexion";
        default: break;
    }
    if (smtpCode >= 500) return "le serveur SMTP refuse le message (vérifiez l’adresse de l’animateur et --smtp-from)";
    if (smtpCode >= 400) return "le serveur SMTP refuse pour l’instant";
    return "échec de l’envoi";
}

std::string describeFailure(CURLcode code, const char* detail, long smtpCode, const std::string& url) {
    std::string text = likelyCause(code, smtpCode) + " (" + url + " : " + (*detail ? detail : curl_easy_strerror(code));
    if (smtpCode > 0) text += ", réponse SMTP " + std::to_string(smtpCode);
    return text + ")";
}

}  // namespace

CurlSmtpTransport::CurlSmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    checkSmtpSettings(settings_);
    initCurlOnce();
}

SendOutcome CurlSmtpTransport::send(const OutgoingMail& mail) {
    if (aborted_) return {false, true, "envoi interrompu : le hub s’arrête"};
    const EasyHandle curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return {false, false, "libcurl n’a pas pu préparer l’envoi (mémoire ?)"};
    AddressList recipients(curl_slist_append(nullptr, mail.envelopeTo.c_str()), curl_slist_free_all);
    Upload upload{mail.data};
    char detail[CURL_ERROR_SIZE] = "";
    const std::string from = "<" + mail.envelopeFrom + ">";
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // several threads: no SIGALRM for timeouts
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, settings_.connectTimeoutMs);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, settings_.totalTimeoutMs);
    curl_easy_setopt(h, CURLOPT_USE_SSL, smtpRequiresTls(settings_) ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!settings_.user.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, settings_.user.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.data.size()));
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, checkAborted);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &aborted_);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    const CURLcode code = curl_easy_perform(h);
    if (code == CURLE_OK) return {true, false, ""};
    if (code == CURLE_ABORTED_BY_CALLBACK) return {false, true, "envoi interrompu : le hub s’arrête"};
    long smtpCode = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &smtpCode);
    return {false, false, describeFailure(code, detail, smtpCode, settings_.url)};
}

}  // namespace cowork::hub
