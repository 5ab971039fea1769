#include "app/hub_link.hpp"

#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "sync/boot_id.hpp"
#include "sync/kiosk_sync_store.hpp"
#include "sync/provisioning_file.hpp"
#include "sync/shopkeeper_pin.hpp"

namespace cowork::kiosk {
namespace {

std::string hostName() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || !name[0]) return "kiosque";
    return name;
}

// The log off for a while, back as it was whatever happens.
class QuietLog {
public:
    QuietLog() : level_(spdlog::get_level()) { spdlog::set_level(spdlog::level::off); }
    ~QuietLog() { spdlog::set_level(level_); }
    QuietLog(const QuietLog&) = delete;
    QuietLog& operator=(const QuietLog&) = delete;

private:
    spdlog::level::level_enum level_;
};

// One line of standard input; on a terminal, asked for and not shown.
std::string readSecretLine(const char* prompt) {
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &saved);
        termios hidden = saved;
        hidden.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// The shop's PIN for --shopkeeper-pin-stdin, hashed; nullopt (said why) when unusable.
std::optional<std::string> askShopkeeperPinHash() {
    const std::string pin = readSecretLine("Code commerçant (6 à 12 chiffres) : ");
    if (!isAcceptablePin(pin)) {
        std::fprintf(stderr, "--shopkeeper-pin-stdin : le code commerçant doit compter de 6 à 12 chiffres, rien d'autre\n");
        return std::nullopt;
    }
    if (isatty(STDIN_FILENO) == 1 && readSecretLine("Le même, une seconde fois : ") != pin) {
        std::fprintf(stderr, "--shopkeeper-pin-stdin : les deux codes diffèrent\n");
        return std::nullopt;
    }
    return hashPin(pin);
}

}  // namespace

int enrollFromCommandLine(Store& store, PendingEnrollment pending, bool askShopkeeperPin) {
    if (!pending.pin.empty() && !looksLikePin(pending.pin)) {
        std::fprintf(stderr, "--pin : « %s » n'est pas une empreinte (attendu sha256// suivi de 44 caractères, voir « cowork-hub pin »)\n",
                     pending.pin.c_str());
        return 2;
    }
    if (askShopkeeperPin) {
        const auto hash = askShopkeeperPinHash();
        if (!hash) return 2;
        pending.shopkeeperPinHash = *hash;
    }
    savePendingEnrollment(store, pending);
    EnrollmentResult result;
    {
        QuietLog quiet;  // the lines below say it all, once
        result = enrollPending(store, HttpsTimeouts{}, hostName(), systemNowMs());
    }
    if (!result.ok()) {
        // The hub's own words for a refused code are the more precise ones.
        const std::string words = result.problem == SyncProblem::WrongCode && !result.detail.empty()
                                      ? result.detail
                                      : std::string(problemFrench(result.problem)) + (result.detail.empty() ? "" : " (" + result.detail + ")");
        std::fprintf(stderr, "Inscription refusée : %s\n", words.c_str());
        return 1;
    }
    std::printf("Kiosque inscrit pour le lieu %s auprès de %s, %s\n", result.siteId.c_str(), pending.hubUrl.c_str(),
                pending.shopkeeperPinHash.empty() ? "code commerçant à définir par la coordination depuis le hub"
                                                  : "avec le code commerçant choisi");
    return 0;
}

HubLink::HubLink(Store& store, const std::string& storePath, const std::string& dataDir, Clock deviceClock)
    : storePath_(storePath), bootId_(currentBootId()), deviceClock_(std::move(deviceClock)), offset_(std::make_shared<std::atomic<TimeMs>>(0)) {
    if (const auto file = takeProvisioningFile(store, provisioningCandidates(dataDir))) {
        spdlog::info("inscription trouvée dans {} (fichier supprimé après lecture)", file->string());
    }
    offset_->store(hubClockOffset(store, bootId_).value_or(0));
}

Clock HubLink::clock() const {
    return [device = deviceClock_, offset = offset_] { return device() + offset->load(); };
}

void HubLink::start(std::function<void()> wake) {
    SyncWorkerSettings settings;
    settings.storePath = storePath_;
    settings.deviceClock = deviceClock_;  // the round adds the offset it measures, page by page
    settings.deviceName = hostName();
    settings.round.bootId = bootId_;
    settings.storeChanged = [wake = std::move(wake)] { wake(); };
    settings.clockMeasured = [offset = offset_](TimeMs measured) { offset->store(measured); };
    worker_ = std::make_unique<SyncWorker>(std::move(settings));
}

void HubLink::nudge() {
    if (worker_) worker_->nudge();
}

void HubLink::stop() {
    if (worker_) worker_->stop();
}

}  // namespace cowork::kiosk
