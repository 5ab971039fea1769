#pragma once
// Statistical disclosure control for the published figures: a count standing
// for fewer than 5 people (or visits made by fewer than 5 distinct people) is
// shown as "< 5" (primary suppression), and further cells are hidden where a
// published total minus the other published cells would reveal it
// (complementary suppression), until no group has exactly one hidden cell.
#include <cstdint>
#include <string>
#include <vector>

namespace cowork::hub {

constexpr std::int64_t kSmallestPublishedGroup = 5;
constexpr const char* kSuppressedText = "< 5";

struct SuppressibleCell {
    std::int64_t value = 0;  // what a reader could add up
    std::int64_t floor = 0;  // the fewest distinct people behind it
    bool hidden = false;
};

// Primary suppression: 0 < floor < 5 (a zero hides no one).
bool belowThreshold(const SuppressibleCell& cell);

// One total and the cells that add up to it (sites of a kind, kinds of the
// network, communes of a scope's members…). Pointers into the caller's cells.
struct AdditiveGroup {
    SuppressibleCell* total = nullptr;  // null: no total published, nothing to protect against
    std::vector<SuppressibleCell*> parts;
};

// Marks primary suppressions, then complementary ones until stable: in a group
// whose total is published, one hidden part alone is joined by the smallest
// other non-zero part, or, if there is none, by the total itself. Returns how
// many cells were hidden for the complement.
int suppress(std::vector<SuppressibleCell*> cells, const std::vector<AdditiveGroup>& groups);

}  // namespace cowork::hub
