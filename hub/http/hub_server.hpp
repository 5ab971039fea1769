#pragma once
#include <memory>
#include <string>
#include <vector>

#include "access/storage_audit_log.hpp"
#include "http/client_address.hpp"
#include "http/connection_limits.hpp"
#include "http/connection_metrics.hpp"
#include "http/http_transport.hpp"
#include "http/metrics.hpp"
#include "http/route_table.hpp"
#include "http/storage_gauges.hpp"
#include "mail/smtp_settings.hpp"
#include "service/account_service.hpp"
#include "service/animation_service.hpp"
#include "service/console_view_service.hpp"
#include "service/coordinator_service.hpp"
#include "service/login_service.hpp"
#include "service/member_data_service.hpp"
#include "service/figures_service.hpp"
#include "service/public_feed.hpp"
#include "service/sync_rate_limit.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"
#include "support/log_throttle.hpp"
#include "tls/hub_identity.hpp"
#include "tls/server_tls_context.hpp"

namespace cowork::hub {

struct ServerOptions {
    std::string host = "0.0.0.0";
    int port = 8443;  // 0: any free port (tests)
    bool insecureHttp = false;
    TlsFiles tls;
    std::vector<std::string> keyPins;  // given to kiosks at enrollment and at every sync
    int workerThreads = 4;  // answer kiosks; the console has half as many of its own (at least 2)
    int ioThreads = 2;      // wait on every connection at once, and run TLS
    ConnectionLimits limits;
    SmtpSettings smtp;  // invitations to new console accounts are e-mailed when set
    // Reverse proxies whose X-Forwarded-For names the client (client_address.hpp).
    std::vector<std::string> trustedProxies;
    SyncRateLimit syncLimit;  // per kiosk
    TimeMs availabilityReuseMs = kAvailabilityReuseMs;  // sync_service.hpp
};

// Lines a minute for each kind of refusal (log_throttle.hpp).
constexpr int kClientErrorLinesPerMinute = 10;

// The HTTP API: its routes (route_table.hpp), served by the event-driven
// transport (http_transport.hpp). Every answer goes through answer(): default
// headers, error bodies, metrics and the log line.
class HubServer {
public:
    HubServer(HubStorage& storage, ServerOptions options, Clock clock);
    ~HubServer();

    // Binds the socket; throws with a clear message when it cannot.
    void bind();
    int port() const { return transport_->port(); }
    // Serves until stop(); in-flight requests finish before it returns.
    void run();
    void stop();

private:
    void addRoutes();
    void refuseTooFrequentSync(httplib::Response& res, const std::string& deviceId, TimeMs waitMs);
    void answer(httplib::Request& req, httplib::Response& res);
    void refuseUnread(int status, httplib::Response& res);
    void logAnswer(const httplib::Request& req, const httplib::Response& res);

    HubStorage& storage_;
    ServerOptions options_;
    Clock clock_;
    StorageAuditLog audit_;  // every console and admin change goes through it
    SyncService sync_;
    LoginService login_;
    CoordinatorService coordinator_;
    ConsoleViewService views_;
    FiguresService figures_;
    AccountService accounts_;
    MemberDataService members_;
    AnimationService animation_;
    PublicFeed publicFeed_;  // the open-data feed, from memory
    Metrics metrics_;
    StorageGauges storageGauges_;
    ClientAddress clientAddress_;
    SyncRateLimiter syncLimiter_;
    // Lines of refused requests, per route and status (and of 429s, per kiosk).
    LogThrottle clientErrorLines_{kClientErrorLinesPerMinute, kMinuteMs};
    ConnectionMetrics connectionMetrics_;
    ServerTlsContext tls_;  // null for --insecure-http
    RouteTable routes_;
    std::unique_ptr<HttpTransport> transport_;
};

}  // namespace cowork::hub
