#pragma once
// A tiny SMTP server on 127.0.0.1 for the mail tests: enough of the protocol for
// libcurl (greeting, EHLO/HELO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA, QUIT), and
// ways to be down: not listening, answering 421, hanging up, or saying nothing.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cowork::hub::testing {

class SmtpSink {
public:
    enum class Mode { Up, NotListening, Refuses421, HangsUp, Silent };

    struct Mail {
        std::string from;
        std::vector<std::string> to;
        std::string data;  // as received, dot-stuffing undone, lines ending in CRLF
        std::string auth;  // the decoded AUTH PLAIN credentials, "\0user\0password"
    };

    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    // Returns once the sink behaves so (a conversation in progress ends first).
    void setMode(Mode mode);
    std::vector<Mail> mails() const;
    int connections() const;
    // True as soon as `count` mails arrived; false after `timeout`.
    bool waitForMails(std::size_t count, std::chrono::milliseconds timeout) const;

private:
    void run();
    void applyMode();
    void openListener();
    void closeListener();
    void handle(int client, Mode mode);
    void converse(int client);

    int port_ = 0;
    int listener_ = -1;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    Mode wanted_ = Mode::Up;
    Mode applied_ = Mode::Up;
    bool stopping_ = false;
    int connections_ = 0;
    std::vector<Mail> mails_;
    std::thread thread_;
};

}  // namespace cowork::hub::testing
