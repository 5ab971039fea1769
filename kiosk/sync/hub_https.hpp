#pragma once
// One HTTPS connection to the hub through libcurl: JSON POSTs with the device's
// token, verified as hub_trust.hpp says, with connect and total timeouts. The
// usual proxy variables (https_proxy, no_proxy…) are honoured by libcurl itself.
// Not thread-safe: one per thread.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/time.hpp"

#include "sync/hub_trust.hpp"
#include "sync/sync_problem.hpp"

namespace cowork::kiosk {

struct HttpsTimeouts {
    long connectMs = 10'000;
    long totalMs = 60'000;  // a full batch over a weak 4G link
};

struct HttpsAnswer {
    long status = 0;           // 0: no HTTP answer at all
    std::string body;
    SyncProblem problem = SyncProblem::None;
    std::string detail;        // libcurl's words, for the log
    // The answer's Retry-After (seconds or an HTTP date), as the hub asked it;
    // retry_backoff.hpp says how much of it is heeded.
    std::optional<TimeMs> retryAfterMs;
};

struct WireCounts {
    std::uint64_t socketBytesSent = 0;      // on the wire, TLS included: read from the kernel
    std::uint64_t socketBytesReceived = 0;  // as each connection closes
    // TCP connections libcurl opened (CURLINFO_NUM_CONNECTS, retries included): one
    // per sync when the hub closes after each answer, one in all while it keeps it.
    std::uint64_t connectionsOpened = 0;
};

class HubHttps {
public:
    HubHttps(std::string baseUrl, std::vector<std::string> pins, HttpsTimeouts timeouts = {});
    ~HubHttps();
    HubHttps(const HubHttps&) = delete;
    HubHttps& operator=(const HubHttps&) = delete;

    // POST `body` (JSON) to baseUrl + path; bearer empty: no Authorization header.
    HttpsAnswer post(const std::string& path, const std::string& body, const std::string& bearer);
    const WireCounts& wire() const { return wire_; }
    // A transfer in progress is abandoned once *flag is true (the app is stopping).
    void cancelWhen(const std::atomic<bool>* flag) { cancel_ = flag; }
    // Closes what libcurl keeps open, so that wire() counts every connection.
    void closeConnections();

private:
    std::string baseUrl_;
    HubTrust trust_;
    HttpsTimeouts timeouts_;
    void* curl_ = nullptr;
    WireCounts wire_;
    const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace cowork::kiosk
