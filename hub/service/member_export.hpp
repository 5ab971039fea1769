#pragma once
// What the hub holds about one member, as the console shows it and as the
// member receives it (rights of access and portability).
#include <vector>

#include "json/json_reader.hpp"
#include "storage/hub_storage.hpp"

namespace cowork::hub {

// {member, visits, messages, link_months}; times in UTC milliseconds.
Json memberDataJson(const MemberSummary& summary, const std::vector<MemberVisit>& visits,
                    const std::vector<AnimatorMessage>& messages, int linkMonths);

// The same as one CSV for a French spreadsheet (UTF-8 with BOM, `;`): a section
// per table ("Membre", "Passages", "Messages"), each a title line, a header line
// and its rows, sections separated by an empty line; times in Paris time.
std::string memberDataCsv(const Json& data);

}  // namespace cowork::hub
