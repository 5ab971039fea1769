#include "service/retention_schedule.hpp"

#include <spdlog/spdlog.h>

namespace cowork::hub {

RetentionSchedule::RetentionSchedule(HubStorage& storage, Clock clock)
    : service_(storage, std::move(clock)), thread_([this] { run(); }) {}

RetentionSchedule::~RetentionSchedule() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void RetentionSchedule::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            const RetentionReport report = service_.apply();
            spdlog::info("event=retention visits_unlinked={} members_forgotten={}", report.visitsUnlinked,
                         report.membersForgotten);
        } catch (const std::exception& e) {
            spdlog::error("event=retention_failed error=\"{}\"", e.what());
        }
        lock.lock();
        wake_.wait_for(lock, kInterval, [this] { return stopping_; });
    }
}

}  // namespace cowork::hub
