#include "json/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cowork {
namespace {

// `offset` is 0-based. Columns count characters, not bytes, so that a line
// full of accented names still points at the right place in an editor.
std::string lineAndColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "ligne " + std::to_string(line) + ", colonne " + std::to_string(column);
}

std::string typeName(const Json& v) {
    switch (v.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::object: return "un objet";
        case Json::value_t::array: return "une liste";
        case Json::value_t::string: return "un texte";
        case Json::value_t::boolean: return "un booléen";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned: return "un nombre entier";
        case Json::value_t::number_float: return "un nombre décimal";
        default: return "une valeur inattendue";
    }
}

bool isWholeBeyondInt64(double d) {
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) >= 9.2e18;
}

void refuseOversized(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.maxBytes) {
        throw InputError("", "document trop volumineux (" + std::to_string(text.size()) +
                                 " octets, maximum " + std::to_string(limits.maxBytes) + ")");
    }
}

// Scans brackets outside strings before anything is built: nlohmann's DOM would
// happily build 100000 nested arrays, and the scan can say where it went too deep.
// A document that passes the scan cannot nest deeper while being parsed, since
// the parser opens containers on exactly these brackets.
void refuseTooDeep(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) {
                throw InputError(lineAndColumn(text, i), "imbrication trop profonde (plus de " +
                                                             std::to_string(maxDepth) + " niveaux)");
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

// Json::parse's exceptions lose the position of a number overflow, so a failed
// document is read again with a SAX handler that is told where parsing stopped.
class ErrorLocator : public nlohmann::json_sax<Json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& lastToken, const Json::exception& e) override {
        failed = true;
        charactersRead = position;
        tokenLength = lastToken.size();
        errorId = e.id;
        message = e.what();
        return false;
    }

    bool failed = false;
    std::size_t charactersRead = 0;  // when the error was seen
    std::size_t tokenLength = 0;
    int errorId = 0;
    std::string message;
};

constexpr int kNumberOverflow = 406;  // nlohmann's out_of_range id

// Where to point a person: at the start of an overflowing number (the token is
// exactly that number), just past the end of a truncated document (the lexer
// counts the end of input as one character read), otherwise at the character
// where the lexer noticed the error.
std::size_t errorOffset(const ErrorLocator& error, std::size_t textSize) {
    if (error.errorId == kNumberOverflow) {
        return error.charactersRead - std::min(error.charactersRead, error.tokenLength);
    }
    if (error.charactersRead > textSize) return textSize;
    return error.charactersRead == 0 ? 0 : error.charactersRead - 1;
}

InputError describeParseFailure(std::string_view text) {
    ErrorLocator error;
    Json::sax_parse(text.begin(), text.end(), &error);
    if (!error.failed) return InputError("", "JSON illisible");
    const bool truncated = error.charactersRead > text.size();
    const bool badUtf8 = error.message.find("UTF-8") != std::string::npos;
    const std::string reason = error.errorId == kNumberOverflow ? "nombre hors limites"
                               : badUtf8                         ? "texte qui n'est pas de l'UTF-8 valide"
                               : truncated                       ? "document incomplet (coupé avant la fin)"
                                                                 : "syntaxe JSON invalide";
    return InputError(lineAndColumn(text, errorOffset(error, text.size())), reason);
}

}  // namespace

Json parseJson(std::string_view text, JsonLimits limits) {
    refuseOversized(text, limits);
    refuseTooDeep(text, limits.maxDepth);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::exception&) {
        throw describeParseFailure(text);
    }
}

JsonObject::JsonObject(const Json& value, std::string path) : value_(value), path_(std::move(path)) {
    if (!value_.is_object()) {
        throw InputError(path_.empty() ? "document" : path_, "attendu un objet, trouvé " + typeName(value_));
    }
}

std::string JsonObject::fieldPath(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObject::fail(std::string_view key, const std::string& message) const {
    throw InputError(fieldPath(key), message);
}

const Json* JsonObject::find(std::string_view key) const {
    const auto it = value_.find(key);
    if (it == value_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool JsonObject::has(std::string_view key) const { return find(key) != nullptr; }

const Json& JsonObject::require(std::string_view key) const {
    const Json* v = find(key);
    if (!v) fail(key, "champ obligatoire absent");
    return *v;
}

std::string JsonObject::requireString(std::string_view key) const {
    const Json& v = require(key);
    if (!v.is_string()) fail(key, "attendu un texte, trouvé " + typeName(v));
    return v.get<std::string>();
}

std::string JsonObject::requireNonEmptyString(std::string_view key) const {
    std::string s = requireString(key);
    if (s.empty()) fail(key, "ne doit pas être vide");
    return s;
}

std::int64_t JsonObject::requireInt(std::string_view key) const {
    const Json& v = require(key);
    if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            fail(key, "nombre trop grand");
        }
        return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    // An integer beyond 64 bits reaches us as a decimal: say what the author meant.
    if (v.is_number_float() && isWholeBeyondInt64(v.get<double>())) fail(key, "nombre trop grand");
    if (!v.is_number_integer()) fail(key, "attendu un nombre entier, trouvé " + typeName(v));
    return v.get<std::int64_t>();
}

std::int64_t JsonObject::requireIntInRange(std::string_view key, std::int64_t min, std::int64_t max) const {
    const std::int64_t n = requireInt(key);
    if (n < min || n > max) {
        fail(key, "valeur " + std::to_string(n) + " hors de l'intervalle " + std::to_string(min) + " – " +
                      std::to_string(max));
    }
    return n;
}

double JsonObject::requireNumber(std::string_view key) const {
    const Json& v = require(key);
    if (!v.is_number()) fail(key, "attendu un nombre, trouvé " + typeName(v));
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(key, "nombre hors limites");
    return d;
}

bool JsonObject::requireBool(std::string_view key) const {
    const Json& v = require(key);
    if (!v.is_boolean()) fail(key, "attendu vrai ou faux, trouvé " + typeName(v));
    return v.get<bool>();
}

JsonObject JsonObject::requireObject(std::string_view key) const { return JsonObject(require(key), fieldPath(key)); }

const Json& JsonObject::requireArray(std::string_view key) const {
    const Json& v = require(key);
    if (!v.is_array()) fail(key, "attendu une liste, trouvé " + typeName(v));
    return v;
}

std::optional<std::string> JsonObject::optionalString(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return requireString(key);
}

std::optional<std::int64_t> JsonObject::optionalInt(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return requireInt(key);
}

std::optional<JsonObject> JsonObject::optionalObject(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    return requireObject(key);
}

std::vector<std::string> JsonObject::optionalStringArray(std::string_view key) const {
    std::vector<std::string> out;
    if (!has(key)) return out;
    const Json& array = requireArray(key);
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (!array[i].is_string()) {
            throw InputError(fieldPath(key) + "[" + std::to_string(i) + "]",
                             "attendu un texte, trouvé " + typeName(array[i]));
        }
        out.push_back(array[i].get<std::string>());
    }
    return out;
}

JsonObject arrayElementObject(const Json& array, std::size_t index, const std::string& arrayPath) {
    const std::string path = arrayPath + "[" + std::to_string(index) + "]";
    // at() would throw nlohmann's own exceptions, which callers do not expect.
    if (!array.is_array() || index >= array.size()) throw InputError(path, "élément absent");
    return JsonObject(array[index], path);
}

}  // namespace cowork
