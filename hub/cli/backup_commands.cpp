#include "cli/backup_commands.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/hub_data.hpp"
#include "cli/run_reporting.hpp"
#include "domain/paris_time.hpp"
#include "service/retention_service.hpp"
#include "storage/hub_backup.hpp"

namespace cowork::hub {
namespace {

struct BackupOptions {
    std::string dataDir;
    std::string target;
    std::string folder;  // --into: scheduled backups
};

void backup(const BackupOptions& o) {
    backupHubDatabase(hubDatabasePath(o.dataDir), o.target);
    std::cerr << "Sauvegarde écrite : " << o.target << " (" << std::filesystem::file_size(o.target) / 1024 << " Kio).\n"
              << "Un hub démarré sur cette copie (renommée hub.db dans son dossier --data) annoncera une nouvelle époque :\n"
              << "les kiosques lui renverront ce qu’ils ont gardé. Gardez aussi une copie de "
              << (std::filesystem::path(o.dataDir) / "tls").string() << "/ : sans ses clés, les kiosques refuseraient le hub.\n";
}

// The daily timer's backup: copies older than the link period go as a new one is made.
void scheduledBackup(const BackupOptions& o) {
    const TimeMs now = systemNowMs();
    const int months = visitLinkMonths(*openHubData(o.dataDir));
    const ScheduledBackup made = backupIntoFolder(hubDatabasePath(o.dataDir), o.folder, now, monthsBefore(now, months));
    std::cerr << "Sauvegarde écrite : " << made.written << " (" << std::filesystem::file_size(made.written) / 1024 << " Kio) ; "
              << made.deleted.size() << " copie(s) de plus de " << months << " mois (durée du lien visite-membre) supprimée(s).\n";
    for (const std::string& deleted : made.deleted) std::cerr << "Supprimée : " << deleted << "\n";
}

void newEpoch(const BackupOptions& o) {
    const auto storage = openHubData(o.dataDir);
    const std::string epoch = storage->startNewEpoch(systemNowMs());
    std::cerr << "Nouvelle époque : à leur prochaine synchronisation, les kiosques reprendront les changements depuis le début\n"
              << "et renverront ce qu’ils ont gardé.\n";
    std::cout << epoch << "\n";
}

}  // namespace

void addBackupCommands(CLI::App& app) {
    auto o = std::make_shared<BackupOptions>();

    auto* save = app.add_subcommand("backup", "Sauvegarder les données du hub pendant qu’il tourne");
    save->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    auto* to = save->add_option("--to", o->target, "Fichier de sauvegarde à créer (jamais écrasé)");
    auto* into = save->add_option("--into", o->folder,
                                  "Dossier des sauvegardes programmées : une copie datée, et les copies plus anciennes que "
                                  "la durée du lien visite-membre supprimées");
    to->excludes(into);
    save->callback([o] {
        runReporting("Sauvegarde impossible", [&] {
            if (o->target.empty() && o->folder.empty()) throw std::runtime_error("indiquez --to FICHIER ou --into DOSSIER");
            o->folder.empty() ? backup(*o) : scheduledBackup(*o);
        });
    });

    auto* epoch = app.add_subcommand("new-epoch", "Après une restauration par simple copie : faire renvoyer aux kiosques ce qu’ils ont gardé");
    epoch->add_option("--data", o->dataDir, "Dossier des données du hub")->required();
    epoch->callback([o] { runReporting("Nouvelle époque impossible", [&] { newEpoch(*o); }); });
}

}  // namespace cowork::hub
