#pragma once
// Comparing first names as a coordinator types them: "elo" finds "Élodie".
#include <string>
#include <string_view>

namespace cowork::hub {

// Lower case, without the accents of French and its neighbours (é → e, Ç → c,
// œ → oe); other characters are kept as they are.
std::string foldForSearch(std::string_view utf8);

}  // namespace cowork::hub
