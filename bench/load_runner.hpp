#pragma once
// Drives simulated kiosks against a TLS server at a constant arrival rate (open
// loop: each sync has its scheduled time and latency counts from it, so time
// spent waiting for a connection or a worker is counted), or as fast as the
// connections allow (closed loop, for the ceiling).
#include <string>

#include "kiosk_fleet.hpp"
#include "latency_report.hpp"

namespace cowork::bench {

struct LoadOptions {
    std::string label = "run";
    int port = 8443;
    std::string caCert;
    bool staticTarget = false;  // nginx: the answer is a fixed file, not a sync reply
    double periodS = 30;        // each kiosk syncs this often
    double durationS = 10;
    int connections = 32;       // kiosks share this many keep-alive connections
    bool connectionPerSync = false;  // instead, every sync on a fresh connection of its own
    bool closeAfterSync = false;     // "Connection: close": a new connection for every sync
    double lingerS = 5;              // ... else left open this long (the hub closes it first)
    int senders = 256;               // threads sending fresh-connection syncs
    bool closedLoop = false;
    int clientThreads = 2;  // closed loop: event loops (the bench machine has 2 cores)
    EventMix mix = {97, 2, 0.7, 0.3};
    int timeoutS = 5;
    double graceS = 5;  // after the run, how long late syncs may still be sent
};

void runLoad(const LoadOptions& options, Fleet& fleet);

// One sync of the fleet's last kiosk; writes the hub's answer to `out` and
// prints its size (nginx then serves a file of the same size).
void probeReply(const LoadOptions& options, Fleet& fleet, const std::string& out);

}  // namespace cowork::bench
