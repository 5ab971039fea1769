// SqliteHubStorage: what the network's figures are computed from, read from the
// raw event log (never from counters), the kiosks' sync slots and the people
// counts frozen before retention removed the member links.
#include "events/event_codec.hpp"
#include "storage/sqlite_hub_storage.hpp"

namespace cowork::hub {
namespace {

// Kiosk events are stamped on the hub's clock (kiosk_stamps.hpp), so a visit's
// events lie within a day or two of its start: the margin keeps the scan to the
// period without losing a visit whose end was logged after it.
constexpr TimeMs kVisitMarginMs = 3 * kDayMs;

std::int64_t packed(TimeMs wallMs) { return HlcStamp::of(wallMs, 0).packed; }

constexpr const char* kConfigChanges =
    "SELECT stamp, kind, payload FROM events "
    "WHERE kind IN ('site.configured', 'site.override_set', 'place.configured', 'place.service_changed') AND stamp < ?1 "
    "ORDER BY stamp, id";

constexpr const char* kMembers =
    "SELECT m.id, m.commune, m.employer, m.consent_at + coalesce(r.clock_offset_ms, 0) "
    "FROM members m LEFT JOIN hub_received r ON r.event_id = m.event_id";

std::vector<ConfigChange> readConfigChanges(Database& db, TimeMs to) {
    std::vector<ConfigChange> changes;
    Statement& row = db.prepare(kConfigChanges);
    row.bind(1, packed(to));
    while (row.step()) {
        const Json payload = parseJson(row.columnText(2));
        changes.push_back({HlcStamp{row.columnInt(0)}.wallMs(), decodePayload(row.columnText(1), JsonObject(payload, "payload"))});
    }
    return changes;
}

std::map<std::string, FiguresMember> readMembers(Database& db) {
    std::map<std::string, FiguresMember> members;
    Statement& row = db.prepare(kMembers);
    while (row.step()) members[row.columnText(0)] = {row.columnOptionalText(1), row.columnOptionalText(2), row.columnInt(3)};
    return members;
}

std::vector<SyncSlots> readSyncSlots(Database& db, TimeMs from, TimeMs to) {
    std::vector<SyncSlots> slots;
    Statement& row = db.prepare("SELECT site_id, day, low, high FROM hub_figures_sync WHERE day >= ?1 AND day <= ?2");
    row.bind(1, static_cast<std::int64_t>(daysFromCivil(toParisLocal(from).date)))
        .bind(2, static_cast<std::int64_t>(daysFromCivil(toParisLocal(to).date)));
    while (row.step()) {
        slots.push_back({row.columnText(0), static_cast<long>(row.columnInt(1)), static_cast<std::uint64_t>(row.columnInt(2)),
                         static_cast<std::uint64_t>(row.columnInt(3))});
    }
    return slots;
}

std::map<std::string, CommunePlace> readCommunes(Database& db) {
    std::map<std::string, CommunePlace> communes;
    Statement& row = db.prepare("SELECT name, insee, lat, lon FROM hub_communes");
    while (row.step()) {
        CommunePlace commune{row.columnText(0), row.columnOptionalText(1).value_or(""), std::nullopt};
        if (row.columnOptionalText(2) && row.columnOptionalText(3)) commune.coordinates = Coordinates{row.columnDouble(2), row.columnDouble(3)};
        communes[commune.name] = commune;
    }
    return communes;
}

}  // namespace

FiguresLog SqliteHubStorage::figuresLog(TimeMs from, TimeMs to) {
    const auto lock = lockWithReportsWritten();
    Database& db = store_.db();
    std::vector<FiguresVisit> visits = figuresVisits_.visits(db, packed(from - kVisitMarginMs), packed(to + kVisitMarginMs));
    return {readConfigChanges(db, to), std::move(visits), readMembers(db), readSyncSlots(db, from, to), readCommunes(db)};
}

bool SqliteHubStorage::fillFiguresCopy(std::int64_t maxEvents) {
    std::lock_guard lock(mutex_);
    return figuresVisits_.fillStep(store_.db(), maxEvents);
}

std::size_t SqliteHubStorage::figuresCopyVisits() {
    std::lock_guard lock(mutex_);
    return figuresVisits_.visitCount();
}

void recordSyncSlot(Database& db, const std::string& deviceId, const std::string& siteId, TimeMs now) {
    const LocalDateTime local = toParisLocal(now);
    const int slot = local.minuteOfDay / 15;
    const std::uint64_t low = slot < 64 ? std::uint64_t{1} << slot : 0;
    const std::uint64_t high = slot >= 64 ? std::uint64_t{1} << (slot - 64) : 0;
    db.prepare("INSERT INTO hub_figures_sync(device_id, site_id, day, low, high) VALUES(?1, ?2, ?3, ?4, ?5) "
               "ON CONFLICT(device_id, day) DO UPDATE SET low = low | excluded.low, high = high | excluded.high")
        .bind(1, deviceId).bind(2, siteId).bind(3, static_cast<std::int64_t>(daysFromCivil(local.date)))
        .bind(4, static_cast<std::int64_t>(low)).bind(5, static_cast<std::int64_t>(high)).run();
}

int SqliteHubStorage::pruneSyncSlots(long beforeDay) {
    const auto lock = lockWithReportsWritten();
    Statement& remove = store_.db().prepare("DELETE FROM hub_figures_sync WHERE day < ?1");
    remove.bind(1, static_cast<std::int64_t>(beforeDay)).run();
    return static_cast<int>(store_.db().changes());
}

std::vector<FrozenFigure> SqliteHubStorage::frozenFigures(const std::vector<std::string>& months) {
    std::lock_guard lock(mutex_);
    std::vector<FrozenFigure> figures;
    Statement& row = store_.db().prepare("SELECT scope, measure, key, value FROM hub_figures_frozen WHERE month = ?1");
    for (const std::string& month : months) {
        row.bind(1, month);
        while (row.step()) figures.push_back({month, row.columnText(0), row.columnText(1), row.columnText(2), row.columnInt(3)});
        row.reset();
    }
    return figures;
}

void SqliteHubStorage::saveFrozenFigures(const std::string& month, const std::vector<FrozenFigure>& figures) {
    std::lock_guard lock(mutex_);
    Database& db = store_.db();
    Transaction transaction(db);
    db.prepare("DELETE FROM hub_figures_frozen WHERE month = ?1").bind(1, month).run();
    // A month frozen with no visit at all still says so: its marker row.
    db.prepare("INSERT INTO hub_figures_frozen(month, scope, measure, key, value) VALUES(?1, '', 'frozen', '', 1)").bind(1, month).run();
    Statement& insert = db.prepare("INSERT INTO hub_figures_frozen(month, scope, measure, key, value) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const FrozenFigure& f : figures) {
        insert.bind(1, month).bind(2, f.scope).bind(3, f.measure).bind(4, f.key).bind(5, f.value).run();
        insert.reset();
    }
    transaction.commit();
}

}  // namespace cowork::hub
