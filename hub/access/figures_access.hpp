#pragma once
// The network's figures (GET /api/v1/admin/stats) hold no personal data: the
// coordination and elected officials read them; an animator has their own
// sites' pages instead.
#include "access/principal.hpp"

namespace cowork::hub {

// Throws ApiError 403 for an animator.
void requireFiguresReader(const Principal& principal);

}  // namespace cowork::hub
