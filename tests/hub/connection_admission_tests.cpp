#include <catch2/catch.hpp>

#include "http/connection_admission.hpp"

#include <chrono>
#include <string>

using cowork::hub::Admission;
using cowork::hub::ConnectionAdmission;
using namespace std::chrono_literals;

namespace {

constexpr double kAnyRate = 1e9;  // new connections a second: no limit that matters

}  // namespace

TEST_CASE("connections are capped per address and in all; a trusted proxy is capped only in all", "[transport]") {
    ConnectionAdmission admission(2, 5, {"10.0.0.1"}, kAnyRate);
    CHECK(admission.admit("192.0.2.7") == Admission::Admitted);
    CHECK(admission.admit("192.0.2.7") == Admission::Admitted);
    CHECK(admission.admit("192.0.2.7") == Admission::TooManyFromAddress);
    admission.release("192.0.2.7");
    CHECK(admission.admit("192.0.2.7") == Admission::Admitted);
    CHECK(admission.admit("10.0.0.1") == Admission::Admitted);
    CHECK(admission.admit("10.0.0.1") == Admission::Admitted);
    CHECK(admission.admit("10.0.0.1") == Admission::Admitted);
    CHECK(admission.admit("198.51.100.1") == Admission::Full);
    admission.release("10.0.0.1");
    CHECK(admission.admit("198.51.100.1") == Admission::Admitted);
}

TEST_CASE("releasing an address never admitted changes nothing", "[transport]") {
    ConnectionAdmission admission(1, 1, {}, kAnyRate);
    admission.release("192.0.2.9");
    CHECK(admission.admit("192.0.2.7") == Admission::Admitted);
    CHECK(admission.admit("192.0.2.8") == Admission::Full);
}

// One subscriber holds a whole IPv6 /64: were each address capped alone, it
// could open connections without end.
TEST_CASE("an IPv6 address is capped with its /64, an IPv4 address alone", "[transport]") {
    ConnectionAdmission admission(2, 100, {"2001:db8:9:9::1"}, kAnyRate);
    CHECK(admission.admit("2001:db8:1:2::a") == Admission::Admitted);
    CHECK(admission.admit("2001:db8:1:2::b") == Admission::Admitted);
    CHECK(admission.admit("2001:db8:1:2:ffff:ffff:ffff:ffff") == Admission::TooManyFromAddress);
    CHECK(admission.admit("2001:db8:1:3::a") == Admission::Admitted);  // another /64
    admission.release("2001:db8:1:2::a");
    CHECK(admission.admit("2001:db8:1:2::c") == Admission::Admitted);
    for (const char* address : {"192.0.2.7", "192.0.2.7", "192.0.2.8", "192.0.2.8", "::ffff:192.0.2.9", "::ffff:192.0.2.10"}) {
        INFO(address);
        CHECK(admission.admit(address) == Admission::Admitted);
    }
    // A trusted proxy is counted alone: its connections leave its /64 neighbours theirs.
    for (int i = 0; i < 3; ++i) CHECK(admission.admit("2001:db8:9:9::1") == Admission::Admitted);
    CHECK(admission.admit("2001:db8:9:9::2") == Admission::Admitted);
}

// Each new connection costs a TLS handshake on the threads that answer kiosks:
// one client that connects and hangs up in a loop never holds many open, yet
// would keep them busy.
TEST_CASE("new connections from one address are limited in rate, after a burst; a trusted proxy is not", "[transport]") {
    const auto start = std::chrono::steady_clock::now();
    ConnectionAdmission admission(2, 1000, {"10.0.0.1"}, 10);  // bursts of 4 × 2, then 10 a second
    for (int i = 0; i < 8; ++i) {
        REQUIRE(admission.admit("192.0.2.7", start) == Admission::Admitted);
        admission.release("192.0.2.7");  // hung up at once: never two open
    }
    CHECK(admission.admit("192.0.2.7", start) == Admission::TooFastFromAddress);
    CHECK(admission.admit("192.0.2.8", start) == Admission::Admitted);  // another address has its own
    CHECK(admission.admit("192.0.2.7", start + 50ms) == Admission::TooFastFromAddress);
    CHECK(admission.admit("192.0.2.7", start + 110ms) == Admission::Admitted);  // a tenth of a second later
    CHECK(admission.admit("192.0.2.7", start + 120ms) == Admission::TooFastFromAddress);
    admission.release("192.0.2.7");
    for (int i = 0; i < 50; ++i) CHECK(admission.admit("10.0.0.1", start) == Admission::Admitted);
}

TEST_CASE("connections refused for the cap on open ones leave the address's allowance of new ones", "[transport]") {
    const auto start = std::chrono::steady_clock::now();
    ConnectionAdmission admission(2, 1000, {}, 1);  // bursts of 8, then 1 a second
    REQUIRE(admission.admit("192.0.2.7", start) == Admission::Admitted);
    REQUIRE(admission.admit("192.0.2.7", start) == Admission::Admitted);
    for (int i = 0; i < 20; ++i) REQUIRE(admission.admit("192.0.2.7", start) == Admission::TooManyFromAddress);
    admission.release("192.0.2.7");
    CHECK(admission.admit("192.0.2.7", start) == Admission::Admitted);
}

TEST_CASE("the addresses counted for their rate are forgotten once their allowance is full again", "[transport]") {
    const auto start = std::chrono::steady_clock::now();
    ConnectionAdmission admission(2, 100'000, {}, 10);
    for (int i = 0; i < 5000; ++i) {
        const std::string address = "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250);
        REQUIRE(admission.admit(address, start) == Admission::Admitted);
        admission.release(address);
    }
    CHECK(admission.addressesTracked() == 5000);  // each still refilling: a sweep kept them all
    // Two seconds later each is full again (one arrival back in a tenth of a
    // second): the next sweep, within 4,096 admissions, forgets them.
    for (int i = 0; i < 4096; ++i) admission.admit("192.0.2.1", start + 2s);
    CHECK(admission.addressesTracked() == 1);
}
