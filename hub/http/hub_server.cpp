#include "http/hub_server.hpp"

#include "http/console_files.hpp"
#include "http/coordinator_routes.hpp"
#include "http/json_reply.hpp"
#include "http/public_routes.hpp"
#include "mail/invitation_mailer.hpp"
#include "tls/tls_handshake_counts.hpp"
#include "tls/tls_policy.hpp"

#include <chrono>
#include <regex>

#include <spdlog/spdlog.h>

namespace cowork::hub {
namespace {

// A value from a request, quoted for a key=value log line: quotes, backslashes
// and control characters are escaped, so that no request can forge a line.
std::string quotedForLog(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::optional<std::string> bearerToken(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
    return header.substr(kPrefix.size());
}

// The route label for metrics: known routes by name, anything else as "other",
// so that scanners cannot blow up the number of series.
std::string routeLabel(const std::string& path) {
    static const std::set<std::string> known = {"/healthz", "/metrics", "/api/v1/enroll", "/api/v1/sync",
                                                "/api/v1/login", "/api/v1/logout"};
    if (known.count(path)) return path;
    if (path == "/" || path.rfind("/console/", 0) == 0) return "/console";
    if (path.rfind("/api/v1/console/", 0) == 0) return "/api/v1/console";
    if (path == "/public" || path.rfind("/public/", 0) == 0) return "/public";
    return path.rfind("/api/v1/admin/", 0) == 0 ? "/api/v1/admin" : "other";
}

// Said on the first line written after lines of its kind were held back (log_throttle.hpp).
std::string heldBackField(std::int64_t heldBack) {
    return heldBack > 0 ? " similar_not_logged=" + std::to_string(heldBack) : std::string();
}

// "events[3].payload.at" in a refused sync names the event by its id too.
std::string describeSyncInputError(const InputError& e, const std::string& body) {
    static const std::regex eventIndex(R"(^events\[(\d+)\])");
    std::smatch match;
    if (!std::regex_search(e.field(), match, eventIndex)) return e.reason();
    try {
        const Json document = parseJson(body);
        const Json& id = document.at("events").at(std::stoul(match[1].str())).at("id");
        if (id.is_string()) return "événement " + id.get<std::string>() + " : " + e.reason();
    } catch (const std::exception&) {
        // The id itself is what is wrong: the field says where.
    }
    return e.reason();
}

const char* refusalMessage(EnrollRefusal refusal) {
    switch (refusal) {
        case EnrollRefusal::UnknownCode: return "code d’enrôlement inconnu : vérifiez-le ou demandez-en un au coordinateur";
        case EnrollRefusal::Expired: return "code d’enrôlement expiré (7 jours) : demandez-en un nouveau au coordinateur";
        case EnrollRefusal::AlreadyUsed: return "code d’enrôlement déjà utilisé : chaque code ne sert qu’une fois";
        case EnrollRefusal::OtherSite:
            return "ce code d’enrôlement est pour un autre lieu que celui de ce kiosque : demandez un code pour son lieu";
        case EnrollRefusal::DeviceKnown:
            return "un kiosque actif porte déjà cet identifiant : un code ne peut pas le reprendre (son jeton fonctionne toujours)";
        case EnrollRefusal::DeviceRevoked:
            return "ce kiosque a été révoqué : il ne peut revenir que depuis un dossier de données vide";
    }
    return "code d’enrôlement refusé";
}

// Which pool answers: kiosks never wait behind the console's exports and figures.
Lane laneOf(const std::string& path) {
    return path == "/api/v1/sync" || path == "/api/v1/enroll" || path == "/healthz" ? Lane::Kiosk : Lane::Console;
}

// On every answer, API and console files alike (docs/console-api.md): no
// inline script or style, no framing, no guessing of content types.
void addDefaultHeaders(httplib::Response& res) {
    static const std::pair<const char*, const char*> kDefaults[] = {
        {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
    };
    for (const auto& [name, value] : kDefaults) {
        if (!res.has_header(name)) res.set_header(name, value);
    }
}

std::string errorMessage(int status) {
    switch (status) {
        case 404: return "adresse inconnue";
        case 413: return "requête trop volumineuse (1 Mio au plus)";
        case 431: return "en-têtes de requête trop nombreux ou trop longs";
        case 400: return "requête mal formée";
        default: return "requête refusée";
    }
}

}  // namespace

HubServer::HubServer(HubStorage& storage, ServerOptions options, Clock clock)
    : storage_(storage), options_(std::move(options)), clock_(std::move(clock)), audit_(storage_, clock_),
      sync_(storage_, clock_, options_.availabilityReuseMs),
      login_(storage_, clock_), coordinator_(storage_, clock_, audit_, options_.keyPins),
      views_(storage_, clock_, audit_),
      figures_(storage_, clock_),
      accounts_(storage_, login_, audit_, clock_, makeInvitationMailer(options_.smtp, clock_)),
      members_(storage_, audit_, clock_, options_.smtp.relayHost()),
      animation_(storage_, audit_, clock_),
      publicFeed_([this](TimeMs now) { return readPublicState(storage_, now); }, clock_),
      storageGauges_(storage_, clock_), clientAddress_(options_.trustedProxies), syncLimiter_(options_.syncLimit),
      tls_(options_.insecureHttp ? nullptr : makeServerTlsContext(options_.tls)) {
    addRoutes();
    TransportOptions transport;
    transport.host = options_.host;
    transport.port = options_.port;
    transport.limits = options_.limits;
    transport.ioThreads = options_.ioThreads;
    transport.kioskThreads = options_.workerThreads;
    transport.consoleThreads = std::max(2, options_.workerThreads / 2);
    transport.uncappedAddresses = options_.trustedProxies;
    RequestHandlers handlers{[this](httplib::Request& req, httplib::Response& res) { answer(req, res); },
                             [this](int status, httplib::Response& res) { refuseUnread(status, res); }, laneOf};
    transport_ = std::make_unique<HttpTransport>(std::move(transport), tls_.get(), connectionMetrics_, std::move(handlers));
}

HubServer::~HubServer() = default;

void HubServer::addRoutes() {
    addConsoleFileRoutes(routes_);
    addPublicRoutes(routes_, publicFeed_);
    addCoordinatorRoutes(routes_, clientAddress_, login_, coordinator_, figures_, accounts_, storage_, members_, views_,
                         animation_);
    routes_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        sendJson(res, 200, {{"status", "ok"}});
    });
    routes_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
        const StorageGauges::Values gauges = storageGauges_.current();
        std::string text = metrics_.prometheusText(gauges.devicesSeenLast15Minutes, gauges.eventsStored);
        text += connectionMetrics_.prometheusText();
        if (tls_) text += tlsHandshakeMetrics(tlsHandshakeCounts(*tls_));
        res.set_content(std::move(text), "text/plain; version=0.0.4");
    });
    routes_.Post("/api/v1/enroll", [this](const httplib::Request& req, httplib::Response& res) {
        EnrollRequest request;
        try {
            request = decodeEnrollRequest(req.body);
        } catch (const InputError& e) {
            return sendError(res, 400, e.reason(), e.field());
        }
        const auto result = storage_.enroll(request, clock_());
        if (const auto* refusal = std::get_if<EnrollRefusal>(&result)) {
            const char* field = *refusal == EnrollRefusal::OtherSite  ? "site_id"
                                : *refusal == EnrollRefusal::DeviceKnown || *refusal == EnrollRefusal::DeviceRevoked ? "device_id"
                                                                                                                   : "code";
            return sendError(res, 403, refusalMessage(*refusal), field);
        }
        const auto& device = std::get<EnrolledDevice>(result);
        spdlog::info("event=enrolled device={} site={} name={} returning={}", device.deviceId, device.siteId,
                     quotedForLog(request.deviceName), request.deviceId.empty() ? 0 : 1);
        sendJson(res, 201, toJson(EnrollResponse{device.deviceId, device.token, device.siteId, options_.keyPins}));
    });
    routes_.Post("/api/v1/sync", [this](const httplib::Request& req, httplib::Response& res) {
        const auto started = std::chrono::steady_clock::now();
        const auto token = bearerToken(req);
        if (!token) return sendError(res, 401, "jeton manquant (en-tête Authorization: Bearer)", "Authorization");
        const auto device = storage_.authenticate(*token);
        if (!device) return sendError(res, 401, "kiosque inconnu ou révoqué : enrôlez-le à nouveau", "Authorization");
        if (const TimeMs waitMs = syncLimiter_.take(device->deviceId, clock_()); waitMs > 0) {
            return refuseTooFrequentSync(res, device->deviceId, waitMs);
        }
        SyncRequest request;
        try {
            request = decodeSyncRequest(req.body);
        } catch (const TooManyEventsError& e) {
            return sendError(res, 413, e.reason(), e.field());
        } catch (const InputError& e) {
            return sendError(res, 400, describeSyncInputError(e, req.body), e.field());
        }
        try {
            SyncResponse response = sync_.sync(*device, request);
            // At every sync, not only at enrollment: after rotate-key a kiosk learns the new backup key.
            response.hubKeyPins = options_.keyPins;
            sendJson(res, 200, toJson(response));
            // Nine syncs in ten bring nothing: their line only at debug, as the
            // request's (logAnswer), or they would be most of the journal; the
            // others say here what they brought.
            spdlog::log(request.events.empty() ? spdlog::level::debug : spdlog::level::info,
                        "event=sync device={} site={} events={} cursor={}", device->deviceId, device->siteId,
                        request.events.size(), response.cursor);
        } catch (const ApiError& e) {
            // A conflict's message names events, never their content (no personal data in the log).
            if (e.status() == 409) {
                spdlog::warn("event=conflict device={} field={} error={}", device->deviceId, e.field(), quotedForLog(e.what()));
            }
            return sendError(res, e);
        }
        metrics_.observeSyncSeconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    });
}

// Said in whole seconds, rounded up: a kiosk that waits that long finds a token.
void HubServer::refuseTooFrequentSync(httplib::Response& res, const std::string& deviceId, TimeMs waitMs) {
    const TimeMs seconds = std::max<TimeMs>(1, (waitMs + 999) / 1000);
    metrics_.countSyncRateLimited();
    if (const auto heldBack = clientErrorLines_.admit("rate_limited " + deviceId, clock_())) {
        spdlog::warn("event=sync_rate_limited device={} retry_after={}{}", deviceId, seconds, heldBackField(*heldBack));
    }
    res.set_header("Retry-After", std::to_string(seconds));
    sendError(res, 429, "trop de synchronisations de ce kiosque : réessayez dans " + std::to_string(seconds) + " s");
}

// A route's exception is the hub's fault, never the client's: logged, and a 500
// that says nothing of it.
void HubServer::answer(httplib::Request& req, httplib::Response& res) {
    addDefaultHeaders(res);  // before the route, which may lift one (the public page's embed may be framed)
    try {
        if (!routes_.dispatch(req, res)) {
            res.status = 404;
        } else if (res.status == -1) {
            res.status = 200;
        }
    } catch (const std::exception& e) {
        spdlog::error("event=request_failed path={} error={}", quotedForLog(req.path), quotedForLog(e.what()));
        res = httplib::Response();
        addDefaultHeaders(res);
        sendError(res, 500, "erreur interne du hub : réessayez plus tard");
    } catch (...) {
        spdlog::error("event=request_failed path={} error=\"inconnue\"", quotedForLog(req.path));
        res = httplib::Response();
        addDefaultHeaders(res);
        sendError(res, 500, "erreur interne du hub : réessayez plus tard");
    }
    if (res.status >= 400 && res.body.empty()) sendError(res, res.status, errorMessage(res.status));
    logAnswer(req, res);
}

// A request the transport could not take to a route: too large, malformed.
void HubServer::refuseUnread(int status, httplib::Response& res) {
    sendError(res, status, errorMessage(status));
    addDefaultHeaders(res);
    metrics_.countRequest("other", status);
    if (const auto heldBack = clientErrorLines_.admit("refused " + std::to_string(status), clock_())) {
        spdlog::info("event=request_refused status={}{}", status, heldBackField(*heldBack));
    }
}

void HubServer::logAnswer(const httplib::Request& req, const httplib::Response& res) {
    const std::string route = routeLabel(req.path);
    metrics_.countRequest(route, res.status);
    // A sync or a coordinator's change that went through may change what the
    // public feed says (a kiosk's sync at least its last_reported).
    if (res.status < 400 && req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") publicFeed_.markChanged();
    // The public side keeps no trace of its visitors (an address is personal data):
    // counted in /metrics only, unless the hub failed.
    if (route == "/public" && res.status < 500) return;
    // A kiosk's sync that went through: counted in /metrics, its line only at
    // debug. Each kiosk syncs every 30 s: at 10,000 kiosks these lines would be
    // 29 million a day, about 3 GB of journal, which would push the warnings
    // out of it within hours, and at 50,000 meet journald's rate limit
    // (10,000 lines a service in 30 s, times 5 with some GB free), past which
    // it drops lines, the warnings among them.
    const bool routine = route == "/api/v1/sync" && res.status < 400;
    const auto level = routine ? spdlog::level::debug : spdlog::level::info;
    if (!spdlog::should_log(level)) return;
    // Refusals come at the client's will: a few lines a minute for each route and status.
    std::int64_t heldBack = 0;
    if (res.status >= 400 && res.status < 500) {
        const auto admitted = clientErrorLines_.admit(route + " " + std::to_string(res.status), clock_());
        if (!admitted) return;
        heldBack = *admitted;
    }
    // The client's address, and the proxy it came through when one forwarded it.
    const std::string client = clientAddress_.of(req);
    const std::string peer = ClientAddress::peerOf(req);
    const std::string via = client == peer ? "" : " via=" + peer;
    spdlog::log(level, "event=request method={} path={} status={} remote={}{}{}", quotedForLog(req.method),
                quotedForLog(req.path), res.status, client, via, heldBackField(heldBack));
}

void HubServer::bind() { transport_->bind(); }

void HubServer::run() { transport_->run(); }

void HubServer::stop() { transport_->stop(); }

}  // namespace cowork::hub
