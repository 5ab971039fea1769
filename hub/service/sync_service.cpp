#include "service/sync_service.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "events/overloaded.hpp"
#include "service/retention_service.hpp"

namespace cowork::hub {
namespace {

// What a kiosk may write; everything else is the coordinator's.
bool kioskMayWrite(const EventPayload& payload) {
    return std::holds_alternative<VisitStarted>(payload) || std::holds_alternative<VisitEnded>(payload) ||
           std::holds_alternative<MemberRegistered>(payload) || std::holds_alternative<MessageSent>(payload) ||
           std::holds_alternative<PlaceServiceChanged>(payload) || std::holds_alternative<SiteOverrideSet>(payload) ||
           std::holds_alternative<ShopkeeperPinSet>(payload) || std::holds_alternative<AnimationStarted>(payload) ||
           std::holds_alternative<AnimationEnded>(payload);
}

// What a kiosk needs to hear about: configuration and announcements of the whole
// network (sign-up's communes included), how its messages fared (and which the
// hub erased), members to recognise, who its provisional check-ins were, and
// who animates which site. Visits travel as availability instead, and animation
// sessions stay on the hub (the coordinator's corrections are for pay).
const std::vector<std::string>& kindsKiosksNeed() {
    static const std::vector<std::string> kinds = {
        "site.configured",        "place.configured",       "place.service_changed", "site.override_set",
        "announcement.published", "announcement.withdrawn", "message.state_changed", "shopkeeper_pin.set",
        "member.forgotten",       "member.registered",      "visit.member_resolved", "network.communes_set",
        "member.corrected",       "message.redacted",       "member.animator_set"};
    return kinds;
}

std::string eventField(std::size_t index, const char* field) {
    return "events[" + std::to_string(index) + "]." + field;
}

}  // namespace

SyncService::SyncService(HubStorage& storage, Clock clock, TimeMs availabilityReuseMs)
    : storage_(storage), clock_(std::move(clock)), availabilityReuseMs_(availabilityReuseMs) {}

// A PIN hash goes only to the kiosks of its own site, and so do how a message
// to the animator fared and who a provisional check-in turned out to be.
bool SyncService::meantForOtherSite(const EventPayload& payload, const std::string& siteId) {
    if (const auto* pin = std::get_if<ShopkeeperPinSet>(&payload)) return pin->siteId != siteId;
    if (const auto* resolved = std::get_if<VisitMemberResolved>(&payload)) return resolved->siteId != siteId;
    if (const auto* corrected = std::get_if<MemberCorrected>(&payload)) return corrected->siteId != siteId;
    if (const auto* state = std::get_if<MessageStateChanged>(&payload)) return storage_.siteOfMessage(state->messageId) != siteId;
    return false;
}

// Two kiosks offline may hand out the same code: the second is refused by name,
// so that its kiosk sets it aside and the rest of its queue goes on. The kiosk
// acts on the field and the event's index; the code itself, personal data, is
// left out of the message, which the hub logs and the kiosk may send back in a
// set-aside report.
void SyncService::refuseTakenCode(const Event& event, std::size_t index, const Member& member,
                                  std::map<std::string, std::string>& membersInBatch) {
    auto holder = storage_.memberIdWithCode(member.code);
    if (!holder) {
        const auto inBatch = membersInBatch.find(member.code);
        if (inBatch != membersInBatch.end()) holder = inBatch->second;
    }
    if (holder && *holder != member.id) {
        throw ApiError(409, "l’événement " + event.id + " donne un code membre déjà attribué à un autre membre",
                       eventField(index, "payload.member.code"));
    }
    membersInBatch[member.code] = member.id;
}

void SyncService::checkWritesOwnSite(const AuthenticatedDevice& device, const std::vector<Event>& events) {
    BatchContext batch;
    for (const Event& event : events) {
        if (const auto* started = std::get_if<VisitStarted>(&event.payload)) batch.visitSites[started->visitId] = started->siteId;
        if (const auto* started = std::get_if<AnimationStarted>(&event.payload)) {
            batch.animationSites[started->sessionId] = started->siteId;
        }
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& event = events[i];
        if (event.origin != device.deviceId) {
            throw ApiError(403, "l’événement " + event.id + " n’a pas été créé par ce kiosque", eventField(i, "origin"));
        }
        if (!kioskMayWrite(event.payload)) {
            throw ApiError(403, "un kiosque ne peut pas écrire « " + std::string(event.kind()) + " »", eventField(i, "kind"));
        }
        const std::optional<std::string> site = siteTouchedBy(event, i, batch);
        if (site && *site != device.siteId) {
            throw ApiError(403, "ce kiosque n’écrit que pour son lieu (" + device.siteId + ") : l’événement " + event.id +
                                    " concerne « " + *site + " »", eventField(i, "payload"));
        }
    }
}

// The site an event really writes to, as the hub knows it (a visit or a place
// keeps the site it was created at, whatever the event claims). Unknown places
// and visits are refused by name.
std::optional<std::string> SyncService::siteTouchedBy(const Event& event, std::size_t i, BatchContext& batch) {
    const auto unknown = [&](const char* what, const char* field) {
        return ApiError(400, "l’événement " + event.id + " " + what, eventField(i, field));
    };
    return std::visit(
        Overloaded{
            [&](const VisitStarted& e) -> std::optional<std::string> {
                if (storage_.siteOfPlace(e.placeId) != e.siteId) throw unknown("nomme une place inconnue de ce lieu", "payload.place_id");
                return storage_.siteOfVisit(e.visitId).value_or(e.siteId);
            },
            [&](const VisitEnded& e) -> std::optional<std::string> {
                auto site = storage_.siteOfVisit(e.visitId);
                if (!site && batch.visitSites.count(e.visitId)) site = batch.visitSites[e.visitId];
                if (!site) throw unknown("termine un passage inconnu", "payload.visit_id");
                return site;
            },
            // A session keeps the site it started at; its end belongs there.
            [&](const AnimationStarted& e) -> std::optional<std::string> {
                return storage_.siteOfAnimation(e.sessionId).value_or(e.siteId);
            },
            [&](const AnimationEnded& e) -> std::optional<std::string> {
                auto site = storage_.siteOfAnimation(e.sessionId);
                if (!site && batch.animationSites.count(e.sessionId)) site = batch.animationSites[e.sessionId];
                if (!site) throw unknown("termine une animation inconnue", "payload.session_id");
                return site;
            },
            [&](const PlaceServiceChanged& e) -> std::optional<std::string> {
                auto site = storage_.siteOfPlace(e.placeId);
                if (!site) throw unknown("nomme une place inconnue", "payload.place_id");
                return site;
            },
            [&](const MemberRegistered& e) -> std::optional<std::string> {
                refuseTakenCode(event, i, e.member, batch.memberCodes);
                const auto registration = storage_.registrationOfMember(e.member.id);
                if (registration && *registration != event.id) {
                    throw ApiError(409, "l’événement " + event.id + " inscrit à nouveau un membre déjà inscrit", eventField(i, "payload.member.id"));
                }
                return std::nullopt;  // members belong to the whole network
            },
            [&](const auto&) { return siteWrittenBy(event.payload); },
        },
        event.payload);
}

// `seq`: the log's end as the kiosk's changes saw it.
std::vector<SiteAvailability> SyncService::currentAvailability(TimeMs now, std::int64_t seq) {
    // Kept while the log has not moved, or for availabilityReuseMs_ once it has
    // (kAvailabilityReuseMs), and never past a second: opening hours move on.
    std::lock_guard lock(availabilityMutex_);
    const TimeMs age = now - availabilityComputedAt_;
    if (age < 0 || age >= 1000 || (seq != availabilitySeq_ && age >= availabilityReuseMs_)) {
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
        } else if (const auto* corrected = std::get_if<MemberCorrected>(&event.payload)) {
            // Every kiosk's directory takes the corrected first name; the whole
            // correction goes only where the member signed up, which holds the rest.
            if (const auto code = storage_.codeOfMember(corrected->memberId)) {
                changes.members.push_back({corrected->memberId, *code, corrected->firstName});
            }
            if (!meantForOtherSite(event.payload, device.siteId)) changes.events.push_back(event);
        } else if (event.origin != device.deviceId && !meantForOtherSite(event.payload, device.siteId)) {
            changes.events.push_back(event);
        }
    }
    changes.availability = currentAvailability(now, page.logEnd);
    return changes;
}

// A cursor of another epoch belongs to another history: the kiosk takes every
// change from the start. A cursor of this epoch past the log's end means the log
// went back (a file restored without `backup` or `new-epoch`): the kiosks saw
// events it lacks, so a new epoch starts, and every kiosk pushes again what it
// keeps. Checked before the batch is applied, which would hide the gap.
// An event made during the device's current boot happened, by the hub's clock,
// as long before now as the device's monotonic clock says: its offset is that
// time minus what the device's wall clock read then. From another boot the
// monotonic clock says nothing: the batch's offset dates it.
std::map<std::string, std::int64_t> SyncService::offsetsByMonotonicClock(const SyncRequest& request, TimeMs now) {
    std::map<std::string, std::int64_t> offsets;
    if (request.deviceBootId.empty()) return offsets;
    std::set<std::string> inBatch;
    for (const Event& event : request.events) inBatch.insert(event.id);
    for (const EventDeviceClock& clock : request.eventClocks) {
        if (clock.bootId != request.deviceBootId || clock.monotonicMs > request.deviceMonotonicMs) continue;
        if (!inBatch.count(clock.eventId)) continue;
        const TimeMs madeAt = now - (request.deviceMonotonicMs - clock.monotonicMs);
        offsets[clock.eventId] = madeAt - clock.wallMs;
    }
    return offsets;
}

SyncService::ChangesStart SyncService::changesStart(const SyncRequest& request) {
    const std::string epoch = storage_.epoch();
    if (!request.epoch.empty() && request.epoch != epoch) return {0, epoch};
    if (request.cursor <= storage_.logEnd()) return {request.cursor, epoch};
    if (request.epoch.empty()) return {0, epoch};  // a kiosk that never learnt an epoch tells nothing about this one
    return {0, epoch, true};
}

SyncResponse SyncService::sync(const AuthenticatedDevice& device, const SyncRequest& request) {
    const TimeMs now = clock_();
    checkWritesOwnSite(device, request.events);
    ChangesStart start = changesStart(request);
    const DeviceReport report{request.appVersion, request.outboxDepth, now - request.deviceClockMs, request.setAside,
                              offsetsByMonotonicClock(request, now), request.updateNeeded};
    const DatedBatch batch = datedOnHubClock(request, report, now);
    try {
        // A refused batch changes nothing, epoch included: the renewal commits with it.
        storage_.applyBatch(device, batch.events, report, batch.inFuture, start.renewing ? start.epoch : std::string(), now);
    } catch (const EventConflictError& e) {
        std::size_t index = 0;
        while (index < request.events.size() && request.events[index].id != e.eventId()) ++index;
        throw ApiError(409, "l’événement " + e.eventId() + " a déjà été reçu avec un autre contenu", eventField(index, "id"));
    }
    if (start.renewing) {
        const std::string stale = start.epoch;
        start.epoch = storage_.epoch();
        spdlog::warn("event=epoch_renewed reason=cursor_past_end device={} cursor={} epoch={} previous={} "
                     "message=\"le kiosque a vu des événements que le hub n’a plus : restauration d’une sauvegarde soupçonnée, "
                     "nouvelle époque\"", device.deviceId, request.cursor, start.epoch, stale);
    }
    SyncResponse response;
    for (const Event& event : request.events) response.acked.push_back(event.id);
    const ChangesPage page = storage_.changesAfter(start.cursor, kMaxChangesPerSync, kindsKiosksNeed());
    response.cursor = page.cursor;
    response.more = page.more;
    response.changes = changesFor(device, page, now);
    response.serverTimeMs = now;
    response.epoch = start.epoch;
    response.visitLinkMonths = visitLinkMonths(storage_);  // kiosks keep links no longer
    return response;
}

}  // namespace cowork::hub
