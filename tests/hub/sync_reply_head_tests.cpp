// The load generator (bench/) reads only the head of a sync's answer: it must
// read what the protocol's own decoding reads, whatever comes around it.
#include <catch2/catch.hpp>

#include "sync/protocol.hpp"
#include "sync_reply_head.hpp"

using namespace cowork;
using cowork::bench::readSyncReplyHead;

TEST_CASE("the load generator reads a sync answer's cursor, epoch and more as the protocol does", "[bench][sync]") {
    SyncResponse response;
    response.cursor = 4242;
    response.epoch = "0190aaaa-epoch";
    response.more = true;
    response.serverTimeMs = 1796634899500;
    response.acked = {"a", "b"};
    SiteAvailability site;
    site.siteId = "fleurie-boulangerie";
    site.freePlaces = 2;
    response.changes.availability = {site};
    const std::string body = toJson(response).dump();

    const auto head = readSyncReplyHead(body);
    const SyncResponse whole = decodeSyncResponse(body);
    CHECK(head.cursor == whole.cursor);
    CHECK(head.cursor == 4242);
    CHECK(head.epoch == "0190aaaa-epoch");
    CHECK(head.more);

    response.more = false;
    CHECK_FALSE(readSyncReplyHead(toJson(response).dump()).more);
}

TEST_CASE("the load generator refuses an answer that is not a sync's", "[bench][sync]") {
    CHECK_THROWS(readSyncReplyHead("{\"cursor\": 3"));
    CHECK_THROWS(readSyncReplyHead("{\"epoch\": \"e\"}"));  // no cursor
    CHECK_THROWS(readSyncReplyHead("{\"nested\": {\"cursor\": 3, \"epoch\": \"e\"}}"));  // not at the top
    CHECK_THROWS(readSyncReplyHead("<html>"));
}
