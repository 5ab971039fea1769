#include "i18n/catalog.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace cowork::kiosk {
namespace {

std::map<std::string, std::string, std::less<>> readTable(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("catalogue introuvable : " + path);
    std::stringstream text;
    text << file.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (!json.is_object()) throw std::runtime_error("catalogue illisible (JSON attendu) : " + path);
    std::map<std::string, std::string, std::less<>> table;
    for (const auto& [key, value] : json.items()) {
        if (!value.is_string()) throw std::runtime_error("catalogue " + path + " : « " + key + " » n'est pas un texte");
        table.emplace(key, value.get<std::string>());
    }
    return table;
}

}  // namespace

Catalog Catalog::load(const std::string& i18nDir) {
    Catalog catalog;
    catalog.french_ = readTable(i18nDir + "/fr.json");
    catalog.english_ = readTable(i18nDir + "/en.json");
    return catalog;
}

const std::string& Catalog::text(std::string_view key) const { return textIn(language_, key); }

const std::string& Catalog::textIn(Language language, std::string_view key) const {
    const Table& preferred = table(language);
    if (auto found = preferred.find(key); found != preferred.end()) return found->second;
    if (auto found = french_.find(key); found != french_.end()) return found->second;
    // Visible on screen, so a missing text is noticed; tests check none is missing.
    static thread_local std::string missing;
    missing = std::string(key);
    return missing;
}

std::string Catalog::format(std::string_view key, const Args& args) const {
    return substitute(text(countedKey(key, args)), args);
}

bool Catalog::isCounted(std::string_view key) const { return french_.contains(std::string(key) + ".other"); }

std::string Catalog::countedKey(std::string_view key, const Args& args) const {
    if (!isCounted(key)) return std::string(key);
    long n = 0;
    for (const auto& [name, value] : args) {
        if (name == "n") n = std::strtol(value.c_str(), nullptr, 10);
    }
    const std::string family(key);
    if (n == 0 && french_.contains(family + ".zero")) return family + ".zero";
    const bool singular = language_ == Language::French ? (n == 0 || n == 1) : n == 1;
    return family + (singular ? ".one" : ".other");
}

std::vector<std::string> Catalog::allTexts() const {
    std::vector<std::string> texts;
    for (const Table* t : {&french_, &english_}) {
        for (const auto& [key, value] : *t) texts.push_back(value);
    }
    return texts;
}

std::vector<std::string> Catalog::keys(Language language) const {
    std::vector<std::string> list;
    for (const auto& [key, value] : table(language)) list.push_back(key);
    return list;
}

std::string substitute(std::string_view pattern, const Args& args) {
    std::string out;
    out.reserve(pattern.size());
    std::size_t i = 0;
    while (i < pattern.size()) {
        const std::size_t open = pattern.find('{', i);
        if (open == std::string_view::npos) break;
        const std::size_t close = pattern.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(pattern.substr(i, open - i));
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        bool replaced = false;
        for (const auto& [argName, value] : args) {
            if (argName == name) {
                out += value;
                replaced = true;
                break;
            }
        }
        if (!replaced) out.append(pattern.substr(open, close - open + 1));
        i = close + 1;
    }
    out.append(pattern.substr(i));
    return out;
}

}  // namespace cowork::kiosk
