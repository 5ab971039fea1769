#pragma once
// Screens are functions of state: each reads the view and the UI state and
// returns the person's intent. They never write; the app applies the intent.
#include "app/intents.hpp"
#include "app/kiosk_view.hpp"
#include "app/ui_state.hpp"
#include "i18n/catalog.hpp"
#include "ui/fonts.hpp"

namespace cowork::kiosk {

struct ScreenContext {
    const KioskView& view;
    const UiState& ui;
    const Catalog& tr;
    const ui::Fonts& fonts;
    long long pointerHeldMs = 0;  // for the shopkeeper's long press
};

Intent drawScreen(const ScreenContext& ctx);

Intent drawHome(const ScreenContext& ctx);
Intent drawCheckInCode(const ScreenContext& ctx);
Intent drawSignUp(const ScreenContext& ctx);
Intent drawNewMemberCode(const ScreenContext& ctx);
Intent drawPickPlace(const ScreenContext& ctx);
Intent drawDone(const ScreenContext& ctx);  // check-in and check-out confirmations
Intent drawCheckOut(const ScreenContext& ctx);
Intent drawCheckOutCode(const ScreenContext& ctx);
Intent drawNetwork(const ScreenContext& ctx);
Intent drawSiteDetail(const ScreenContext& ctx);
Intent drawContact(const ScreenContext& ctx);
Intent drawContactMessage(const ScreenContext& ctx);
Intent drawShopkeeperPin(const ScreenContext& ctx);
Intent drawShopkeeper(const ScreenContext& ctx);
Intent drawPinChange(const ScreenContext& ctx);
Intent drawFirstStart(const ScreenContext& ctx);
Intent drawAnimationCode(const ScreenContext& ctx);  // « J'anime » and « Fin de l'animation »
Intent drawAnimationDone(const ScreenContext& ctx);

}  // namespace cowork::kiosk
