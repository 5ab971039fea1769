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
