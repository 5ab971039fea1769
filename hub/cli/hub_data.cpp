#include "cli/hub_data.hpp"

#include <filesystem>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace cowork::hub {

std::string hubDatabasePath(const std::string& dataDir) { return (std::filesystem::path(dataDir) / "hub.db").string(); }

std::unique_ptr<HubStorage> openHubData(const std::string& dataDir) {
    std::filesystem::create_directories(dataDir);
    return std::make_unique<SqliteHubStorage>(hubDatabasePath(dataDir));
}

void setUpLogging() {
    auto logger = spdlog::stderr_logger_mt("cowork-hub");
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
    spdlog::set_default_logger(logger);
}

}  // namespace cowork::hub
