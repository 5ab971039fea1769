#include "events/uuid7.hpp"

#include <array>
#include <cstdint>

#include <sodium.h>

namespace cowork {
namespace {

void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium n'a pas pu s'initialiser");
}

std::string formatUuid(const std::array<std::uint8_t, 16>& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0x0f]);
    }
    return out;
}

}  // namespace

std::string Uuid7Generator::next(TimeMs nowMs) {
    ensureSodium();
    std::array<std::uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::lock_guard lock(mutex_);
    // A clock that steps back must not reorder ids from this generator.
    if (nowMs <= lastMs_) {
        nowMs = lastMs_;
        if (++counter_ > 0x0fff) {
            ++nowMs;
            counter_ = 0;
        }
    } else {
        counter_ = 0;
    }
    lastMs_ = nowMs;
    const auto ms = static_cast<std::uint64_t>(nowMs);
    for (int i = 0; i < 6; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    bytes[6] = static_cast<std::uint8_t>(0x70 | ((counter_ >> 8) & 0x0f));
    bytes[7] = static_cast<std::uint8_t>(counter_ & 0xff);
    bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f));
    return formatUuid(bytes);
}

std::string newUuid7(TimeMs nowMs) {
    static Uuid7Generator generator;
    return generator.next(nowMs);
}

bool isUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

TimeMs uuid7TimeMs(std::string_view uuid) {
    std::uint64_t ms = 0;
    for (std::size_t i = 0; i < 13; ++i) {
        if (i == 8) continue;
        const char c = uuid[i];
        ms = (ms << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return static_cast<TimeMs>(ms);
}

}  // namespace cowork
