#pragma once
// The animators' routes (docs/console-api.md, « Animateurs »): designations,
// sessions of a month, a session's correction, the monthly hours as CSV, and
// the link from an animator's console account to their member.
#include "http/console_routes.hpp"
#include "service/animation_service.hpp"

namespace cowork::hub {

void addAnimationRoutes(ConsoleRoutes& routes, AnimationService& animation);

}  // namespace cowork::hub
