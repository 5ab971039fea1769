#include "http/http_transport.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <sys/resource.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include "http/connection_admission.hpp"
#include "http/http_connection.hpp"

namespace cowork::hub {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Files the hub keeps besides its connections: the database and its journal,
// logs, the listening socket, SMTP and a margin.
constexpr rlim_t kFilesReserved = 128;

// An idle connection costs a file descriptor: the soft limit is raised to the
// hard one, and what is left after the reserve is the most connections open.
int connectionCapacity(int configured) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    const rlim_t files = limit.rlim_cur == RLIM_INFINITY ? 1'000'000 : limit.rlim_cur;
    const int available = static_cast<int>(std::min<rlim_t>(files > kFilesReserved * 2 ? files - kFilesReserved : files / 2, 1'000'000));
    return configured > 0 ? std::min(configured, available) : available;
}

}  // namespace

class HttpTransport::Impl {
public:
    Impl(TransportOptions options, SSL_CTX* tls, ConnectionMetrics& metrics, RequestHandlers handlers)
        : options_(std::move(options)), handlers_(std::move(handlers)), metrics_(metrics),
          kioskPool_(static_cast<std::size_t>(std::max(1, options_.kioskThreads))),
          consolePool_(static_cast<std::size_t>(std::max(1, options_.consoleThreads))),
          admission_(options_.limits.perAddress, connectionCapacity(options_.limits.total), options_.uncappedAddresses,
                     options_.limits.newPerAddressPerSecond),
          context_{options_.limits, tls, metrics_, handlers_, kioskPool_, consolePool_, stopCalled_,
                   [this](HttpConnection* connection, const std::string& address) { forget(connection, address); }},
          acceptStrand_(asio::make_strand(io_)), acceptor_(acceptStrand_), retryAccept_(acceptStrand_),
          work_(asio::make_work_guard(io_)) {}

    ~Impl() {
        kioskPool_.join();
        consolePool_.join();
    }

    void bind() {
        boost::system::error_code error;
        const auto address = asio::ip::make_address(options_.host, error);
        if (!error) {
            const tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
            acceptor_.open(endpoint.protocol(), error);
            if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
            if (!error) acceptor_.bind(endpoint, error);
            if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
        }
        if (error) {
            throw std::runtime_error("impossible d’écouter sur " + options_.host + ":" + std::to_string(options_.port) + " (" +
                                     error.message() + " : port déjà pris, adresse inconnue ou droits insuffisants)");
        }
        port_ = acceptor_.local_endpoint().port();
    }

    int port() const { return port_; }

    void run() {
        asio::post(acceptStrand_, [this] { acceptNext(); });
        std::vector<std::thread> others;
        for (int i = 1; i < std::max(1, options_.ioThreads); ++i) others.emplace_back([this] { io_.run(); });
        io_.run();
        for (std::thread& thread : others) thread.join();
        kioskPool_.join();  // nothing left in them: every connection is gone
        consolePool_.join();
    }

    // On the acceptor's strand, so that no accept runs meanwhile; a connection
    // admitted before sees the flag in its snapshot below, one after is refused.
    void stop() {
        stopCalled_ = true;
        asio::post(acceptStrand_, [this] {
            if (stopping_) return;
            boost::system::error_code ignored;
            acceptor_.close(ignored);
            retryAccept_.cancel();
            std::vector<std::shared_ptr<HttpConnection>> open;
            bool none = false;  // read under the lock: the last connection's forget() may set stoppedWithNone_ right after
            {
                std::lock_guard lock(mutex_);
                stopping_ = true;
                for (const auto& [raw, weak] : connections_) {
                    if (auto connection = weak.lock()) open.push_back(std::move(connection));
                }
                none = stoppedWithNone_ = connections_.empty();
            }
            for (const auto& connection : open) connection->closeWhenIdle();
            if (none) work_.reset();
        });
    }

private:
    void acceptNext() {
        acceptor_.async_accept(asio::make_strand(io_), [this](const boost::system::error_code& error, tcp::socket socket) {
            if (error == asio::error::operation_aborted || stopping_) return;
            if (error) return acceptLater(error);
            admit(std::move(socket));
            acceptNext();
        });
    }

    // Out of file descriptors (or another transient error): the waiting peers
    // stay in the listen queue; trying again at once would spin.
    void acceptLater(const boost::system::error_code& error) {
        metrics_.refused(RefusalReason::Capacity);
        spdlog::warn("event=accept_failed error=\"{}\"", error.message());
        retryAccept_.expires_after(std::chrono::milliseconds(100));
        retryAccept_.async_wait([this](const boost::system::error_code& waitError) {
            if (!waitError && !stopping_) acceptNext();
        });
    }

    void admit(tcp::socket socket) {
        boost::system::error_code error;
        const tcp::endpoint peer = socket.remote_endpoint(error);
        if (error) return;
        std::string address = peer.address().is_v6() && peer.address().to_v6().is_v4_mapped()
                                  ? asio::ip::make_address_v4(asio::ip::v4_mapped, peer.address().to_v6()).to_string()
                                  : peer.address().to_string();
        const Admission admission = admission_.admit(address);
        if (admission != Admission::Admitted) {
            metrics_.refused(admission == Admission::Full                 ? RefusalReason::Capacity
                             : admission == Admission::TooFastFromAddress ? RefusalReason::Rate
                                                                          : RefusalReason::PerAddress);
            socket.close(error);
            return;
        }
        auto connection = std::make_shared<HttpConnection>(std::move(socket), std::move(address), peer.port(), context_);
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;  // the connection closes as it goes out of scope
            connections_.emplace(connection.get(), connection);
        }
        connection->startOnItsStrand();
    }

    void forget(HttpConnection* connection, const std::string& address) {
        admission_.release(address);
        std::lock_guard lock(mutex_);
        connections_.erase(connection);
        if (stopping_ && connections_.empty() && !stoppedWithNone_) {
            stoppedWithNone_ = true;
            asio::post(io_, [this] { work_.reset(); });
        }
    }

    TransportOptions options_;
    RequestHandlers handlers_;
    ConnectionMetrics& metrics_;
    // Before io_: connections still queued in it at destruction come here.
    std::atomic<bool> stopping_{false};
    std::atomic<bool> stopCalled_{false};  // context_.transportStopping
    std::mutex mutex_;
    std::map<HttpConnection*, std::weak_ptr<HttpConnection>> connections_;
    bool stoppedWithNone_ = false;  // under mutex_
    asio::thread_pool kioskPool_;
    asio::thread_pool consolePool_;
    ConnectionAdmission admission_;
    ConnectionContext context_;
    asio::io_context io_;
    asio::strand<asio::io_context::executor_type> acceptStrand_;  // the acceptor, its retry timer and stop()
    tcp::acceptor acceptor_;
    asio::steady_timer retryAccept_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    int port_ = 0;
};

HttpTransport::HttpTransport(TransportOptions options, SSL_CTX* tls, ConnectionMetrics& metrics, RequestHandlers handlers)
    : impl_(std::make_unique<Impl>(std::move(options), tls, metrics, std::move(handlers))) {}

HttpTransport::~HttpTransport() = default;

void HttpTransport::bind() { impl_->bind(); }
int HttpTransport::port() const { return impl_->port(); }
void HttpTransport::run() { impl_->run(); }
void HttpTransport::stop() { impl_->stop(); }

}  // namespace cowork::hub
