#pragma once
#include <string>

namespace cowork::hub {

// Run by root (`sudo cowork-hub enroll-code …`) on a data directory another
// user owns, as the Debian package's /var/lib/cowork-hub is cowork-hub's: the
// command becomes that user and group before touching anything, so that what
// it creates (the database's journal, the TLS identity) stays readable and
// writable by the service. Run by anyone else, or on a directory root owns or
// that does not exist yet, it changes nothing. Throws std::runtime_error, in
// French, when the switch fails.
void actAsOwnerOf(const std::string& dataDir);

}  // namespace cowork::hub
