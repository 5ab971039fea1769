#include "http/http_connection.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>

#include <sys/socket.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <httplib.h>
#include <openssl/err.h>

#include "http/http_exchange.hpp"

namespace cowork::hub {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// Read in steps of one TLS record at most; copied into the connection's buffer
// only as far as it goes, so that an idle connection holds no buffer.
constexpr std::size_t kReadStep = 16 * 1024;
const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// How long and how much a closing connection reads and drops (closeGracefully).
constexpr std::chrono::milliseconds kDrainTime{2000};
constexpr std::size_t kDrainBytes = 4 * 1024 * 1024;

bool expectsContinue(const BeastRequest& message) {
    const auto expect = message.find(http::field::expect);
    return expect != message.end() && boost::beast::iequals(expect->value(), "100-continue");
}

}  // namespace

HttpConnection::HttpConnection(tcp::socket socket, std::string address, int port, ConnectionContext& context)
    : socket_(std::move(socket)), deadline_(socket_.get_executor()), address_(std::move(address)), port_(port),
      context_(context) {
    context_.metrics.opened();
}

HttpConnection::~HttpConnection() {
    if (ssl_) SSL_free(ssl_);
    context_.metrics.closed();
    context_.closed(this, address_);
}

void HttpConnection::startOnItsStrand() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->start(); });
}

void HttpConnection::start() {
    boost::system::error_code ignored;
    socket_.non_blocking(true, ignored);
    socket_.set_option(tcp::no_delay(true), ignored);  // else each kept-alive answer waits ~40 ms (Nagle)
    if (!context_.tls) return beginRequest();
    ssl_ = SSL_new(context_.tls);
    if (!ssl_ || SSL_set_fd(ssl_, socket_.native_handle()) != 1) return close();
    // Buffers freed whenever a connection has nothing in flight; moving and
    // partial writes because a write resumes from a string that may have moved.
    SSL_set_mode(ssl_, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    enter(Stage::Handshake, context_.limits.handshake);
    continueHandshake();
}

void HttpConnection::closeWhenIdle() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
        self->stopping_ = true;
        if (self->stage_ != Stage::Handling && self->stage_ != Stage::Writing) self->close();
    });
}

void HttpConnection::continueHandshake() {
    ERR_clear_error();
    const int result = SSL_accept(ssl_);
    if (result == 1) return beginRequest();
    switch (SSL_get_error(ssl_, result)) {
        case SSL_ERROR_WANT_READ: return waitFor(Io::WaitRead, &HttpConnection::continueHandshake);
        case SSL_ERROR_WANT_WRITE: return waitFor(Io::WaitWrite, &HttpConnection::continueHandshake);
        default: return close();  // not TLS, or a suite or version the hub refuses: nothing to answer
    }
}

// The first request is due at once after the handshake; later ones may wait
// the idle time, then have the header deadline from their first byte.
void HttpConnection::beginRequest() {
    if (stopping_) return closeGracefully();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.limits.headerBytes));
    parser_->body_limit(context_.limits.bodyBytes);
    parser_->eager(false);  // stop after the headers, to check them before the body (headersAccepted)
    if (firstRequest_ || in_.size() > 0) {
        enter(Stage::Headers, context_.limits.headers);
    } else {
        enter(Stage::Idle, context_.limits.idle);
    }
    firstRequest_ = false;
    continueReading();
}

void HttpConnection::continueReading() {
    for (;;) {
        if (in_.size() > 0 && !parseBuffered()) return;
        // What the parser could not take yet: a header, a chunk's size line or a
        // trailer still incomplete. Beast bounds the headers only; the others
        // are bounded here, else a peer could fill the memory within the body's deadline.
        if (in_.size() > context_.limits.headerBytes) return refuse(stage_ == Stage::Body ? 400 : 431);
        const Io io = readAvailable();
        if (io == Io::Done) continue;
        if (io == Io::End) return close();
        if (in_.size() == 0) in_.shrink_to_fit();
        // A TLS record begun but not finished is a request begun: the header
        // deadline, not the idle time, else a few bytes now and then would hold
        // the connection and its read buffer for the whole idle time.
        if (stage_ == Stage::Idle && ssl_ && SSL_has_pending(ssl_)) enter(Stage::Headers, context_.limits.headers);
        return waitFor(io, &HttpConnection::continueReading);
    }
}

bool HttpConnection::parseBuffered() {
    if (stage_ == Stage::Idle) enter(Stage::Headers, context_.limits.headers);
    while (in_.size() > 0 && !parser_->is_done()) {
        boost::system::error_code error;
        const std::size_t used = parser_->put(in_.data(), error);
        in_.consume(used);
        if (error == http::error::need_more) break;
        if (error == http::error::header_limit) return refuse(431), false;
        if (error == http::error::body_limit) return refuse(413), false;
        if (error) return refuse(400), false;
        if (stage_ == Stage::Headers && parser_->is_header_done() && !headersAccepted()) return false;
    }
    if (!parser_->is_done()) return true;
    startAnswering();
    return false;
}

// Checked once the headers are in, before waiting for the body.
bool HttpConnection::headersAccepted() {
    const BeastRequest& message = parser_->get();
    headerFields_ = static_cast<std::size_t>(std::distance(message.begin(), message.end()));
    if (headerFields_ > context_.limits.headerFields) {
        refuse(431);
        return false;
    }
    // A body framed otherwise than by chunks or a length: the hub and a proxy in
    // front of it could disagree on where the next request starts (RFC 9112, 6.3).
    if (message.find(http::field::transfer_encoding) != message.end() && !parser_->chunked()) {
        refuse(400);
        return false;
    }
    parser_->eager(true);  // the body as it comes, whole chunks and trailer included
    if (parser_->is_done()) return true;
    // libcurl asks before sending a large body; without an answer it waits a second.
    if (message.version() >= 11 && expectsContinue(message) && !sendInterim(kContinue)) {
        close();
        return false;
    }
    enter(Stage::Body, context_.limits.body);
    return true;
}

void HttpConnection::startAnswering() {
    // Beast adds a chunked body's trailer to the headers: the routes would take
    // its fields for headers (Authorization, X-Forwarded-For). No client of the
    // hub sends one.
    if (static_cast<std::size_t>(std::distance(parser_->get().begin(), parser_->get().end())) != headerFields_) {
        return refuse(400);
    }
    enter(Stage::Handling);
    BeastRequest message = parser_->release();
    parser_.reset();
    // HTTP/1.0 keep-alive would need a header of its own in the answer: not worth it, no client of the hub speaks 1.0.
    keepAlive_ = message.version() >= 11 && message.keep_alive();
    if (in_.size() == 0) in_.shrink_to_fit();
    auto request = std::make_shared<httplib::Request>(toRouteRequest(std::move(message), address_, port_));
    auto& pool = context_.handlers.laneOf(request->path) == Lane::Kiosk ? context_.kioskPool : context_.consolePool;
    asio::post(pool, [self = shared_from_this(), request, asked = keepAlive_] {
        httplib::Response res;
        self->context_.handlers.answer(*request, res);
        const bool keepAlive = asked && !self->stopping_ && !self->context_.transportStopping && !boost::beast::iequals(res.get_header_value("Connection"), "close");
        std::string bytes = wireResponse(res, request->method == "HEAD", keepAlive);
        asio::post(self->socket_.get_executor(), [self, bytes = std::move(bytes), keepAlive]() mutable {
            self->startWriting(std::move(bytes), keepAlive);
        });
    });
}

void HttpConnection::refuse(int status) {
    httplib::Response res;
    context_.handlers.refuse(status, res);
    parser_.reset();
    in_.clear();
    enter(Stage::Handling);
    startWriting(wireResponse(res, false, false), false);
}

void HttpConnection::startWriting(std::string bytes, bool keepAlive) {
    if (stage_ == Stage::Closed) return;
    out_ = std::move(bytes);
    written_ = 0;
    keepAlive_ = keepAlive;
    enter(Stage::Writing, context_.limits.write);
    continueWriting();
}

void HttpConnection::continueWriting() {
    const Io io = writePending();
    if (io == Io::Done) return finishAnswer();
    if (io == Io::End) return close();
    waitFor(io, &HttpConnection::continueWriting);
}

void HttpConnection::finishAnswer() {
    out_ = std::string();  // freed: an idle connection keeps no answer
    written_ = 0;
    if (!keepAlive_ || stopping_) return closeGracefully();
    beginRequest();
}

// What a failed SSL_read_ex or SSL_write_ex asks for: the socket's readiness, or the end.
HttpConnection::Io HttpConnection::sslWaitOrEnd(int result) const {
    switch (SSL_get_error(ssl_, result)) {
        case SSL_ERROR_WANT_READ: return Io::WaitRead;
        case SSL_ERROR_WANT_WRITE: return Io::WaitWrite;
        default: return Io::End;
    }
}

// Reads what the socket has into in_, once. Done: something was read.
HttpConnection::Io HttpConnection::readAvailable() {
    std::array<char, kReadStep> step;
    std::size_t got = 0;
    if (ssl_) {
        ERR_clear_error();
        const int result = SSL_read_ex(ssl_, step.data(), step.size(), &got);
        if (result != 1) return sslWaitOrEnd(result);
    } else {
        for (;;) {
            const ssize_t result = ::recv(socket_.native_handle(), step.data(), step.size(), 0);
            if (result > 0) {
                got = static_cast<std::size_t>(result);
                break;
            }
            if (result < 0 && errno == EINTR) continue;
            if (result < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Io::WaitRead;
            return Io::End;
        }
    }
    const auto space = in_.prepare(got);
    std::memcpy(space.data(), step.data(), got);
    in_.commit(got);
    return Io::Done;
}

// Writes out_ from written_ on, as far as the socket takes it.
HttpConnection::Io HttpConnection::writePending() {
    while (written_ < out_.size()) {
        std::size_t sent = 0;
        if (ssl_) {
            ERR_clear_error();
            const int result = SSL_write_ex(ssl_, out_.data() + written_, out_.size() - written_, &sent);
            if (result != 1) return sslWaitOrEnd(result);
        } else {
            const ssize_t result = ::send(socket_.native_handle(), out_.data() + written_, out_.size() - written_, MSG_NOSIGNAL);
            if (result < 0 && errno == EINTR) continue;
            if (result < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Io::WaitWrite;
            if (result <= 0) return Io::End;
            sent = static_cast<std::size_t>(result);
        }
        written_ += sent;
    }
    return Io::Done;
}

// A few bytes sent between reads ("100 Continue"): the socket is idle then, so
// they go at once; if they cannot, the connection is given up.
bool HttpConnection::sendInterim(const std::string& bytes) {
    std::string saved = std::move(out_);
    const std::size_t savedWritten = written_;
    out_ = bytes;
    written_ = 0;
    const bool sent = writePending() == Io::Done;
    out_ = std::move(saved);
    written_ = savedWritten;
    return sent;
}

void HttpConnection::waitFor(Io readiness, Step next) {
    const auto type = readiness == Io::WaitWrite ? tcp::socket::wait_write : tcp::socket::wait_read;
    socket_.async_wait(type, [self = shared_from_this(), next](const boost::system::error_code& error) {
        if (error || self->stage_ == Stage::Closed) return;
        ((*self).*next)();
    });
}

void HttpConnection::enter(Stage stage, std::chrono::milliseconds deadline) {
    stage_ = stage;
    const std::uint64_t generation = ++deadlineGeneration_;
    deadline_.expires_after(deadline);
    deadline_.async_wait([self = shared_from_this(), generation](const boost::system::error_code& error) {
        if (error || generation != self->deadlineGeneration_ || self->stage_ == Stage::Closed) return;
        self->deadlinePassed();
    });
}

void HttpConnection::enter(Stage stage) {
    stage_ = stage;
    ++deadlineGeneration_;
    deadline_.cancel();
}

void HttpConnection::deadlinePassed() {
    switch (stage_) {
        case Stage::Handshake: context_.metrics.slowPeerDropped(SlowStage::Handshake); break;
        case Stage::Headers: context_.metrics.slowPeerDropped(SlowStage::Headers); break;
        case Stage::Body: context_.metrics.slowPeerDropped(SlowStage::Body); break;
        case Stage::Writing: context_.metrics.slowPeerDropped(SlowStage::Write); break;
        case Stage::Idle: context_.metrics.idleClosed(); break;
        case Stage::Draining: break;
        case Stage::Handling:
        case Stage::Closed: return;
    }
    close();
}

// After a last answer: TLS's close_notify, then no more sending. What the peer
// still sends (the rest of a body refused as too large) is read and dropped for
// a moment: closing with unread bytes would reset the connection, and the peer
// could lose the answer before reading it.
void HttpConnection::closeGracefully() {
    if (stage_ == Stage::Closed || stage_ == Stage::Draining) return;
    if (ssl_) {
        ERR_clear_error();
        SSL_shutdown(ssl_);
    }
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    parser_.reset();
    in_ = boost::beast::flat_buffer();
    enter(Stage::Draining, kDrainTime);
    drain();
}

void HttpConnection::drain() {
    std::array<char, kReadStep> discarded;
    while (drained_ < kDrainBytes) {
        const ssize_t got = ::recv(socket_.native_handle(), discarded.data(), discarded.size(), 0);
        if (got > 0) {
            drained_ += static_cast<std::size_t>(got);
            continue;
        }
        if (got < 0 && errno == EINTR) continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return waitFor(Io::WaitRead, &HttpConnection::drain);
        break;  // the peer closed too
    }
    close();
}

// Pending waits end with operation_aborted and let go of the connection; the
// last of them destroys it.
void HttpConnection::close() {
    if (stage_ == Stage::Closed) return;
    stage_ = Stage::Closed;
    ++deadlineGeneration_;
    deadline_.cancel();
    parser_.reset();
    boost::system::error_code ignored;
    socket_.close(ignored);
}

}  // namespace cowork::hub
