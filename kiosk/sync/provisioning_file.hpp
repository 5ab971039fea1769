#pragma once
// The Raspberry Pi fleet habit: a small text file dropped on the boot partition
// (or in the data directory) carries the enrollment, so nobody types on the
// counter's screen. It is read once, kept as a pending enrollment in the store,
// and deleted: an enrollment code does not stay lying on an SD card.
//
//   # cowork-enroll.txt
//   url=https://hub.ccsb.fr:8443
//   code=7KQ2-MX4P-9WRT
//   pin=sha256//r8X…=
//   shopkeeper_pin=482915     (optional: the shopkeeper's PIN, 6 to 12 digits;
//                              without it the coordinator sets it from the hub)
#include <filesystem>
#include <optional>
#include <vector>

#include "sync/enrollment.hpp"

namespace cowork::kiosk {

constexpr const char* kProvisioningFileName = "cowork-enroll.txt";

// The data directory first, then the boot partitions of Raspberry Pi OS.
std::vector<std::filesystem::path> provisioningCandidates(const std::filesystem::path& dataDir);

// Parses the file's text; an error names the line.
PendingEnrollment parseProvisioning(const std::string& text);

// Takes in the first file found: returns where it was read from; the file is
// deleted once its content is safely in the store.
std::optional<std::filesystem::path> takeProvisioningFile(Store& store, const std::vector<std::filesystem::path>& candidates);

}  // namespace cowork::kiosk
