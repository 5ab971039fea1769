#include "cli/serve_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include <pthread.h>
#include <spdlog/spdlog.h>

#include "cli/hub_data.hpp"
#include "http/client_address.hpp"
#include "http/hub_server.hpp"
#include "mail/mail_delivery.hpp"
#include "service/retention_schedule.hpp"
#include "tls/certificate_names.hpp"
#include "tls/given_pins.hpp"

namespace cowork::hub {
namespace {

struct ServeOptions {
    std::string dataDir;
    std::string listen = "0.0.0.0:8443";
    std::string certificate;
    std::string key;
    std::vector<std::string> hostnames;  // added to the self-signed certificate
    bool insecureHttp = false;
    int threads = 4;
    int maxConnectionsPerAddress = ConnectionLimits{}.perAddress;
    double connectionRatePerAddress = ConnectionLimits{}.newPerAddressPerSecond;
    int handshakeTimeoutS = 10;
    int headerTimeoutS = 10;
    int bodyTimeoutS = 30;
    int idleTimeoutS = 75;
    SmtpSettings smtp;
    std::string smtpPasswordFile;
    std::vector<std::string> trustedProxies;
    int syncBurst = kSyncBurst;
    std::string logLevel = "info";
};

std::pair<std::string, int> splitListen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw CLI::ValidationError("--listen", "attendu ADRESSE:PORT, par exemple 0.0.0.0:8443");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        const int port = std::stoi(listen.substr(colon + 1));
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        return {host, port};
    } catch (const std::exception&) {
        throw CLI::ValidationError("--listen", "port invalide dans « " + listen + " »");
    }
}

TlsFiles selfSignedIdentity(const ServeOptions& o) {
    const SelfSignedIdentity identity = ensureSelfSignedIdentity(o.dataDir, o.hostnames);
    std::string added;
    for (const std::string& name : identity.namesAdded) added += (added.empty() ? "" : ",") + name;
    if (!added.empty()) {
        spdlog::info("event=certificate_reissued names_added={} message=\"certificat autosigné refait avec la même clé : "
                     "l’empreinte donnée aux kiosques ne change pas\"", added);
    }
    if (identity.reissuedForKey) {
        spdlog::warn("event=certificate_reissued reason=key_changed message=\"le certificat n’était pas celui de key.pem "
                     "(changement de clé interrompu ?) : refait pour key.pem, avec les mêmes noms\"");
    }
    return identity.files;
}

// An IP address, for --trusted-proxy.
CLI::Validator ipAddressValidator() {
    return CLI::Validator(
        [](std::string& value) {
            return canonicalIpAddress(value) ? std::string() : "« " + value + " » n’est pas une adresse IP";
        },
        "ADRESSE", "adresse IP");
}

// 1000000 as a French reader writes it: 1 000 000 (narrow no-break spaces).
std::string frenchDigits(long long number) {
    std::string digits = std::to_string(number);
    for (int at = static_cast<int>(digits.size()) - 3; at > (number < 0 ? 1 : 0); at -= 3) {
        digits.insert(static_cast<std::size_t>(at), "\u202f");
    }
    return digits;
}

// A number from `lowest` to `highest` (whole unless `whole` is false), refused
// in French: CLI11's Range says "Value 0 not in range 1.000000 to 1000000.000000".
CLI::Validator numberBetween(long long lowest, long long highest, bool whole = true) {
    return CLI::Validator(
        [=](std::string& value) {
            std::size_t used = 0;
            double number = 0;
            try {
                number = std::stod(value, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            const bool fits = !value.empty() && used == value.size() && (!whole || number == std::floor(number)) &&
                              number >= static_cast<double>(lowest) && number <= static_cast<double>(highest);
            if (fits) return std::string();
            return "«\u202f" + value + "\u202f» n’est pas un nombre" + (whole ? " entier" : "") + " de " + frenchDigits(lowest) +
                   " à " + frenchDigits(highest);
        },
        "N", "nombre");
}

// One of the journal's levels, for --log-level; spdlog knows them by these names.
CLI::Validator logLevelValidator() {
    return CLI::Validator(
        [](std::string& value) {
            if (value == "debug" || value == "info" || value == "warning" || value == "error") return std::string();
            return "« " + value + " » n’est pas un niveau du journal (debug, info, warning ou error)";
        },
        "NIVEAU", "niveau du journal");
}

// A DNS name or an IP address, for --hostname.
CLI::Validator hostnameValidator() {
    return CLI::Validator(
        [](std::string& value) {
            try {
                subjectAltNameFor(value);
                return std::string();
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
        },
        "NOM", "nom DNS ou adresse IP");
}

bool kiosksEnrolled(HubStorage& storage) {
    const auto devices = storage.devices();
    return std::any_of(devices.begin(), devices.end(), [](const DeviceStatus& d) { return !d.revoked; });
}

ServerOptions serverOptions(const ServeOptions& o, HubStorage& storage) {
    ServerOptions options;
    std::tie(options.host, options.port) = splitListen(o.listen);
    options.insecureHttp = o.insecureHttp;
    options.workerThreads = o.threads;
    options.limits.perAddress = o.maxConnectionsPerAddress;
    options.limits.newPerAddressPerSecond = o.connectionRatePerAddress;
    options.limits.handshake = std::chrono::seconds(o.handshakeTimeoutS);
    options.limits.headers = std::chrono::seconds(o.headerTimeoutS);
    options.limits.body = std::chrono::seconds(o.bodyTimeoutS);
    options.limits.idle = std::chrono::seconds(o.idleTimeoutS);
    options.trustedProxies = o.trustedProxies;
    options.syncLimit.burst = o.syncBurst;
    if (o.insecureHttp) return options;
    if (o.certificate.empty()) {
        options.tls = selfSignedIdentity(o);
    } else {
        // Kiosks pin a backup key with the hub's own certificate too: a new
        // certificate issued for it is trusted without updating any kiosk.
        ensureBackupKey(o.dataDir);
        options.tls = TlsFiles{o.certificate, o.key};
    }
    // A renewal that changed the key would cut every kiosk off: refused before serving.
    checkCertificateKeyIsPinned(o.dataDir, options.tls.certificatePath, kiosksEnrolled(storage));
    options.keyPins = hubKeyPins(o.dataDir, options.tls);
    recordGivenPins(o.dataDir, options.keyPins);
    return options;
}

// Started on a backup: the kiosks saw events it lacks. A new epoch makes them
// take the changes from the start and push again what they keep.
void announceEpochIfRestored(HubStorage& storage) {
    if (const auto epoch = storage.startEpochIfRestored(systemNowMs())) {
        spdlog::warn("event=epoch_renewed reason=restored_backup epoch={} "
                     "message=\"démarré sur une sauvegarde : nouvelle époque, les kiosques renverront ce qu’ils ont gardé\"",
                     *epoch);
    }
}

// At every start until the coordinator revokes or confirms them: the kiosks a
// hub started on a backup cannot vouch for (revoked after the backup, maybe).
void listUnvouchedDevices(HubStorage& storage) {
    for (const DeviceStatus& d : storage.devices()) {
        if (!d.unvouchedSince || d.revoked) continue;
        spdlog::warn("event=device_unvouched device={} site={} last_seen={} message=\"hub restauré d’une sauvegarde : si ce "
                     "kiosque a été révoqué depuis, révoquez-le à nouveau (cowork-hub revoke-device), sinon confirmez-le "
                     "(cowork-hub confirm-device)\"", d.deviceId, d.siteId, d.lastSeen.value_or(0));
    }
}

SmtpSettings smtpSettings(const ServeOptions& o) {
    SmtpSettings settings = o.smtp;
    if (!o.smtpPasswordFile.empty()) settings.password = readSmtpPasswordFile(o.smtpPasswordFile);
    if (settings.configured()) checkSmtpSettings(settings);
    return settings;
}

// SIGTERM and SIGINT are taken by one thread that stops the server: requests in
// flight finish, then the database closes as the storage goes out of scope. A
// signal that came during start-up (a long migration) is honoured too: stop() is
// repeated until the server, once listening, has stopped.
void serveUntilSignalled(HubServer& server) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    std::atomic<bool> finished{false};
    std::thread waiter([&server, &finished, signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        if (finished) return;
        spdlog::info("event=stopping signal={}", signal == SIGTERM ? "SIGTERM" : "SIGINT");
        while (!finished) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    server.run();
    finished = true;
    pthread_kill(waiter.native_handle(), SIGTERM);  // if run() ended by itself
    waiter.join();
}

void serve(const ServeOptions& o) {
    // Blocked before any thread starts, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    setUpLogging();
    spdlog::set_level(spdlog::level::from_str(o.logLevel));  // one of the names the option accepts
    const SmtpSettings smtp = smtpSettings(o);  // checked before anything starts
    const std::unique_ptr<HubStorage> storage = openHubData(o.dataDir);
    announceEpochIfRestored(*storage);
    listUnvouchedDevices(*storage);
    ServerOptions options = serverOptions(o, *storage);
    options.smtp = smtp;
    HubServer server(*storage, options, systemNowMs);
    server.bind();
    if (!options.insecureHttp) {
        std::cerr << "Clé publique du hub (à donner aux kiosques) : " << options.keyPins.front() << "\n";
    }
    std::string proxies;
    for (const std::string& proxy : options.trustedProxies) proxies += (proxies.empty() ? " trusted_proxies=" : ",") + proxy;
    spdlog::info("event=listening address={}:{} tls={} threads={}{}", options.host, server.port(),
                 options.insecureHttp ? "off" : "on", options.workerThreads, proxies);
    std::unique_ptr<MailDelivery> mail = MailDelivery::start(*storage, smtp, systemNowMs);
    auto retention = std::make_unique<RetentionSchedule>(*storage, systemNowMs);
    serveUntilSignalled(server);
    retention.reset();
    mail.reset();  // a send in progress gives up; the message goes at the next start
    spdlog::info("event=stopped");
}

// How much a client may hold (http/connection_limits.hpp): a peer slower than a
// deadline is dropped and counted in /metrics.
void addConnectionOptions(CLI::App& command, ServeOptions& o) {
    command.add_option("--max-connections-per-address", o.maxConnectionsPerAddress,
                       "Connexions ouvertes au plus depuis une même adresse (sauf un --trusted-proxy)")
        ->capture_default_str()
        ->check(numberBetween(1, 100'000));
    command.add_option("--connection-rate-per-address", o.connectionRatePerAddress,
                       "Nouvelles connexions par seconde au plus depuis une même adresse, par rafales de 4 fois "
                       "--max-connections-per-address (sauf un --trusted-proxy)")
        ->capture_default_str()
        ->check(numberBetween(1, 1'000'000, false));
    command.add_option("--handshake-timeout", o.handshakeTimeoutS, "Secondes pour finir la poignée de main TLS")
        ->capture_default_str()
        ->check(numberBetween(1, 600));
    command.add_option("--header-timeout", o.headerTimeoutS, "Secondes pour envoyer les en-têtes d’une requête")
        ->capture_default_str()
        ->check(numberBetween(1, 600));
    command.add_option("--body-timeout", o.bodyTimeoutS, "Secondes pour envoyer le corps d’une requête, après ses en-têtes")
        ->capture_default_str()
        ->check(numberBetween(1, 3600));
    command.add_option("--idle-timeout", o.idleTimeoutS,
                       "Secondes qu’une connexion gardée ouverte peut attendre la requête suivante (un kiosque synchronise "
                       "toutes les 30 s)")
        ->capture_default_str()
        ->check(numberBetween(1, 3600));
}

// Without --smtp-url, kiosk messages wait on the hub: nothing is emailed.
void addSmtpOptions(CLI::App& command, ServeOptions& o) {
    auto* url = command.add_option("--smtp-url", o.smtp.url,
                                   "Serveur d’envoi des messages aux animateurs : smtp://serveur:587 ou smtps://serveur:465");
    auto* from = command.add_option("--smtp-from", o.smtp.from, "Adresse d’expédition des messages (hub@exemple.fr)");
    auto* user = command.add_option("--smtp-user", o.smtp.user, "Identifiant SMTP");
    auto* password = command.add_option("--smtp-password-file", o.smtpPasswordFile,
                                        "Fichier contenant le mot de passe SMTP (jamais sur la ligne de commande)");
    url->needs(from);
    from->needs(url);
    user->needs(url)->needs(password);
    password->needs(user);
}

}  // namespace

void addServeCommand(CLI::App& app) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* command = app.add_subcommand("serve", "Démarrer le serveur HTTPS du hub");
    command->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    command->add_option("--listen", o->listen, "Adresse et port d’écoute")->capture_default_str();
    auto* cert = command->add_option("--tls-cert", o->certificate, "Certificat TLS (PEM) ; sinon un certificat autosigné est créé");
    auto* key = command->add_option("--tls-key", o->key, "Clé privée TLS (PEM)");
    cert->needs(key);
    key->needs(cert);
    auto* insecure = command->add_flag("--insecure-http", o->insecureHttp, "HTTP sans TLS, seulement derrière un proxy TLS");
    insecure->excludes(cert);
    auto* hostname = command->add_option("--hostname", o->hostnames,
                                         "Nom DNS ou adresse IP par lesquels les kiosques joignent le hub, ajouté au certificat "
                                         "autosigné (répétable)");
    hostname->type_size(1)->allow_extra_args(false)->check(hostnameValidator());
    hostname->excludes(cert)->excludes(insecure);
    command->add_option("--threads", o->threads,
                        "Fils qui répondent aux kiosques (la console en a la moitié, 2 au moins) ; les connexions "
                        "ouvertes n’en occupent aucun")
        ->capture_default_str()
        ->check(numberBetween(1, 1024));  // 1024: what hub.conf files written for the old transport may say
    addConnectionOptions(*command, *o);
    command->add_option("--trusted-proxy", o->trustedProxies,
                        "Adresse IP d’un mandataire inverse (nginx, HAProxy) dont l’en-tête X-Forwarded-For donne "
                        "l’adresse du client (répétable) ; sans elle, l’en-tête est ignoré")
        ->type_size(1)
        ->allow_extra_args(false)
        ->check(ipAddressValidator());
    command->add_option("--sync-burst", o->syncBurst,
                        "Synchronisations permises d’affilée à un kiosque, ensuite une toutes les 2 s (au-delà : 429)")
        ->capture_default_str()
        ->check(numberBetween(1, 1'000'000));
    command->add_option("--log-level", o->logLevel,
                        "Ce que le journal garde : debug (aussi chaque synchronisation réussie), info, warning ou error")
        ->capture_default_str()
        ->check(logLevelValidator());
    addSmtpOptions(*command, *o);
    command->callback([o] {
        try {
            serve(*o);
        } catch (const CLI::Error&) {
            throw;
        } catch (const std::runtime_error& e) {
            std::cerr << "Le hub n’a pas pu démarrer : " << e.what() << "\n";
            throw CLI::RuntimeError(1);
        }
    });
}

}  // namespace cowork::hub
