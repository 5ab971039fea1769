#pragma once
// Pieces several screens share: the title bar with the way home and the
// language switch, and the error line.
#include <string>

#include "screens/screens.hpp"
#include "ui/theme.hpp"

namespace cowork::kiosk {

// "← Accueil" (unless `withHome` is false), the title, and the language switch.
Intent titleBar(const ScreenContext& ctx, const std::string& title, bool withHome = true);
// The language switch alone, at the cursor.
Intent languageButton(const ScreenContext& ctx, float width);
void errorLine(const ScreenContext& ctx);
// The member code typed so far, large, the error line and the code keypad.
Intent memberCodeEntry(const ScreenContext& ctx);
// Merges: the later intent wins only when the earlier one is empty.
inline void keep(Intent& into, Intent next) {
    if (std::holds_alternative<std::monostate>(into)) into = std::move(next);
}
// The places that pass `show` as large tappable tiles, scrolling when many;
// returns the id of the one tapped, or "".
std::string placeGrid(const ScreenContext& ctx, bool (*show)(const PlaceView&), const std::string& detail, ui::Tone tone,
                      float bottomReserve);
// Taller than wide: side-by-side layouts stack instead.
bool isPortrait();
// Moves the cursor so that `height` pixels fit before the bottom of the screen.
void alignBottom(float height);

}  // namespace cowork::kiosk
