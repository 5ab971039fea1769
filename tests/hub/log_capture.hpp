#pragma once
// What the hub writes to its log while this object lives, to check what it
// must not write there (members' personal data).
#include <memory>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace cowork::hub::testing {

// Keeps every line, formatted as the hub's log would have it.
class TextSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::string text() {
        std::lock_guard lock(mutex_);
        return text_;
    }

protected:
    void sink_it_(const spdlog::details::log_msg& message) override {
        spdlog::memory_buf_t line;
        formatter_->format(message, line);
        text_.append(line.data(), line.size());
    }
    void flush_() override {}

private:
    std::string text_;
};

// spdlog's sink list is not guarded: make this before any thread that logs starts
// (a RunningHub) and let it go after they stopped (declare it first).
class LogCapture {
public:
    LogCapture() { spdlog::default_logger()->sinks().push_back(sink_); }
    ~LogCapture() { std::erase(spdlog::default_logger()->sinks(), std::shared_ptr<spdlog::sinks::sink>(sink_)); }
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    std::string text() { return sink_->text(); }

private:
    std::shared_ptr<TextSink> sink_ = std::make_shared<TextSink>();
};

}  // namespace cowork::hub::testing
