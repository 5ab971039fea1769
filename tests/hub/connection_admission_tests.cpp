#include <catch2/catch.hpp>

#include "http/connection_admission.hpp"

using cowork::hub::Admission;
using cowork::hub::ConnectionAdmission;

TEST_CASE("connections are capped per address and in all; a trusted proxy is capped only in all", "[transport]") {
    ConnectionAdmission admission(2, 5, {"10.0.0.1"});
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
    ConnectionAdmission admission(1, 1, {});
    admission.release("192.0.2.9");
    CHECK(admission.admit("192.0.2.7") == Admission::Admitted);
    CHECK(admission.admit("192.0.2.8") == Admission::Full);
}

// One subscriber holds a whole IPv6 /64: were each address capped alone, it
// could open connections without end.
TEST_CASE("an IPv6 address is capped with its /64, an IPv4 address alone", "[transport]") {
    ConnectionAdmission admission(2, 100, {"2001:db8:9:9::1"});
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
