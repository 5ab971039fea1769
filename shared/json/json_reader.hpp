#pragma once
// Strict reading of JSON that comes from outside (files, kiosks, the hub).
// Unknown fields are ignored; a missing or mistyped required field raises an
// InputError naming it by its path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/json_error.hpp"

namespace cowork {

using Json = nlohmann::json;

struct JsonLimits {
    std::size_t maxBytes = 8 * 1024 * 1024;
    int maxDepth = 32;
};

// Parses text, turning every failure (syntax, invalid UTF-8, overflow, too deep,
// too large) into an InputError whose field gives the line and column.
Json parseJson(std::string_view text, JsonLimits limits = {});

// A view of one JSON object with its path, for error messages.
class JsonObject {
public:
    JsonObject(const Json& value, std::string path);

    const std::string& path() const { return path_; }
    bool has(std::string_view key) const;

    std::string requireString(std::string_view key) const;
    std::string requireNonEmptyString(std::string_view key) const;
    std::int64_t requireInt(std::string_view key) const;
    std::int64_t requireIntInRange(std::string_view key, std::int64_t min, std::int64_t max) const;
    double requireNumber(std::string_view key) const;
    bool requireBool(std::string_view key) const;
    JsonObject requireObject(std::string_view key) const;
    const Json& requireArray(std::string_view key) const;

    std::optional<std::string> optionalString(std::string_view key) const;
    std::optional<std::int64_t> optionalInt(std::string_view key) const;
    std::optional<JsonObject> optionalObject(std::string_view key) const;
    std::vector<std::string> optionalStringArray(std::string_view key) const;

    const Json& raw() const { return value_; }
    std::string fieldPath(std::string_view key) const;
    [[noreturn]] void fail(std::string_view key, const std::string& message) const;

private:
    const Json* find(std::string_view key) const;
    const Json& require(std::string_view key) const;

    const Json& value_;
    std::string path_;
};

// The object at `index` of `array`, or an InputError naming "path[index]".
JsonObject arrayElementObject(const Json& array, std::size_t index, const std::string& arrayPath);

}  // namespace cowork
