// The fault proxy against a plain-TCP upstream written here: each fault must do
// what it says, seen from both ends, and the proxy must stop cleanly.
#include "fault_proxy.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

using cowork::testing::Fault;
using cowork::testing::FaultPlan;
using cowork::testing::FaultProxy;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kPatience = 5s;  // no socket operation or wait in these tests lasts longer

// Owns one descriptor.
class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) : fd_(fd) {}
    Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Socket& operator=(Socket&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    ~Socket() { close(); }
    int get() const { return fd_; }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

// Blocking reads and writes that give up after kPatience, so a broken proxy fails a
// test instead of hanging it.
void setPatience(int fd) {
    const timeval limit{std::chrono::duration_cast<std::chrono::seconds>(kPatience).count(), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

Socket dial(int port) {
    Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(socket.get() >= 0);
    setPatience(socket.get());
    const sockaddr_in address = loopback(port);
    REQUIRE(::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    return socket;
}

bool sendAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Appends exactly `count` bytes to `into`; false if the stream ends first.
bool readExactly(int fd, std::size_t count, std::string& into) {
    std::array<char, 64 * 1024> buffer{};
    while (count > 0) {
        const ssize_t n = ::recv(fd, buffer.data(), std::min(buffer.size(), count), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        into.append(buffer.data(), static_cast<std::size_t>(n));
        count -= static_cast<std::size_t>(n);
    }
    return true;
}

// How a read to the end of a stream went.
struct Ending {
    std::string bytes;
    int error = 0;  // 0: EOF (or `limit` reached); ECONNRESET: reset; EAGAIN: kPatience ran out
    Clock::time_point at{};
};

Ending readToEnd(int fd, std::size_t limit = SIZE_MAX) {
    Ending ending;
    std::array<char, 64 * 1024> buffer{};
    while (ending.bytes.size() < limit) {
        const ssize_t n = ::recv(fd, buffer.data(), std::min(buffer.size(), limit - ending.bytes.size()), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) ending.error = errno == EWOULDBLOCK ? EAGAIN : errno;
        if (n <= 0) break;
        ending.bytes.append(buffer.data(), static_cast<std::size_t>(n));
    }
    ending.at = Clock::now();
    return ending;
}

bool endedWithoutTimeout(const Ending& ending) { return ending.error == 0 || ending.error == ECONNRESET; }

std::string patterned(std::size_t size, std::uint32_t seed) {
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (char& byte : bytes) byte = static_cast<char>(generator() & 0xFFU);
    return bytes;
}

template <class Predicate>
bool waitUntil(Predicate done) {
    const auto deadline = Clock::now() + kPatience;
    while (!done()) {
        if (Clock::now() > deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// What the upstream saw on one connection.
struct Seen {
    std::string received;
    bool replied = false;  // the whole reply was written
    Clock::time_point repliedAt{};
};
using Handler = std::function<void(int fd, Seen& seen)>;

// A plain-TCP server on 127.0.0.1 running `handler` on each connection in its own
// thread; it stands in for the hub.
class TestUpstream {
public:
    explicit TestUpstream(Handler handler) : handler_(std::move(handler)) {
        listener_ = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_in address = loopback(0);
        socklen_t length = sizeof address;
        REQUIRE(::bind(listener_.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(listener_.get(), 64) == 0);
        REQUIRE(::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length) == 0);
        port_ = ntohs(address.sin_port);
        std::array<int, 2> wake{};
        REQUIRE(::pipe2(wake.data(), O_CLOEXEC) == 0);
        wakeRead_ = Socket(wake[0]);
        wakeWrite_ = Socket(wake[1]);
        thread_ = std::thread([this] { acceptLoop(); });
    }
    ~TestUpstream() {
        const char byte = 0;
        (void)!::write(wakeWrite_.get(), &byte, 1);
        thread_.join();
        for (auto& handler : handlers_) handler.join();
    }
    TestUpstream(const TestUpstream&) = delete;
    TestUpstream& operator=(const TestUpstream&) = delete;

    int port() const { return port_; }
    std::size_t accepted() const {
        const std::lock_guard lock(mutex_);
        return accepted_;
    }
    // What the finished connections saw, once `count` have finished (or kPatience ran out).
    std::vector<Seen> finished(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, kPatience, [&] { return done_.size() >= count; });
        return done_;
    }

private:
    void acceptLoop() {
        for (;;) {
            std::array<pollfd, 2> fds{{{listener_.get(), POLLIN, 0}, {wakeRead_.get(), POLLIN, 0}}};
            if (::poll(fds.data(), fds.size(), -1) < 0) {
                if (errno == EINTR) continue;
                return;
            }
            if (fds[1].revents != 0) return;
            const int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            setPatience(fd);
            {
                const std::lock_guard lock(mutex_);
                ++accepted_;
            }
            handlers_.emplace_back([this, fd] {
                Socket connection(fd);
                Seen seen;
                handler_(fd, seen);
                connection.close();
                const std::lock_guard lock(mutex_);
                done_.push_back(std::move(seen));
                changed_.notify_all();
            });
        }
    }

    Handler handler_;
    Socket listener_;
    Socket wakeRead_;
    Socket wakeWrite_;
    int port_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t accepted_ = 0;
    std::vector<Seen> done_;
    std::list<std::thread> handlers_;
    std::thread thread_;
};

// Answers `reply` once `requestSize` bytes have come (after `pauseMs`), then waits
// for the proxy to close, as an HTTP server keeping the connection alive does.
Handler answering(std::size_t requestSize, std::string reply, int pauseMs = 0) {
    return [=](int fd, Seen& seen) {
        if (readExactly(fd, requestSize, seen.received)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
            seen.replied = sendAll(fd, reply);
            seen.repliedAt = Clock::now();
        }
        seen.received += readToEnd(fd).bytes;
    };
}

// Echoes every chunk at once until the proxy ends the connection, as a hub
// answering request after request on a kept-alive connection.
void echoing(int fd, Seen& seen) {
    std::array<char, 4096> buffer{};
    for (;;) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        seen.received.append(buffer.data(), static_cast<std::size_t>(n));
        seen.replied = sendAll(fd, std::string_view(buffer.data(), static_cast<std::size_t>(n)));
        seen.repliedAt = Clock::now();
    }
}

// One exchange with an echoing upstream.
std::string echoed(int fd, std::string_view bytes) {
    std::string back;
    if (sendAll(fd, bytes)) (void)readExactly(fd, bytes.size(), back);
    return back;
}

FaultPlan resetWhenIdle(int idleMs, bool onNextByte = false) {
    FaultPlan plan = FaultPlan::always(Fault::ResetWhenIdle);
    plan.idleMs = idleMs;
    plan.resetOnNextByte = onNextByte;
    return plan;
}

// Whether the proxy has ended this connection (a reset or an end is waiting), without reading.
bool endedByProxy(int fd) {
    pollfd watch{fd, POLLIN, 0};
    return ::poll(&watch, 1, 0) > 0;
}

std::size_t count(const std::vector<Fault>& faults, Fault fault) {
    return static_cast<std::size_t>(std::count(faults.begin(), faults.end(), fault));
}

std::size_t entriesIn(const char* directory) {
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) ++entries;
    return entries;
}

// A TLS record with a fake body: the proxy reads record headers only.
std::string record(unsigned char type, std::size_t length, char fill) {
    std::string bytes{static_cast<char>(type), '\x03', '\x03', static_cast<char>(length >> 8U),
                      static_cast<char>(length & 0xFFU)};
    bytes.append(length, fill);
    return bytes;
}

// Where a fault is to cut a request or a reply, and how many bytes that leaves.
struct Cut {
    std::optional<std::size_t> cutBytes;
    std::size_t expected = 0;
};

constexpr unsigned char kHandshake = 22;
constexpr unsigned char kChangeCipherSpec = 20;
constexpr unsigned char kApplicationData = 23;

// The record layout of an HTTPS exchange as libcurl and OpenSSL make it.
struct FakeTls {
    std::string clientHello = record(kHandshake, 512, 'h');
    std::string serverFlight;  // 1.3: ServerHello, CCS, then encrypted records; 1.2: clear handshake only
    std::string clientFinish;  // 1.3: CCS and the encrypted Finished; 1.2: key exchange, CCS, Finished
    std::string serverFinish;  // 1.3: two session tickets, sent on reading the client's Finished; 1.2: CCS, Finished
    std::string request = record(kApplicationData, 300, 'q');
    std::string response = record(kApplicationData, 150, 'r') + record(kApplicationData, 400, 's');
};

FakeTls fakeTls(bool tls13) {
    FakeTls tls;
    if (tls13) {
        tls.serverFlight = record(kHandshake, 122, 'S') + record(kChangeCipherSpec, 1, '\1') +
                           record(kApplicationData, 366, 'C') + record(kApplicationData, 69, 'F');
        tls.clientFinish = record(kChangeCipherSpec, 1, '\1') + record(kApplicationData, 69, 'f');
        tls.serverFinish = record(kApplicationData, 250, 't') + record(kApplicationData, 250, 'u');
    } else {
        tls.serverFlight = record(kHandshake, 90, 'S') + record(kHandshake, 400, 'C') + record(kHandshake, 4, 'D');
        tls.clientFinish = record(kHandshake, 70, 'k') + record(kChangeCipherSpec, 1, '\1') + record(kHandshake, 40, 'f');
        tls.serverFinish = record(kChangeCipherSpec, 1, '\1') + record(kHandshake, 40, 'F');
    }
    return tls;
}

}  // namespace

TEST_CASE("Pass forwards the exact bytes both ways") {
    const std::string request = "POST /api/v1/sync HTTP/1.1\r\nHost: hub\r\nContent-Length: 2\r\n\r\n{}";
    const std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    TestUpstream upstream(answering(request.size(), reply));
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(Fault::Pass));
    CHECK(proxy.port() > 0);
    CHECK(proxy.port() != upstream.port());

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), request));
    std::string received;
    REQUIRE(readExactly(client.get(), reply.size(), received));
    CHECK(received == reply);
    // The client's end of sending reaches the upstream, which closes, and that comes back.
    ::shutdown(client.get(), SHUT_WR);
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == 0);

    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == request);
    CHECK(proxy.connections() == 1);
    CHECK(proxy.applied(Fault::Pass) == 1);
    CHECK(proxy.history() == std::vector<Fault>{Fault::Pass});
}

TEST_CASE("Pass carries 1 MiB each way unchanged") {
    TestUpstream upstream([](int fd, Seen& seen) {  // echoes everything once the client has finished sending
        seen.received = readToEnd(fd).bytes;
        seen.replied = sendAll(fd, seen.received);
    });
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(Fault::Pass));
    const std::string payload = patterned(1024 * 1024, 7);

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), payload));
    ::shutdown(client.get(), SHUT_WR);
    const Ending ending = readToEnd(client.get());
    CHECK(ending.error == 0);
    CHECK(ending.bytes.size() == payload.size());
    CHECK(ending.bytes == payload);
    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == payload);
}

TEST_CASE("Delay holds each chunk for at least the delay both ways") {
    const std::string request = "ping\n";
    const std::string reply = "pong\n";
    TestUpstream upstream(answering(request.size(), reply));
    FaultPlan plan = FaultPlan::always(Fault::Delay);
    plan.delayMs = 150;
    FaultProxy proxy("127.0.0.1", upstream.port(), plan);

    Socket client = dial(proxy.port());
    const auto start = Clock::now();
    REQUIRE(sendAll(client.get(), request));
    std::string received;
    REQUIRE(readExactly(client.get(), reply.size(), received));
    const auto elapsed = Clock::now() - start;
    CHECK(received == reply);
    CHECK(elapsed >= 2 * 150ms);  // once on the way in, once on the way out
    CHECK(proxy.applied(Fault::Delay) == 1);
    client.close();
    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == request);
}

TEST_CASE("DropMidRequest gives the upstream a strict prefix and the client no reply") {
    const std::string request = patterned(100, 3);
    TestUpstream upstream(answering(request.size(), "never sent"));
    // Half of it by default, cutBytes of it, never the whole of it.
    const Cut cut = GENERATE(values<Cut>({{std::nullopt, 50}, {7, 7}, {1000, 99}}));
    CAPTURE(cut.expected);
    FaultPlan plan = FaultPlan::always(Fault::DropMidRequest);
    plan.cutBytes = cut.cutBytes;
    FaultProxy proxy("127.0.0.1", upstream.port(), plan);

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), request));
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(endedWithoutTimeout(ending));

    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == request.substr(0, cut.expected));
    CHECK_FALSE(seen[0].replied);
    CHECK(proxy.applied(Fault::DropMidRequest) == 1);
}

TEST_CASE("TruncateResponse gives the client a strict prefix of the reply") {
    const std::string request = patterned(40, 4);
    const std::string reply = patterned(1000, 5);
    TestUpstream upstream(answering(request.size(), reply));
    const Cut cut = GENERATE(values<Cut>({{std::nullopt, 500}, {10, 10}, {5000, 999}}));
    CAPTURE(cut.expected);
    FaultPlan plan = FaultPlan::always(Fault::TruncateResponse);
    plan.cutBytes = cut.cutBytes;
    FaultProxy proxy("127.0.0.1", upstream.port(), plan);

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), request));
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes == reply.substr(0, cut.expected));
    CHECK(ending.error == 0);  // an orderly end: the client sees a short reply, not a reset

    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == request);
    CHECK(seen[0].replied);
    CHECK(proxy.applied(Fault::TruncateResponse) == 1);
}

TEST_CASE("ResetAfterReply lets the upstream answer and resets the client with no reply byte") {
    const std::string request = patterned(40, 6);
    const std::string reply = patterned(1000, 8);
    FaultPlan plan = FaultPlan::always(Fault::ResetAfterReply);
    // The upstream takes its time, so a proxy resetting before the reply would be caught.
    Handler handler = answering(request.size(), reply, 150);
    const bool pausedReply = GENERATE(false, true);
    CAPTURE(pausedReply);
    if (pausedReply) {  // the proxy must wait for replyMinBytes, not take the pause for the end
        plan.replyMinBytes = 500;
        handler = [&](int fd, Seen& seen) {
            if (readExactly(fd, request.size(), seen.received)) {
                sendAll(fd, std::string_view(reply).substr(0, 10));
                std::this_thread::sleep_for(200ms);  // much longer than quietMs
                seen.replied = sendAll(fd, std::string_view(reply).substr(10));
                seen.repliedAt = Clock::now();
            }
            seen.received += readToEnd(fd).bytes;
        };
    }
    TestUpstream upstream(handler);
    FaultProxy proxy("127.0.0.1", upstream.port(), plan);

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), request));
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == ECONNRESET);

    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == request);
    CHECK(seen[0].replied);
    CHECK(seen[0].repliedAt <= ending.at);
    CHECK(proxy.applied(Fault::ResetAfterReply) == 1);
}

TEST_CASE("Refuse resets the client at once without contacting the upstream") {
    TestUpstream upstream(answering(4, "pong"));
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(Fault::Refuse));

    Socket client = dial(proxy.port());
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == ECONNRESET);
    std::this_thread::sleep_for(50ms);
    CHECK(upstream.accepted() == 0);
    CHECK(proxy.connections() == 1);
    CHECK(proxy.applied(Fault::Refuse) == 1);
}

TEST_CASE("ResetWhenIdle relays exchanges and resets both sides once quiet for idleMs") {
    TestUpstream upstream(echoing);
    FaultProxy proxy("127.0.0.1", upstream.port(), resetWhenIdle(300));

    Socket client = dial(proxy.port());
    const auto start = Clock::now();
    Clock::time_point lastExchange{};
    // Each exchange comes before the idle time runs out: it starts again each time.
    for (const char* bytes : {"first", "second", "third"}) {
        CHECK(echoed(client.get(), bytes) == bytes);
        lastExchange = Clock::now();
        std::this_thread::sleep_for(200ms);
    }
    CHECK_FALSE(endedByProxy(client.get()));
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 0);
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == ECONNRESET);
    CHECK(ending.at - lastExchange >= 280ms);  // the proxy's last byte came a hair before the client's
    CHECK(ending.at - lastExchange < 1s);
    CHECK(ending.at - start >= 600ms);  // three pauses of 200 ms: a timer not restarted by each exchange ends at 300 ms

    const auto seen = upstream.finished(1);  // the upstream's connection ended too
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == "firstsecondthird");
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 1);
    CHECK(proxy.history() == std::vector<Fault>{Fault::ResetWhenIdle});
}

TEST_CASE("ResetWhenIdle with resetOnNextByte leaves the connection looking alive and resets the next send") {
    TestUpstream upstream(echoing);
    FaultProxy proxy("127.0.0.1", upstream.port(), resetWhenIdle(100, true));

    Socket client = dial(proxy.port());
    CHECK(echoed(client.get(), "before") == "before");
    std::this_thread::sleep_for(400ms);
    CHECK_FALSE(endedByProxy(client.get()));  // nothing tells the client, as with a NAT
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 0);

    REQUIRE(sendAll(client.get(), "after"));
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == ECONNRESET);
    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].received == "before");  // the byte after the idle time went nowhere
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 1);
}

TEST_CASE("ResetWhenIdle leaves a connection in use alone") {
    TestUpstream upstream(echoing);
    FaultProxy proxy("127.0.0.1", upstream.port(), resetWhenIdle(150));
    Socket client = dial(proxy.port());
    const auto until = Clock::now() + 600ms;
    int exchanges = 0;
    while (Clock::now() < until) {
        REQUIRE(echoed(client.get(), "tick") == "tick");
        ++exchanges;
        std::this_thread::sleep_for(50ms);
    }
    CHECK(exchanges >= 5);
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 0);
    client.close();  // an orderly end by the client is passed on, not counted as the fault
    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    CHECK(proxy.applied(Fault::ResetWhenIdle) == 0);
}

TEST_CASE("Over TLS the faults spare the handshake and hit the HTTP exchange") {
    const bool tls13 = GENERATE(true, false);
    CAPTURE(tls13);
    const FakeTls tls = fakeTls(tls13);
    // Answers as a TLS server would, at the points where it would.
    TestUpstream upstream([&tls](int fd, Seen& seen) {
        if (readExactly(fd, tls.clientHello.size(), seen.received) && sendAll(fd, tls.serverFlight) &&
            readExactly(fd, tls.clientFinish.size(), seen.received) && sendAll(fd, tls.serverFinish) &&
            readExactly(fd, tls.request.size(), seen.received)) {
            seen.replied = sendAll(fd, tls.response);
            seen.repliedAt = Clock::now();
        }
        seen.received += readToEnd(fd).bytes;
    });
    const Fault fault = GENERATE(Fault::DropMidRequest, Fault::TruncateResponse, Fault::ResetAfterReply);
    CAPTURE(fault);
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(fault));

    Socket client = dial(proxy.port());
    REQUIRE(sendAll(client.get(), tls.clientHello));
    std::string flight;
    REQUIRE(readExactly(client.get(), tls.serverFlight.size(), flight));
    CHECK(flight == tls.serverFlight);
    // TLS 1.3 sends the request right behind its Finished, in one write here.
    std::string expectedAtClient = tls.serverFinish;
    if (tls13) {
        REQUIRE(sendAll(client.get(), tls.clientFinish + tls.request));
    } else {
        REQUIRE(sendAll(client.get(), tls.clientFinish));
        std::string finish;
        REQUIRE(readExactly(client.get(), tls.serverFinish.size(), finish));
        CHECK(finish == tls.serverFinish);
        expectedAtClient.clear();
        REQUIRE(sendAll(client.get(), tls.request));
    }
    const Ending ending = readToEnd(client.get());
    const auto seen = upstream.finished(1);
    REQUIRE(seen.size() == 1);
    const std::string handshake = tls.clientHello + tls.clientFinish;

    if (fault == Fault::DropMidRequest) {
        CHECK(seen[0].received == handshake + tls.request.substr(0, tls.request.size() / 2));
        CHECK_FALSE(seen[0].replied);
        // At most the tickets, which the hub sends before the request: never a reply byte.
        CHECK(std::string_view(expectedAtClient).substr(0, ending.bytes.size()) == ending.bytes);
        CHECK(endedWithoutTimeout(ending));
    } else {
        CHECK(seen[0].received == handshake + tls.request);
        CHECK(seen[0].replied);
        if (fault == Fault::TruncateResponse) {
            // The tickets pass whole: the cut falls in the HTTP response.
            CHECK(ending.bytes == expectedAtClient + tls.response.substr(0, tls.response.size() / 2));
            CHECK(ending.error == 0);
        } else {
            CHECK(ending.bytes == expectedAtClient);
            CHECK(ending.error == ECONNRESET);
        }
    }
    CHECK(proxy.applied(fault) == 1);
}

TEST_CASE("A random plan draws the same faults from the same seed and its counters add up") {
    const std::vector<std::pair<Fault, int>> weights{{Fault::Pass, 2},
                                                     {Fault::Delay, 1},
                                                     {Fault::DropMidRequest, 2},
                                                     {Fault::TruncateResponse, 2},
                                                     {Fault::ResetAfterReply, 2},
                                                     {Fault::Refuse, 1}};
    constexpr std::size_t connections = 24;
    const std::string request = patterned(32, 1);
    const std::string reply = patterned(64, 2);

    // One exchange per connection, one after the other, each outcome checked against its fault.
    const auto run = [&](std::uint32_t seed) {
        TestUpstream upstream(answering(request.size(), reply));
        FaultPlan plan = FaultPlan::random(seed, weights);
        plan.delayMs = 10;
        FaultProxy proxy("127.0.0.1", upstream.port(), plan);
        for (std::size_t i = 0; i < connections; ++i) {
            Socket client = dial(proxy.port());
            (void)sendAll(client.get(), request);  // a refused connection may already be reset
            const Ending ending = readToEnd(client.get(), reply.size());
            const auto history = proxy.history();
            REQUIRE(history.size() == i + 1);
            const Fault fault = history[i];
            CAPTURE(i, fault, ending.bytes.size(), ending.error);
            switch (fault) {
                case Fault::Pass:
                case Fault::Delay: CHECK(ending.bytes == reply); break;
                case Fault::DropMidRequest:
                    CHECK(ending.bytes.empty());
                    CHECK(endedWithoutTimeout(ending));
                    break;
                case Fault::TruncateResponse:
                    CHECK_FALSE(ending.bytes.empty());
                    CHECK(ending.bytes.size() < reply.size());
                    CHECK(reply.substr(0, ending.bytes.size()) == ending.bytes);
                    CHECK(ending.error == 0);
                    break;
                case Fault::ResetAfterReply:
                    CHECK(ending.bytes.empty());
                    CHECK(ending.error == ECONNRESET);
                    break;
                case Fault::Refuse:
                    CHECK(ending.bytes.empty());
                    CHECK(endedWithoutTimeout(ending));
                    break;
                case Fault::ResetWhenIdle: FAIL("not in this plan"); break;
            }
        }
        const auto history = proxy.history();
        CHECK(proxy.connections() == connections);
        std::size_t appliedTotal = 0;
        for (const Fault fault : {Fault::Pass, Fault::Delay, Fault::DropMidRequest, Fault::TruncateResponse,
                                  Fault::ResetAfterReply, Fault::Refuse}) {
            CAPTURE(fault);
            CHECK(count(history, fault) > 0);  // this seed exercises every fault
            CHECK(proxy.applied(fault) == count(history, fault));
            appliedTotal += proxy.applied(fault);
        }
        CHECK(appliedTotal == connections);

        // The upstream's side of the story: every connection but the refused ones
        // reached it, and only the dropped ones went unanswered.
        const std::size_t reached = connections - count(history, Fault::Refuse);
        const auto seen = upstream.finished(reached);
        CHECK(seen.size() == reached);
        const auto unanswered = static_cast<std::size_t>(
            std::count_if(seen.begin(), seen.end(), [&](const Seen& s) { return !s.replied && s.received.size() < request.size(); }));
        CHECK(unanswered == count(history, Fault::DropMidRequest));
        return history;
    };

    const auto first = run(42);
    const auto again = run(42);
    CHECK(first == again);

    // Another seed gives another sequence; only the draws matter here.
    TestUpstream upstream(answering(request.size(), reply));
    FaultProxy other("127.0.0.1", upstream.port(), FaultPlan::random(43, weights));
    for (std::size_t i = 0; i < connections; ++i) {
        Socket client = dial(other.port());
        REQUIRE(waitUntil([&] { return other.connections() == i + 1; }));
    }
    CHECK(other.history() != first);
}

TEST_CASE("A random plan checks its weights and never draws a zero weight") {
    CHECK_THROWS_AS(FaultPlan::random(1, {}), std::invalid_argument);
    CHECK_THROWS_AS(FaultPlan::random(1, {{Fault::Pass, -1}, {Fault::Refuse, 2}}), std::invalid_argument);
    CHECK_THROWS_AS(FaultPlan::random(1, {{Fault::Pass, 0}}), std::invalid_argument);
    FaultPlan bad = FaultPlan::always(Fault::Delay);
    bad.delayMs = -1;
    CHECK_THROWS_AS(FaultProxy("127.0.0.1", 1, bad), std::invalid_argument);
    FaultPlan neverIdle = FaultPlan::always(Fault::ResetWhenIdle);
    neverIdle.idleMs = 0;
    CHECK_THROWS_AS(FaultProxy("127.0.0.1", 1, neverIdle), std::invalid_argument);

    TestUpstream upstream(answering(1, "x"));
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::random(7, {{Fault::Refuse, 0}, {Fault::Pass, 1}}));
    for (std::size_t i = 0; i < 10; ++i) {
        Socket client = dial(proxy.port());
        REQUIRE(waitUntil([&] { return proxy.connections() == i + 1; }));
    }
    CHECK(proxy.history() == std::vector<Fault>(10, Fault::Pass));
}

TEST_CASE("setPlan applies from the next connection") {
    TestUpstream upstream(answering(4, "pong"));
    FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(Fault::Pass));
    {
        Socket client = dial(proxy.port());
        REQUIRE(sendAll(client.get(), "ping"));
        CHECK(readToEnd(client.get(), 4).bytes == "pong");
    }
    proxy.setPlan(FaultPlan::always(Fault::Refuse));
    Socket client = dial(proxy.port());
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(ending.error == ECONNRESET);
    CHECK(proxy.history() == std::vector<Fault>{Fault::Pass, Fault::Refuse});
    CHECK(proxy.applied(Fault::Pass) == 1);
    CHECK(proxy.applied(Fault::Refuse) == 1);
}

TEST_CASE("A proxy whose upstream is down resets the client") {
    int freePort = 0;
    {
        TestUpstream gone(answering(1, "x"));
        freePort = gone.port();
    }  // closed: nothing listens there any more
    FaultProxy proxy("127.0.0.1", freePort, FaultPlan::always(Fault::Pass));
    Socket client = dial(proxy.port());
    (void)sendAll(client.get(), "ping");
    const Ending ending = readToEnd(client.get());
    CHECK(ending.bytes.empty());
    CHECK(endedWithoutTimeout(ending));
}

TEST_CASE("Destroying the proxy with connections open returns promptly and leaks nothing") {
    const std::size_t descriptorsBefore = entriesIn("/proc/self/fd");
    const std::size_t threadsBefore = entriesIn("/proc/self/task");
    {
        // An upstream that never answers: every connection stays open until the proxy goes.
        TestUpstream upstream([](int fd, Seen& seen) { seen.received = readToEnd(fd).bytes; });
        std::vector<Socket> clients;
        Clock::duration stopping{};
        {
            FaultProxy proxy("127.0.0.1", upstream.port(), FaultPlan::always(Fault::Pass));
            const auto open = [&](FaultPlan plan) {
                proxy.setPlan(std::move(plan));
                clients.push_back(dial(proxy.port()));
                REQUIRE(sendAll(clients.back().get(), "half a request"));
                REQUIRE(waitUntil([&] { return upstream.accepted() == clients.size(); }));
            };
            open(FaultPlan::always(Fault::Pass));
            open(FaultPlan::always(Fault::Pass));
            FaultPlan slow = FaultPlan::always(Fault::Delay);
            slow.delayMs = 60'000;
            open(slow);                                           // bytes waiting out their delay
            open(FaultPlan::always(Fault::ResetAfterReply));      // waiting for a reply
            FaultPlan patient = FaultPlan::always(Fault::DropMidRequest);
            patient.quietMs = 60'000;
            open(patient);                                        // waiting for the request to end
            CHECK(proxy.connections() == 5);
            const auto start = Clock::now();
            proxy.stop();
            proxy.stop();  // a second stop, then the destructor's, change nothing
            stopping = Clock::now() - start;
        }
        CHECK(stopping < 1s);
        for (const Socket& client : clients) {
            const Ending ending = readToEnd(client.get());
            CHECK(ending.bytes.empty());
            CHECK(endedWithoutTimeout(ending));
        }
        const auto seen = upstream.finished(clients.size());
        CHECK(seen.size() == clients.size());
    }
    CHECK(entriesIn("/proc/self/fd") == descriptorsBefore);
    CHECK(entriesIn("/proc/self/task") == threadsBefore);
}
