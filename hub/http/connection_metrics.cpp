#include "http/connection_metrics.hpp"

namespace cowork::hub {

std::string ConnectionMetrics::prometheusText() const {
    static constexpr const char* kStages[] = {"handshake", "headers", "body", "write"};
    static constexpr const char* kReasons[] = {"per_address", "capacity", "rate"};
    std::string out =
        "# HELP cowork_hub_connections_open Client connections open now (TLS handshake included).\n"
        "# TYPE cowork_hub_connections_open gauge\n"
        "cowork_hub_connections_open " + std::to_string(openNow()) + "\n"
        "# HELP cowork_hub_slow_peers_dropped_total Connections dropped because the peer missed a deadline, by step.\n"
        "# TYPE cowork_hub_slow_peers_dropped_total counter\n";
    for (int i = 0; i < 4; ++i) {
        out += "cowork_hub_slow_peers_dropped_total{stage=\"" + std::string(kStages[i]) + "\"} " +
               std::to_string(slow_[i].load(std::memory_order_relaxed)) + "\n";
    }
    out += "# HELP cowork_hub_connections_refused_total Connections closed at accept: too many open from one address, "
           "the hub full, or too many new ones a second from one address.\n"
           "# TYPE cowork_hub_connections_refused_total counter\n";
    for (int i = 0; i < 3; ++i) {
        out += "cowork_hub_connections_refused_total{reason=\"" + std::string(kReasons[i]) + "\"} " +
               std::to_string(refused_[i].load(std::memory_order_relaxed)) + "\n";
    }
    out += "# HELP cowork_hub_connections_idle_closed_total Kept-alive connections closed after waiting idle too long.\n"
           "# TYPE cowork_hub_connections_idle_closed_total counter\n"
           "cowork_hub_connections_idle_closed_total " + std::to_string(idleClosed_.load(std::memory_order_relaxed)) + "\n";
    return out;
}

}  // namespace cowork::hub
