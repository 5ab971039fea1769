#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace cowork::hub {

// Runs `task` on a thread of its own every `interval` (first at once if asked),
// and stops promptly when destroyed, even in the middle of a wait.
class PeriodicThread {
public:
    enum class Start { Now, AfterInterval };

    PeriodicThread(std::chrono::milliseconds interval, Start start, std::function<void()> task);
    ~PeriodicThread();
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

private:
    void run(Start start);

    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once everything above exists
};

}  // namespace cowork::hub
