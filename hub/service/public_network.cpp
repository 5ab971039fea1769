#include "service/public_network.hpp"

#include "json/json_reader.hpp"

namespace cowork::hub {

PublicNetwork publicNetworkOf(const NetworkFile& network) {
    return PublicNetwork{network.epciName, network.communePlaces, network.travelOverrides};
}

std::string encodePublicNetwork(const PublicNetwork& network) {
    Json communes = Json::array();
    for (const CommunePlace& c : network.communes) {
        Json commune = {{"name", c.name}, {"insee", c.insee}};
        if (c.coordinates) {
            commune["lat"] = c.coordinates->lat;
            commune["lon"] = c.coordinates->lon;
        }
        communes.push_back(std::move(commune));
    }
    Json travel = Json::array();
    for (const TravelOverride& t : network.travelOverrides) travel.push_back({t.fromSiteId, t.toSiteId, t.minutes});
    return Json{{"publisher", network.publisher}, {"communes", communes}, {"travel_times", travel}}.dump();
}

PublicNetwork decodePublicNetwork(const std::optional<std::string>& text) {
    PublicNetwork network;
    if (!text) return network;
    try {
        const Json json = parseJson(*text);
        network.publisher = json.at("publisher").get<std::string>();
        for (const Json& c : json.at("communes")) {
            CommunePlace commune{c.at("name").get<std::string>(), c.at("insee").get<std::string>(), std::nullopt};
            if (c.contains("lat")) commune.coordinates = Coordinates{c.at("lat").get<double>(), c.at("lon").get<double>()};
            network.communes.push_back(std::move(commune));
        }
        for (const Json& t : json.at("travel_times")) {
            network.travelOverrides.push_back({t.at(0).get<std::string>(), t.at(1).get<std::string>(), t.at(2).get<int>()});
        }
    } catch (const std::exception&) {
        return {};  // written by this code only: unreadable means damaged; the feed goes on without it
    }
    return network;
}

}  // namespace cowork::hub
