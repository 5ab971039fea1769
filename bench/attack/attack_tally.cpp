#include "attack_tally.hpp"

#include <cstdio>

namespace cowork::bench::attack {
namespace {

std::string seconds(double s) {
    if (s < 0) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", s);
    return text;
}

}  // namespace

const char* keyOf(Kind kind) {
    switch (kind) {
        case Kind::IdleTcp: return "idle_tcp";
        case Kind::IdleTls: return "idle_tls";
        case Kind::Slowloris: return "slowloris";
        case Kind::SlowBody: return "slow_bodies";
    }
    return "?";
}

Tally::Tally() : start_(std::chrono::steady_clock::now()) {}

double Tally::elapsedS() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Tally::recordDrop(Kind kind, double livedS, bool answered) {
    KindTally& k = (*this)[kind];
    const double now = elapsedS();
    ++k.dropped;
    if (answered) ++k.answered;
    if (k.firstDropS < 0) k.firstDropS = now;
    k.lastDropS = now;
    if (k.livedMinS < 0 || livedS < k.livedMinS) k.livedMinS = livedS;
    if (livedS > k.livedMaxS) k.livedMaxS = livedS;
}

void Tally::recordRefusal(Kind kind, const std::string& why) {
    KindTally& k = (*this)[kind];
    ++k.refused;
    if (k.firstRefusal.empty()) k.firstRefusal = why;
}

std::string Tally::statusLine() const {
    std::string line = "t=" + seconds(elapsedS()) + " s";
    for (Kind kind : kKinds) {
        const KindTally& k = kinds_[static_cast<std::size_t>(kind)];
        if (k.wanted == 0) continue;
        line += " | " + std::string(keyOf(kind)) + " ouvertes " + std::to_string(k.open) + "/" +
                std::to_string(k.wanted) + ", refusées " + std::to_string(k.refused) + ", coupées par le hub " +
                std::to_string(k.dropped);
        if (k.dropped > 0) line += " (après " + seconds(k.livedMinS) + "–" + seconds(k.livedMaxS) + " s)";
    }
    return line;
}

std::string Tally::resultLine(int sources) const {
    std::string line = "RESULT attack elapsed_s=" + seconds(elapsedS()) + " sources=" + std::to_string(sources);
    for (Kind kind : kKinds) {
        const KindTally& k = kinds_[static_cast<std::size_t>(kind)];
        const std::string p = std::string(" ") + keyOf(kind) + "_";
        line += p + "wanted=" + std::to_string(k.wanted) + p + "opened=" + std::to_string(k.opened) + p +
                "open=" + std::to_string(k.open) + p + "refused=" + std::to_string(k.refused) + p +
                "dropped=" + std::to_string(k.dropped) + p + "answered=" + std::to_string(k.answered) + p +
                "first_drop_s=" + seconds(k.firstDropS) + p + "last_drop_s=" + seconds(k.lastDropS) + p +
                "lived_min_s=" + seconds(k.livedMinS) + p + "lived_max_s=" + seconds(k.livedMaxS);
    }
    return line;
}

}  // namespace cowork::bench::attack
