#pragma once
// The on-screen keyboards. They return intents (type, erase, shift) and never
// hold text: the text being edited lives in the app's UI state.
#include <string>

#include "app/intents.hpp"
#include "i18n/catalog.hpp"

namespace cowork::kiosk::ui {

// AZERTY with é è ê ë à â ç ù û ô î ï, digits, and @ . - _ + for emails and
// phones. `shift`: letters in capitals. Takes the full available width.
Intent textKeyboard(bool shift, const Catalog& tr);
float textKeyboardHeight();

// The member-code keypad: the 29 characters codes are made of, and erase.
Intent codeKeypad();
float codeKeypadHeight();

// Digits for the shopkeeper's PIN.
Intent pinKeypad(float width);

// UTF-8: the string without its last code point.
std::string withoutLastCodePoint(const std::string& text);
// Capital form of a key's letter, accented ones included ("é" → "É").
std::string capitalOf(const std::string& key);
// What a key types with ⇧: capitals for letters, and for a few punctuation
// keys the signs that share them ("." → ":", "-" → "/"), for hub addresses and
// messages. The key shows it while ⇧ is on.
std::string shiftedOf(const std::string& key);

}  // namespace cowork::kiosk::ui
