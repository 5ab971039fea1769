#include "support/periodic_thread.hpp"

namespace cowork::hub {

PeriodicThread::PeriodicThread(std::chrono::milliseconds interval, Start start, std::function<void()> task)
    : interval_(interval), task_(std::move(task)), thread_([this, start] { run(start); }) {}

PeriodicThread::~PeriodicThread() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void PeriodicThread::run(Start start) {
    std::unique_lock lock(mutex_);
    if (start == Start::AfterInterval && wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
    while (!stopping_) {
        lock.unlock();
        task_();
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace cowork::hub
