#pragma once
// The real cowork-hub binary in tests: its commands, `serve` in a child process,
// and a client that trusts its self-signed certificate.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "hub_test_support.hpp"

namespace cowork::hub::testing {

inline int freePort() {
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

// `cowork-hub ARGS…`, its standard error discarded; returns the exit status. Under
// `timeout`, so that a serve that wrongly starts ends the test instead of hanging it.
inline int runHubCommand(const std::vector<std::string>& args, std::string* standardOutput = nullptr,
                         const std::string& standardInput = "") {
    std::string command = standardInput.empty() ? "" : "printf '%s\\n' '" + standardInput + "' | ";
    command += std::string("timeout 20 ") + COWORK_HUB_BINARY;
    for (const auto& a : args) command += " '" + a + "'";
    command += " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[256];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    if (standardOutput) *standardOutput = out;
    return WEXITSTATUS(pclose(pipe));
}

// `cowork-hub --config CONFIG serve`, stopped by timeout after 3 s once started:
// what it wrote to standard output and error, which tell the options it took.
inline std::string serveBrieflyFromConfig(const std::string& config) {
    const std::string command = std::string("timeout 3 ") + COWORK_HUB_BINARY + " --config '" + config + "' serve 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[512];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    pclose(pipe);
    return out;
}

// As runHubCommand, with standard error kept in `standardError` (the coordinator's explanations).
inline int runHubCommandKeepingErrors(const std::vector<std::string>& args, std::string* standardOutput, std::string* standardError) {
    char errors[] = "/tmp/cowork-hub-stderr-XXXXXX";
    const int fd = mkstemp(errors);
    close(fd);
    std::string command = std::string("timeout 20 ") + COWORK_HUB_BINARY;
    for (const auto& a : args) command += " '" + a + "'";
    command += std::string(" 2>") + errors;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[256];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    const int status = WEXITSTATUS(pclose(pipe));
    if (standardOutput) *standardOutput = out;
    FILE* written = fopen(errors, "r");
    std::string err;
    while (written && fgets(buffer, sizeof buffer, written)) err += buffer;
    if (written) fclose(written);
    unlink(errors);
    if (standardError) *standardError = err;
    return status;
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

    pid_t pid() const { return pid_; }
    // The process was waited for elsewhere.
    void forget() { pid_ = -1; }

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


}  // namespace cowork::hub::testing
