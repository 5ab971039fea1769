#pragma once
// A snapshot of what the screens show, read from the store in one place. Screens
// get it read-only; it is rebuilt when data changes and on the minute tick.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/pin_guard.hpp"
#include "app/site_status.hpp"
#include "domain/entities.hpp"
#include "store/store.hpp"
#include "sync/kiosk_sync_store.hpp"

namespace cowork::kiosk {

struct PlaceView {
    Place place;
    std::optional<Visit> visit;  // the open visit, if taken
    bool free() const { return place.inService && !visit; }
};

struct NetworkSiteView {
    Site site;
    int travelMinutes = -1;
    bool openNow = false;
    int placesInService = 0;
    int freePlaces = 0;
    bool here = false;
    // Another site's free places are the hub's figure, as old as this says
    // (nullopt: none received yet). Here they are counted live.
    std::optional<TimeMs> freePlacesAsOf;
};

struct SyncView {
    bool enrolled = false;
    bool everSynced = false;
    TimeMs lastSuccessAt = 0;
    std::optional<TimeMs> failingSince;
    std::string problemKey;   // "sync.problem.no_network"…, empty when the last sync worked
    std::size_t pending = 0;  // events waiting in the outbox
    std::size_t setAside = 0; // events the hub refused, kept here
    bool updateNeeded = false;  // the hub sends what this version cannot read
    std::vector<MemberCodeChange> codeChanges;  // new codes to pass on, newest first
    std::string enrollmentProblemKey;  // first start: why the last enrollment attempt failed
    bool enrollmentPending = false;
};

// A session being animated here now, with the animator's first name.
struct AnimationView {
    AnimationSession session;
    std::string firstName;
};

struct KioskView {
    TimeMs now = 0;
    bool configured = false;  // a site is set: otherwise the first-start screen
    bool demo = false;
    Site site;
    SiteStatus status;
    std::vector<PlaceView> places;
    std::vector<Announcement> announcements;
    std::vector<NetworkSiteView> network;  // sorted by travel time from here
    std::vector<std::string> communes;     // sign-up's choices: here, kOutsideTerritory, then A to Z
    std::vector<AnimatorMessage> messages;
    std::vector<Visit> todaysVisits;
    std::map<std::string, std::string> firstNames;  // member id → first name, for the shopkeeper
    std::vector<AnimationView> animations;  // open here, oldest first: Home's « Animation en cours »
    bool hasAnimators = false;              // someone is designated animator here: Home offers « J'anime »
    SyncView sync;
    PinLock pinLock;
    bool pinSet = false;
    std::string deviceId;
    std::string hubAddress;  // first start: what was entered

    int freePlaces() const;
    bool takesCheckIns() const { return status.open && !status.full && freePlaces() > 0; }
    const PlaceView* place(const std::string& placeId) const;
};

// Device settings (store meta) the kiosk uses.
namespace meta {
constexpr const char* kSiteId = "kiosk.site_id";
constexpr const char* kDemo = "kiosk.demo";
constexpr const char* kTravelOverrides = "network.travel_overrides";  // JSON [[from, to, minutes]]
constexpr const char* kLastSyncAt = "sync.last_success_at";
constexpr const char* kHubAddress = "enrollment.hub_address";
constexpr const char* kEnrollmentCode = "enrollment.code";
constexpr const char* kEnrollmentPin = "enrollment.pin";
constexpr const char* kEnrollmentProblem = "enrollment.last_problem";
}  // namespace meta

KioskView loadKioskView(Store& store, TimeMs now);

}  // namespace cowork::kiosk
