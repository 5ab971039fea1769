#pragma once
// Helpers shared by the core tests: temporary directories and sample data.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "domain/entities.hpp"
#include "events/event.hpp"
#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace cowork::testing {

// A fresh directory under /tmp, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cowork-test-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    // Writes `text` to a file of that name here and returns its path.
    std::string write(const std::string& name, const std::string& text) const {
        const std::string path = file(name);
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline Site sampleSite(const std::string& id = "fleurie-boulangerie") {
    Site site;
    site.id = id;
    site.kind = SiteKind::MiniCowork;
    site.name = "Mini-cowork de la boulangerie";
    site.commune = "Fleurie";
    site.address = "2 place de l'Église";
    site.coordinates = {46.1925, 4.6983};
    site.hours.weekly[1] = {{390, 780}, {930, 1140}};  // mardi 06:30-13:00, 15:30-19:00
    site.hours.exceptions.push_back({{2026, 12, 25}, {}, "Noël"});
    site.shop = HostShop{"Boulangerie du Bourg", "boulangerie"};
    site.animator = {"Léa D.", "+33 6 00 00 00 05", "lea.animation@example.org", "mar. 10h-12h"};
    return site;
}

inline Member sampleMember(const std::string& id, const std::string& code) {
    Member member;
    member.id = id;
    member.code = code;
    member.firstName = "Zoé";
    member.email = "zoe@example.org";
    member.commune = "Chénas";
    member.consentAt = 1'780'000'000'000;
    return member;
}

// A power cut between two writes, as SQLite sees it: from now on, on this
// connection, every write to `table` matching `when` (an SQL condition on NEW)
// fails, so whatever the code wrote before it is all a crash would have kept.
inline void failWritesTo(Database& db, const std::string& table, const std::string& when) {
    for (const std::string operation : {"INSERT", "UPDATE"}) {
        db.exec("CREATE TEMP TRIGGER IF NOT EXISTS power_cut_" + table + "_" + operation + " BEFORE " + operation + " ON main." +
                table + " WHEN " + when + " BEGIN SELECT RAISE(ABORT, 'coupure de courant simulée'); END");
    }
}

// The first column of a one-row query, e.g. "SELECT count(*) FROM visits".
inline std::int64_t count(Store& store, const std::string& sql) {
    Statement& row = store.db().prepare(sql);
    row.step();
    const std::int64_t n = row.columnInt(0);
    row.reset();
    return n;
}

}  // namespace cowork::testing
