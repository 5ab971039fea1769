#pragma once
// Pieces of the console's views of a site, as docs/console-api.md describes
// them: its state now, the 28 days its kiosk will show, whether its animator is
// there, its places and announcements.
#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "json/json_reader.hpp"
#include "service/kiosk_health.hpp"
#include "store/site_reads.hpp"

namespace cowork::hub {

struct DeviceStatus;

constexpr int kPreviewDays = 28;

// "open", "closed" or "full" now, as the kiosk decides: the opening hours, then
// the override; full when open and forced full or no place is free.
std::string siteStateValue(const Site& site, SiteOverride override, int freePlaces, TimeMs now);
// The override's reason, else the reason of today's dated exception, else "".
std::string siteStateReason(const Site& site, const SiteOverrideState& forced, TimeMs now);
// {value, override, reason, next_change}: next_change is when the opening hours
// next close (open now) or open (closed now), null if never within 400 days.
Json siteStateJson(const Site& site, const SiteOverrideState& forced, int freePlaces, TimeMs now);

// [{date, ranges: [["09:00","12:00"]…], reason}] for 28 days from today (Paris).
Json previewJson(const OpeningHours& hours, TimeMs now);

// The animator's presence when written as structured weekly hours
// ("tue=09:00-12:00;thu=14:00-17:00", keys mon..sun, each as opening hours are
// written): whether they are there now. nullopt for free text ("mar. et jeu.").
std::optional<bool> animatorPresentAt(const std::string& presence, TimeMs now);

Json placeToJson(const Place& place, bool occupied);
Json healthJson(const SiteHealth& health);
std::vector<KioskFacts> kioskFactsOf(const std::vector<DeviceStatus>& devices, const std::string& siteId);

// "active", "scheduled" or "past" on `today` (Paris).
std::string announcementState(const Announcement& announcement, LocalDate today);
Json announcementJson(const Announcement& announcement, bool withdrawn, LocalDate today);

}  // namespace cowork::hub
