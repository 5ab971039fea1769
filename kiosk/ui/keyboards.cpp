#include "ui/keyboards.hpp"

#include <vector>

#include "domain/member_code.hpp"
#include "ui/widgets.hpp"

namespace cowork::kiosk::ui {
namespace {

constexpr const char* kErase = "⌫";
constexpr const char* kShift = "⇧";
constexpr const char* kSpace = " ";  // the space bar: the rest of its row

using Layout = std::vector<std::vector<std::string>>;

// Landscape: twelve keys a row, letters as on a French keyboard, accents on the right.
const Layout kWide = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-", kErase},
    {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "é", "è"},
    {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m", "ê", "ë"},
    {kShift, "w", "x", "c", "v", "b", "n", "'", "à", "â", "ç", "ù"},
    {"û", "ô", "î", "ï", "@", ".", ",", "?", "_", "+", kSpace},
};
// Portrait (480 px across): twelve keys of 64 px do not fit, so the same keys
// in the same AZERTY reading order flow over rows of seven.
const Layout kNarrow = {
    {"a", "z", "e", "r", "t", "y", "u"},
    {"i", "o", "p", "q", "s", "d", "f"},
    {"g", "h", "j", "k", "l", "m", "w"},
    {"x", "c", "v", "b", "n", "'", "-"},
    {"é", "è", "ê", "ë", "à", "â", "ç"},
    {"ù", "û", "ô", "î", "ï", "@", "."},
    {"1", "2", "3", "4", "5", "6", "7"},
    {"8", "9", "0", ",", "?", "_", "+"},
    {kShift, kSpace, kErase},
};

float keyGap() { return 2.0f; }

// The keyboard spans the whole window, margins included: twelve keys of 64 px
// fit across an 800 px panel only that way.
constexpr float kEdge = 3.0f;

float keyWidth(std::size_t columns) {
    const float width = ImGui::GetWindowWidth() - 2 * kEdge;
    const auto n = static_cast<float>(columns);
    return std::max((width - keyGap() * (n - 1)) / n, 0.0f);
}

const Layout& layoutForWindow() { return keyWidth(12) >= touchTarget() - 0.5f ? kWide : kNarrow; }

void startRow() { ImGui::SetCursorPosX(kEdge); }

Intent keyIntent(const std::string& key, bool shift) {
    if (key == kErase) return intent::Erase{};
    if (key == kShift) return intent::ToggleShift{};
    return intent::Type{shift ? shiftedOf(key) : key};
}

}  // namespace

std::string withoutLastCodePoint(const std::string& text) {
    std::size_t end = text.size();
    if (end == 0) return text;
    --end;
    // Continuation bytes are 10xxxxxx: step back to the lead byte.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

std::string capitalOf(const std::string& key) {
    static const std::vector<std::pair<std::string, std::string>> accented = {
        {"é", "É"}, {"è", "È"}, {"ê", "Ê"}, {"ë", "Ë"}, {"à", "À"}, {"â", "Â"},
        {"ç", "Ç"}, {"ù", "Ù"}, {"û", "Û"}, {"ô", "Ô"}, {"î", "Î"}, {"ï", "Ï"}};
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') return std::string(1, static_cast<char>(key[0] - 'a' + 'A'));
    for (const auto& [lower, upper] : accented) {
        if (key == lower) return upper;
    }
    return key;
}

std::string shiftedOf(const std::string& key) {
    static const std::vector<std::pair<std::string, std::string>> signs = {
        {"-", "/"}, {".", ":"}, {",", ";"}, {"?", "!"}};
    for (const auto& [plain, shifted] : signs) {
        if (key == plain) return shifted;
    }
    return capitalOf(key);
}

float textKeyboardHeight() {
    const auto rows = static_cast<float>(layoutForWindow().size());
    return rows * touchTarget() + (rows - 1) * keyGap();
}

Intent textKeyboard(bool shift, const Catalog& tr) {
    Intent result;
    const Layout& layout = layoutForWindow();
    const float size = keyWidth(layout.front().size());
    const float height = touchTarget();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(keyGap(), keyGap()));
    for (const auto& row : layout) {
        startRow();
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) ImGui::SameLine();
            const std::string& key = row[i];
            if (key == kSpace) {
                // As wide as what the row leaves, keeping the keys after it.
                const float after = static_cast<float>(row.size() - i - 1) * (size + keyGap());
                const float width = ImGui::GetWindowWidth() - kEdge - ImGui::GetCursorPosX() - after;
                if (button(tr.text("keyboard.space") + "##space", ImVec2(width, height))) result = intent::Type{" "};
                continue;
            }
            const bool isShift = key == kShift;
            const std::string shown = shift && !isShift ? shiftedOf(key) : key;
            const Tone tone = isShift && shift ? Tone::Selected : (key == kErase || isShift ? Tone::Quiet : Tone::Normal);
            if (button(shown + "##key" + key, ImVec2(size, height), tone)) result = keyIntent(key, shift);
        }
    }
    ImGui::PopStyleVar();
    return result;
}

float codeKeypadHeight() { return 3 * touchTarget() + 2 * keyGap(); }

Intent codeKeypad() {
    Intent result;
    constexpr int columns = 10;
    const float width = ImGui::GetContentRegionAvail().x;
    const float size = (width - keyGap() * (columns - 1)) / columns;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(keyGap(), keyGap()));
    int column = 0;
    for (const char c : kMemberCodeAlphabet) {
        if (column > 0) ImGui::SameLine();
        const std::string key(1, c);
        if (button(key + "##code", ImVec2(size, touchTarget()))) result = intent::Type{key};
        column = (column + 1) % columns;
    }
    ImGui::SameLine();
    if (button(std::string(kErase) + "##code", ImVec2(size, touchTarget()), Tone::Quiet)) result = intent::Erase{};
    ImGui::PopStyleVar();
    return result;
}

Intent pinKeypad(float width) {
    Intent result;
    const float gap = keyGap() * 2;
    const float size = (width - gap * 2) / 3;
    const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", kErase};
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        const std::string key = keys[i];
        if (key.empty()) {
            ImGui::Dummy(ImVec2(size, touchTarget()));
            continue;
        }
        const bool erase = key == kErase;
        if (button(key + "##pin", ImVec2(size, touchTarget()), erase ? Tone::Quiet : Tone::Normal)) {
            result = erase ? Intent{intent::Erase{}} : Intent{intent::Type{key}};
        }
    }
    ImGui::PopStyleVar();
    return result;
}

}  // namespace cowork::kiosk::ui
