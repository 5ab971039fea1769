#include "sync/sync_round.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

namespace cowork::kiosk {
namespace {

// "events[12].payload.place_id" → 12: which event the hub refused.
std::optional<std::size_t> refusedEventIndex(const std::string& field) {
    constexpr std::string_view prefix = "events[";
    if (field.rfind(prefix, 0) != 0) return std::nullopt;
    std::size_t index = 0;
    const char* begin = field.data() + prefix.size();
    const auto [end, error] = std::from_chars(begin, field.data() + field.size(), index);
    if (error != std::errc() || end == begin || *end != ']') return std::nullopt;
    return index;
}

ErrorResponse readError(const std::string& body) {
    try {
        return decodeErrorResponse(body);
    } catch (const std::exception&) {
        return {"réponse d'erreur illisible", ""};
    }
}

// Set aside only what the hub refused for the event's own content: a malformed
// or conflicting event (400, 409), or one written for another site (403 on its
// payload). A 403 on its origin or kind means this device is wrong, not the
// event: setting events aside one by one would empty the queue for nothing.
bool isTheEventsFault(long status, const std::string& field) {
    if (status == 400 || status == 409) return true;
    return status == 403 && field.find("].payload") != std::string::npos;
}

// Another site gave the same member code meanwhile: the member gets a new one.
bool isTakenMemberCode(long status, const std::string& field) {
    constexpr std::string_view suffix = "].payload.member.code";
    return status == 409 && field.size() > suffix.size() && field.compare(field.size() - suffix.size(), suffix.size(), suffix) == 0;
}

enum class Next { Again, Done, Failed, Throttled };

struct Exchange {
    Store& store;
    HubHttps& hub;
    const HubEnrollment& enrollment;
    const DeviceClock& deviceClock;
    const SyncRoundSettings& settings;
    SyncRoundResult& result;
    std::size_t batch;

    TimeMs now() const { return kioskClock(store, deviceClock, settings.bootId); }

    Next refused(const SyncRequest& sent, const HttpsAnswer& answer) {
        const ErrorResponse error = readError(answer.body);
        const auto index = refusedEventIndex(error.field);
        if (answer.status == 413 && batch > 1) {
            batch = std::max<std::size_t>(1, batch / 2);
            return Next::Again;
        }
        if (index && *index < sent.events.size() && isTakenMemberCode(answer.status, error.field) &&
            replaceTakenMemberCode(store, sent.events[*index], now())) {
            spdlog::warn("sync: code membre déjà attribué ailleurs, nouveau code donné : {}", error.error);
            ++result.codesReplaced;
            return Next::Again;
        }
        if (index && *index < sent.events.size() && isTheEventsFault(answer.status, error.field)) {
            const Event& event = sent.events[*index];
            spdlog::warn("sync: événement {} ({}) mis de côté : {}", event.id, event.kind(), error.error);
            setAsideEvent(store, event.id, error.error, now());
            ++result.setAside;
            return Next::Again;
        }
        result.problem = answer.problem;
        result.detail = error.error;
        return Next::Failed;
    }

    Next accepted(const HttpsAnswer& answer) {
        SyncResponse response;
        try {
            response = decodeSyncResponse(answer.body);
        } catch (const std::exception& e) {
            // Events of a kind unknown here are kept unread by the decoder; what
            // is left unreadable still must not make this kiosk push the same
            // batch forever: the hub has it.
            store.acknowledge(decodeAcknowledged(answer.body));
            result.problem = SyncProblem::BadAnswer;
            result.detail = e.what();
            return Next::Failed;
        }
        if (!response.changes.unread.empty()) {
            spdlog::warn("sync: {} événements du serveur illisibles par cette version (ex. « {} ») gardés de côté : "
                         "mise à jour du kiosque nécessaire", response.changes.unread.size(), response.changes.unread.front().kind);
        }
        SyncOutcome outcome;
        try {
            outcome = applySyncResponse(store, response, deviceClock(), settings.bootId);
        } catch (const std::exception& e) {
            // The hub has the batch: say so on its own, so that a page this kiosk
            // cannot take in does not make it push the same events forever.
            store.acknowledge(response.acked);
            result.problem = SyncProblem::BadAnswer;
            result.detail = std::string("changements reçus impossibles à enregistrer : ") + e.what();
            return Next::Failed;
        }
        result.acked += outcome.acked;
        result.received += outcome.received;
        result.requeued += outcome.requeued;
        result.epochChanged = result.epochChanged || outcome.epochChanged;
        if (outcome.epochChanged) spdlog::warn("sync: le serveur annonce une nouvelle époque, {} événements renvoyés", outcome.requeued);
        const bool queued = store.outboxDepth() > 0;
        return response.more || queued || outcome.epochChanged ? Next::Again : Next::Done;
    }

    Next once() {
        const SyncRequest request = nextSyncRequest(store, now(), batch, settings.appVersion);
        const HttpsAnswer answer = hub.post("/api/v1/sync", toJson(request).dump(), enrollment.token);
        ++result.exchanges;
        if (answer.status == 0) {
            result.problem = answer.problem;
            result.detail = answer.detail;
            return Next::Failed;
        }
        result.retryAfterMs = answer.retryAfterMs;
        if (answer.status == 429) {
            result.throttled = true;
            result.detail = readError(answer.body).error;
            return Next::Throttled;
        }
        return answer.problem == SyncProblem::None ? accepted(answer) : refused(request, answer);
    }
};

}  // namespace

TimeMs kioskClock(Store& store, const DeviceClock& deviceClock, const std::string& bootId) {
    return deviceClock() + hubClockOffset(store, bootId).value_or(0);
}

SyncRoundResult syncWithHub(Store& store, HubHttps& hub, const HubEnrollment& enrollment, const DeviceClock& deviceClock,
                            const SyncRoundSettings& settings) {
    SyncRoundResult result;
    Exchange exchange{store, hub, enrollment, deviceClock, settings, result, settings.batchLimit};
    for (int i = 0; i < kMaxExchangesPerRound; ++i) {
        if (settings.stopping && settings.stopping->load()) {
            result.unfinished = true;
            return result;
        }
        const Next next = exchange.once();
        if (next == Next::Done) return result;
        if (next == Next::Throttled) {
            result.unfinished = true;  // what is left goes at the next round
            return result;
        }
        if (next == Next::Failed) {
            if (settings.stopping && settings.stopping->load()) return result;  // cut short by us, not a fault
            noteSyncFailure(store, std::string(problemKey(result.problem)), exchange.now());
            return result;
        }
    }
    result.unfinished = true;  // more waits: the worker goes on soon, not in 30 s
    return result;
}

}  // namespace cowork::kiosk
