// hub_sync_load: the load generator of scripts/bench-hub.
//   prepare --data DIR --kiosks N --out FILE   enroll N kiosks (hub stopped)
//   probe   --kiosks-file FILE --port P --ca CERT --out BODY
//   run     --kiosks-file FILE --port P --ca CERT [shape options]
#include <csignal>
#include <iostream>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "load_runner.hpp"

namespace {

using namespace cowork::bench;

// Lingering connections need more descriptors than the default 1,024.
void raiseFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void addTargetOptions(CLI::App& command, LoadOptions& o, std::string& kioskFile) {
    command.add_option("--kiosks-file", kioskFile, "Kiosks written by prepare")->required();
    command.add_option("--port", o.port, "Server port on 127.0.0.1")->required();
    command.add_option("--ca", o.caCert, "Server certificate to verify")->required();
}

void addShapeOptions(CLI::App& command, LoadOptions& o) {
    command.add_option("--label", o.label, "Name of the run in the output");
    command.add_flag("--static", o.staticTarget, "The server answers a fixed file (nginx)");
    command.add_option("--period", o.periodS, "Seconds between two syncs of one kiosk");
    command.add_option("--duration", o.durationS, "Seconds of load");
    command.add_option("--connections", o.connections, "Keep-alive connections the kiosks share")->check(CLI::PositiveNumber);
    command.add_flag("--connection-per-sync", o.connectionPerSync, "Each sync on a fresh connection of its own");
    command.add_flag("--close", o.closeAfterSync, "Ask for Connection: close (a new TLS connection for every sync)");
    command.add_option("--linger", o.lingerS, "With --connection-per-sync: seconds an idle connection stays open");
    command.add_option("--senders", o.senders, "With --connection-per-sync: sending threads");
    command.add_flag("--closed-loop", o.closedLoop, "Send as fast as answers come (ceiling)");
    command.add_option("--client-threads", o.clientThreads, "With --closed-loop: client event loops (default 2)")
        ->check(CLI::Range(1, 64));
    command.add_option("--mix", o.mix, "Weights of batches of 0,1,2,3 events")->delimiter(',');
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a server closing first must not kill the generator
    raiseFileLimit();
    CLI::App app("Charge de synchronisation simulée contre le hub (et nginx pour le plafond)");
    app.require_subcommand(1);
    std::string dataDir, out, kioskFile;
    int count = 10000;
    LoadOptions o;
    auto* prepare = app.add_subcommand("prepare", "Enrôler N kiosques dans le dossier du hub arrêté");
    prepare->add_option("--data", dataDir)->required();
    prepare->add_option("--kiosks", count)->required();
    prepare->add_option("--out", out)->required();
    auto* probe = app.add_subcommand("probe", "Une synchronisation type ; écrit la réponse");
    addTargetOptions(*probe, o, kioskFile);
    probe->add_option("--out", out)->required();
    auto* run = app.add_subcommand("run", "Charge à débit constant (ou boucle fermée)");
    addTargetOptions(*run, o, kioskFile);
    addShapeOptions(*run, o);
    CLI11_PARSE(app, argc, argv);
    try {
        if (prepare->parsed()) {
            prepareFleet(dataDir, count, out);
            return 0;
        }
        Fleet fleet;
        loadFleet(kioskFile, fleet);
        if (probe->parsed()) probeReply(o, fleet, out);
        if (run->parsed()) runLoad(o, fleet);
    } catch (const std::exception& e) {
        std::cerr << "hub_sync_load: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
