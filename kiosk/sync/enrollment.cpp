#include "sync/enrollment.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "sync/shopkeeper_pin.hpp"

namespace cowork::kiosk {
namespace {

constexpr const char* kPendingUrl = "enrollment.hub_address";
constexpr const char* kPendingCode = "enrollment.code";
constexpr const char* kPendingPin = "enrollment.pin";
constexpr const char* kPendingShopkeeperPin = "enrollment.shopkeeper_pin_hash";  // never the PIN itself
constexpr const char* kLastProblem = "enrollment.last_problem";
constexpr const char* kKioskSite = "kiosk.site_id";

void forget(Store& store, const char* key) {
    store.db().prepare("DELETE FROM meta WHERE key = ?1").bind(1, std::string(key)).run();
}

// Only the code that was tried: one typed meanwhile is the next to try.
void forgetCode(Store& store, const std::string& tried) {
    store.db().prepare("DELETE FROM meta WHERE key = ?1 AND value = ?2").bind(1, std::string(kPendingCode)).bind(2, tried).run();
}

EnrollmentResult failed(Store& store, const PendingEnrollment& tried, SyncProblem problem, std::string detail) {
    store.setMeta(kLastProblem, std::string(problemKey(problem)));
    if (problem == SyncProblem::WrongCode) forgetCode(store, tried.code);
    spdlog::warn("inscription auprès du serveur : {} {}", problemFrench(problem), detail);
    return {problem, std::move(detail), ""};
}

// The installer's PIN becomes the site's, made under the device id just
// received so that the hub takes it; forgotten in the same transaction.
void recordInstallersPin(Store& store, const PendingEnrollment& enrolled, const std::string& siteId, TimeMs now) {
    if (enrolled.shopkeeperPinHash.empty()) return;
    recordShopkeeperPin(store, siteId, enrolled.shopkeeperPinHash, now, [&](Database&) { forget(store, kPendingShopkeeperPin); });
}

}  // namespace

bool looksLikePin(const std::string& pin) {
    constexpr std::string_view prefix = "sha256//";
    if (pin.rfind(prefix, 0) != 0 || pin.size() != prefix.size() + 44) return false;
    return std::all_of(pin.begin() + static_cast<long>(prefix.size()), pin.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '='; });
}

void savePendingEnrollment(Store& store, const PendingEnrollment& pending) {
    // One write: the worker never reads a new address with an old code or pin.
    Transaction transaction(store.db());
    store.setMeta(kPendingUrl, pending.hubUrl);
    store.setMeta(kPendingCode, pending.code);
    store.setMeta(kPendingPin, pending.pin);
    if (pending.shopkeeperPinHash.empty()) forget(store, kPendingShopkeeperPin);
    else store.setMeta(kPendingShopkeeperPin, pending.shopkeeperPinHash);
    forget(store, kLastProblem);
    transaction.commit();
}

std::optional<PendingEnrollment> loadPendingEnrollment(Store& store) {
    ReadTransaction snapshot(store.db());
    const auto url = store.meta(kPendingUrl);
    const auto code = store.meta(kPendingCode);
    if (!url || !code || url->empty() || code->empty()) return std::nullopt;
    return PendingEnrollment{*url, *code, store.meta(kPendingPin).value_or(""), store.meta(kPendingShopkeeperPin).value_or("")};
}

std::string lastEnrollmentProblem(Store& store) { return store.meta(kLastProblem).value_or(""); }

EnrollmentResult enrollPending(Store& store, const HttpsTimeouts& timeouts, const std::string& deviceName, TimeMs now) {
    const auto pending = loadPendingEnrollment(store);
    if (!pending) return {SyncProblem::WrongCode, "aucun code d'inscription en attente", ""};
    EnrollRequest request{pending->code, deviceName, "0.1.0", "", ""};
    if (store.eventsMadeHere() > 0) {
        // Checked before the code is spent: events made before any enrollment
        // name an id no hub gave, and could never reach one.
        const auto previous = loadEnrollment(store);
        if (!previous) return failed(store, *pending, SyncProblem::StoreInUse, "");
        // Enrolled before, and the hub lost it (a restored backup): the kiosk
        // comes back under its id and for its site, so its events stay its own.
        request.deviceId = store.deviceId();
        request.siteId = previous->siteId;
    }
    std::vector<std::string> pins;
    if (!pending->pin.empty()) pins.push_back(pending->pin);
    std::unique_ptr<HubHttps> hub;
    try {
        hub = std::make_unique<HubHttps>(pending->hubUrl, pins, timeouts);
    } catch (const std::invalid_argument& e) {
        return failed(store, *pending, SyncProblem::HubUnreachable, e.what());
    }
    const HttpsAnswer answer = hub->post("/api/v1/enroll", toJson(request).dump(), "");
    if (answer.status == 0) return failed(store, *pending, answer.problem, answer.detail);
    if (answer.status < 200 || answer.status >= 300) {
        std::string words = answer.body;
        try {
            words = decodeErrorResponse(answer.body).error;
        } catch (const std::exception&) {
        }
        const bool codeRefused = answer.status == 403 || answer.status == 404 || answer.status == 410;
        return failed(store, *pending, codeRefused ? SyncProblem::WrongCode : answer.problem, words);
    }
    EnrollResponse response;
    try {
        response = decodeEnrollResponse(answer.body);
    } catch (const std::exception& e) {
        return failed(store, *pending, SyncProblem::BadAnswer, e.what());
    }
    if (!request.deviceId.empty() && response.deviceId != request.deviceId) {
        // A hub that predates coming back under one's id: these events would be refused as forged.
        return failed(store, *pending, SyncProblem::StoreInUse, "le hub n'a pas repris l'identifiant de ce kiosque : mettez cowork-hub à jour");
    }
    // A hub behind a TLS proxy knows no pins: keep the one the hub was trusted by.
    std::vector<std::string> keep = response.hubKeyPins.empty() ? pins : response.hubKeyPins;
    // One write: a power cut leaves the kiosk enrolled for its site, or not enrolled.
    saveEnrollment(store, HubEnrollment{pending->hubUrl, response.token, response.siteId, std::move(keep)}, response.deviceId, now,
                   [&](Database&) {
                       store.setMeta(kKioskSite, response.siteId);
                       forgetCode(store, pending->code);
                       forget(store, kPendingPin);
                       forget(store, kLastProblem);
                   });
    recordInstallersPin(store, *pending, response.siteId, now);
    spdlog::info("kiosque inscrit auprès de {} pour le lieu {} (appareil {}) à {}", pending->hubUrl, response.siteId,
                 response.deviceId, now);
    return {SyncProblem::None, "", response.siteId};
}

}  // namespace cowork::kiosk
