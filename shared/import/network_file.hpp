#pragma once
// The network file a coordinator writes by hand: the intercommunality, its sites
// with their hours and closures, the places of each site, the communes offered as
// places of residence and the travel times that differ from the estimate.
// Everything is checked on reading, and the first problem is reported in French
// with the path of the field at fault, so that it can be fixed in the file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"
#include "domain/travel_time.hpp"
#include "json/json_error.hpp"

namespace cowork {

// The format this program reads; a file may declare an older one, never a newer.
constexpr int kNetworkFileFormat = 1;

// What the file may say of a commune besides its name, for the network's
// figures (their communes table and map): its INSEE code and approximate centre.
struct CommuneFacts {
    std::string name;
    std::optional<std::string> insee;        // five characters: "69018", "2A004"
    std::optional<Coordinates> centre;       // WGS84
    auto operator<=>(const CommuneFacts&) const = default;
};

struct NetworkFile {
    int formatVersion = kNetworkFileFormat;
    std::string epciName;
    std::string epciShortName;
    std::string timezone;
    std::vector<Site> sites;
    std::vector<Place> places;  // ids "<site-id>/<n>" unless the file names them
    std::vector<std::string> communes;     // the names, in the file's order: sign-up's list
    std::vector<CommuneFacts> communeFacts;  // one per commune, same order (no code or centre in an old file)
    std::vector<TravelOverride> travelOverrides;
};

// Both throw InputError.
NetworkFile parseNetworkFile(std::string_view jsonText);
NetworkFile loadNetworkFile(const std::string& path);

}  // namespace cowork
