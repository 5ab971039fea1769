#pragma once
// The closed-loop ceilings' client: connections driven by a few Asio threads
// (--client-threads, 2 by default: the bench machine's cores; Boost.Beast's
// HTTP client over OpenSSL), each sending the syncs of its kiosks one after the other as fast
// as answers come. The open-loop runs keep a
// thread per connection (cpp-httplib): at a fixed rate that costs little, but
// at the ceiling 32 threads blocked on sockets took from the two shared cores a
// share the server under test needed, and the ceiling measured the client.
#include "kiosk_fleet.hpp"
#include "latency_report.hpp"
#include "load_runner.hpp"

namespace cowork::bench {

// Kiosks k ≡ c (mod connections) sync on connection c. With closeAfterSync,
// each sync on a new connection that resumes the last one's TLS session, as a
// kiosk's libcurl does (tally.handshakes and tally.resumed count them).
Tally runClosedLoop(const LoadOptions& options, Fleet& fleet);

}  // namespace cowork::bench
