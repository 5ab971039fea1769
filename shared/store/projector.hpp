#pragma once
#include "events/event.hpp"
#include "store/sqlite_db.hpp"

namespace cowork {

// Folds one event into the projection tables. Callers run it inside the
// transaction that logs the event. Each kind merges so that the result does not
// depend on arrival order: configurations keep the write with the highest
// (stamp, event id); a visit's start and end are separate columns; delivery
// states only move forward; withdrawals and revocations are final.
void applyToProjections(Database& db, const Event& event);

// Empties every projection table (before a replay of the log).
void clearProjections(Database& db);

}  // namespace cowork
