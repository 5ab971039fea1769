// Kiosk messages emailed to animators: through a local SMTP sink started by each
// test, with the worker driven round by round on a clock the test moves, and
// once with the real cowork-hub binary (credentials, SIGTERM, restart).
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include <sodium.h>

#include "domain/paris_time.hpp"
#include "hub_test_support.hpp"
#include "mail/animator_mail.hpp"
#include "mail/curl_smtp_transport.hpp"
#include "mail/mail_worker.hpp"
#include "mail/retry_backoff.hpp"
#include "smtp_sink.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSender = "hub@ccsb.example.org";
constexpr const char* kFleurie = "fleurie-boulangerie";
constexpr const char* kLea = "lea.animation@example.org";

// ---- reading what the sink received --------------------------------------

std::string base64Decode(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                              nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0);
    out.resize(length);
    return out;
}

std::string headerBlock(const std::string& data) { return data.substr(0, data.find("\r\n\r\n") + 2); }
std::string bodyOf(const std::string& data) { return data.substr(data.find("\r\n\r\n") + 4); }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t start = 0, end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
        out.push_back(text.substr(start, end - start));
    }
    return out;
}

// RFC 2047: each encoded word decoded, the white space between two of them dropped.
std::string decodeWords(const std::string& value) {
    static const std::regex word(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
    std::string out;
    std::size_t last = 0;
    bool previousWasWord = false;
    for (auto it = std::sregex_iterator(value.begin(), value.end(), word); it != std::sregex_iterator(); ++it) {
        const std::string between = value.substr(last, static_cast<std::size_t>(it->position()) - last);
        if (!(previousWasWord && between.find_first_not_of(" \t") == std::string::npos)) out += between;
        out += base64Decode((*it)[1]);
        last = static_cast<std::size_t>(it->position() + it->length());
        previousWasWord = true;
    }
    return out + value.substr(last);
}

// A header's value, unfolded and decoded; "" when absent.
std::string header(const std::string& data, const std::string& name) {
    std::string unfolded = std::regex_replace(headerBlock(data), std::regex("\r\n[ \t]"), " ");
    for (const std::string& line : lines(unfolded)) {
        if (line.rfind(name + ": ", 0) == 0) return decodeWords(line.substr(name.size() + 2));
    }
    return "";
}

// ---- the kiosk's side ------------------------------------------------------

Event messageEvent(FakeKiosk& kiosk, const std::string& text, TimeMs createdAt, const std::string& fromName = "Zoé",
                   const std::string& contact = "zoe@example.org") {
    const TimeMs now = systemNowMs();
    return kiosk.event(MessageSent{{newUuid7(now), kiosk.siteId(), fromName, contact, text, createdAt, DeliveryState::Pending}});
}

const std::string& messageIdOf(const Event& event) { return std::get<MessageSent>(event.payload).message.id; }

SyncResponse sync(RunningHub& hub, FakeKiosk& kiosk, const std::vector<Event>& events, std::int64_t cursor) {
    const Reply reply = hub.post("/api/v1/sync", kiosk.syncBody(events, cursor), kiosk.token());
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    return decodeSyncResponse(reply.body);
}

using StateChange = std::pair<std::string, DeliveryState>;

std::vector<StateChange> deliveryChanges(const SyncResponse& response) {
    std::vector<StateChange> out;
    for (const Event& event : response.changes.events) {
        if (const auto* changed = std::get_if<MessageStateChanged>(&event.payload)) out.emplace_back(changed->messageId, changed->state);
    }
    return out;
}

// ---- the hub, its kiosk, the sink, and a worker on the test's clock ----------

SmtpSettings sinkSettings(const SmtpSink& sink) {
    SmtpSettings settings;
    settings.url = sink.url();
    settings.from = kSender;
    settings.connectTimeoutMs = 2'000;
    settings.totalTimeoutMs = 5'000;
    return settings;
}

struct MailRig {
    SmtpSink sink;
    RunningHub hub;
    FakeKiosk kiosk{hub, kFleurie};
    std::atomic<TimeMs> now{systemNowMs()};
    CurlSmtpTransport transport{sinkSettings(sink)};
    // Jitter fixed at the middle of its range: delays are 1.125 times the base.
    MailWorker worker{hub.storage(), transport, MailWorkerOptions{kSender}, [this] { return now.load(); }, [] { return 0.5; }};

    UndeliveredMail onlyUndelivered() {
        const auto undelivered = hub.storage().undeliveredMail();
        REQUIRE(undelivered.size() == 1);
        return undelivered.front();
    }
};

}  // namespace

TEST_CASE("a kiosk's message is emailed once to its site's animator, and the kiosk hears: sent, then delivered", "[hub][mail]") {
    MailRig rig;
    const TimeMs leftAt = parisLocalToUtc({2026, 11, 26}, 9 * 60 + 5);  // a Thursday
    const Event message = messageEvent(rig.kiosk, "Bonjour Léa,\nla connexion ne marche plus à la boulangerie.\n.\n.net reste joignable.\nMerci !", leftAt);
    const std::string& id = messageIdOf(message);

    const SyncResponse first = sync(rig.hub, rig.kiosk, {message}, 0);
    CHECK(deliveryChanges(first) == std::vector<StateChange>{{id, DeliveryState::Sent}});

    REQUIRE(rig.worker.runOnce() == 1);
    const auto mails = rig.sink.mails();
    REQUIRE(mails.size() == 1);
    const SmtpSink::Mail& mail = mails.front();
    CHECK(mail.from == kSender);
    CHECK(mail.to == std::vector<std::string>{kLea});
    CHECK(mail.auth.empty());

    CHECK(header(mail.data, "Subject") == "Message de Zoé au kiosque de Mini-cowork de la boulangerie");
    CHECK(header(mail.data, "From") == "Kiosque – Mini-cowork de la boulangerie <hub@ccsb.example.org>");
    CHECK(header(mail.data, "To") == "Léa D. <lea.animation@example.org>");
    CHECK(header(mail.data, "Reply-To") == "Zoé <zoe@example.org>");
    CHECK(header(mail.data, "Message-ID") == "<" + id + ".kiosque@ccsb.example.org>");
    CHECK(header(mail.data, "MIME-Version") == "1.0");
    CHECK(header(mail.data, "Content-Type") == "text/plain; charset=UTF-8");
    CHECK(header(mail.data, "Content-Transfer-Encoding") == "8bit");
    CHECK_THAT(header(mail.data, "Date"), Catch::Matches(R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0[12]00)"));
    for (const std::string& line : lines(headerBlock(mail.data))) {
        CHECK(line.size() <= 78);
        CHECK(std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    }
    CHECK(bodyOf(mail.data) ==
          "Message laissé au kiosque de Mini-cowork de la boulangerie (Fleurie) le jeudi 26 novembre 2026 à 9 h 05 "
          "par Zoé (contact : zoe@example.org) :\r\n"
          "\r\n"
          "Bonjour Léa,\r\n"
          "la connexion ne marche plus à la boulangerie.\r\n"
          ".\r\n"
          ".net reste joignable.\r\n"
          "Merci !\r\n"
          "\r\n"
          "-- \r\n"
          "Pour répondre, répondez à cet e-mail : la réponse ira à zoe@example.org.\r\n"
          "Envoyé par le hub du réseau de coworking.\r\n");

    // Delivered is final: later rounds, days later, send nothing.
    CHECK(rig.worker.runOnce() == 0);
    rig.now += 3 * kDayMs;
    CHECK(rig.worker.runOnce() == 0);
    CHECK(rig.sink.mails().size() == 1);
    CHECK(rig.hub.storage().undeliveredMail().empty());
    CHECK(rig.hub.count("SELECT count(*) FROM hub_mail_delivery WHERE attempts = 1 AND delivered_at IS NOT NULL") == 1);

    const SyncResponse next = sync(rig.hub, rig.kiosk, {}, first.cursor);
    CHECK(deliveryChanges(next) == std::vector<StateChange>{{id, DeliveryState::Delivered}});
    const SyncResponse fromStart = sync(rig.hub, rig.kiosk, {}, 0);
    CHECK(deliveryChanges(fromStart) == std::vector<StateChange>{{id, DeliveryState::Sent}, {id, DeliveryState::Delivered}});

    // The kiosk sending the same batch again (it missed the answer) adds no receipt.
    sync(rig.hub, rig.kiosk, {message}, next.cursor);
    CHECK(rig.hub.count("SELECT count(*) FROM events WHERE kind = 'message.state_changed'") == 2);
}

TEST_CASE("while the SMTP server is down, the message is retried with growing delays, then delivered once", "[hub][mail]") {
    MailRig rig;
    const TimeMs t0 = rig.now;
    const Event message = messageEvent(rig.kiosk, "La clé de la salle est restée sur la porte.", t0, "Hugo", "06 12 34 56 78");
    sync(rig.hub, rig.kiosk, {message}, 0);

    // Not listening: connection refused.
    rig.sink.setMode(SmtpSink::Mode::NotListening);
    REQUIRE(rig.worker.runOnce() == 1);
    UndeliveredMail state = rig.onlyUndelivered();
    CHECK(state.attempts == 1);
    CHECK(state.nextAttemptAt == t0 + 67'500);  // 1 min + jitter
    CHECK_THAT(state.lastError, Catch::Contains(rig.sink.url()));

    rig.now = t0 + 67'499;
    CHECK(rig.worker.runOnce() == 0);  // not due yet

    // Listening, but answering 421 at once.
    rig.sink.setMode(SmtpSink::Mode::Refuses421);
    rig.now = t0 + 67'500;
    REQUIRE(rig.worker.runOnce() == 1);
    CHECK(rig.sink.connections() == 1);
    state = rig.onlyUndelivered();
    CHECK(state.attempts == 2);
    CHECK(state.nextAttemptAt == rig.now + 135'000);  // 2 min + jitter
    CHECK_THAT(state.lastError, Catch::Contains("421"));

    // Hanging up without a word.
    rig.sink.setMode(SmtpSink::Mode::HangsUp);
    rig.now += 135'000;
    REQUIRE(rig.worker.runOnce() == 1);
    CHECK(rig.sink.connections() == 2);
    state = rig.onlyUndelivered();
    CHECK(state.attempts == 3);
    CHECK(state.nextAttemptAt == rig.now + 270'000);  // 4 min + jitter
    CHECK(rig.sink.mails().empty());

    // Up again: the next attempt, and only it, delivers.
    rig.sink.setMode(SmtpSink::Mode::Up);
    rig.now += 269'999;
    CHECK(rig.worker.runOnce() == 0);
    rig.now += 1;
    REQUIRE(rig.worker.runOnce() == 1);
    for (int hour = 0; hour < 10; ++hour) {
        rig.now += kHourMs;
        CHECK(rig.worker.runOnce() == 0);
    }
    const auto mails = rig.sink.mails();
    REQUIRE(mails.size() == 1);
    CHECK(header(mails.front().data, "Subject") == "Message de Hugo au kiosque de Mini-cowork de la boulangerie");
    CHECK_THAT(bodyOf(mails.front().data), Catch::Contains("par Hugo (contact : 06 12 34 56 78) :"));
    CHECK_THAT(bodyOf(mails.front().data), Catch::Contains("Pour répondre, utilisez le contact indiqué ci-dessus."));
    CHECK(header(mails.front().data, "Reply-To").empty());
    CHECK(rig.hub.count("SELECT attempts FROM hub_mail_delivery") == 4);
    CHECK(rig.hub.storage().undeliveredMail().empty());
    CHECK(deliveryChanges(sync(rig.hub, rig.kiosk, {}, 0)) ==
          std::vector<StateChange>{{messageIdOf(message), DeliveryState::Sent}, {messageIdOf(message), DeliveryState::Delivered}});
}

TEST_CASE("a site without an animator email keeps its messages, with an error the coordinator can act on", "[hub][mail]") {
    MailRig rig;
    NetworkFile network = loadNetworkFile(kDemoNetwork);
    for (Site& site : network.sites) {
        if (site.id == kFleurie) site.animator.email.clear();
    }
    rig.hub.storage().importNetwork(network, systemNowMs());
    sync(rig.hub, rig.kiosk, {messageEvent(rig.kiosk, "Plus de café !", rig.now, "", "")}, 0);

    REQUIRE(rig.worker.runOnce() == 1);
    CHECK(rig.sink.connections() == 0);
    const UndeliveredMail state = rig.onlyUndelivered();
    CHECK(state.attempts == 1);
    CHECK(state.lastError ==
          "le lieu « Mini-cowork de la boulangerie » (fleurie-boulangerie) n’a pas d’adresse e-mail d’animateur : "
          "renseignez-la, le message partira à la tentative suivante");

    // The coordinator fills it in: the next attempt goes.
    rig.hub.storage().importNetwork(loadNetworkFile(kDemoNetwork), systemNowMs());
    rig.now += 2 * kMinuteMs;
    REQUIRE(rig.worker.runOnce() == 1);
    const auto mails = rig.sink.mails();
    REQUIRE(mails.size() == 1);
    CHECK(header(mails.front().data, "Subject") == "Message laissé au kiosque de Mini-cowork de la boulangerie");
    CHECK_THAT(bodyOf(mails.front().data),
               Catch::Contains("par une personne qui n’a pas donné son prénom (aucun contact laissé) :"));
}

TEST_CASE("retry delays double from one minute up to an hour, with up to a quarter of jitter", "[hub][mail]") {
    CHECK(mailRetryDelayMs(1, 0.0) == kMinuteMs);
    CHECK(mailRetryDelayMs(2, 0.0) == 2 * kMinuteMs);
    CHECK(mailRetryDelayMs(6, 0.0) == 32 * kMinuteMs);
    CHECK(mailRetryDelayMs(7, 0.0) == kHourMs);
    CHECK(mailRetryDelayMs(1000, 0.0) == kHourMs);
    CHECK(mailRetryDelayMs(1, 0.9999) < kMinuteMs * 5 / 4);
    CHECK(mailRetryDelayMs(1000, 0.9999) < kHourMs * 5 / 4);
}

TEST_CASE("the animator email's headers are encoded so that nothing from a kiosk can forge one", "[hub][mail]") {
    MailToSend mail;
    mail.site = cowork::testing::sampleSite();
    mail.message = {"m-1", mail.site->id, "Zoé\r\nBcc: victime@example.org", "zoe@example.org\r\nBcc: x@example.org",
                    std::string(60, 'x') + " éèàùç « guillemets » " + std::string(1200, 'y'), 0, DeliveryState::Sent};
    mail.site->name = "Tiers-lieu aux noms très longs, avec des accents à n'en plus finir : é, è, ê, ë, à, ç";
    REQUIRE(!undeliverableReason(mail));
    const OutgoingMail out = composeAnimatorMail(mail, kSender, 0);

    const std::string headers = headerBlock(out.data);
    for (const std::string& line : lines(headers)) {
        CHECK(line.size() <= 78);
        CHECK(line.rfind("Bcc", 0) == std::string::npos);
    }
    CHECK(header(out.data, "Reply-To").empty());  // the contact is not a plain address
    CHECK(header(out.data, "Subject") == "Message de ZoéBcc: victime@example.org au kiosque de " + mail.site->name);
    for (const std::string& line : lines(bodyOf(out.data))) CHECK(line.size() <= 998);
    const auto bodyLines = lines(bodyOf(out.data));
    CHECK(std::count(bodyLines.begin(), bodyLines.end(), std::string(998, 'y')) == 1);
}
