#pragma once
// JSON form of the domain entities, as events and the sync protocol carry them.
// Decoders validate and throw InputError naming the field.
#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "json/json_reader.hpp"

namespace cowork {

std::string formatLocalDate(LocalDate date);  // "2026-03-29"
LocalDate parseLocalDate(const std::string& text, const std::string& fieldPath);

Json openingHoursToJson(const OpeningHours& hours);
OpeningHours openingHoursFromJson(const JsonObject& object);

Json siteToJson(const Site& site);
Site siteFromJson(const JsonObject& object);

Json memberToJson(const Member& member);
Member memberFromJson(const JsonObject& object);

Json messageToJson(const AnimatorMessage& message);
AnimatorMessage messageFromJson(const JsonObject& object);

Json announcementToJson(const Announcement& announcement);
Announcement announcementFromJson(const JsonObject& object);

Json deviceToJson(const Device& device);
Device deviceFromJson(const JsonObject& object);

// Text limits enforced on every way in (kiosk screens, sync, coordinator API).
constexpr std::size_t kMaxNameLength = 80;
constexpr std::size_t kMaxMessageLength = 1000;
constexpr std::size_t kMaxShortTextLength = 300;
// Sign-up's list of communes: France's largest intercommunalities have a few hundred.
constexpr std::size_t kMaxCommunes = 2000;
std::string requireText(const JsonObject& object, std::string_view key, std::size_t maxBytes);
std::string optionalText(const JsonObject& object, std::string_view key, std::size_t maxBytes);
std::string requireId(const JsonObject& object, std::string_view key);
// An optional detail: null or absent as JSON null; "" read as absent.
Json optionalToJson(const std::optional<std::string>& value);
std::optional<std::string> optionalNonEmpty(const JsonObject& object, std::string_view key, std::size_t maxBytes);

}  // namespace cowork
