#include "service/figures_suppression.hpp"

#include <algorithm>

namespace cowork::hub {

bool belowThreshold(const SuppressibleCell& cell) { return cell.value > 0 && cell.floor < kSmallestPublishedGroup; }

int suppress(std::vector<SuppressibleCell*> cells, const std::vector<AdditiveGroup>& groups) {
    for (SuppressibleCell* cell : cells) {
        if (belowThreshold(*cell)) cell->hidden = true;
    }
    int complementary = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (const AdditiveGroup& group : groups) {
            if (group.total == nullptr || group.total->hidden) continue;  // nothing to subtract from
            const auto hidden = std::count_if(group.parts.begin(), group.parts.end(), [](auto* c) { return c->hidden; });
            if (hidden != 1) continue;
            SuppressibleCell* next = nullptr;
            for (SuppressibleCell* part : group.parts) {
                if (!part->hidden && part->value > 0 && (next == nullptr || part->value < next->value)) next = part;
            }
            if (next == nullptr) next = group.total;
            next->hidden = true;
            ++complementary;
            changed = true;
        }
    }
    return complementary;
}

}  // namespace cowork::hub
