#include "sync/sync_worker.hpp"

#include <spdlog/spdlog.h>

#include "sync/enrollment.hpp"

namespace cowork::kiosk {

SyncWorker::SyncWorker(SyncWorkerSettings settings)
    : settings_(std::move(settings)), backoff_(settings_.backoffSeed), thread_([this] { run(); }) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::nudge() {
    std::lock_guard lock(mutex_);
    nudged_ = true;
    wake_.notify_one();
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        stopFlag_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

int SyncWorker::roundsDone() const {
    std::lock_guard lock(mutex_);
    return rounds_;
}

bool SyncWorker::waitUntil(SteadyTime when) {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (nudged_) {
            // A change: sync after the debounce, or at the planned time if sooner.
            nudged_ = false;
            when = std::min(when, std::max(std::chrono::steady_clock::now() + settings_.debounce, notBefore_));
        }
        if (wake_.wait_until(lock, when, [this] { return stopping_ || nudged_; })) continue;
        return true;
    }
    return false;
}

std::chrono::milliseconds SyncWorker::syncOnce(Store& store) {
    hubAskedToWait_ = false;
    auto enrollment = loadEnrollment(store);
    // Enrolled too: a kiosk the hub no longer knows comes back with a new code.
    if (loadPendingEnrollment(store)) {
        const TimeMs now = kioskClock(store, settings_.deviceClock, settings_.round.bootId);
        const EnrollmentResult enrolled = enrollPending(store, settings_.timeouts, settings_.deviceName, now);
        if (enrolled.ok()) {
            backoff_.reset();
            enrollment = loadEnrollment(store);
        } else if (!enrollment) {
            // A refused code waits for a new one (a nudge); a network problem is retried.
            return enrolled.problem == SyncProblem::WrongCode ? settings_.interval : std::chrono::milliseconds(backoff_.nextDelayMs());
        }
        // Enrolled already: a code that failed does not stop the sync with what the kiosk has.
    }
    if (!enrollment) return settings_.interval;  // not enrolled yet: the first-start screen will nudge
    const std::string key = enrollment->hubUrl + " " + curlPinList(enrollment->pins);
    if (!hub_ || key != hubKey_) {
        hub_ = std::make_unique<HubHttps>(enrollment->hubUrl, enrollment->pins, settings_.timeouts);
        hub_->cancelWhen(&stopFlag_);
        hubKey_ = key;
    }
    SyncRoundSettings round = settings_.round;
    round.stopping = &stopFlag_;
    const SyncRoundResult result = syncWithHub(store, *hub_, *enrollment, settings_.deviceClock, round);
    // Any exchange of the round may have measured the clock, even one before a failure.
    if (settings_.clockMeasured) {
        if (const auto offset = hubClockOffset(store, settings_.round.bootId)) settings_.clockMeasured(*offset);
    }
    if (result.throttled) {
        // Paced by the hub: nothing failed, so the backoff only decides when it gave no delay.
        const auto asked = heededRetryAfterMs(result.retryAfterMs);
        hubAskedToWait_ = asked.has_value();
        const TimeMs delay = asked ? *asked : backoff_.nextDelayMs();
        spdlog::info("sync: le serveur demande d’attendre, prochain essai dans {} ms ({})", delay, result.detail);
        return std::chrono::milliseconds(delay);
    }
    if (result.ok() && result.unfinished) return std::chrono::milliseconds(500);
    if (result.ok()) {
        if (backoff_.failures() > 0) spdlog::info("sync: de nouveau en ligne après {} échecs", backoff_.failures());
        backoff_.reset();
        return settings_.interval;
    }
    const TimeMs delay = backoff_.nextDelayMs(result.retryAfterMs);
    hubAskedToWait_ = heededRetryAfterMs(result.retryAfterMs).has_value();
    spdlog::warn("sync: échec ({} : {}), nouvel essai dans {} ms", problemFrench(result.problem), result.detail, delay);
    return std::chrono::milliseconds(delay);
}

void SyncWorker::run() {
    std::unique_ptr<Store> store;
    SteadyTime next = std::chrono::steady_clock::now();
    while (waitUntil(next)) {
        std::chrono::milliseconds wait = settings_.interval;
        try {
            if (!store) store = std::make_unique<Store>(settings_.storePath);
            wait = syncOnce(*store);
        } catch (const std::exception& e) {
            hubAskedToWait_ = false;
            // A store error (disk full, locked too long): try again later, keep the UI running.
            spdlog::error("sync: {}", e.what());
            wait = std::chrono::milliseconds(backoff_.nextDelayMs());
        }
        next = std::chrono::steady_clock::now() + wait;
        {
            std::lock_guard lock(mutex_);
            ++rounds_;
            // Whatever the hub asked is in `wait` already; a later round without it frees nudges again.
            notBefore_ = hubAskedToWait_ ? next : SteadyTime{};
        }
        if (settings_.nextRoundIn) settings_.nextRoundIn(wait);
        if (settings_.storeChanged) settings_.storeChanged();
    }
}

}  // namespace cowork::kiosk
