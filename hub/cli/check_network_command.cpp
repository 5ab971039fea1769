#include "cli/check_network_command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>

#include "domain/paris_time.hpp"
#include "import/network_file.hpp"

namespace cowork::hub {
namespace {

struct Options {
    std::string file;
    std::string fromSiteId;
    std::string at;  // local Paris time "AAAA-MM-JJ HH:MM"; now when empty
};

constexpr const char* kWeekdayShort[] = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};

std::string describeMoment(TimeMs utc) {
    const LocalDateTime local = toParisLocal(utc);
    char text[64];
    std::snprintf(text, sizeof text, "%s %02d/%02d %02dh%02d", kWeekdayShort[local.weekday], local.date.day,
                  local.date.month, local.minuteOfDay / 60, local.minuteOfDay % 60);
    return text;
}

TimeMs parseMoment(const std::string& text) {
    LocalDate date;
    int hour = 0, minute = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d", &date.year, &date.month, &date.day, &hour, &minute) != 5 ||
        !isValidDate(date) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
        throw CLI::ValidationError("--at", "attendu « AAAA-MM-JJ HH:MM » (heure de Paris)");
    }
    return parisLocalToUtc(date, hour * 60 + minute);
}

std::string openingState(const Site& site, TimeMs now) {
    if (site.hours.isOpenAt(now)) {
        const auto closes = site.hours.closesAt(now);
        return closes ? "ouvert jusqu’à " + describeMoment(*closes).substr(11) : "ouvert";
    }
    const auto next = site.hours.nextOpening(now);
    return next ? "fermé, ouvre " + describeMoment(*next) : "fermé";
}

int placesOf(const NetworkFile& network, const std::string& siteId) {
    return static_cast<int>(std::count_if(network.places.begin(), network.places.end(),
                                          [&](const Place& p) { return p.siteId == siteId; }));
}

void printNetwork(const NetworkFile& network, const Options& options) {
    const TimeMs now = options.at.empty() ? systemNowMs() : parseMoment(options.at);
    const TravelTimes travel(network.sites, network.travelOverrides);
    std::vector<const Site*> sites;
    for (const Site& site : network.sites) sites.push_back(&site);
    if (!options.fromSiteId.empty()) {
        std::stable_sort(sites.begin(), sites.end(), [&](const Site* a, const Site* b) {
            return travel.minutesBetween(options.fromSiteId, a->id) < travel.minutesBetween(options.fromSiteId, b->id);
        });
    }
    std::cout << network.epciName << " — " << network.sites.size() << " lieux, " << network.places.size()
              << " places, au " << describeMoment(now) << "\n\n";
    for (const Site* site : sites) {
        std::cout << "  " << site->name << " (" << toString(site->kind) << ", " << site->commune << ")\n"
                  << "      " << placesOf(network, site->id) << " places · " << openingState(*site, now);
        if (!options.fromSiteId.empty()) {
            const int minutes = travel.minutesBetween(options.fromSiteId, site->id);
            std::cout << " · " << (minutes == 0 ? std::string("ici") : std::to_string(minutes) + " min en voiture");
        }
        std::cout << "\n";
    }
}

int run(const Options& options) {
    try {
        const NetworkFile network = loadNetworkFile(options.file);
        const bool fromKnown = std::any_of(network.sites.begin(), network.sites.end(),
                                           [&](const Site& s) { return s.id == options.fromSiteId; });
        if (!options.fromSiteId.empty() && !fromKnown) {
            std::cerr << "Lieu inconnu dans ce fichier : " << options.fromSiteId << "\n";
            return 2;
        }
        printNetwork(network, options);
        return 0;
    } catch (const InputError& e) {
        std::cerr << "Fichier réseau refusé — " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

void addCheckNetworkCommand(CLI::App& app) {
    auto options = std::make_shared<Options>();
    CLI::App* command = app.add_subcommand("check-network", "Vérifier un fichier réseau et afficher ses lieux");
    command->add_option("file", options->file, "Fichier réseau (JSON)")->required()->check(CLI::ExistingFile);
    command->add_option("--from", options->fromSiteId, "Trier par temps de trajet depuis ce lieu (identifiant)");
    command->add_option("--at", options->at, "Moment à montrer, heure de Paris « AAAA-MM-JJ HH:MM »");
    command->callback([options] {
        if (const int status = run(*options); status != 0) throw CLI::RuntimeError(status);
    });
}

}  // namespace cowork::hub
