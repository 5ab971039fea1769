#include "mail/mail_worker.hpp"

#include <random>

#include <spdlog/spdlog.h>

#include "mail/retry_backoff.hpp"

namespace cowork::hub {
namespace {

MailWorker::Random01 defaultRandom() {
    return [engine = std::mt19937_64(std::random_device{}()), uniform = std::uniform_real_distribution<double>(0.0, 1.0)]() mutable {
        return uniform(engine);
    };
}

}  // namespace

MailWorker::MailWorker(HubStorage& storage, MailTransport& transport, MailWorkerOptions options, Clock clock,
                       Random01 random)
    : storage_(storage), transport_(transport), options_(std::move(options)), clock_(std::move(clock)),
      random_(random ? std::move(random) : defaultRandom()) {}

MailWorker::~MailWorker() { stop(); }

int MailWorker::runOnce() {
    int tried = 0;
    for (const MailToSend& mail : storage_.mailDue(clock_(), options_.messagesPerRound)) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        attempt(mail);
        ++tried;
    }
    return tried;
}

void MailWorker::attempt(const MailToSend& mail) {
    if (const auto reason = undeliverableReason(mail)) return fail(mail, *reason);
    const SendOutcome outcome = transport_.send(composeAnimatorMail(mail, options_.sender, clock_()));
    // Cut short by stop(): nothing is recorded, so the next start tries at once.
    if (outcome.aborted) return;
    if (!outcome.accepted) return fail(mail, outcome.error);
    // The server has the message. Should the hub die before this commit, the
    // message goes again at the next start: a duplicate email is accepted over a
    // lost one (it carries the same Message-ID, which some mailboxes merge).
    storage_.recordMailDelivered(mail.message.id, clock_());
    spdlog::info("event=mail_delivered message={} site={} to={} attempts={}", mail.message.id, mail.message.siteId,
                 mail.site->animator.email, mail.failedAttempts + 1);
}

void MailWorker::fail(const MailToSend& mail, const std::string& error) {
    const TimeMs now = clock_();
    const TimeMs retryAt = now + mailRetryDelayMs(mail.failedAttempts + 1, random_());
    storage_.recordMailFailure(mail.message.id, error, now, retryAt);
    spdlog::warn("event=mail_failed message={} site={} attempts={} retry_in_s={} error=\"{}\"", mail.message.id,
                 mail.message.siteId, mail.failedAttempts + 1, (retryAt - now) / 1000, error);
}

void MailWorker::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void MailWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_all();
    transport_.abort();
    thread_.join();
}

void MailWorker::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            runOnce();
        } catch (const std::exception& e) {
            // The database was busy or failed: the next round tries again.
            spdlog::error("event=mail_round_failed error=\"{}\"", e.what());
        }
        lock.lock();
        wake_.wait_for(lock, std::chrono::milliseconds(options_.pollIntervalMs), [this] { return stopping_; });
    }
}

}  // namespace cowork::hub
