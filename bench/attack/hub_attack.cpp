// hub_attack: hostile connections held open against a hub on 127.0.0.1, on one
// Asio event loop (no thread per connection), to see what they cost the hub and
// whether it drops them (issue 13; tests/hub/hostile-load, bench/README.md).
#include <csignal>
#include <cstdio>
#include <iostream>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "attack.hpp"

namespace {

using namespace cowork::bench::attack;

// Thousands of sockets need more descriptors than the default soft limit.
void raiseFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// "127.0.0.2-127.0.0.60", or one address.
std::vector<asio::ip::address_v4> parseSources(const std::string& text) {
    const auto dash = text.find('-');
    const auto first = asio::ip::make_address_v4(text.substr(0, dash)).to_uint();
    const auto last = dash == std::string::npos ? first : asio::ip::make_address_v4(text.substr(dash + 1)).to_uint();
    if (last < first) throw std::runtime_error("plage d’adresses sources à l’envers\u202F: " + text);
    std::vector<asio::ip::address_v4> out;
    for (auto a = first; a <= last; ++a) out.emplace_back(a);
    return out;
}

constexpr const char* kSourcesHelp =
    "Adresses sources (plage de 127.0.0.0/8, toute en boucle locale sous Linux), en tourniquet. Un hub qui limite "
    "les connexions par adresse (64 par défaut) en refuse au-delà\u202F: il faut au moins total/64 adresses "
    "(2\u202F300 connexions → 36, 10\u202F000 → 157 : 127.0.0.2-127.0.0.160). 127.0.0.1 est laissée aux kiosques.";

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a hub closing first must not kill the attacker
    raiseFileLimit();
    CLI::App app(
        "Connexions hostiles tenues ouvertes contre un hub sur 127.0.0.1 (TCP muettes, TLS muettes, slowloris, corps "
        "lents)\u202F; compte celles que le hub refuse ou coupe, et écrit une ligne RESULT à la fin");
    AttackOptions o;
    std::string sources = "127.0.0.2-127.0.0.60";
    app.add_option("--port", o.port, "Port du hub sur 127.0.0.1")->required();
    app.add_option("--ca", o.caCert, "Certificat du hub (vérifié)")->required();
    app.add_option("--idle-tcp", o.wanted[0], "Connexions TCP qui n’envoient rien");
    app.add_option("--idle-tls", o.wanted[1], "Connexions TLS établies qui n’envoient rien (kiosque inactif)");
    app.add_option("--slowloris", o.wanted[2], "TLS, puis un en-tête POST /api/v1/sync envoyé octet par octet, jamais fini");
    app.add_option("--slow-bodies", o.wanted[3], "TLS, en-têtes complets (Content-Length 100000), puis le corps octet par octet");
    app.add_option("--sources", sources, kSourcesHelp)->capture_default_str();
    app.add_option("--duration", o.durationS, "Durée en secondes (ou jusqu’à SIGTERM)")->required();
    app.add_flag("--idle-after-request", o.idleAfterRequest,
                 "Les TLS muettes font d’abord un GET /healthz et gardent la connexion, comme un kiosque entre deux "
                 "synchronisations (sinon un hub les coupe au délai des en-têtes)");
    app.add_flag("--reconnect", o.reconnect, "Rouvrir une connexion refusée ou coupée (après 1 s)");
    app.add_option("--drip", o.dripS, "Secondes entre deux octets lents")->capture_default_str();
    app.add_option("--open-timeout", o.openTimeoutS, "Délai de connexion et de poignée de main TLS, en secondes")
        ->capture_default_str();
    app.add_option("--opening", o.opening, "Connexions en cours d’ouverture à la fois")->capture_default_str()->check(CLI::PositiveNumber);
    app.add_option("--token", o.token, "Jeton Bearer des requêtes lentes (par défaut un jeton inconnu)");
    CLI11_PARSE(app, argc, argv);
    try {
        o.sources = parseSources(sources);
        if (o.token.empty()) o.token = std::string(64, 'a');
        int total = 0;
        for (int n : o.wanted) total += n;
        const auto perSource = (total + static_cast<int>(o.sources.size()) - 1) / static_cast<int>(o.sources.size());
        std::printf("hub_attack\u202F: %d connexions hostiles vers 127.0.0.1:%d depuis %zu adresses (%d par adresse)\n",
                    total, o.port, o.sources.size(), perSource);
        std::fflush(stdout);
        asio::io_context io(1);
        Attack attack(io, o);
        attack.start();
        io.run();
    } catch (const std::exception& e) {
        std::cerr << "hub_attack\u202F: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
