#include "cli/hub_config.hpp"

#include <algorithm>

namespace cowork::hub {
namespace {

bool hasOption(const CLI::App& command, const std::string& name) {
    return command.get_option_no_throw("--" + name) != nullptr;
}

}  // namespace

std::vector<CLI::ConfigItem> HubConfigFile::from_config(std::istream& input) const {
    std::vector<CLI::ConfigItem> forCommands;
    const std::vector<const CLI::App*> commands = app_.get_subcommands([](const CLI::App*) { return true; });
    // The command this run invokes: the command line is parsed before the file is read.
    const std::vector<CLI::App*> invoked = app_.get_subcommands();
    for (CLI::ConfigItem& item : CLI::ConfigTOML::from_config(input)) {
        if (!item.parents.empty()) {  // a [command] section, taken as written
            forCommands.push_back(std::move(item));
            continue;
        }
        const bool known = std::any_of(commands.begin(), commands.end(),
                                       [&](const CLI::App* command) { return hasOption(*command, item.name); });
        if (!known) throw CLI::ConfigError("clé inconnue dans le fichier de configuration : « " + item.name + " »");
        for (const CLI::App* command : invoked) {
            if (!hasOption(*command, item.name)) continue;
            CLI::ConfigItem forCommand = item;
            forCommand.parents = {command->get_name()};
            forCommands.push_back(std::move(forCommand));
        }
    }
    return forCommands;
}

void readHubConfig(CLI::App& app, const std::string& defaultFile) {
    app.set_config("--config", defaultFile,
                   "Fichier de configuration (avant la commande) ; lu par défaut s’il existe. "
                   "Les options de la ligne de commande l’emportent");
    app.config_formatter(std::make_shared<HubConfigFile>(app));
}

}  // namespace cowork::hub
