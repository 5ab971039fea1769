#include "kiosk_fleet.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli/hub_data.hpp"
#include "events/uuid7.hpp"

namespace cowork::bench {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, separator);) parts.push_back(part);
    return parts;
}

std::string join(const std::vector<std::string>& parts, char separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : std::string(1, separator)) + part;
    return out;
}

Event visitEvent(SimKiosk& kiosk, EventPayload payload, TimeMs now) {
    return Event{newUuid7(now), kiosk.deviceId, kiosk.clock.tick(now), std::move(payload)};
}

std::size_t drawEventCount(SimKiosk& kiosk, const EventMix& mix) {
    std::discrete_distribution<std::size_t> pick(mix.begin(), mix.end());
    return pick(kiosk.random);
}

}  // namespace

void prepareFleet(const std::string& dataDir, int count, const std::string& out) {
    const auto storage = hub::openHubData(dataDir);
    std::vector<std::pair<std::string, std::vector<std::string>>> sites;
    for (const Site& site : storage->sites()) {
        std::vector<std::string> places;
        for (const Place& place : storage->places(site.id)) places.push_back(place.id);
        if (!places.empty()) sites.emplace_back(site.id, places);
    }
    if (sites.empty()) throw std::runtime_error("no site with places: import the network first");
    std::ostringstream lines;
    for (int i = 0; i < count; ++i) {
        const auto& [siteId, places] = sites[static_cast<std::size_t>(i) % sites.size()];
        const TimeMs now = systemNowMs();
        const auto code = storage->createEnrollmentCode(siteId, now);
        const auto enrolled = storage->enroll(EnrollRequest{code.code, "bench-" + std::to_string(i), "0.1.0"}, now);
        const auto& device = std::get<hub::EnrolledDevice>(enrolled);
        lines << device.token << "\t" << device.deviceId << "\t" << siteId << "\t" << join(places, ',') << "\n";
    }
    // Enrolling logs events too: the kiosks start past them, at the head.
    std::ofstream file(out);
    file << "cursor\t" << storage->logEnd() << "\t" << storage->epoch() << "\n" << lines.str();
    if (!file.flush()) throw std::runtime_error("cannot write " + out);
}

void loadFleet(const std::string& path, Fleet& fleet) {
    std::ifstream file(path);
    std::string line;
    if (!std::getline(file, line)) throw std::runtime_error("empty kiosk file " + path);
    const auto head = split(line, '\t');
    const std::int64_t cursor = std::stoll(head.at(1));
    std::uint32_t seed = 1;
    while (std::getline(file, line)) {
        const auto fields = split(line, '\t');
        SimKiosk& kiosk = fleet.kiosks.emplace_back();
        kiosk.token = fields.at(0);
        kiosk.deviceId = fields.at(1);
        kiosk.siteId = fields.at(2);
        kiosk.places = split(fields.at(3), ',');
        // Kiosks in service have synced before: they start at the hub's head.
        kiosk.cursor = cursor;
        kiosk.epoch = head.size() > 2 ? head[2] : "";
        kiosk.random.seed(seed++);
    }
    if (fleet.kiosks.empty()) throw std::runtime_error("no kiosk in " + path);
}

SyncBatch makeBatch(SimKiosk& kiosk, const EventMix& mix) {
    const TimeMs now = systemNowMs();
    SyncRequest request;
    SyncBatch batch;
    std::vector<std::string> stillOpen = kiosk.openVisits;
    for (std::size_t i = drawEventCount(kiosk, mix); i > 0; --i) {
        if (!stillOpen.empty() && kiosk.random() % 2 == 0) {
            batch.ended.push_back(stillOpen.back());
            request.events.push_back(visitEvent(kiosk, VisitEnded{stillOpen.back(), now, VisitEnd::ByMember}, now));
            stillOpen.pop_back();
        } else {
            const std::string& place = kiosk.places[kiosk.random() % kiosk.places.size()];
            const std::string visitId = newUuid7(now);
            batch.started.push_back(visitId);
            request.events.push_back(visitEvent(kiosk, VisitStarted{visitId, kiosk.siteId, place, std::nullopt, now}, now));
        }
    }
    request.cursor = kiosk.cursor;
    request.epoch = kiosk.epoch;
    request.deviceClockMs = now;
    request.appVersion = "0.1.0";
    request.outboxDepth = static_cast<std::int64_t>(request.events.size());
    batch.eventCount = request.events.size();
    batch.body = toJson(request).dump();
    return batch;
}

void acceptReply(SimKiosk& kiosk, const SyncBatch& batch, const SyncReplyHead& reply) {
    kiosk.cursor = reply.cursor;
    kiosk.epoch = reply.epoch;
    auto& open = kiosk.openVisits;
    for (const auto& id : batch.ended) open.erase(std::remove(open.begin(), open.end(), id), open.end());
    open.insert(open.end(), batch.started.begin(), batch.started.end());
}

}  // namespace cowork::bench
