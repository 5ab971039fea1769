#include "store/network_reads.hpp"

#include "json/json_reader.hpp"

namespace cowork {

std::optional<std::vector<std::string>> loadNetworkCommunes(Database& db) {
    Statement& row = db.prepare("SELECT names FROM network_communes");
    if (!row.step()) return std::nullopt;
    const std::string names = row.columnText(0);
    row.reset();
    return parseJson(names).get<std::vector<std::string>>();
}

}  // namespace cowork
