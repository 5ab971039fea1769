#pragma once
#include <string>
#include <string_view>

namespace cowork::hub {

// A plain address "local@domain" that can go into an SMTP envelope and a header
// as is: ASCII only (accented addresses need SMTPUTF8, which relays do not all
// offer), no spaces, control characters, angle brackets, commas or quotes, one
// '@' with something on both sides and a dot in the domain. Deliberately
// stricter than RFC 5321: an address that fails is one the coordinator
// should check anyway.
bool isPlainMailAddress(std::string_view text);

// "example.org" for "hub@example.org".
std::string domainOf(std::string_view address);

}  // namespace cowork::hub
