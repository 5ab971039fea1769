// The PIN lock state is one write: a power cut while it is saved leaves the
// state before or the state after, never a count reset without its lockout.
#include <catch2/catch.hpp>

#include "../core/test_support.hpp"
#include "app/pin_guard.hpp"

using namespace cowork;
using namespace cowork::kiosk;

TEST_CASE("a power cut while the PIN lock is saved keeps the tries counted before it", "[pin][crash]") {
    cowork::testing::TempDir dir;
    Store store(dir.file("kiosk.db"));
    PinStore pins(store, "fleurie-boulangerie");
    const TimeMs now = 1'780'000'000'000;
    pins.setPin("482913", now);
    for (int i = 0; i < kTriesBeforeLock - 1; ++i) REQUIRE(pins.check("000000", now) == PinCheck::Wrong);
    const PinLock before = pins.lock();
    REQUIRE(before.failures == kTriesBeforeLock - 1);

    // The fifth wrong try locks; the cut comes after the failure count is written.
    cowork::testing::failWritesTo(store.db(), "meta", "NEW.key = 'shopkeeper.pin_lockouts'");
    CHECK_THROWS(pins.check("000000", now));
    store.db().exec("DROP TRIGGER temp.power_cut_meta_INSERT; DROP TRIGGER temp.power_cut_meta_UPDATE");

    CHECK(pins.lock() == before);
    CHECK(pins.check("000000", now) == PinCheck::Locked);
}
