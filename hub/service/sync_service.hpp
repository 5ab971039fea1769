#pragma once
#include <functional>
#include <map>
#include <mutex>

#include "service/api_error.hpp"
#include "service/kiosk_stamps.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

constexpr std::size_t kMaxChangesPerSync = 1000;

using Clock = std::function<TimeMs()>;

// How long the sites' availability computed for one sync serves the next ones
// after the log moved: a check-in anywhere moves it, hundreds of times a second
// on a large network. A kiosk counts its own site itself and gets the others'
// 30 s apart: a quarter of a second later is invisible to anyone.
constexpr TimeMs kAvailabilityReuseMs = 250;

// One kiosk sync: check the batch, apply it all or nothing, and answer with what
// changed since the kiosk's cursor. Throws ApiError for every refusal.
class SyncService {
public:
    SyncService(HubStorage& storage, Clock clock, TimeMs availabilityReuseMs = kAvailabilityReuseMs);
    SyncResponse sync(const AuthenticatedDevice& device, const SyncRequest& request);

private:
    void checkWritesOwnSite(const AuthenticatedDevice& device, const std::vector<Event>& events);
    struct BatchContext {
        std::map<std::string, std::string> visitSites;   // visits started in this batch → site
        std::map<std::string, std::string> memberCodes;  // codes given in this batch → member id
        std::map<std::string, std::string> animationSites;  // animation sessions started in this batch → site
    };
    std::optional<std::string> siteTouchedBy(const Event& event, std::size_t index, BatchContext& batch);
    void refuseTakenCode(const Event& event, std::size_t index, const Member& member,
                         std::map<std::string, std::string>& membersInBatch);
    // Where this kiosk's changes start, and in which epoch; `renewing` when its
    // cursor is past the log's end, so that the batch's transaction replaces `epoch`.
    struct ChangesStart {
        std::int64_t cursor = 0;
        std::string epoch;
        bool renewing = false;
    };
    static std::map<std::string, std::int64_t> offsetsByMonotonicClock(const SyncRequest& request, TimeMs now);
    ChangesStart changesStart(const SyncRequest& request);
    SyncChanges changesFor(const AuthenticatedDevice& device, const ChangesPage& page, TimeMs now);
    std::vector<SiteAvailability> currentAvailability(TimeMs now, std::int64_t seq);
    bool meantForOtherSite(const EventPayload& payload, const std::string& siteId);

    HubStorage& storage_;
    Clock clock_;
    const TimeMs availabilityReuseMs_;
    std::mutex availabilityMutex_;
    std::vector<SiteAvailability> availability_;
    TimeMs availabilityComputedAt_ = -1;
    std::int64_t availabilitySeq_ = -1;
};

}  // namespace cowork::hub
