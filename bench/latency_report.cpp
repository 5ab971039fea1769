#include "latency_report.hpp"

#include <algorithm>
#include <cstdio>

namespace cowork::bench {
namespace {

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
}

}  // namespace

void Tally::merge(Tally&& other) {
    latenciesMs.insert(latenciesMs.end(), other.latenciesMs.begin(), other.latenciesMs.end());
    waited.merge(other.waited);
    failures += other.failures;
    notSent += other.notSent;
    followUps += other.followUps;
    events += other.events;
    responseBytes += other.responseBytes;
    handshakes += other.handshakes;
    resumed += other.resumed;
    if (firstError.empty()) firstError = other.firstError;
}

void printReport(const RunFacts& facts, Tally& tally) {
    auto& v = tally.latenciesMs;
    std::sort(v.begin(), v.end());
    const double done = static_cast<double>(v.size());
    const double rate = facts.elapsedS > 0 ? done / facts.elapsedS : 0;
    const double meanBytes = v.empty() ? 0 : static_cast<double>(tally.responseBytes) / done;
    const double meanEvents = v.empty() ? 0 : static_cast<double>(tally.events) / done;
    std::printf("%s: %s\n", facts.label.c_str(), facts.shape.c_str());
    const std::string offered =
        facts.offeredPerS > 0 ? "offered " + std::to_string(static_cast<int>(facts.offeredPerS)) + "/s" : "as fast as answered";
    std::printf("  %zu syncs in %.1f s = %.0f/s (%s); p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", v.size(),
                facts.elapsedS, rate, offered.c_str(), percentile(v, 0.5), percentile(v, 0.99), v.empty() ? 0.0 : v.back());
    std::printf("  kiosks that waited > 1 s: %zu of %zu; failed %zu, never sent %zu, follow-ups %zu; "
                "%.2f events/sync, %.0f B/response\n",
                tally.waited.size(), facts.kiosksDue, tally.failures, tally.notSent, tally.followUps, meanEvents,
                meanBytes);
    if (tally.handshakes > 0) std::printf("  TLS handshakes %zu, of which resumed %zu\n", tally.handshakes, tally.resumed);
    if (!tally.firstError.empty()) std::printf("  first error: %s\n", tally.firstError.c_str());
    std::printf("RESULT label=%s rate=%.0f offered=%.0f p50=%.1f p99=%.1f max=%.1f waited=%zu due=%zu failed=%zu "
                "unsent=%zu bytes=%.0f handshakes=%zu resumed=%zu\n",
                facts.label.c_str(), rate, facts.offeredPerS, percentile(v, 0.5), percentile(v, 0.99),
                v.empty() ? 0.0 : v.back(), tally.waited.size(), facts.kiosksDue, tally.failures, tally.notSent,
                meanBytes, tally.handshakes, tally.resumed);
    std::fflush(stdout);
}

}  // namespace cowork::bench
