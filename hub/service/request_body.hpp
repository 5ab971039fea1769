#pragma once
#include <string_view>

#include "json/json_reader.hpp"
#include "service/api_error.hpp"

namespace cowork::hub {

// Runs a decoder on a request body; bad input becomes a 400 naming the field.
template <typename Decode>
auto decodeBody(std::string_view body, Decode decode, JsonLimits limits = JsonLimits{64 * 1024, 16}) {
    try {
        const Json document = parseJson(body, limits);
        return decode(JsonObject(document, ""));
    } catch (const InputError& e) {
        throw ApiError(400, e.reason(), e.field());
    }
}

}  // namespace cowork::hub
