#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "json/json_reader.hpp"

using namespace cowork;

namespace {

// Runs `action`, which must throw InputError, and returns it for inspection.
template <typename Action>
InputError inputErrorFrom(Action action) {
    try {
        action();
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError was thrown");
    throw std::logic_error("unreachable");
}

InputError parseError(std::string_view text, JsonLimits limits = {}) {
    return inputErrorFrom([&] { parseJson(text, limits); });
}

std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("parseJson reads a valid document", "[json]") {
    const Json doc = parseJson(R"({"a": [1, 2.5, "é"], "b": {"c": true}})");
    CHECK(doc["a"][2] == "é");
    CHECK(doc["b"]["c"] == true);
}

TEST_CASE("syntax errors give the line and the column in characters", "[json]") {
    CHECK(parseError("x").field() == "ligne 1, colonne 1");
    CHECK(parseError("{\"a\": 1]").field() == "ligne 1, colonne 8");
    // A bad literal is noticed at the character that breaks it.
    CHECK(parseError("{\n  \"a\": 1,\n  \"b\": tru }").field() == "ligne 3, colonne 11");
    CHECK(parseError("[1] x").field() == "ligne 1, colonne 5");
    // "é" is two bytes but one column.
    CHECK(parseError("{\"é\": x}").field() == "ligne 1, colonne 7");
    CHECK(parseError("[1] x").reason() == "syntaxe JSON invalide");
}

TEST_CASE("a truncated document is reported as such, at its end", "[json]") {
    const InputError e = parseError("{\n\"a\": [1, 2");
    CHECK(e.field() == "ligne 2, colonne 11");
    CHECK(e.reason() == "document incomplet (coupé avant la fin)");
    CHECK(parseError("").reason() == "document incomplet (coupé avant la fin)");
    CHECK(parseError("[\"abc").reason() == "document incomplet (coupé avant la fin)");
}

TEST_CASE("a number too large for a double is refused where it stands", "[json]") {
    const InputError e = parseError("{\n  \"lat\": 1e400\n}");
    CHECK(e.field() == "ligne 2, colonne 10");
    CHECK(e.reason() == "nombre hors limites");
    CHECK(parseError("[-1e400]").field() == "ligne 1, colonne 2");
}

TEST_CASE("invalid UTF-8 inside a string is refused", "[json]") {
    const InputError e = parseError("{\"name\": \"caf\xE9\"}");  // Latin-1 é
    CHECK(e.reason() == "texte qui n'est pas de l'UTF-8 valide");
    CHECK(e.field().rfind("ligne 1, colonne ", 0) == 0);
    CHECK(parseError("[\"\xC3\"]").reason() == "texte qui n'est pas de l'UTF-8 valide");
}

TEST_CASE("nesting is limited in containers, with the position of the excess", "[json]") {
    CHECK_NOTHROW(parseJson(nested(32)));
    const InputError tooDeep = parseError(nested(33));
    CHECK(tooDeep.field() == "ligne 1, colonne 33");
    CHECK(tooDeep.reason() == "imbrication trop profonde (plus de 32 niveaux)");
    CHECK_NOTHROW(parseJson("[[1]]", {1024, 2}));
    CHECK_THROWS_AS(parseJson("[[[1]]]", {1024, 2}), InputError);
    CHECK_THROWS_AS(parseJson(R"({"a": {"b": {}}})", {1024, 2}), InputError);
    // Brackets inside strings, even after escaped quotes, are text, not nesting.
    CHECK_NOTHROW(parseJson(R"(["\"[[[[", "\\", "]]]"])", {1024, 1}));
}

TEST_CASE("a hundred thousand opening brackets are refused without a crash", "[json]") {
    CHECK(parseError(std::string(100000, '[')).reason() == "imbrication trop profonde (plus de 32 niveaux)");
    // The depth scan runs before the parser, which would stop at "{{" as a syntax error.
    CHECK(parseError(std::string(100000, '{')).field() == "ligne 1, colonne 33");
}

TEST_CASE("documents over the size limit are refused before parsing", "[json]") {
    const std::string text = "[" + std::string(100, ' ') + "]";
    CHECK_NOTHROW(parseJson(text, {text.size(), 32}));
    const InputError e = parseError(text, {text.size() - 1, 32});
    CHECK(e.reason().find("trop volumineux") != std::string::npos);
}

TEST_CASE("JsonObject names a missing field by its path", "[json]") {
    const Json doc = parseJson(R"({"site": {"name": "Fleurie", "hours": null}})");
    const JsonObject site = JsonObject(doc, "").requireObject("site");
    const InputError missing = inputErrorFrom([&] { site.requireString("commune"); });
    CHECK(missing.field() == "site.commune");
    CHECK(missing.reason() == "champ obligatoire absent");
    // null counts as absent.
    CHECK(inputErrorFrom([&] { site.requireObject("hours"); }).field() == "site.hours");
    CHECK_FALSE(site.has("hours"));
    CHECK_FALSE(site.optionalString("hours").has_value());
}

TEST_CASE("JsonObject names a mistyped field and what it found", "[json]") {
    const Json doc = parseJson(R"({"places": "3", "name": 12, "open": "oui", "list": {}, "empty": ""})");
    const JsonObject root(doc, "sites[2]");
    const InputError places = inputErrorFrom([&] { root.requireInt("places"); });
    CHECK(places.field() == "sites[2].places");
    CHECK(places.reason() == "attendu un nombre entier, trouvé un texte");
    CHECK(inputErrorFrom([&] { root.requireString("name"); }).reason() == "attendu un texte, trouvé un nombre entier");
    CHECK(inputErrorFrom([&] { root.requireBool("open"); }).field() == "sites[2].open");
    CHECK(inputErrorFrom([&] { root.requireArray("list"); }).reason() == "attendu une liste, trouvé un objet");
    CHECK(inputErrorFrom([&] { root.requireNonEmptyString("empty"); }).reason() == "ne doit pas être vide");
    CHECK(inputErrorFrom([&] { JsonObject(doc["name"], "x"); }).field() == "x");
}

TEST_CASE("JsonObject ignores unknown fields", "[json]") {
    const Json doc = parseJson(R"({"name": "Cercié", "colour": "blue", "extra": {"deep": [1, 2]}})");
    const JsonObject root(doc, "");
    CHECK(root.requireString("name") == "Cercié");
    CHECK_FALSE(root.has("commune"));
}

TEST_CASE("JsonObject checks integer ranges and sizes", "[json]") {
    const Json doc = parseJson(
        R"({"zero": 0, "ten": 10, "half": 2.5, "big": 18446744073709551615, "huge": 99999999999999999999999,
            "max": 9223372036854775807, "min": -9223372036854775808})");
    const JsonObject root(doc, "");
    CHECK(root.requireIntInRange("ten", 1, 50) == 10);
    const InputError zero = inputErrorFrom([&] { root.requireIntInRange("zero", 1, 50); });
    CHECK(zero.field() == "zero");
    CHECK(zero.reason().find("hors de l'intervalle 1") != std::string::npos);
    CHECK(inputErrorFrom([&] { root.requireInt("half"); }).reason() ==
          "attendu un nombre entier, trouvé un nombre décimal");
    CHECK(inputErrorFrom([&] { root.requireInt("big"); }).reason() == "nombre trop grand");
    // Beyond 64 bits the parser keeps only a double: still "too large", not "decimal".
    CHECK(inputErrorFrom([&] { root.requireInt("huge"); }).reason() == "nombre trop grand");
    CHECK(root.requireInt("max") == INT64_MAX);
    CHECK(root.requireInt("min") == INT64_MIN);
    CHECK(root.requireNumber("half") == 2.5);
    CHECK(root.requireNumber("ten") == 10.0);
}

TEST_CASE("string arrays name the mistyped element", "[json]") {
    const Json doc = parseJson(R"({"communes": ["Fleurie", 3]})");
    const InputError e = inputErrorFrom([&] { JsonObject(doc, "").optionalStringArray("communes"); });
    CHECK(e.field() == "communes[1]");
    CHECK(JsonObject(doc, "").optionalStringArray("absent").empty());
}

TEST_CASE("arrayElementObject names the element and refuses non-objects", "[json]") {
    const Json doc = parseJson(R"([{"id": "a"}, 3])");
    CHECK(arrayElementObject(doc, 0, "sites").requireString("id") == "a");
    CHECK(inputErrorFrom([&] { arrayElementObject(doc, 1, "sites"); }).field() == "sites[1]");
    CHECK(inputErrorFrom([&] { arrayElementObject(doc, 2, "sites"); }).field() == "sites[2]");
    CHECK(inputErrorFrom([&] { arrayElementObject(doc[0], 0, "sites"); }).field() == "sites[0]");
}
