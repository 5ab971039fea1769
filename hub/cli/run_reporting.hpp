#pragma once
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

namespace cowork::hub {

// Runs a command, turning its errors into "WHAT : why" on standard error and a
// non-zero exit.
template <typename Body>
void runReporting(const char* what, Body body) {
    try {
        body();
    } catch (const CLI::Error&) {
        throw;
    } catch (const std::exception& e) {
        std::cerr << what << " : " << e.what() << "\n";
        throw CLI::RuntimeError(1);
    }
}

}  // namespace cowork::hub
