// `cowork-hub serve` with SMTP configured, as the real binary: it logs in with
// the password from its file, emails a kiosk message, stops promptly on SIGTERM
// even while the mail server keeps it waiting, and never emails a delivered
// message again after a restart.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "hub_test_support.hpp"
#include "smtp_sink.hpp"

using namespace cowork;
using namespace cowork::hub;
using namespace cowork::hub::testing;
using namespace std::chrono_literals;

namespace {

int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

// Under `timeout`, so that a serve that wrongly starts ends the test instead of hanging it.
int runHubCommand(const std::vector<std::string>& args, std::string* standardOutput = nullptr) {
    std::string command = std::string("timeout 20 ") + COWORK_HUB_BINARY;
    for (const auto& a : args) command += " '" + a + "'";
    command += " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[256];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    if (standardOutput) *standardOutput = out;
    return WEXITSTATUS(pclose(pipe));
}

// `cowork-hub serve` in a child process, its log appended to DIR/hub.log.
class ServeProcess {
public:
    ServeProcess(const std::string& dataDir, int port, const std::vector<std::string>& extra) {
        std::vector<std::string> args = {COWORK_HUB_BINARY, "serve", "--data", dataDir, "--listen",
                                         "127.0.0.1:" + std::to_string(port)};
        args.insert(args.end(), extra.begin(), extra.end());
        const std::string log = dataDir + "/hub.log";
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            dup2(fd, STDERR_FILENO);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(COWORK_HUB_BINARY, argv.data());
            _exit(127);
        }
    }
    ~ServeProcess() {
        if (pid_ > 0) stop(SIGKILL);
    }
    // Signals the hub and waits for it; returns the wait status.
    int stop(int signal) {
        ::kill(pid_, signal);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }

private:
    pid_t pid_ = -1;
};

struct HubClient {
    std::string certificate;
    int port;
    std::unique_ptr<httplib::SSLClient> make() const {
        auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
        client->set_ca_cert_path(certificate.c_str());
        client->enable_server_certificate_verification(true);
        client->set_connection_timeout(1);
        client->set_read_timeout(5);
        return client;
    }
    bool waitUp() const {
        for (int i = 0; i < 500; ++i) {
            if (auto r = make()->Get("/healthz"); r && r->status == 200) return true;
            usleep(10'000);
        }
        return false;
    }
    SyncResponse sync(const std::string& token, const std::vector<Event>& events) const {
        SyncRequest request;
        request.events = events;
        request.deviceClockMs = systemNowMs();
        request.appVersion = "0.1.0";
        const auto reply = make()->Post("/api/v1/sync", {{"Authorization", "Bearer " + token}}, toJson(request).dump(),
                                        "application/json");
        REQUIRE(reply);
        REQUIRE(reply->status == 200);
        return decodeSyncResponse(reply->body);
    }
};

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
