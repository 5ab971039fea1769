#pragma once
// What hub_attack counts for each kind of hostile connection, and how it prints
// it: a status line every few seconds and one `RESULT attack key=value...` line
// at the end, for scripts (tests/hub/hostile-load) to read.
#include <array>
#include <chrono>
#include <string>

namespace cowork::bench::attack {

enum class Kind { IdleTcp, IdleTls, Slowloris, SlowBody };
constexpr std::array<Kind, 4> kKinds = {Kind::IdleTcp, Kind::IdleTls, Kind::Slowloris, Kind::SlowBody};

// The prefix of the RESULT keys: idle_tcp, idle_tls, slowloris, slow_bodies.
const char* keyOf(Kind kind);

struct KindTally {
    int wanted = 0;
    int opened = 0;    // connected (and, for the TLS kinds, handshake done), reopenings included
    int open = 0;      // open now
    int refused = 0;   // connection or handshake failed or timed out
    int dropped = 0;   // closed or reset by the hub after being open
    int answered = 0;  // of the dropped, those the hub sent bytes to first (an HTTP error, a TLS alert)
    double firstDropS = -1;  // since the start of the attack
    double lastDropS = -1;
    double livedMinS = -1;  // how long a dropped connection had been open
    double livedMaxS = -1;
    std::string firstRefusal;
};

class Tally {
public:
    Tally();
    KindTally& operator[](Kind kind) { return kinds_[static_cast<std::size_t>(kind)]; }
    double elapsedS() const;
    void recordDrop(Kind kind, double livedS, bool answered);
    void recordRefusal(Kind kind, const std::string& why);
    std::string statusLine() const;
    std::string resultLine(int sources) const;

private:
    std::chrono::steady_clock::time_point start_;
    std::array<KindTally, 4> kinds_{};
};

}  // namespace cowork::bench::attack
