// cowork-hub: the intercommunality's server and its administration commands.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/admin_commands.hpp"
#include "cli/backup_commands.hpp"
#include "cli/check_network_command.hpp"
#include "cli/hub_config.hpp"
#include "cli/key_commands.hpp"
#include "cli/serve_command.hpp"

int main(int argc, char** argv) {
    // A kiosk that hangs up mid-answer must cost one failed write, not the hub.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"cowork-hub — serveur du réseau de coworking de l’intercommunalité"};
    app.require_subcommand(1);
    cowork::hub::addServeCommand(app);
    cowork::hub::addAdminCommands(app);
    cowork::hub::addBackupCommands(app);
    cowork::hub::addCheckNetworkCommand(app);
    cowork::hub::addKeyCommands(app);
    cowork::hub::readHubConfig(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return 0;
}
