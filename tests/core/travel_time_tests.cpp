#include <catch2/catch.hpp>

#include "domain/travel_time.hpp"

using namespace cowork;

namespace {

// Expected figures computed separately (Python, haversine, R = 6371 km), not
// with the code under test.
constexpr Coordinates kBelleville{46.1086, 4.7494};
constexpr Coordinates kBeaujeu{46.1547, 4.5864};
constexpr double kBellevilleBeaujeuKm = 13.5663;  // 13.566 × 1.3 / 50 × 60 = 21.16 → 22 min
constexpr Coordinates kChiroubles{46.1836, 4.6586};
constexpr Coordinates kFleurie{46.1925, 4.6983};  // 3.212 km → 5.01 → 6 min

Site siteAt(const std::string& id, Coordinates where) {
    Site site;
    site.id = id;
    site.coordinates = where;
    return site;
}

std::vector<Site> threeSites() {
    return {siteAt("belleville", kBelleville), siteAt("beaujeu", kBeaujeu), siteAt("chiroubles", kChiroubles)};
}

}  // namespace

TEST_CASE("great-circle distance matches a known pair of towns", "[travel]") {
    CHECK(greatCircleKm(kBelleville, kBeaujeu) == Approx(kBellevilleBeaujeuKm).margin(0.001));
    CHECK(greatCircleKm(kBeaujeu, kBelleville) == Approx(kBellevilleBeaujeuKm).margin(0.001));
    CHECK(greatCircleKm(kChiroubles, kFleurie) == Approx(3.2123).margin(0.001));
    CHECK(greatCircleKm(kBelleville, kBelleville) == 0.0);
}

TEST_CASE("great-circle distance stays finite for antipodal points", "[travel]") {
    // Half the circumference: π × 6371.
    CHECK(greatCircleKm({0, 0}, {0, 180}) == Approx(20015.0868).margin(0.01));
    CHECK(greatCircleKm({90, 0}, {-90, 0}) == Approx(20015.0868).margin(0.01));
}

TEST_CASE("estimated minutes apply the road factor and round up", "[travel]") {
    CHECK(estimatedTravelMinutes(kBelleville, kBeaujeu) == 22);
    CHECK(estimatedTravelMinutes(kChiroubles, kFleurie) == 6);
    CHECK(estimatedTravelMinutes(kBelleville, kBelleville) == 0);
    // About 80 cm apart: still a minute, never zero for two different places.
    CHECK(estimatedTravelMinutes(kBelleville, {46.1086, 4.74941}) == 1);
}

TEST_CASE("travel times use the estimate without an override", "[travel]") {
    const TravelTimes times(threeSites(), {});
    CHECK(times.minutesBetween("belleville", "beaujeu") == 22);
    CHECK(times.minutesBetween("beaujeu", "belleville") == 22);
    CHECK(times.minutesBetween("beaujeu", "beaujeu") == 0);
}

TEST_CASE("a travel override applies both ways and only to its pair", "[travel]") {
    const TravelTimes times(threeSites(), {{"belleville", "beaujeu", 35}});
    CHECK(times.minutesBetween("belleville", "beaujeu") == 35);
    CHECK(times.minutesBetween("beaujeu", "belleville") == 35);
    CHECK(times.minutesBetween("belleville", "chiroubles") == estimatedTravelMinutes(kBelleville, kChiroubles));
    CHECK(times.minutesBetween("belleville", "belleville") == 0);
}

TEST_CASE("an override given in the reverse direction also applies both ways", "[travel]") {
    const TravelTimes times(threeSites(), {{"chiroubles", "beaujeu", 9}});
    CHECK(times.minutesBetween("beaujeu", "chiroubles") == 9);
    CHECK(times.minutesBetween("chiroubles", "beaujeu") == 9);
}

TEST_CASE("travel time to or from an unknown site is -1", "[travel]") {
    const TravelTimes times(threeSites(), {{"belleville", "nowhere", 12}});
    CHECK(times.minutesBetween("belleville", "nowhere") == -1);
    CHECK(times.minutesBetween("nowhere", "belleville") == -1);
    CHECK(times.minutesBetween("nowhere", "nowhere") == -1);
    CHECK(times.minutesBetween("", "beaujeu") == -1);
}
