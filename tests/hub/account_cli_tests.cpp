// cowork-hub add-user: console accounts of every role from the command line.
#include <catch2/catch.hpp>

#include "hub_process.hpp"
#include "hub_test_support.hpp"

using namespace cowork;
using namespace cowork::hub;

TEST_CASE("cowork-hub add-user creates an account of any role, and refuses an unknown site or role", "[hub][accounts][cli]") {
    using cowork::hub::testing::runHubCommand;
    using cowork::hub::testing::runHubCommandKeepingErrors;
    cowork::testing::TempDir dir;
    const std::string data = dir.path().string();
    REQUIRE(runHubCommand({"import-network", "--data", data, cowork::hub::testing::kDemoNetwork}) == 0);
    CHECK(runHubCommand({"add-user", "--data", data, "--role", "animator", "--email", "anim@ccsb.example", "--site",
                         "fleurie-boulangerie", "--site", "villie-morgon-bar"},
                        nullptr, "un mot de passe solide") == 0);
    CHECK(runHubCommand({"add-user", "--data", data, "--role", "elected", "--email", "elu@ccsb.example"}, nullptr,
                        "un mot de passe solide") == 0);
    CHECK(runHubCommand({"add-coordinator", "--data", data, "--email", "coord@ccsb.example"}, nullptr, "un mot de passe solide") == 0);

    std::string errors;
    CHECK(runHubCommandKeepingErrors({"add-user", "--data", data, "--role", "maire", "--email", "m@ccsb.example"}, nullptr, &errors) == 1);
    CHECK(errors.find("rôle inconnu") != std::string::npos);
    CHECK(runHubCommand({"add-user", "--data", data, "--role", "animator", "--email", "x@ccsb.example", "--site", "nulle-part"},
                        nullptr, "un mot de passe solide") == 1);

    SqliteHubStorage storage(dir.file("hub.db"));
    const auto animator = storage.userWithEmail("anim@ccsb.example");
    REQUIRE(animator);
    CHECK(animator->role == Role::Animator);
    CHECK(animator->siteIds == std::set<std::string>{"fleurie-boulangerie", "villie-morgon-bar"});
    CHECK(animator->hasPassword);
    CHECK(storage.userWithEmail("elu@ccsb.example")->role == Role::Elected);
    CHECK(storage.userWithEmail("coord@ccsb.example")->role == Role::Coordinator);
    CHECK(!storage.userWithEmail("x@ccsb.example"));
    CHECK(storage.users().size() == 3);
}
