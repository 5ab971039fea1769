#pragma once
// The JSON form of an event: {"id", "origin", "stamp", "kind", "payload"}.
// It is what the log stores and what the sync protocol carries, so decoding is
// strict: an unknown kind or a bad payload field is an InputError naming it.
#include "events/event.hpp"
#include "json/json_reader.hpp"

namespace cowork {

Json encodePayload(const EventPayload& payload);
EventPayload decodePayload(std::string_view kind, const JsonObject& payload);

Json encodeEvent(const Event& event);
Event decodeEvent(const JsonObject& object);

// The canonical text of an event's content, to tell a resent event (same text)
// from a different event reusing an id (a conflict).
std::string canonicalEventText(const Event& event);

}  // namespace cowork
