#include "service/sync_service.hpp"

#include <algorithm>
#include <map>

namespace cowork::hub {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

// What a kiosk may write; everything else is the coordinator's.
bool kioskMayWrite(const EventPayload& payload) {
    return std::holds_alternative<VisitStarted>(payload) || std::holds_alternative<VisitEnded>(payload) ||
           std::holds_alternative<MemberRegistered>(payload) || std::holds_alternative<MessageSent>(payload) ||
           std::holds_alternative<PlaceServiceChanged>(payload) || std::holds_alternative<SiteOverrideSet>(payload) ||
           std::holds_alternative<ShopkeeperPinSet>(payload);
}

// What a kiosk needs to hear about: configuration and announcements of the whole
// network, how its messages fared, and members to recognise. Visits travel as
// availability instead.
const std::vector<std::string>& kindsKiosksNeed() {
    static const std::vector<std::string> kinds = {
        "site.configured",        "place.configured",       "place.service_changed", "site.override_set",
        "announcement.published", "announcement.withdrawn", "message.state_changed", "shopkeeper_pin.set",
        "member.forgotten",       "member.registered"};
    return kinds;
}

std::string eventField(std::size_t index, const char* field) {
    return "events[" + std::to_string(index) + "]." + field;
}

}  // namespace

SyncService::SyncService(HubStorage& storage, Clock clock) : storage_(storage), clock_(std::move(clock)) {}

// A PIN hash goes only to the kiosks of its own site, and so does how a
// message to the animator fared.
bool SyncService::meantForOtherSite(const EventPayload& payload, const std::string& siteId) {
    if (const auto* pin = std::get_if<ShopkeeperPinSet>(&payload)) return pin->siteId != siteId;
    if (const auto* state = std::get_if<MessageStateChanged>(&payload)) return storage_.siteOfMessage(state->messageId) != siteId;
    return false;
}

// Two kiosks offline may hand out the same code: the second is refused by name,
// so that its kiosk sets it aside and the rest of its queue goes on.
void SyncService::refuseTakenCode(const Event& event, std::size_t index, const Member& member,
                                  std::map<std::string, std::string>& membersInBatch) {
    auto holder = storage_.memberIdWithCode(member.code);
    if (!holder) {
        const auto inBatch = membersInBatch.find(member.code);
        if (inBatch != membersInBatch.end()) holder = inBatch->second;
    }
    if (holder && *holder != member.id) {
        throw ApiError(409, "l'événement " + event.id + " donne le code membre " + member.code + ", déjà attribué à un autre membre",
                       eventField(index, "payload.member.code"));
    }
    membersInBatch[member.code] = member.id;
}

void SyncService::checkWritesOwnSite(const AuthenticatedDevice& device, const std::vector<Event>& events) {
    std::map<std::string, std::string> visitsInBatch;
    std::map<std::string, std::string> membersInBatch;  // code → member id
    for (const Event& event : events) {
        if (const auto* started = std::get_if<VisitStarted>(&event.payload)) visitsInBatch[started->visitId] = started->siteId;
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& event = events[i];
        if (event.origin != device.deviceId) {
            throw ApiError(403, "l'événement " + event.id + " n'a pas été créé par ce kiosque", eventField(i, "origin"));
        }
        if (!kioskMayWrite(event.payload)) {
            throw ApiError(403, "un kiosque ne peut pas écrire « " + std::string(event.kind()) + " »", eventField(i, "kind"));
        }
        std::optional<std::string> site = siteWrittenBy(event.payload);
        std::visit(Overloaded{
                       [&](const VisitStarted& e) {
                           if (storage_.siteOfPlace(e.placeId) != e.siteId) {
                               throw ApiError(400, "l'événement " + event.id + " nomme une place inconnue de ce lieu",
                                              eventField(i, "payload.place_id"));
                           }
                       },
                       [&](const VisitEnded& e) {
                           const auto inBatch = visitsInBatch.find(e.visitId);
                           site = inBatch != visitsInBatch.end() ? inBatch->second : storage_.siteOfVisit(e.visitId);
                           if (!site) {
                               throw ApiError(400, "l'événement " + event.id + " termine un passage inconnu",
                                              eventField(i, "payload.visit_id"));
                           }
                       },
                       [&](const PlaceServiceChanged& e) { site = storage_.siteOfPlace(e.placeId); },
                       [&](const MemberRegistered& e) { refuseTakenCode(event, i, e.member, membersInBatch); },
                       [](const auto&) {},
                   },
                   event.payload);
        if (site && *site != device.siteId) {
            throw ApiError(403, "ce kiosque n'écrit que pour son lieu (" + device.siteId + ") : l'événement " + event.id +
                                    " concerne « " + *site + " »", eventField(i, "payload"));
        }
    }
}

std::set<std::string> SyncService::idsStampedInFuture(const SyncRequest& request, TimeMs now) const {
    const TimeMs offset = now - request.deviceClockMs;
    std::set<std::string> ids;
    for (const Event& event : request.events) {
        if (event.stamp.wallMs() + offset > now + kFutureToleranceMs) ids.insert(event.id);
    }
    return ids;
}

std::vector<SiteAvailability> SyncService::currentAvailability(TimeMs now) {
    // Kept while the log has not moved, and at most a second (opening hours move on).
    const std::int64_t seq = storage_.lastEventSeq();
    std::lock_guard lock(availabilityMutex_);
    if (seq != availabilitySeq_ || now - availabilityComputedAt_ >= 1000 || now < availabilityComputedAt_) {
        availability_ = storage_.availability(now);
        availabilityComputedAt_ = now;
        availabilitySeq_ = seq;
    }
    return availability_;
}

SyncChanges SyncService::changesFor(const AuthenticatedDevice& device, const ChangesPage& page, TimeMs now) {
    SyncChanges changes;
    for (const LoggedEvent& logged : page.events) {
        const Event& event = logged.event;
        if (const auto* member = std::get_if<MemberRegistered>(&event.payload)) {
            changes.members.push_back({member->member.id, member->member.code, member->member.firstName});
        } else if (event.origin != device.deviceId && !meantForOtherSite(event.payload, device.siteId)) {
            changes.events.push_back(event);
        }
    }
    changes.availability = currentAvailability(now);
    return changes;
}

SyncResponse SyncService::sync(const AuthenticatedDevice& device, const SyncRequest& request) {
    const TimeMs now = clock_();
    checkWritesOwnSite(device, request.events);
    const DeviceReport report{request.appVersion, request.outboxDepth, now - request.deviceClockMs};
    try {
        storage_.applyBatch(device, request.events, report, idsStampedInFuture(request, now), now);
    } catch (const EventConflictError& e) {
        std::size_t index = 0;
        while (index < request.events.size() && request.events[index].id != e.eventId()) ++index;
        throw ApiError(409, "l'événement " + e.eventId() + " a déjà été reçu avec un autre contenu", eventField(index, "id"));
    }
    SyncResponse response;
    for (const Event& event : request.events) response.acked.push_back(event.id);
    const ChangesPage page = storage_.changesAfter(request.cursor, kMaxChangesPerSync, kindsKiosksNeed());
    response.cursor = page.cursor;
    response.more = page.more;
    response.changes = changesFor(device, page, now);
    response.serverTimeMs = now;
    response.epoch = storage_.epoch();
    return response;
}

}  // namespace cowork::hub
