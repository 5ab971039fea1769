#pragma once
#include <stdexcept>
#include <string>

namespace cowork {

// Raised for any input that is not what we expect: bad syntax, a missing or
// mistyped field, an out-of-range value. `field` names where (a JSON path such
// as "sites[4].hours.tue", or "ligne 12, colonne 7" for syntax errors).
class InputError : public std::runtime_error {
public:
    InputError(std::string field, const std::string& message)
        : std::runtime_error(field.empty() ? message : field + " : " + message),
          field_(std::move(field)), reason_(message) {}
    const std::string& field() const { return field_; }
    const std::string& reason() const { return reason_; }

private:
    std::string field_;
    std::string reason_;
};

}  // namespace cowork
