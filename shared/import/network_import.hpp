#pragma once
// Turns a network file into the events that make a store match it: a site,
// place or the list of communes is written only when it is new or differs from
// what the store holds, so importing the same file twice changes nothing the
// second time.
#include "import/network_file.hpp"
#include "store/store.hpp"

namespace cowork {

struct NetworkImportReport {
    int sitesAdded = 0;
    int sitesUpdated = 0;
    int placesAdded = 0;
    int placesUpdated = 0;
    bool communesChanged = false;  // sign-up's list of communes
    bool changedAnything() const { return sitesAdded + sitesUpdated + placesAdded + placesUpdated > 0 || communesChanged; }
};

// The events needed, without recording them.
std::vector<Event> eventsToMatchNetwork(Store& store, const NetworkFile& network, TimeMs nowMs,
                                        NetworkImportReport& report);
// Records them as one action (one transaction) and reports what changed.
NetworkImportReport importNetwork(Store& store, const NetworkFile& network, TimeMs nowMs);

}  // namespace cowork
