#pragma once
// Emails kiosk messages to their site's animator, on its own thread: every few
// seconds it takes the messages due (never tried, or whose retry time has come),
// sends each, and records the outcome. A success is recorded as the message's
// "delivered" event, which kiosks receive at their next sync; a failure is
// retried with backoff (retry_backoff.hpp), its reason kept for the coordinator.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "mail/mail_transport.hpp"
#include "service/sync_service.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

struct MailWorkerOptions {
    std::string sender;                 // the From address
    TimeMs pollIntervalMs = 2'000;      // how soon a new message leaves
    std::size_t messagesPerRound = 20;  // bounds how long a round holds the thread
};

class MailWorker {
public:
    using Random01 = std::function<double()>;  // in [0, 1), for the retry jitter

    MailWorker(HubStorage& storage, MailTransport& transport, MailWorkerOptions options, Clock clock,
               Random01 random = {});
    ~MailWorker();
    MailWorker(const MailWorker&) = delete;
    MailWorker& operator=(const MailWorker&) = delete;

    // One round, on the caller's thread: tries every message due now and
    // returns how many were tried. Tests drive the worker with it.
    int runOnce();

    void start();
    // Wakes the thread, makes a send in progress give up, and joins.
    void stop();

private:
    void attempt(const MailToSend& mail);
    void fail(const MailToSend& mail, const std::string& error);
    void loop();

    HubStorage& storage_;
    MailTransport& transport_;
    MailWorkerOptions options_;
    Clock clock_;
    Random01 random_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cowork::hub
