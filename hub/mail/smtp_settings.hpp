#pragma once
// Where and as whom the hub sends email: `cowork-hub serve --smtp-url
// smtp://host:587 --smtp-from hub@example.org [--smtp-user U
// --smtp-password-file F]`. The password is read from a file so that it never
// shows in the process list or the shell history.
#include <string>

namespace cowork::hub {

struct SmtpSettings {
    std::string url;  // smtp://host[:port] (STARTTLS when offered) or smtps://host[:port]
    std::string from;
    std::string user;
    std::string password;
    long connectTimeoutMs = 10'000;
    long totalTimeoutMs = 60'000;

    bool configured() const { return !url.empty(); }
    // The relay's host[:port], without scheme or credentials: what the
    // processing register names as a recipient. "" when none is set.
    std::string relayHost() const;
};

// Throws std::runtime_error, in French, naming what to fix.
void checkSmtpSettings(const SmtpSettings& settings);
// The file's content without its trailing line break. Warns (spdlog) when other
// users may read it.
std::string readSmtpPasswordFile(const std::string& path);

// smtp:// to another machine sends the credentials in the clear unless the
// server offers STARTTLS; with a user set, TLS is then required (a relay on
// this machine, reached through 127.0.0.1, ::1 or localhost, is exempt).
bool smtpRequiresTls(const SmtpSettings& settings);

}  // namespace cowork::hub
