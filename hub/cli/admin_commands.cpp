#include "cli/admin_commands.hpp"

#include <iostream>
#include <memory>

#include "cli/data_owner.hpp"
#include "cli/hub_data.hpp"
#include "cli/run_reporting.hpp"
#include "domain/paris_time.hpp"
#include "events/entity_codec.hpp"
#include "security/secrets.hpp"
#include "tls/hub_identity.hpp"

namespace cowork::hub {
namespace {

struct AdminOptions {
    std::string dataDir;
    std::string file;
    std::string siteId;
    std::string email;
    std::string deviceId;
    std::string certificate;
    std::string role = "coordinator";
    std::vector<std::string> siteIds;
};

void importNetworkFile(const AdminOptions& o) {
    const NetworkFile network = loadNetworkFile(o.file);
    const auto storage = openHubData(o.dataDir);
    const NetworkImportReport report = storage->importNetwork(network, systemNowMs());
    if (!report.changedAnything()) {
        std::cout << "Rien à changer : le hub correspond déjà à " << o.file << "\n";
        return;
    }
    std::cout << "Lieux : " << report.sitesAdded << " ajouté(s), " << report.sitesUpdated << " mis à jour ; places : "
              << report.placesAdded << " ajoutée(s), " << report.placesUpdated << " mise(s) à jour ; communes : "
              << (report.communesChanged ? "liste mise à jour" : "inchangées") << "\n";
}

void printEnrollmentCode(const AdminOptions& o) {
    const auto storage = openHubData(o.dataDir);
    if (!storage->siteExists(o.siteId)) throw std::runtime_error("lieu inconnu du hub : « " + o.siteId + " » (importez d’abord le réseau)");
    const EnrollmentCode code = storage->createEnrollmentCode(o.siteId, systemNowMs());
    const LocalDateTime expires = toParisLocal(code.expiresAt);
    // The pin of the certificate serve uses: its --tls-cert, or the one it makes.
    const std::string certificate = o.certificate.empty() ? ensureSelfSignedIdentity(o.dataDir).certificatePath : o.certificate;
    std::cerr << "Code d’enrôlement pour « " << o.siteId << " », valable une fois, jusqu’au " << formatLocalDate(expires.date)
              << " " << expires.minuteOfDay / 60 << "h" << (expires.minuteOfDay % 60 < 10 ? "0" : "") << expires.minuteOfDay % 60
              << " (heure de Paris).\n"
              << "Clé publique du hub : " << publicKeyPinOfCertificate(certificate) << "\n"
              << "Sur le kiosque : cowork-kiosk --data DOSSIER --enroll https://HUB:8443 CODE --pin CLÉ\n";
    std::cout << code.code << "\n";
}

void printPin(const AdminOptions& o) {
    const std::string certificate = o.certificate.empty() ? ensureSelfSignedIdentity(o.dataDir).certificatePath : o.certificate;
    std::cout << publicKeyPinOfCertificate(certificate) << "\n";
}

std::string roleInFrench(Role role) {
    switch (role) {
        case Role::Coordinator: return "coordinateur";
        case Role::Animator: return "animateur";
        case Role::Elected: return "élu";
    }
    return "élu";
}

// An animator animates at least one site the hub knows; the other roles see every site.
std::set<std::string> checkedSites(HubStorage& storage, Role role, const std::vector<std::string>& siteIds) {
    if (role != Role::Animator) {
        if (!siteIds.empty()) throw std::runtime_error("--site ne s’emploie qu’avec --role animator");
        return {};
    }
    if (siteIds.empty()) throw std::runtime_error("un animateur anime au moins un lieu : ajoutez --site LIEU");
    for (const std::string& siteId : siteIds) {
        if (!storage.siteExists(siteId)) throw std::runtime_error("lieu inconnu du hub : « " + siteId + " » (importez d’abord le réseau)");
    }
    return {siteIds.begin(), siteIds.end()};
}

// add-user, and add-coordinator which is add-user --role coordinator.
void addUser(const AdminOptions& o) {
    const auto role = roleFromString(o.role);
    if (!role) throw std::runtime_error("rôle inconnu : « " + o.role + " » (coordinator, animator ou elected)");
    if (o.email.find('@') == std::string::npos) throw std::runtime_error("adresse e-mail invalide : « " + o.email + " »");
    std::string password;
    std::getline(std::cin, password);
    if (password.size() < 12) throw std::runtime_error("mot de passe trop court (12 caractères au moins), lu sur l’entrée standard");
    const auto storage = openHubData(o.dataDir);
    const std::set<std::string> sites = checkedSites(*storage, *role, o.siteIds);
    storage->saveUser(NewUser{o.email, *role, sites}, hashPassword(password), systemNowMs());
    std::cerr << "Compte " << roleInFrench(*role) << " enregistré : " << o.email << "\n";
}

void revokeDevice(const AdminOptions& o) {
    const auto storage = openHubData(o.dataDir);
    if (!storage->revokeDevice(o.deviceId, systemNowMs())) throw std::runtime_error("kiosque inconnu : « " + o.deviceId + " »");
    std::cerr << "Kiosque révoqué : " << o.deviceId << " (il devra être enrôlé à nouveau)\n";
}

void confirmDevice(const AdminOptions& o) {
    const auto storage = openHubData(o.dataDir);
    if (!storage->confirmDevice(o.deviceId)) throw std::runtime_error("kiosque inconnu : « " + o.deviceId + " »");
    std::cerr << "Kiosque confirmé : " << o.deviceId << " (il n’est plus signalé après la restauration)\n";
}

// `sudo cowork-hub …` acts as the data directory's owner (the service's user) before anything.
template <typename Body>
void runOnData(const char* what, const AdminOptions& o, Body body) {
    runReporting(what, [&] {
        actAsOwnerOf(o.dataDir);
        body();
    });
}

CLI::App* withData(CLI::App* command, AdminOptions& o) {
    command->add_option("--data", o.dataDir, "Dossier des données du hub")->required();
    return command;
}

}  // namespace

void addAdminCommands(CLI::App& app) {
    auto o = std::make_shared<AdminOptions>();

    auto* import = withData(app.add_subcommand("import-network", "Créer ou mettre à jour les lieux depuis un fichier réseau"), *o);
    import->add_option("file", o->file, "Fichier réseau (JSON)")->required()->check(CLI::ExistingFile);
    import->callback([o] { runOnData("Import refusé", *o, [&] { importNetworkFile(*o); }); });

    auto* enroll = withData(app.add_subcommand("enroll-code", "Créer un code d’enrôlement pour un nouveau kiosque (7 jours)"), *o);
    enroll->add_option("--site", o->siteId, "Identifiant du lieu du kiosque")->required();
    enroll->add_option("--tls-cert", o->certificate, "Certificat utilisé par serve --tls-cert, s’il y en a un");
    enroll->callback([o] { runOnData("Code non créé", *o, [&] { printEnrollmentCode(*o); }); });

    auto* pin = withData(app.add_subcommand("pin", "Afficher l’empreinte de la clé publique du hub (sha256//…)"), *o);
    pin->add_option("--tls-cert", o->certificate, "Certificat utilisé par serve --tls-cert, s’il y en a un");
    pin->callback([o] { runOnData("Empreinte indisponible", *o, [&] { printPin(*o); }); });

    auto* coordinator = withData(app.add_subcommand("add-coordinator", "Créer un compte coordinateur (mot de passe sur l’entrée standard)"), *o);
    coordinator->add_option("--email", o->email, "Adresse e-mail du coordinateur")->required();
    coordinator->callback([o] {
        o->role = "coordinator";
        runOnData("Compte non créé", *o, [&] { addUser(*o); });
    });

    auto* user = withData(app.add_subcommand("add-user", "Créer un compte de la console (mot de passe sur l’entrée standard)"), *o);
    user->add_option("--role", o->role, "Rôle : coordinator, animator ou elected")->required();
    user->add_option("--email", o->email, "Adresse e-mail de la personne")->required();
    user->add_option("--site", o->siteIds, "Lieu animé (animateur ; répétable)")->type_size(1)->allow_extra_args(false);
    user->callback([o] { runOnData("Compte non créé", *o, [&] { addUser(*o); }); });

    auto* revoke = withData(app.add_subcommand("revoke-device", "Révoquer un kiosque (perdu, volé, remplacé)"), *o);
    revoke->add_option("--device", o->deviceId, "Identifiant du kiosque")->required();
    revoke->callback([o] { runOnData("Révocation impossible", *o, [&] { revokeDevice(*o); }); });

    auto* confirm = withData(app.add_subcommand("confirm-device", "Après une restauration : confirmer qu’un kiosque n’a pas été révoqué depuis la sauvegarde"), *o);
    confirm->add_option("--device", o->deviceId, "Identifiant du kiosque")->required();
    confirm->callback([o] { runOnData("Confirmation impossible", *o, [&] { confirmDevice(*o); }); });
}

}  // namespace cowork::hub
