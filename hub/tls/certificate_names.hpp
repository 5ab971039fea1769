#pragma once
// The names a self-signed certificate answers to, as subjectAltName entries:
// "DNS:hub.example.org", "IP:192.0.2.7", "IP:2001:db8::7" (addresses in their
// canonical text, DNS names in lower case, so that equal names compare equal).
#include <string>
#include <vector>

#include <openssl/x509.h>

namespace cowork::hub {

// What any self-signed certificate of the hub names, for kiosks on the same machine.
const std::vector<std::string>& defaultSubjectAltNames();

// The entry for a DNS name or an IP address given on the command line. Throws
// std::invalid_argument, in French, for anything else.
std::string subjectAltNameFor(const std::string& hostname);

// The DNS and IP entries of the certificate's subjectAltName extension.
std::vector<std::string> subjectAltNamesOf(const X509* certificate);

}  // namespace cowork::hub
