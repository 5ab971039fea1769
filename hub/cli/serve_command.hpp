#pragma once
#include <CLI/CLI.hpp>

namespace cowork::hub {

// `cowork-hub serve --data DIR [--listen ADDR:PORT] [--tls-cert F --tls-key F | --hostname NAME…] [--insecure-http]
//  [--smtp-url URL --smtp-from ADDR [--smtp-user U --smtp-password-file F]]`
void addServeCommand(CLI::App& app);

}  // namespace cowork::hub
