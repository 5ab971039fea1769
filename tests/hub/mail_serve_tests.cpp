// `cowork-hub serve` with SMTP configured, as the real binary: it logs in with
// the password from its file, emails a kiosk message, stops promptly on SIGTERM
// even while the mail server keeps it waiting, and never emails a delivered
// message again after a restart.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "hub_process.hpp"
#include "smtp_sink.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;
using namespace std::chrono_literals;

namespace {

template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

bool delivered(const SyncResponse& response, const std::string& messageId) {
    return std::any_of(response.changes.events.begin(), response.changes.events.end(), [&](const Event& e) {
        const auto* changed = std::get_if<MessageStateChanged>(&e.payload);
        return changed && changed->messageId == messageId && changed->state == DeliveryState::Delivered;
    });
}

}  // namespace

TEST_CASE("cowork-hub serve emails kiosk messages, stops promptly on SIGTERM, and sends nothing twice across restarts",
          "[hub][mail][restart]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, kDemoNetwork}) == 0);
    std::string code;
    REQUIRE(runHubCommand({"enroll-code", "--data", data, "--site", "fleurie-boulangerie"}, &code) == 0);
    code.erase(code.find_last_not_of('\n') + 1);
    const std::string passwordFile = dir.write("smtp-password", "mot de passe SMTP\n");
    chmod(passwordFile.c_str(), 0600);

    SmtpSink sink;
    const HubClient client{data + "/tls/cert.pem", freePort()};
    const std::vector<std::string> smtp = {"--smtp-url", sink.url(), "--smtp-from", "hub@ccsb.example.org",
                                           "--smtp-user", "hub-ccsb", "--smtp-password-file", passwordFile};

    auto hub = std::make_unique<ServeProcess>(data, client.port, smtp);
    REQUIRE(client.waitUp());
    const auto enrolled = client.make()->Post("/api/v1/enroll", toJson(EnrollRequest{code, "Comptoir", "0.1.0"}).dump(),
                                              "application/json");
    REQUIRE(enrolled);
    REQUIRE(enrolled->status == 201);
    const EnrollResponse device = decodeEnrollResponse(enrolled->body);
    HybridLogicalClock clock;
    const auto message = [&](const std::string& text) {
        const TimeMs now = systemNowMs();
        return Event{newUuid7(now), device.deviceId, clock.tick(now),
                     MessageSent{{newUuid7(now), "fleurie-boulangerie", "Zoé", "", text, now, DeliveryState::Pending}}};
    };

    // Delivered, with the credentials from the file.
    const Event first = message("Premier message");
    client.sync(device.token, {first});
    REQUIRE(sink.waitForMails(1, 10s));
    CHECK(sink.mails().front().auth == std::string("\0hub-ccsb\0mot de passe SMTP", 27));
    CHECK(eventually([&] { return delivered(client.sync(device.token, {}), std::get<MessageSent>(first.payload).message.id); }, 5s));
    int status = hub->stop(SIGTERM);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    // A mail server that says nothing: SIGTERM does not wait for the 60 s timeout.
    sink.setMode(SmtpSink::Mode::Silent);
    hub = std::make_unique<ServeProcess>(data, client.port, smtp);
    REQUIRE(client.waitUp());
    const int connectionsBefore = sink.connections();
    client.sync(device.token, {message("Deuxième message")});
    REQUIRE(eventually([&] { return sink.connections() > connectionsBefore; }, 10s));
    const auto stopping = std::chrono::steady_clock::now();
    status = hub->stop(SIGTERM);
    const auto stopSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stopping).count();
    CHECK(stopSeconds < 3.0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    // Restarted with the server up: the second message goes at once, the first never again.
    sink.setMode(SmtpSink::Mode::Up);
    hub = std::make_unique<ServeProcess>(data, client.port, smtp);
    REQUIRE(client.waitUp());
    REQUIRE(sink.waitForMails(2, 10s));
    std::this_thread::sleep_for(2500ms);  // more than one round of the worker
    const auto mails = sink.mails();
    REQUIRE(mails.size() == 2);
    CHECK_THAT(mails[0].data, Catch::Contains("Premier message"));
    CHECK_THAT(mails[1].data, Catch::Contains("Deuxième message"));
    status = hub->stop(SIGTERM);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    UNSCOPED_INFO("hub log: " << data << "/hub.log");
}

TEST_CASE("cowork-hub serve refuses SMTP settings it cannot use, before listening", "[hub][mail][cli]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    const std::string port = std::to_string(freePort());
    const auto serve = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"serve", "--data", data, "--listen", "127.0.0.1:" + port};
        args.insert(args.end(), extra.begin(), extra.end());
        return runHubCommand(args);
    };
    CHECK(serve({"--smtp-url", "http://mail.example.org", "--smtp-from", "hub@example.org"}) != 0);
    CHECK(serve({"--smtp-url", "smtp://mail.example.org"}) != 0);  // no sender
    CHECK(serve({"--smtp-url", "smtp://mail.example.org", "--smtp-from", "pas une adresse"}) != 0);
    CHECK(serve({"--smtp-url", "smtp://mail.example.org", "--smtp-from", "hub@example.org", "--smtp-user", "u"}) != 0);
    CHECK(serve({"--smtp-url", "smtp://mail.example.org", "--smtp-from", "hub@example.org", "--smtp-user", "u",
                 "--smtp-password-file", data + "/absent"}) != 0);
}

TEST_CASE("without SMTP, cowork-hub serve says once that messages will not be emailed", "[hub][mail]") {
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    const HubClient client{data + "/tls/cert.pem", freePort()};
    ServeProcess hub(data, client.port, {});
    REQUIRE(client.waitUp());
    const int status = hub.stop(SIGTERM);
    CHECK(WIFEXITED(status));
    std::ostringstream log;
    log << std::ifstream(data + "/hub.log").rdbuf();
    const std::string text = log.str();
    const auto first = text.find("event=mail_disabled");
    CHECK(first != std::string::npos);
    CHECK(text.find("event=mail_disabled", first + 1) == std::string::npos);
}
