#include <catch2/catch.hpp>

#include "platform/touch_input.hpp"

using namespace cowork::platform;
using Kind = PointerEvent::Kind;

TEST_CASE("a quick tap whose press and release arrive together is shown as a press frame then a release frame", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 100, 200, 1000});
    touch.feed({Kind::Up, 100, 200, 1010});

    const PointerFrame press = touch.nextFrame(1016);
    CHECK(press.present);
    CHECK(press.down);
    CHECK(press.x == 100);
    CHECK(press.y == 200);

    const PointerFrame release = touch.nextFrame(1032);
    CHECK(release.present);  // the release position is held for this frame
    CHECK_FALSE(release.down);
    CHECK(release.x == 100);
    CHECK(release.y == 200);
    CHECK_FALSE(release.cancelPress);

    const PointerFrame after = touch.nextFrame(1048);
    CHECK_FALSE(after.present);  // then the pointer leaves: no hover lingers
    CHECK_FALSE(touch.wantsFrames());
}

TEST_CASE("two taps queued in one frame are played one transition per frame", "[touch]") {
    TouchInput touch;
    for (float x : {10.0f, 300.0f}) {
        touch.feed({Kind::Down, x, 50, 0});
        touch.feed({Kind::Up, x, 50, 5});
    }
    const bool expectedDown[] = {true, false, true, false};
    const float expectedX[] = {10, 10, 300, 300};
    for (int i = 0; i < 4; ++i) {
        const PointerFrame frame = touch.nextFrame(16 * (i + 1));
        CHECK(frame.down == expectedDown[i]);
        CHECK(frame.x == expectedX[i]);
    }
}

TEST_CASE("a finger wobbling less than the threshold still taps", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 100, 100, 0});
    touch.feed({Kind::Move, 104, 103, 8});
    const PointerFrame frame = touch.nextFrame(16);
    CHECK(frame.down);
    CHECK_FALSE(frame.cancelPress);
    CHECK(frame.scrollY == 0);
    CHECK_FALSE(touch.dragging());
}

TEST_CASE("a drag past the threshold cancels the press once and scrolls with the finger", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 100, 300, 0});
    CHECK(touch.nextFrame(16).down);

    touch.feed({Kind::Move, 100, 280, 32});  // 20 px up: past the 12 px threshold
    const PointerFrame start = touch.nextFrame(33);
    CHECK(start.cancelPress);
    CHECK(start.scrollY == Approx(20));  // content follows the finger up
    CHECK(touch.dragging());

    touch.feed({Kind::Move, 100, 250, 48});
    const PointerFrame more = touch.nextFrame(49);
    CHECK_FALSE(more.cancelPress);  // cancelled once
    CHECK(more.scrollY == Approx(30));

    touch.feed({Kind::Move, 100, 270, 64});  // back down: content scrolls back
    CHECK(touch.nextFrame(65).scrollY == Approx(-20));
}

TEST_CASE("a fling keeps scrolling after the finger lifts, slows down, and stops", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 100, 400, 0});
    touch.nextFrame(1);
    for (int i = 1; i <= 5; ++i) touch.feed({Kind::Move, 100, 400.0f - 30.0f * static_cast<float>(i), i * 16});
    touch.feed({Kind::Up, 100, 250, 80});
    touch.nextFrame(81);
    CHECK(touch.wantsFrames());

    float previous = 1e9f;
    float total = 0;
    int frames = 0;
    for (long long t = 97; touch.wantsFrames() && frames < 1000; t += 16, ++frames) {
        const PointerFrame frame = touch.nextFrame(t);
        CHECK(frame.scrollY >= 0);
        CHECK(frame.scrollY <= previous + 0.01f);  // decays
        previous = frame.scrollY;
        total += frame.scrollY;
    }
    CHECK(frames > 10);     // glides for a while
    CHECK(frames < 1000);   // and stops
    CHECK(total > 100);     // a real distance at ~1,900 px/s
}

TEST_CASE("a touch stops a glide, and a finger that stopped before lifting does not fling", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 100, 400, 0});
    touch.nextFrame(1);
    touch.feed({Kind::Move, 100, 300, 16});
    touch.feed({Kind::Move, 100, 200, 32});
    touch.nextFrame(33);
    touch.feed({Kind::Up, 100, 200, 300});  // held still for 268 ms, then lifted
    touch.nextFrame(301);
    touch.nextFrame(317);
    CHECK_FALSE(touch.wantsFrames());

    touch.feed({Kind::Down, 100, 400, 400});
    touch.nextFrame(401);
    touch.feed({Kind::Move, 100, 300, 416});
    touch.feed({Kind::Up, 100, 300, 420});
    touch.nextFrame(421);
    CHECK(touch.wantsFrames());  // gliding
    touch.feed({Kind::Down, 50, 50, 430});
    const PointerFrame stop = touch.nextFrame(431);
    CHECK(stop.scrollY == 0);
    CHECK(stop.down);
}

TEST_CASE("a held press reports how long it has lasted", "[touch]") {
    TouchInput touch;
    touch.feed({Kind::Down, 5, 5, 1000});
    CHECK(touch.nextFrame(1000).heldMs == 0);
    CHECK(touch.nextFrame(2500).heldMs == 1500);
    CHECK(touch.wantsFrames());
    touch.feed({Kind::Up, 5, 5, 3000});
    CHECK(touch.nextFrame(3001).heldMs == 0);
}
