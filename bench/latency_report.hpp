#pragma once
// What one load run measured, merged from every sender thread, and how it is
// printed: a human line and a RESULT line that scripts/bench-hub tabulates.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace cowork::bench {

struct Tally {
    std::vector<double> latenciesMs;  // successful syncs, from their scheduled time
    std::set<std::size_t> waited;     // kiosks that waited over 1 s, failed or were never served
    std::size_t failures = 0;
    std::size_t notSent = 0;  // still waiting for a connection when the run ended
    std::size_t followUps = 0;
    std::size_t events = 0;
    std::size_t responseBytes = 0;
    std::size_t handshakes = 0;  // TLS handshakes, counted by the closed-loop client only
    std::size_t resumed = 0;     // ... of which resumed a session
    std::string firstError;

    void merge(Tally&& other);
};

struct RunFacts {
    std::string label;
    std::string shape;  // how kiosks map to connections, said in the output
    double offeredPerS = 0;  // 0 for a closed loop
    double elapsedS = 0;
    std::size_t kiosksDue = 0;
};

void printReport(const RunFacts& facts, Tally& tally);

}  // namespace cowork::bench
