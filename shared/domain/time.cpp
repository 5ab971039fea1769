#include "domain/time.hpp"

#include <chrono>

namespace cowork {

TimeMs systemNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace cowork
