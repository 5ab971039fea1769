#include "sync/hub_https.hpp"

#include <curl/curl.h>
#include <netinet/in.h>
#include <linux/tcp.h>
#include <unistd.h>

#include <mutex>
#include <stdexcept>

namespace cowork::kiosk {
namespace {

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

CURLcode setUpTls(CURL*, void* sslContext, void* trust) {
    installPinnedVerification(static_cast<SSL_CTX*>(sslContext), static_cast<HubTrust*>(trust));
    return CURLE_OK;
}

// What the kernel counted for a connection, TLS handshake and records included.
int countAndClose(void* counts, curl_socket_t socket) {
    tcp_info info{};
    socklen_t length = sizeof info;
    if (getsockopt(socket, IPPROTO_TCP, TCP_INFO, &info, &length) == 0) {
        auto* wire = static_cast<WireCounts*>(counts);
        wire->socketBytesSent += info.tcpi_bytes_acked;
        wire->socketBytesReceived += info.tcpi_bytes_received;
    }
    return close(socket);
}

int abandonWhenStopping(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* stopping = static_cast<const std::atomic<bool>*>(flag);
    return stopping && stopping->load() ? 1 : 0;
}

SyncProblem problemOfTransfer(CURLcode code, const HubTrust& trust) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return SyncProblem::NoNetwork;
    case CURLE_COULDNT_CONNECT: return SyncProblem::HubUnreachable;
    case CURLE_OPERATION_TIMEDOUT: return SyncProblem::Timeout;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return SyncProblem::UnexpectedKey;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return trust.pinMismatch ? SyncProblem::UnexpectedKey : SyncProblem::UntrustedCertificate;
    case CURLE_SSL_CONNECT_ERROR:
        return trust.pinMismatch ? SyncProblem::UnexpectedKey : SyncProblem::HubUnreachable;
    default: return SyncProblem::HubUnreachable;  // cut connections, resets, truncated replies
    }
}

SyncProblem problemOfStatus(long status) {
    if (status >= 200 && status < 300) return SyncProblem::None;
    if (status == 401) return SyncProblem::NotRecognised;
    if (status >= 500) return SyncProblem::HubError;
    return SyncProblem::Refused;
}

}  // namespace

HubHttps::HubHttps(std::string baseUrl, std::vector<std::string> pins, HttpsTimeouts timeouts)
    : baseUrl_(std::move(baseUrl)), timeouts_(timeouts) {
    initCurlOnce();
    while (!baseUrl_.empty() && baseUrl_.back() == '/') baseUrl_.pop_back();
    if (baseUrl_.rfind("https://", 0) != 0) throw std::invalid_argument("l'adresse du serveur doit commencer par https:// : " + baseUrl_);
    trust_.pins = std::move(pins);
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("libcurl indisponible");
}

HubHttps::~HubHttps() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

void HubHttps::closeConnections() {
    curl_easy_cleanup(static_cast<CURL*>(curl_));
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("libcurl indisponible");
}

HttpsAnswer HubHttps::post(const std::string& path, const std::string& body, const std::string& bearer) {
    CURL* curl = static_cast<CURL*>(curl_);
    curl_easy_reset(curl);
    HttpsAnswer answer;
    const std::string url = baseUrl_ + path;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (!bearer.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + bearer).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(curl, CURLOPT_CLOSESOCKETFUNCTION, countAndClose);
    curl_easy_setopt(curl, CURLOPT_CLOSESOCKETDATA, &wire_);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // a worker thread: no SIGALRM for name lookups
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeouts_.connectMs);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeouts_.totalMs);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abandonWhenStopping);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, cancel_);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    const std::string pinList = curlPinList(trust_.pins);
    if (!trust_.pins.empty()) {
        // Fail closed: a libcurl that cannot pin must not talk to the hub at all.
        if (curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pinList.c_str()) != CURLE_OK ||
            curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, setUpTls) != CURLE_OK ||
            curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &trust_) != CURLE_OK) {
            curl_slist_free_all(headers);
            answer.problem = SyncProblem::UnexpectedKey;
            answer.detail = "libcurl sans épinglage de clé";
            return answer;
        }
    }
    trust_.pinMismatch = false;
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    long connects = 0;
    if (curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0) {
        wire_.connectionsOpened += static_cast<std::uint64_t>(connects);
    }
    if (code != CURLE_OK) {
        answer.problem = problemOfTransfer(code, trust_);
        answer.detail = curl_easy_strerror(code);
        answer.body.clear();
        return answer;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_off_t retryAfterSeconds = 0;  // 0: none, or a date already past
    if (curl_easy_getinfo(curl, CURLINFO_RETRY_AFTER, &retryAfterSeconds) == CURLE_OK && retryAfterSeconds > 0) {
        answer.retryAfterMs = static_cast<TimeMs>(retryAfterSeconds) * 1000;
    }
    answer.problem = problemOfStatus(answer.status);
    return answer;
}

}  // namespace cowork::kiosk
