#pragma once
// The network file a coordinator writes by hand: the intercommunality, its sites
// with their hours and closures, the places of each site, the communes offered as
// places of residence and the travel times that differ from the estimate.
// Everything is checked on reading, and the first problem is reported in French
// with the path of the field at fault, so that it can be fixed in the file.
#include <string>
#include <string_view>
#include <vector>

#include "domain/entities.hpp"
#include "domain/travel_time.hpp"
#include "json/json_error.hpp"

namespace cowork {

// The format this program reads; a file may declare an older one, never a newer.
constexpr int kNetworkFileFormat = 1;

struct NetworkFile {
    int formatVersion = kNetworkFileFormat;
    std::string epciName;
    std::string epciShortName;
    std::string timezone;
    std::vector<Site> sites;
    std::vector<Place> places;  // ids "<site-id>/<n>" unless the file names them
    std::vector<std::string> communes;
    std::vector<TravelOverride> travelOverrides;
};

// Both throw InputError.
NetworkFile parseNetworkFile(std::string_view jsonText);
NetworkFile loadNetworkFile(const std::string& path);

}  // namespace cowork
