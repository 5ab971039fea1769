#pragma once
// The transport's counters for /metrics: open connections, slow peers dropped at
// each step, connections refused at the door. Atomics: they are touched on every
// connection, from several threads, and read rarely.
#include <atomic>
#include <cstdint>
#include <string>

namespace cowork::hub {

enum class SlowStage { Handshake, Headers, Body, Write };
enum class RefusalReason { PerAddress, Capacity, Rate };

class ConnectionMetrics {
public:
    void opened() { open_.fetch_add(1, std::memory_order_relaxed); }
    void closed() { open_.fetch_sub(1, std::memory_order_relaxed); }
    void slowPeerDropped(SlowStage stage) { slow_[static_cast<int>(stage)].fetch_add(1, std::memory_order_relaxed); }
    void refused(RefusalReason reason) { refused_[static_cast<int>(reason)].fetch_add(1, std::memory_order_relaxed); }
    void idleClosed() { idleClosed_.fetch_add(1, std::memory_order_relaxed); }

    std::int64_t openNow() const { return open_.load(std::memory_order_relaxed); }
    std::uint64_t slowPeersDropped(SlowStage stage) const { return slow_[static_cast<int>(stage)].load(std::memory_order_relaxed); }
    std::uint64_t refusals(RefusalReason reason) const { return refused_[static_cast<int>(reason)].load(std::memory_order_relaxed); }

    // Prometheus text format.
    std::string prometheusText() const;

private:
    std::atomic<std::int64_t> open_{0};
    std::atomic<std::uint64_t> slow_[4]{};
    std::atomic<std::uint64_t> refused_[3]{};
    std::atomic<std::uint64_t> idleClosed_{0};
};

}  // namespace cowork::hub
