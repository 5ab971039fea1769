#include "cli/backup_commands.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/hub_data.hpp"
#include "cli/run_reporting.hpp"
#include "storage/hub_backup.hpp"

namespace cowork::hub {
namespace {

struct BackupOptions {
    std::string dataDir;
    std::string target;
};

void backup(const BackupOptions& o) {
    backupHubDatabase(hubDatabasePath(o.dataDir), o.target);
    std::cerr << "Sauvegarde écrite : " << o.target << " (" << std::filesystem::file_size(o.target) / 1024 << " Kio).\n"
              << "Un hub démarré sur cette copie (renommée hub.db dans son dossier --data) annoncera une nouvelle époque :\n"
              << "les kiosques lui renverront ce qu'ils ont gardé. Gardez aussi une copie de "
              << (std::filesystem::path(o.dataDir) / "tls").string() << "/ : sans ses clés, les kiosques refuseraient le hub.\n";
}

void newEpoch(const BackupOptions& o) {
    const auto storage = openHubData(o.dataDir);
    const std::string epoch = storage->startNewEpoch(systemNowMs());
    std::cerr << "Nouvelle époque : à leur prochaine synchronisation, les kiosques reprendront les changements depuis le début\n"
              << "et renverront ce qu'ils ont gardé.\n";
    std::cout << epoch << "\n";
}

}  // namespace

void addBackupCommands(CLI::App& app) {
    auto o = std::make_shared<BackupOptions>();

    auto* save = app.add_subcommand("backup", "Sauvegarder les données du hub pendant qu'il tourne");
    save->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    save->add_option("--to", o->target, "Fichier de sauvegarde à créer (jamais écrasé)")->required();
    save->callback([o] { runReporting("Sauvegarde impossible", [&] { backup(*o); }); });

    auto* epoch = app.add_subcommand("new-epoch", "Après une restauration par simple copie : faire renvoyer aux kiosques ce qu'ils ont gardé");
    epoch->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    epoch->callback([o] { runReporting("Nouvelle époque impossible", [&] { newEpoch(*o); }); });
}

}  // namespace cowork::hub
