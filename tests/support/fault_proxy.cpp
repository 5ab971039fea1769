#include "fault_proxy.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <ostream>
#include <random>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

namespace cowork::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kReadChunk = 64 * 1024;
// A side is not read while this much waits to be sent to the other: memory stays
// bounded and a slow reader slows its writer down, as it would without the proxy.
constexpr std::size_t kMaxPending = 1024 * 1024;
// A connection being closed gives its peers this long to take the last bytes.
constexpr milliseconds kFlushLimit{2000};
// A hub may be set up to send no TLS 1.3 session ticket: do not wait for one forever.
constexpr int kTicketWaitQuietPeriods = 10;
constexpr unsigned char kTlsHandshake = 22;
constexpr unsigned char kTlsApplicationData = 23;

[[noreturn]] void throwErrno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

// Owns one descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

// With SO_LINGER 0, close() sends RST: the peer's next read fails with ECONNRESET.
void resetAndClose(Fd& fd) {
    if (!fd.valid()) return;
    const linger abort{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    fd.reset();
}

// Small writes (TLS records, test requests) go out at once instead of waiting for
// Nagle's algorithm, so the proxy adds no delay of its own.
void setNoDelay(int fd) {
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int clampToInt(long long value) { return static_cast<int>(std::clamp<long long>(value, 0, INT_MAX)); }

// Follows the plaintext 5-byte record headers (type, version, length) of a TLS
// stream fed in arbitrary chunks; the record bodies are skipped unread.
class TlsRecordScanner {
public:
    // Calls onRecord(type, absolute offset of the record's start, of its end) for
    // each record header completed by `chunk`.
    void feed(std::string_view chunk, const std::function<void(unsigned char, std::uint64_t, std::uint64_t)>& onRecord) {
        std::size_t i = 0;
        while (i < chunk.size()) {
            const std::uint64_t at = offset_ + i;
            if (at < nextHeader_) {
                i += static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size() - i, nextHeader_ - at));
                continue;
            }
            header_[have_++] = static_cast<unsigned char>(chunk[i++]);
            if (have_ < header_.size()) continue;
            const std::uint64_t start = nextHeader_;
            nextHeader_ += header_.size() + (std::uint64_t{header_[3]} << 8U | header_[4]);
            have_ = 0;
            onRecord(header_[0], start, nextHeader_);
        }
        offset_ += chunk.size();
    }

private:
    std::uint64_t offset_ = 0;      // of the next chunk's first byte
    std::uint64_t nextHeader_ = 0;  // where the next record header starts
    std::array<unsigned char, 5> header_{};
    std::size_t have_ = 0;  // header bytes collected so far
};

// The plan's settings frozen for one connection when it is accepted.
struct ConnectionSettings {
    Fault fault = Fault::Pass;
    int delayMs = 0;
    std::optional<std::size_t> cutBytes;
    bool randomCut = false;
    std::uint32_t cutDraw = 0;
    int quietMs = 50;
    std::size_t replyMinBytes = 1;
    int replyWaitMs = 5000;
};

// How many of `size` held bytes to pass on: always short of the end, so the far
// side gets a strict prefix, and at least one byte when there are two.
std::size_t cutPoint(const ConnectionSettings& settings, std::size_t size) {
    if (size <= 1) return 0;
    if (settings.cutBytes) return std::min(*settings.cutBytes, size - 1);
    if (settings.randomCut) return 1 + settings.cutDraw % (size - 1);
    return size / 2;
}

// Relays one connection in a poll loop until it ends, the fault is carried out, or
// the wake descriptor becomes readable (the proxy stops).
class Relay {
public:
    Relay(Fd client, Fd hub, const ConnectionSettings& settings, int wakeFd, std::function<void()> countApplied)
        : client_(std::move(client)), hub_(std::move(hub)), settings_(settings), wakeFd_(wakeFd),
          countApplied_(std::move(countApplied)), quiet_(settings.quietMs), buffer_(kReadChunk) {
        up_.from = client_.get();
        up_.to = hub_.get();
        down_.from = hub_.get();
        down_.to = client_.get();
    }

    void run() {
        while (loopOnce()) {
        }
        switch (ending_) {
            case Ending::Close: break;
            case Ending::ResetClient: resetAndClose(client_); break;
            case Ending::ResetBoth:
                resetAndClose(client_);
                resetAndClose(hub_);
                break;
        }
    }

private:
    // Forward: bytes go both ways (Pass and Delay stay there; the other faults until
    // the request starts). AwaitTickets: the request is held while the hub's TLS 1.3
    // session tickets, sent when it reads the client's Finished, go through, so that
    // the reply is the HTTP response alone. HoldRequest: the request is collected to
    // be cut. HoldReply: the request goes through, the reply is collected. Closing:
    // the last bytes are flushed, anything read is dropped.
    enum class Phase { Forward, AwaitTickets, HoldRequest, HoldReply, Closing, Done };
    enum class Ending { Close, ResetClient, ResetBoth };

    struct Direction {  // bytes read from `from`, to be written to `to`
        int from = -1;
        int to = -1;
        std::deque<std::pair<Clock::time_point, std::string>> delayed;  // Delay: chunks and when they are due
        std::size_t delayedBytes = 0;
        std::string out;    // ready to be written
        bool eof = false;   // `from` has shut down its sending side
        bool shut = false;  // and that has been passed on to `to`
        std::uint64_t total = 0;
        Clock::time_point lastRead{};
    };

    bool faultIsOnExchange() const { return settings_.fault != Fault::Pass && settings_.fault != Fault::Delay; }

    // One round: timers, writes, then a poll for the next event. False when the relay is over.
    bool loopOnce() {
        now_ = Clock::now();
        promoteDue(up_);
        promoteDue(down_);
        advance();
        if (phase_ == Phase::Done) return false;
        if (!flush(up_) || !flush(down_)) return abort();
        if (phase_ == Phase::Closing && up_.out.empty() && down_.out.empty()) return false;
        passOnEnd(up_, phase_ == Phase::AwaitTickets || phase_ == Phase::HoldRequest);
        passOnEnd(down_, phase_ == Phase::HoldReply);
        if (phase_ == Phase::Forward && up_.shut && down_.shut) return false;

        std::array<pollfd, 3> fds{};
        fds[0] = {wakeFd_, POLLIN, 0};
        fds[1] = watch(client_.get(), up_, down_);
        fds[2] = watch(hub_.get(), down_, up_);
        const int ready = ::poll(fds.data(), fds.size(), timeoutMs());
        if (ready < 0) return errno == EINTR || abort();
        if (fds[0].revents != 0) return abort();  // the proxy is stopping
        now_ = Clock::now();
        if (readable(fds[1]) && !readFrom(up_)) return abort();
        if (readable(fds[2]) && !readFrom(down_)) return abort();
        return true;
    }

    bool abort() {
        // A failed read or write in Closing only means a peer left first: the fault
        // is already carried out and keeps its own ending.
        if (phase_ != Phase::Closing) ending_ = Ending::ResetBoth;
        return false;
    }

    // Interest in `fd`: reading `readSide` (unless too much waits), writing what
    // `writeSide` holds for it. An fd with no interest is left out, so a closed peer's
    // POLLHUP cannot make the loop spin.
    pollfd watch(int fd, const Direction& readSide, const Direction& writeSide) const {
        short events = 0;
        if (!readSide.eof && (phase_ == Phase::Closing || readSide.out.size() + readSide.delayedBytes < kMaxPending)) {
            events = static_cast<short>(events | POLLIN);
        }
        if (!writeSide.out.empty()) events = static_cast<short>(events | POLLOUT);
        return {events != 0 ? fd : -1, events, 0};
    }

    // A hang-up or error is read too, as EOF or as the error it is.
    static bool readable(const pollfd& fd) { return (fd.revents & (POLLIN | POLLHUP | POLLERR)) != 0; }

    bool readFrom(Direction& side) {
        if (side.eof) return true;
        const ssize_t n = ::recv(side.from, buffer_.data(), buffer_.size(), 0);
        if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        if (n == 0) {
            side.eof = true;
            return true;
        }
        const std::string_view chunk(buffer_.data(), static_cast<std::size_t>(n));
        const std::uint64_t start = side.total;
        side.total += chunk.size();
        side.lastRead = now_;
        if (phase_ == Phase::Closing) return true;
        if (&side == &up_) {
            fromClient(chunk, start);
        } else {
            fromHub(chunk);
        }
        return true;
    }

    void fromClient(std::string_view chunk, std::uint64_t start) {
        if (!faultIsOnExchange()) {
            pass(up_, chunk);
            return;
        }
        if (phase_ == Phase::Forward) {
            learnRequestStart(chunk);
            std::size_t handshake = chunk.size();
            if (requestStart_) {
                handshake = *requestStart_ <= start
                                ? 0
                                : static_cast<std::size_t>(std::min<std::uint64_t>(*requestStart_ - start, chunk.size()));
            }
            pass(up_, chunk.substr(0, handshake));
            chunk.remove_prefix(handshake);
            if (!requestStart_ || *requestStart_ > up_.total) return;
            enterRequest();
        }
        if (phase_ == Phase::HoldReply) {
            pass(up_, chunk);
        } else {
            held_.append(chunk);
        }
    }

    void fromHub(std::string_view chunk) {
        if (faultIsOnExchange() && !requestStart_) {
            hubRecords_.feed(chunk, [this](unsigned char type, std::uint64_t, std::uint64_t) {
                if (type == kTlsApplicationData) hubSentEncrypted_ = true;
            });
        }
        if (phase_ == Phase::HoldReply) {
            reply_.append(chunk);
        } else {
            pass(down_, chunk);
        }
    }

    // Where the request starts in the client's stream. Plain TCP: at once. TLS 1.3:
    // after the client's first application-data record, its Finished (the hub has
    // already sent encrypted records by then, which TLS 1.2 never does before the
    // client's Finished). TLS 1.2: at the client's first application-data record.
    void learnRequestStart(std::string_view chunk) {
        if (requestStart_ || chunk.empty()) return;
        if (up_.total == chunk.size() && static_cast<unsigned char>(chunk[0]) != kTlsHandshake) {
            requestStart_ = 0;
            return;
        }
        clientRecords_.feed(chunk, [this](unsigned char type, std::uint64_t start, std::uint64_t end) {
            if (type != kTlsApplicationData || requestStart_) return;
            tls13_ = hubSentEncrypted_;
            requestStart_ = tls13_ ? end : start;
        });
    }

    void enterRequest() {
        if (settings_.fault == Fault::DropMidRequest) {
            phase_ = Phase::HoldRequest;
        } else if (tls13_) {
            phase_ = Phase::AwaitTickets;
            phaseSince_ = now_;
            hubTotalAtPhase_ = down_.total;
        } else {
            startReply();
        }
    }

    void startReply() {
        pass(up_, held_);
        held_.clear();
        phase_ = Phase::HoldReply;
        phaseSince_ = now_;
    }

    // Moves the phases on when their time has come.
    void advance() {
        switch (phase_) {
            case Phase::AwaitTickets:
                if (down_.eof || now_ >= ticketsDeadline()) startReply();
                break;
            case Phase::HoldRequest:
                if (up_.eof || (!held_.empty() && now_ >= up_.lastRead + quiet_)) cutRequest();
                break;
            case Phase::HoldReply:
                if (down_.eof || now_ >= replyDeadline()) endReply();
                break;
            case Phase::Closing:
                if (now_ >= closingDeadline_) phase_ = Phase::Done;
                break;
            case Phase::Forward:
            case Phase::Done: break;
        }
    }

    Clock::time_point ticketsDeadline() const {
        if (down_.total > hubTotalAtPhase_) return down_.lastRead + quiet_;
        return phaseSince_ + quiet_ * kTicketWaitQuietPeriods;
    }

    Clock::time_point replyDeadline() const {
        const Clock::time_point cap = phaseSince_ + milliseconds(settings_.replyWaitMs);
        if (reply_.size() < std::max<std::size_t>(1, settings_.replyMinBytes)) return cap;
        return std::min(cap, down_.lastRead + quiet_);
    }

    void cutRequest() {
        pass(up_, std::string_view(held_).substr(0, cutPoint(settings_, held_.size())));
        held_.clear();
        countApplied_();
        beginClosing(Ending::Close);
    }

    void endReply() {
        if (settings_.fault == Fault::TruncateResponse) {
            pass(down_, std::string_view(reply_).substr(0, cutPoint(settings_, reply_.size())));
            countApplied_();
            beginClosing(Ending::Close);
        } else {
            countApplied_();
            beginClosing(Ending::ResetClient);
        }
        reply_.clear();
    }

    void beginClosing(Ending ending) {
        ending_ = ending;
        phase_ = Phase::Closing;
        closingDeadline_ = now_ + kFlushLimit;
    }

    void pass(Direction& side, std::string_view bytes) {
        if (bytes.empty()) return;
        if (settings_.fault == Fault::Delay) {
            side.delayed.emplace_back(now_ + milliseconds(settings_.delayMs), std::string(bytes));
            side.delayedBytes += bytes.size();
        } else {
            side.out.append(bytes);
        }
    }

    void promoteDue(Direction& side) {
        while (!side.delayed.empty() && side.delayed.front().first <= now_) {
            side.out += side.delayed.front().second;
            side.delayedBytes -= side.delayed.front().second.size();
            side.delayed.pop_front();
        }
    }

    bool flush(Direction& side) {
        while (!side.out.empty()) {
            const ssize_t n = ::send(side.to, side.out.data(), side.out.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
            side.out.erase(0, static_cast<std::size_t>(n));
        }
        return true;
    }

    // A peer that shut down its sending side (HTTP clients rarely do, tests do) has
    // that passed on once everything it sent is through.
    void passOnEnd(Direction& side, bool holding) {
        if (!side.eof || side.shut || holding || phase_ == Phase::Closing) return;
        if (!side.out.empty() || !side.delayed.empty()) return;
        ::shutdown(side.to, SHUT_WR);
        side.shut = true;
    }

    int timeoutMs() const {
        std::optional<Clock::time_point> next;
        const auto consider = [&next](Clock::time_point at) { next = next ? std::min(*next, at) : at; };
        if (!up_.delayed.empty()) consider(up_.delayed.front().first);
        if (!down_.delayed.empty()) consider(down_.delayed.front().first);
        switch (phase_) {
            case Phase::AwaitTickets: consider(ticketsDeadline()); break;
            case Phase::HoldRequest:
                if (!held_.empty()) consider(up_.lastRead + quiet_);
                break;
            case Phase::HoldReply: consider(replyDeadline()); break;
            case Phase::Closing: consider(closingDeadline_); break;
            case Phase::Forward:
            case Phase::Done: break;
        }
        if (!next) return -1;
        return clampToInt(std::chrono::ceil<milliseconds>(*next - Clock::now()).count());
    }

    Fd client_;
    Fd hub_;
    const ConnectionSettings settings_;
    const int wakeFd_;
    const std::function<void()> countApplied_;
    const milliseconds quiet_;
    std::vector<char> buffer_;

    Clock::time_point now_{};
    Phase phase_ = Phase::Forward;
    Ending ending_ = Ending::Close;
    Direction up_;    // client to hub
    Direction down_;  // hub to client
    TlsRecordScanner clientRecords_;
    TlsRecordScanner hubRecords_;
    bool hubSentEncrypted_ = false;
    bool tls13_ = false;
    std::optional<std::uint64_t> requestStart_;
    std::string held_;   // request bytes not passed on yet
    std::string reply_;  // reply bytes not passed on yet
    Clock::time_point phaseSince_{};
    std::uint64_t hubTotalAtPhase_ = 0;
    Clock::time_point closingDeadline_{};
};

void validate(const FaultPlan& plan) {
    if (plan.delayMs < 0 || plan.quietMs < 1 || plan.replyWaitMs < 0) {
        throw std::invalid_argument("FaultPlan: delayMs and replyWaitMs must be >= 0, quietMs >= 1");
    }
    long long sum = 0;
    for (const auto& entry : plan.weights) {
        if (entry.second < 0) throw std::invalid_argument("FaultPlan: a weight is negative");
        sum += entry.second;
    }
    if (!plan.weights.empty() && (sum <= 0 || sum > UINT32_MAX)) {
        throw std::invalid_argument("FaultPlan: the weights must add up to between 1 and 2^32-1");
    }
}

}  // namespace

const char* faultName(Fault fault) {
    switch (fault) {
        case Fault::Pass: return "Pass";
        case Fault::Delay: return "Delay";
        case Fault::DropMidRequest: return "DropMidRequest";
        case Fault::TruncateResponse: return "TruncateResponse";
        case Fault::ResetAfterReply: return "ResetAfterReply";
        case Fault::Refuse: return "Refuse";
    }
    return "?";
}

std::ostream& operator<<(std::ostream& out, Fault fault) { return out << faultName(fault); }

FaultPlan FaultPlan::always(Fault fault) {
    FaultPlan plan;
    plan.fixed = fault;
    return plan;
}

FaultPlan FaultPlan::random(std::uint32_t seed, std::vector<std::pair<Fault, int>> weights) {
    FaultPlan plan;
    plan.seed = seed;
    plan.weights = std::move(weights);
    if (plan.weights.empty()) throw std::invalid_argument("FaultPlan::random: no weights");
    validate(plan);
    return plan;
}

struct FaultProxy::State {
    // A worker thread and whether it has returned, so that the accept loop can join
    // finished ones and a long test does not pile them up.
    struct Worker {
        std::atomic<bool> done{false};
        std::thread thread;
    };

    sockaddr_storage upstream{};
    socklen_t upstreamLength = 0;
    Fd listener;
    // Written once by stop(): the read end then stays readable, which wakes every
    // poll() at once without timeouts.
    Fd wakeRead;
    Fd wakeWrite;
    int port = 0;

    mutable std::mutex mutex;  // guards the plan, the generator and the counters
    FaultPlan plan;
    std::mt19937 generator;
    std::size_t connections = 0;
    std::array<std::size_t, kFaultCount> applied{};
    std::vector<Fault> history;

    // Client sockets of the connections being relayed, so that a new plan can end
    // them: a client keeping its connection would otherwise never meet the plan.
    std::mutex liveMutex;
    std::set<int> liveClients;

    std::mutex stopMutex;
    bool stopped = false;
    std::thread acceptThread;
    std::list<Worker> workers;  // touched by the accept thread only, then by stop() once it has joined it

    void countApplied(Fault fault) {
        const std::lock_guard lock(mutex);
        ++applied[static_cast<std::size_t>(fault)];
    }

    ConnectionSettings draw() {
        const std::lock_guard lock(mutex);
        ConnectionSettings settings;
        settings.fault = plan.fixed;
        if (!plan.weights.empty()) {
            // The pick is done by hand from the generator's raw output, which the
            // standard fixes, so a seed gives the same faults with any library.
            std::uint32_t ticket = nextDraw() % static_cast<std::uint32_t>(totalWeight());
            for (const auto& [fault, weight] : plan.weights) {
                const auto w = static_cast<std::uint32_t>(weight);
                if (ticket < w) {
                    settings.fault = fault;
                    break;
                }
                ticket -= w;
            }
            settings.randomCut = true;
            settings.cutDraw = nextDraw();
        }
        settings.delayMs = plan.delayMs;
        settings.cutBytes = plan.cutBytes;
        settings.quietMs = plan.quietMs;
        settings.replyMinBytes = plan.replyMinBytes;
        settings.replyWaitMs = plan.replyWaitMs;
        ++connections;
        history.push_back(settings.fault);
        return settings;
    }

    // mt19937 yields 32-bit values in a wider type.
    std::uint32_t nextDraw() { return static_cast<std::uint32_t>(generator()); }

    long long totalWeight() const {
        long long sum = 0;
        for (const auto& entry : plan.weights) sum += entry.second;
        return sum;
    }

    void acceptLoop() {
        for (;;) {
            std::array<pollfd, 2> fds{{{listener.get(), POLLIN, 0}, {wakeRead.get(), POLLIN, 0}}};
            if (::poll(fds.data(), fds.size(), -1) < 0) {
                if (errno == EINTR) continue;
                return;
            }
            if (fds[1].revents != 0) return;
            Fd client(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
            if (!client.valid()) {
                // Out of descriptors, or the client gave up already: try again shortly.
                if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(milliseconds(10));
                continue;
            }
            reapWorkers();
            const ConnectionSettings settings = draw();
            if (settings.fault == Fault::Refuse) {
                countApplied(Fault::Refuse);
                resetAndClose(client);
                continue;
            }
            if (settings.fault == Fault::Pass || settings.fault == Fault::Delay) countApplied(settings.fault);
            Worker& worker = workers.emplace_back();
            try {
                worker.thread = std::thread([this, &worker, settings, c = std::move(client)]() mutable {
                    serve(std::move(c), settings);
                    worker.done = true;
                });
            } catch (const std::system_error&) {
                workers.pop_back();  // no thread to be had: the lambda's Fd closes the client
            }
        }
    }

    void reapWorkers() {
        for (auto it = workers.begin(); it != workers.end();) {
            if (it->done) {
                it->thread.join();
                it = workers.erase(it);
            } else {
                ++it;
            }
        }
    }

    void serve(Fd client, const ConnectionSettings& settings) {
        Fd hub = connectUpstream();
        if (!hub.valid()) {
            // The closest a proxy that already accepted can come to "connection refused".
            resetAndClose(client);
            return;
        }
        setNoDelay(client.get());
        setNoDelay(hub.get());
        const int clientFd = client.get();
        Relay relay(std::move(client), std::move(hub), settings, wakeRead.get(),
                    [this, fault = settings.fault] { countApplied(fault); });
        {
            const std::lock_guard lock(liveMutex);
            liveClients.insert(clientFd);
        }
        relay.run();
        const std::lock_guard lock(liveMutex);  // before the relay closes the socket
        liveClients.erase(clientFd);
    }

    // The client sees its connection closed, as after a proxy's restart.
    void endLiveConnections() {
        const std::lock_guard lock(liveMutex);
        for (const int fd : liveClients) ::shutdown(fd, SHUT_RDWR);
    }

    // Non-blocking, so that stop() is not kept waiting by a connect in progress.
    Fd connectUpstream() const {
        Fd fd(::socket(upstream.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!fd.valid()) return {};
        if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&upstream), upstreamLength) == 0) return fd;
        if (errno != EINPROGRESS) return {};
        std::array<pollfd, 2> fds{{{fd.get(), POLLOUT, 0}, {wakeRead.get(), POLLIN, 0}}};
        int ready = -1;
        do {
            ready = ::poll(fds.data(), fds.size(), 5000);
        } while (ready < 0 && errno == EINTR);
        if (ready <= 0 || fds[1].revents != 0) return {};
        int error = 0;
        socklen_t length = sizeof error;
        if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) return {};
        return fd;
    }
};

FaultProxy::FaultProxy(std::string upstreamHost, int upstreamPort, FaultPlan plan) : state_(std::make_unique<State>()) {
    validate(plan);
    State& s = *state_;
    s.plan = std::move(plan);
    s.generator.seed(s.plan.seed);

    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(upstreamPort);
    if (::getaddrinfo(upstreamHost.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
        throw std::invalid_argument("FaultProxy: unknown upstream host " + upstreamHost);
    }
    std::memcpy(&s.upstream, found->ai_addr, found->ai_addrlen);
    s.upstreamLength = found->ai_addrlen;
    ::freeaddrinfo(found);

    std::array<int, 2> wake{};
    if (::pipe2(wake.data(), O_CLOEXEC) != 0) throwErrno("FaultProxy: pipe2");
    s.wakeRead = Fd(wake[0]);
    s.wakeWrite = Fd(wake[1]);

    // Close-on-exec everywhere: a test that starts a hub process must not hand it our sockets.
    s.listener = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!s.listener.valid()) throwErrno("FaultProxy: socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // the kernel picks a free port, read back below
    socklen_t length = sizeof address;
    if (::bind(s.listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throwErrno("FaultProxy: bind");
    }
    if (::listen(s.listener.get(), 128) != 0) throwErrno("FaultProxy: listen");
    if (::getsockname(s.listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throwErrno("FaultProxy: getsockname");
    }
    s.port = ntohs(address.sin_port);
    s.acceptThread = std::thread([&s] { s.acceptLoop(); });
}

FaultProxy::~FaultProxy() { stop(); }

int FaultProxy::port() const { return state_->port; }

void FaultProxy::setPlan(FaultPlan plan) {
    validate(plan);
    {
        const std::lock_guard lock(state_->mutex);
        state_->plan = std::move(plan);
        state_->generator.seed(state_->plan.seed);
    }
    state_->endLiveConnections();
}

std::size_t FaultProxy::connections() const {
    const std::lock_guard lock(state_->mutex);
    return state_->connections;
}

std::size_t FaultProxy::applied(Fault fault) const {
    const std::lock_guard lock(state_->mutex);
    return state_->applied.at(static_cast<std::size_t>(fault));
}

std::vector<Fault> FaultProxy::history() const {
    const std::lock_guard lock(state_->mutex);
    return state_->history;
}

void FaultProxy::stop() {
    State& s = *state_;
    {
        const std::lock_guard lock(s.stopMutex);
        if (s.stopped) return;
        s.stopped = true;
    }
    const char byte = 0;
    while (::write(s.wakeWrite.get(), &byte, 1) < 0 && errno == EINTR) {
    }
    if (s.acceptThread.joinable()) s.acceptThread.join();
    for (auto& worker : s.workers) worker.thread.join();
    s.workers.clear();
    s.listener.reset();
}

}  // namespace cowork::testing
