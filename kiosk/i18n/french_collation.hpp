#pragma once
// French alphabetical order for names on a list (the communes of sign-up):
// "É" with "E", capitals with small letters, the "Saint-" names together.
// Written by hand rather than with ICU: the names are Latin letters with French
// accents, and ICU's data (some 30 MB, loaded at start) is a lot for a Raspberry
// Pi to carry for a list of 35 communes.
#include <string>
#include <string_view>

namespace cowork::kiosk {

// The key names sort by: small letters without their accents (œ as oe), each
// run of spaces, dashes, apostrophes and dots as one space, which comes before
// any letter ("Saint-Lager" before "Sainte-…"), "St"/"Ste" read as
// "saint"/"sainte". Other characters are kept as they are.
std::string frenchSortKey(std::string_view name);

// By that key; two names equal by it by their bytes (the unaccented one first).
bool frenchCollationLess(std::string_view a, std::string_view b);

}  // namespace cowork::kiosk
