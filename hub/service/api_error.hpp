#pragma once
#include <stdexcept>
#include <string>

namespace cowork::hub {

// A refusal to send back as {"error": message, "field": field} with `status`.
class ApiError : public std::runtime_error {
public:
    ApiError(int status, const std::string& message, std::string field = "")
        : std::runtime_error(message), status_(status), field_(std::move(field)) {}
    int status() const { return status_; }
    const std::string& field() const { return field_; }

private:
    int status_;
    std::string field_;
};

}  // namespace cowork::hub
