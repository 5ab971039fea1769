#include "cli/key_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/data_owner.hpp"
#include "cli/run_reporting.hpp"
#include "cli/hub_data.hpp"
#include "tls/given_pins.hpp"
#include "tls/hub_identity.hpp"
#include "tls/key_rotation.hpp"

namespace cowork::hub {
namespace {

struct KeyOptions {
    std::string dataDir;
    std::string certificate;  // serve's --tls-cert, if it has one
};

// A hub serving its own files: rotate-key cannot issue its certificate, but
// the kiosks pinned DIR/tls/backup-key.pem, which serve keeps for it too.
std::string ownCertificateAdvice(const KeyOptions& o) {
    const std::string tls = (std::filesystem::path(o.dataDir) / "tls").string();
    const std::string backup = (std::filesystem::path(o.dataDir) / "tls" / "backup-key.pem").string();
    std::string advice = o.certificate.empty()
                             ? "pas de certificat autosigné dans " + tls + " (cert.pem, key.pem) : le hub sert ses propres fichiers "
                               "(--tls-cert/--tls-key), ou n’a jamais démarré"
                             : std::string("le hub sert ses propres fichiers (--tls-cert/--tls-key)");
    advice += " ; rotate-key ne remplace pas des fichiers fournis. Pour changer de clé sans toucher aux kiosques : "
              "déplacez la clé de secours ";
    advice += backup;
    advice += " (ils l’ont épinglée) à côté de votre certificat, faites émettre le nouveau certificat pour cette clé, puis "
              "redémarrez serve avec --tls-cert NOUVEAU_CERTIFICAT --tls-key CETTE_CLÉ : serve crée une nouvelle clé de "
              "secours, que les kiosques apprennent à leur synchronisation suivante";
    return advice;
}

void printRotation(const KeyRotation& rotation) {
    std::cerr << (rotation.resumed ? "Changement de clé interrompu, terminé.\n" : "Le hub passe à sa clé de secours.\n")
              << "Clé actuelle (l’ancienne clé de secours) : " << rotation.currentPin << "\n"
              << "Nouvelle clé de secours : " << rotation.backupPin << "\n";
    if (!rotation.retiredKeyPath.empty()) std::cerr << "Ancienne clé gardée pour mémoire : " << rotation.retiredKeyPath << "\n";
    std::cerr << "Les kiosques continuent de se synchroniser sans mise à jour : ils ont déjà épinglé cette clé.\n"
              << "Redémarrez le hub maintenant (serve lit le certificat au démarrage) : à leur synchronisation suivante, "
                 "les kiosques apprennent la nouvelle clé de secours.\n"
              << "Ne changez pas de clé à nouveau avant que chaque kiosque se soit synchronisé depuis ce redémarrage "
                 "(dernière synchronisation : GET /api/v1/admin/devices) : un kiosque resté éteint ne connaîtrait aucune "
                 "des deux clés.\n";
    std::cout << rotation.currentPin << "\n" << rotation.backupPin << "\n";
}

void rotateKey(const KeyOptions& o) {
    if (!o.certificate.empty() || !hasSelfSignedIdentity(o.dataDir)) throw std::runtime_error(ownCertificateAdvice(o));
    printRotation(rotateSelfSignedKey(o.dataDir, systemNowMs()));
}

// For certbot's deploy hook: the renewed certificate is installed only if
// the kiosks know its key.
void checkCertificate(const KeyOptions& o) {
    const auto storage = openHubData(o.dataDir);
    const auto devices = storage->devices();
    const bool enrolled = std::any_of(devices.begin(), devices.end(), [](const DeviceStatus& d) { return !d.revoked; });
    checkCertificateKeyIsPinned(o.dataDir, o.certificate, enrolled);
    std::cerr << "Certificat accepté : sa clé est connue des kiosques (" << publicKeyPinOfCertificate(o.certificate) << ").\n";
}

}  // namespace

void addKeyCommands(CLI::App& app) {
    auto o = std::make_shared<KeyOptions>();
    auto* rotate = app.add_subcommand("rotate-key", "Passer le hub à sa clé de secours (certificat autosigné) ; les kiosques suivent");
    rotate->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    rotate->add_option("--tls-cert", o->certificate, "Certificat utilisé par serve --tls-cert, s’il y en a un (refusé alors)");
    auto* check = app.add_subcommand("check-certificate",
                                     "Vérifier qu’un certificat (renouvelé) est fait pour une clé que les kiosques ont épinglée");
    check->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    check->add_option("--tls-cert", o->certificate, "Certificat à vérifier (PEM)")->required()->check(CLI::ExistingFile);
    check->callback([o] {
        runReporting("Certificat refusé", [&] {
            actAsOwnerOf(o->dataDir);
            checkCertificate(*o);
        });
    });

    rotate->callback([o] {
        runReporting("Changement de clé refusé", [&] {
            actAsOwnerOf(o->dataDir);  // the new keys stay readable by the service's user
            rotateKey(*o);
        });
    });
}

}  // namespace cowork::hub
