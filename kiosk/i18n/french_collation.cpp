#include "i18n/french_collation.hpp"

#include <vector>

namespace cowork::kiosk {
namespace {

// One UTF-8 code point from `text` at `i` (advanced past it); a stray byte is itself.
char32_t nextCodePoint(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + length > text.size()) length = 1;
    char32_t point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    return point;
}

bool isSeparator(char32_t c) {
    return c == U' ' || c == U'-' || c == U'\'' || c == U'.' || c == U'\u2019' || c == U'\u2010' || c == U'\u2011' ||
           c == U'\u00A0' || c == U'\u202F';
}

// The Latin-1 and Latin Extended-A letters of French (and a few neighbours)
// without accents, in small letters; nullptr for any other character.
const char* accentedBase(char32_t c) {
    if (c >= U'\u00C0' && c <= U'\u00DE' && c != U'\u00D7') c += 0x20;  // À…Þ → à…þ
    switch (c) {
    case U'à': case U'á': case U'â': case U'ã': case U'ä': case U'å': return "a";
    case U'æ': return "ae";
    case U'ç': return "c";
    case U'è': case U'é': case U'ê': case U'ë': return "e";
    case U'ì': case U'í': case U'î': case U'ï': return "i";
    case U'ñ': return "n";
    case U'ò': case U'ó': case U'ô': case U'õ': case U'ö': case U'ø': return "o";
    case U'œ': case U'Œ': return "oe";
    case U'ù': case U'ú': case U'û': case U'ü': return "u";
    case U'ý': case U'ÿ': case U'Ÿ': return "y";
    default: return nullptr;
    }
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Folded words: letters without accents, separators dropped.
std::vector<std::string> foldedWords(std::string_view name) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < name.size();) {
        const char32_t c = nextCodePoint(name, i);
        if (isSeparator(c)) {
            if (!words.back().empty()) words.emplace_back();
        } else if (c >= U'A' && c <= U'Z') {
            words.back() += static_cast<char>(c - U'A' + U'a');
        } else if (const char* base = accentedBase(c)) {
            words.back() += base;
        } else {
            appendUtf8(words.back(), c);
        }
    }
    if (words.back().empty()) words.pop_back();
    return words;
}

}  // namespace

std::string frenchSortKey(std::string_view name) {
    std::string key;
    for (const std::string& word : foldedWords(name)) {
        if (!key.empty()) key += ' ';
        key += word == "st" ? "saint" : word == "ste" ? "sainte" : word;
    }
    return key;
}

bool frenchCollationLess(std::string_view a, std::string_view b) {
    const std::string keyA = frenchSortKey(a), keyB = frenchSortKey(b);
    if (keyA != keyB) return keyA < keyB;
    return a < b;
}

}  // namespace cowork::kiosk
