#pragma once
#include <cstdint>
#include <optional>
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

    // A 429 that knows when a try is allowed again: sent as Retry-After, in whole seconds.
    static ApiError tooManyTries(const std::string& message, std::int64_t retryAfterSeconds) {
        ApiError error(429, message);
        error.retryAfterSeconds_ = retryAfterSeconds;
        return error;
    }
    std::optional<std::int64_t> retryAfterSeconds() const { return retryAfterSeconds_; }

private:
    int status_;
    std::string field_;
    std::optional<std::int64_t> retryAfterSeconds_;
};

}  // namespace cowork::hub
