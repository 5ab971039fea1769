#pragma once
#include <memory>
#include <string>
#include <vector>

#include "access/storage_audit_log.hpp"
#include "http/client_address.hpp"
#include "http/metrics.hpp"
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
#include "tls/hub_identity.hpp"

namespace httplib {
class Server;
struct Response;
}

namespace cowork::hub {

struct ServerOptions {
    std::string host = "0.0.0.0";
    int port = 8443;  // 0: any free port (tests)
    bool insecureHttp = false;
    TlsFiles tls;
    std::vector<std::string> keyPins;  // given to kiosks at enrollment and at every sync
    int workerThreads = 64;
    SmtpSettings smtp;  // invitations to new console accounts are e-mailed when set
    // Reverse proxies whose X-Forwarded-For names the client (client_address.hpp).
    std::vector<std::string> trustedProxies;
    SyncRateLimit syncLimit;  // per kiosk
};

// The HTTP API on cpp-httplib, with its defaults fixed for a server: the body
// limit is the API's, Nagle is off (else every keep-alive request waits ~40 ms),
// and the worker pool is sized for many connected kiosks.
class HubServer {
public:
    HubServer(HubStorage& storage, ServerOptions options, Clock clock);
    ~HubServer();

    // Binds the socket; throws with a clear message when it cannot.
    void bind();
    int port() const { return port_; }
    // Serves until stop(); in-flight requests finish before it returns.
    void run();
    void stop();

private:
    void addRoutes();
    void refuseTooFrequentSync(httplib::Response& res, const std::string& deviceId, TimeMs waitMs);

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
    ClientAddress clientAddress_;
    SyncRateLimiter syncLimiter_;
    std::unique_ptr<httplib::Server> server_;
    int port_ = 0;
    int listenSocket_ = -1;
};

}  // namespace cowork::hub
