#include "access/figures_access.hpp"

#include "service/api_error.hpp"

namespace cowork::hub {

void requireFiguresReader(const Principal& principal) {
    if (principal.role == Role::Animator) {
        throw ApiError(403, "les chiffres du réseau sont réservés à la coordination et aux élus");
    }
}

}  // namespace cowork::hub
