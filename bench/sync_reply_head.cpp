#include "sync_reply_head.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace cowork::bench {
namespace {

// nlohmann's SAX interface: sees every token, keeps the top-level fields wanted.
class HeadReader : public nlohmann::json_sax<nlohmann::json> {
public:
    SyncReplyHead head;
    bool sawCursor = false;
    bool sawEpoch = false;

    bool null() override { return true; }
    bool boolean(bool value) override {
        if (atTop("more")) head.more = value;
        return true;
    }
    bool number_integer(number_integer_t value) override { return cursor(value); }
    bool number_unsigned(number_unsigned_t value) override { return cursor(static_cast<std::int64_t>(value)); }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t& value) override {
        if (atTop("epoch")) {
            head.epoch = value;
            sawEpoch = true;
        }
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return enter(); }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t) override { return enter(); }
    bool end_array() override { return leave(); }
    bool key(string_t& name) override {
        if (depth_ == 1) key_ = name;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        throw std::runtime_error("sync answer is not JSON at byte " + std::to_string(position) + ": " + e.what());
    }

private:
    bool atTop(const char* name) const { return depth_ == 1 && key_ == name; }
    bool cursor(std::int64_t value) {
        if (atTop("cursor")) {
            head.cursor = value;
            sawCursor = true;
        }
        return true;
    }
    bool enter() {
        ++depth_;
        key_.clear();
        return true;
    }
    bool leave() {
        --depth_;
        key_.clear();
        return true;
    }

    int depth_ = 0;
    std::string key_;
};

}  // namespace

SyncReplyHead readSyncReplyHead(const std::string& body) {
    HeadReader reader;
    nlohmann::json::sax_parse(body, &reader);
    if (!reader.sawCursor || !reader.sawEpoch) throw std::runtime_error("sync answer without cursor or epoch");
    return reader.head;
}

}  // namespace cowork::bench
