#pragma once
// What the public feed needs from the network file beyond the sites the store
// holds: the intercommunality's name (the data's publisher), the communes with
// their INSEE codes and positions (a site's INSEE code, the public page's
// "where do you start from"), and the travel times the file gives. Kept by
// `import-network` in the hub's settings (kPublicNetworkSetting), as JSON.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/network_file.hpp"

namespace cowork::hub {

constexpr const char* kPublicNetworkSetting = "public.network";

struct PublicNetwork {
    std::string publisher;  // the intercommunality, "Communauté de Communes Saône-Beaujolais"
    std::vector<CommunePlace> communes;
    std::vector<TravelOverride> travelOverrides;
    bool operator==(const PublicNetwork&) const = default;
};

PublicNetwork publicNetworkOf(const NetworkFile& network);
std::string encodePublicNetwork(const PublicNetwork& network);
// An absent or unreadable setting (a hub whose network was imported before this
// version) gives an empty network: no publisher, no communes.
PublicNetwork decodePublicNetwork(const std::optional<std::string>& text);

}  // namespace cowork::hub
