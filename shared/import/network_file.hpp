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

// A commune of the territory, as the file may describe it: its official code
// (INSEE, "69084"; "2A004" in Corsica) and where it is, from which the public
// page measures travel times. Both are optional: a bare name gives neither.
struct CommunePlace {
    std::string name;
    std::string insee;                        // "" when not given
    std::optional<Coordinates> coordinates;   // nullopt when not given
    auto operator<=>(const CommunePlace&) const = default;
};

struct NetworkFile {
    int formatVersion = kNetworkFileFormat;
    std::string epciName;
    std::string epciShortName;
    std::string timezone;
    std::vector<Site> sites;
    std::vector<Place> places;  // ids "<site-id>/<n>" unless the file names them
    std::vector<std::string> communes;         // sign-up's list: the names
    std::vector<CommunePlace> communePlaces;   // the same communes, in the same order, with what the file says of them
    std::vector<TravelOverride> travelOverrides;
};

// Both throw InputError.
NetworkFile parseNetworkFile(std::string_view jsonText);
NetworkFile loadNetworkFile(const std::string& path);

}  // namespace cowork
