#include "service/text_folding.hpp"

namespace cowork::hub {
namespace {

// Latin-1 Supplement letters U+00C0..U+00FF folded to ASCII; "" where none fits.
constexpr const char* kLatin1Folded[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // À..Ï
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "",  "ss", // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // à..ï
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "",  "y",  // ð..ÿ
};

std::string foldTwoByteLetter(unsigned codePoint) {
    if (codePoint >= 0xC0 && codePoint <= 0xFF) return kLatin1Folded[codePoint - 0xC0];
    if (codePoint == 0x152 || codePoint == 0x153) return "oe";  // Œ œ
    if (codePoint == 0x178) return "y";                          // Ÿ
    return "";
}

}  // namespace

std::string foldForSearch(std::string_view utf8) {
    std::string folded;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        if (lead < 0x80) {
            folded += static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead + ('a' - 'A') : lead);
            continue;
        }
        if ((lead & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
            const unsigned codePoint = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
            const std::string letter = foldTwoByteLetter(codePoint);
            folded += letter.empty() ? std::string(utf8.substr(i, 2)) : letter;
            ++i;
            continue;
        }
        folded += static_cast<char>(lead);
    }
    return folded;
}

}  // namespace cowork::hub
