#include "screens/screens.hpp"

namespace cowork::kiosk {

Intent drawScreen(const ScreenContext& ctx) {
    switch (ctx.ui.screen) {
    case Screen::FirstStart: return drawFirstStart(ctx);
    case Screen::Home: return drawHome(ctx);
    case Screen::CheckInCode: return drawCheckInCode(ctx);
    case Screen::SignUp: return drawSignUp(ctx);
    case Screen::NewMemberCode: return drawNewMemberCode(ctx);
    case Screen::PickPlace: return drawPickPlace(ctx);
    case Screen::CheckInDone:
    case Screen::CheckOutDone: return drawDone(ctx);
    case Screen::CheckOut: return drawCheckOut(ctx);
    case Screen::CheckOutCode: return drawCheckOutCode(ctx);
    case Screen::Network: return drawNetwork(ctx);
    case Screen::SiteDetail: return drawSiteDetail(ctx);
    case Screen::Contact: return drawContact(ctx);
    case Screen::ContactMessage: return drawContactMessage(ctx);
    case Screen::ShopkeeperPin: return drawShopkeeperPin(ctx);
    case Screen::Shopkeeper: return drawShopkeeper(ctx);
    case Screen::PinChange: return drawPinChange(ctx);
    case Screen::AnimationStart:
    case Screen::AnimationEnd: return drawAnimationCode(ctx);
    case Screen::AnimationStartDone:
    case Screen::AnimationEndDone: return drawAnimationDone(ctx);
    }
    return drawHome(ctx);
}

}  // namespace cowork::kiosk
