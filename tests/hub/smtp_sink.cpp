#include "smtp_sink.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

#include <sodium.h>

namespace cowork::hub::testing {
namespace {

void sendText(int fd, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

// Reads CRLF-terminated lines from a client; empty optional at end of stream.
class LineReader {
public:
    explicit LineReader(int fd) : fd_(fd) {}
    bool next(std::string& line) {
        for (;;) {
            const auto end = buffer_.find("\r\n");
            if (end != std::string::npos) {
                line = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                return true;
            }
            char chunk[4096];
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n <= 0) return false;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    int fd_;
    std::string buffer_;
};

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// "MAIL FROM:<a@b> SIZE=12" → "a@b"
std::string angleAddress(const std::string& line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    return open == std::string::npos || close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

std::string base64Decode(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return "<invalid base64>";
    }
    out.resize(length);
    return out;
}

}  // namespace

SmtpSink::SmtpSink() {
    openListener();
    thread_ = std::thread([this] { run(); });
}

SmtpSink::~SmtpSink() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    thread_.join();
    closeListener();
}

void SmtpSink::openListener() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port_));  // 0 the first time: any free port
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 8) != 0) {
        throw std::runtime_error("SMTP sink: cannot listen on port " + std::to_string(port_));
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
}

void SmtpSink::closeListener() {
    if (listener_ >= 0) ::close(listener_);
    listener_ = -1;
}

void SmtpSink::setMode(Mode mode) {
    std::unique_lock lock(mutex_);
    wanted_ = mode;
    changed_.wait(lock, [&] { return applied_ == mode; });
}

void SmtpSink::applyMode() {
    std::lock_guard lock(mutex_);
    if (wanted_ == applied_) return;
    if (wanted_ == Mode::NotListening) closeListener();
    if (wanted_ != Mode::NotListening && listener_ < 0) openListener();
    applied_ = wanted_;
    changed_.notify_all();
}

std::vector<SmtpSink::Mail> SmtpSink::mails() const {
    std::lock_guard lock(mutex_);
    return mails_;
}

int SmtpSink::connections() const {
    std::lock_guard lock(mutex_);
    return connections_;
}

bool SmtpSink::waitForMails(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return mails_.size() >= count; });
}

void SmtpSink::run() {
    for (;;) {
        applyMode();
        Mode mode;
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            mode = applied_;
        }
        if (listener_ < 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        pollfd waiting{listener_, POLLIN, 0};
        if (::poll(&waiting, 1, 20) <= 0) continue;
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        {
            std::lock_guard lock(mutex_);
            ++connections_;
        }
        handle(client, mode);
        ::close(client);
    }
}

void SmtpSink::handle(int client, Mode mode) {
    if (mode == Mode::Refuses421) return sendText(client, "421 4.3.2 Service temporairement indisponible\r\n");
    if (mode == Mode::HangsUp) return;
    if (mode == Mode::Silent) {
        // Says nothing until told otherwise: the client is left waiting.
        for (;;) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::lock_guard lock(mutex_);
            if (stopping_ || wanted_ != Mode::Silent) return;
        }
    }
    timeval timeout{5, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    converse(client);
}

void SmtpSink::converse(int client) {
    LineReader reader(client);
    Mail mail;
    std::string line;
    sendText(client, "220 sink.test ESMTP\r\n");
    while (reader.next(line)) {
        const std::string verb = upper(line.substr(0, 4));
        if (verb == "EHLO") {
            sendText(client, "250-sink.test\r\n250-8BITMIME\r\n250 AUTH PLAIN\r\n");
        } else if (verb == "HELO") {
            sendText(client, "250 sink.test\r\n");
        } else if (verb == "AUTH") {
            std::string response = line.size() > 11 ? line.substr(11) : "";  // "AUTH PLAIN xxx"
            if (response.empty()) {
                sendText(client, "334 \r\n");
                if (!reader.next(response)) return;
            }
            mail.auth = base64Decode(response);
            sendText(client, "235 2.7.0 Authentication successful\r\n");
        } else if (verb == "MAIL") {
            mail.from = angleAddress(line);
            mail.to.clear();
            sendText(client, "250 2.1.0 Ok\r\n");
        } else if (verb == "RCPT") {
            mail.to.push_back(angleAddress(line));
            sendText(client, "250 2.1.5 Ok\r\n");
        } else if (verb == "DATA") {
            sendText(client, "354 End data with <CR><LF>.<CR><LF>\r\n");
            mail.data.clear();
            while (reader.next(line) && line != ".") mail.data += (line.rfind('.', 0) == 0 ? line.substr(1) : line) + "\r\n";
            {
                std::lock_guard lock(mutex_);
                mails_.push_back(mail);
            }
            changed_.notify_all();
            sendText(client, "250 2.0.0 Ok: queued\r\n");
        } else if (verb == "QUIT") {
            return sendText(client, "221 2.0.0 Bye\r\n");
        } else if (verb == "RSET" || verb == "NOOP") {
            sendText(client, "250 2.0.0 Ok\r\n");
        } else {
            sendText(client, "502 5.5.2 Command not recognized\r\n");
        }
    }
}

}  // namespace cowork::hub::testing
