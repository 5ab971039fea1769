#pragma once
// The user-visible text, from assets/i18n/<lang>.json: flat "key": "text" maps.
// Placeholders are written {name}. French is the default; a key missing in
// English falls back to French, then to the key itself (which a test forbids).
// A text about a count is a family of keys, "key.one" and "key.other" (and
// "key.zero" where zero reads better in words: "aucune place libre"); format()
// picks one by its {n} argument, by the language's rule: in French 0 and 1 are
// singular, in English only 1.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cowork::kiosk {

enum class Language { French, English };

using Args = std::vector<std::pair<std::string_view, std::string>>;

class Catalog {
public:
    // Throws std::runtime_error naming the file when a catalogue is missing or invalid.
    static Catalog load(const std::string& i18nDir);

    void setLanguage(Language language) { language_ = language; }
    Language language() const { return language_; }

    const std::string& text(std::string_view key) const;
    // In a given language, whatever the current one (what is stored is French).
    const std::string& textIn(Language language, std::string_view key) const;
    std::string format(std::string_view key, const Args& args) const;  // a count family by {n}
    // Whether `key` names a family of count forms rather than a text.
    bool isCounted(std::string_view key) const;
    // Every text of both catalogues, for building the font's glyph ranges.
    std::vector<std::string> allTexts() const;
    std::vector<std::string> keys(Language language) const;

private:
    std::string countedKey(std::string_view key, const Args& args) const;
    using Table = std::map<std::string, std::string, std::less<>>;
    const Table& table(Language language) const { return language == Language::French ? french_ : english_; }

    Table french_;
    Table english_;
    Language language_ = Language::French;
};

// Replaces each {name} in `pattern` by its value.
std::string substitute(std::string_view pattern, const Args& args);

}  // namespace cowork::kiosk
