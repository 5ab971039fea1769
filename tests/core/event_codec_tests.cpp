#include <catch2/catch.hpp>

#include "domain/member_code.hpp"
#include "events/event_codec.hpp"
#include "store/store.hpp"
#include "test_support.hpp"

using namespace cowork;

namespace {

constexpr TimeMs kNow = 1'780'000'000'000;
const std::string kTypedCode = std::string("K7M4X") + memberCodeCheckCharacter("K7M4X");

std::vector<EventPayload> oneOfEachKind() {
    const std::string visit = newUuid7(kNow);
    return {
        SiteConfigured{cowork::testing::sampleSite()},
        SiteOverrideSet{"fleurie-boulangerie", SiteOverride::ClosedNow, "Inventaire"},
        PlaceConfigured{"fleurie-boulangerie/1", "fleurie-boulangerie", "Table fenêtre"},
        PlaceServiceChanged{"fleurie-boulangerie/1", false, "Chaise cassée"},
        MemberRegistered{cowork::testing::sampleMember("m-1", "K7M4QX")},
        VisitStarted{visit, "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow},
        VisitEnded{visit, kNow + 3'600'000, VisitEnd::AtClosing},
        MessageSent{{newUuid7(kNow), "fleurie-boulangerie", "Élodie", "", "Où est la clé ?", kNow, DeliveryState::Pending}},
        MessageStateChanged{"msg-1", DeliveryState::Delivered},
        AnnouncementPublished{{"a-1", "fleurie-boulangerie", "Atelier « numérique » jeudi", {2026, 3, 1}, {2026, 3, 31}}},
        AnnouncementWithdrawn{"a-1"},
        DeviceRegistered{{"d-1", "fleurie-boulangerie", "Comptoir", "0.1.0", kNow, false}},
        DeviceRevoked{"d-1"},
        ShopkeeperPinSet{"fleurie-boulangerie", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"},
        MemberForgotten{"m-1"},
        VisitMemberResolved{visit, "fleurie-boulangerie", std::string("m-1"), kTypedCode},
        NetworkCommunesSet{{"Fleurie", "Émeringes", "Saint-Étienne-la-Varenne"}},
        MemberCorrected{"m-1", "fleurie-boulangerie", "Zoë", std::string("zoe@example.org"), std::nullopt, std::nullopt,
                        std::string("Hors du territoire")},
        MessageRedacted{"msg-1"},
        AnimatorSet{"m-1", {"fleurie-boulangerie", "beaujeu-tiers-lieu"}},
        AnimationStarted{visit, "fleurie-boulangerie", "m-1", kNow},
        AnimationEnded{visit, kNow + 3'600'000, AnimationEnd::ByAnimator},
        AnimationCorrected{visit, kNow, kNow + 7'200'000},
    };
}

}  // namespace

TEST_CASE("every event kind survives a JSON round trip", "[events]") {
    cowork::testing::TempDir dir;
    Store store(dir.file("s.db"));
    const auto payloads = oneOfEachKind();
    REQUIRE(payloads.size() == std::variant_size_v<EventPayload>);
    for (const EventPayload& payload : payloads) {
        const Event event = store.makeEvent(payload, kNow);
        const Json json = parseJson(encodeEvent(event).dump());
        const Event decoded = decodeEvent(JsonObject(json, ""));
        INFO(event.kind());
        CHECK(decoded.kind() == event.kind());
        CHECK(canonicalEventText(decoded) == canonicalEventText(event));
        CHECK(decoded.stamp == event.stamp);
    }
}

TEST_CASE("a bad event is refused with the field it got wrong", "[events]") {
    const Json good = {{"id", "01890a5d-ac96-774b-bcce-b302099a8057"},
                       {"origin", "kiosk-1"},
                       {"stamp", 123},
                       {"kind", "visit.ended"},
                       {"payload", {{"visit_id", "01890a5d-ac96-774b-bcce-b302099a8057"}, {"at", 5}, {"how", "member"}}}};
    REQUIRE_NOTHROW(decodeEvent(JsonObject(good, "events[0]")));

    struct Case {
        const char* pointer;
        Json value;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"/id", "not-a-uuid", "events[0].id"},
        {"/stamp", "soon", "events[0].stamp"},
        {"/stamp", -4, "events[0].stamp"},
        {"/kind", "visit.teleported", "events[0].kind"},
        {"/payload/how", "by-magic", "events[0].payload.how"},
        {"/payload/at", 1.5, "events[0].payload.at"},
        {"/payload/visit_id", nullptr, "events[0].payload.visit_id"},
    };
    for (const Case& c : cases) {
        Json bad = good;
        bad[Json::json_pointer(c.pointer)] = c.value;
        INFO(bad.dump());
        try {
            decodeEvent(JsonObject(bad, "events[0]"));
            FAIL("accepted");
        } catch (const InputError& e) {
            CHECK(e.field() == c.field);
        }
    }
}

TEST_CASE("the site an event writes to is known for every site-bound kind", "[events]") {
    CHECK(siteWrittenBy(VisitStarted{"v", "s-1", "p", std::nullopt, 0}) == "s-1");
    CHECK(siteWrittenBy(SiteConfigured{cowork::testing::sampleSite("s-2")}) == "s-2");
    CHECK(siteWrittenBy(PlaceConfigured{"p", "s-3", "x"}) == "s-3");
    CHECK_FALSE(siteWrittenBy(DeviceRevoked{"d"}).has_value());
}

TEST_CASE("a visit carries either a member or a code typed offline, and only a valid code", "[events][sync]") {
    cowork::testing::TempDir dir;
    Store store(dir.file("s.db"));
    const Event provisional = store.makeEvent(
        VisitStarted{newUuid7(kNow), "fleurie-boulangerie", "fleurie-boulangerie/1", std::nullopt, kNow, kTypedCode}, kNow);
    const Json json = parseJson(encodeEvent(provisional).dump());
    CHECK(json["payload"]["member_code"] == kTypedCode);
    CHECK(canonicalEventText(decodeEvent(JsonObject(json, ""))) == canonicalEventText(provisional));

    // Without a code the text is what it was before codes could be provisional.
    const Event plain = store.makeEvent(VisitStarted{newUuid7(kNow), "s", "p", std::nullopt, kNow}, kNow);
    CHECK_FALSE(parseJson(encodeEvent(plain).dump())["payload"].contains("member_code"));

    const std::vector<std::pair<const char*, Json>> bad = {{"/payload/member_code", "K7M4QA"},
                                                          {"/payload/member_id", "m-1"}};
    for (const auto& [pointer, value] : bad) {
        Json changed = json;
        changed[Json::json_pointer(pointer)] = value;
        INFO(changed.dump());
        try {
            decodeEvent(JsonObject(changed, "events[0]"));
            FAIL("accepted");
        } catch (const InputError& e) {
            CHECK(e.field() == "events[0].payload.member_code");
        }
    }
}

TEST_CASE("only a redacted message may be empty, and a redacted one holds nothing", "[events][messages]") {
    const auto decodes = [](const std::string& message) {
        const Json json = parseJson(R"({"message": )" + message + "}");
        return decodePayload("message.sent", JsonObject(json, "payload"));
    };
    const EventPayload redacted = decodes(
        R"({"id": "msg-1", "site_id": "s", "from_name": "", "contact": "", "text": "", "created_at": 1, "redacted": true})");
    CHECK(isRedacted(std::get<MessageSent>(redacted).message));
    CHECK(encodePayload(redacted)["message"]["redacted"] == true);
    CHECK_THROWS_AS(decodes(R"({"id": "msg-1", "site_id": "s", "text": "", "created_at": 1})"), InputError);
    CHECK_THROWS_AS(decodes(R"({"id": "msg-1", "site_id": "s", "text": "Bonjour", "created_at": 1, "redacted": true})"),
                    InputError);
    // A message as kiosks always wrote it keeps its canonical text: no "redacted" key.
    CHECK_FALSE(encodePayload(decodes(R"({"id": "msg-1", "site_id": "s", "text": "Bonjour", "created_at": 1})"))["message"]
                    .contains("redacted"));
}
