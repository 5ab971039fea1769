#pragma once
// How long this process has run, from the kernel's record of its start: the
// cold-start figure (exec, dynamic linking, SDL, fonts, first frame) that a
// timer started in main() would not see.
namespace cowork::platform {

// Milliseconds since the process started; -1 when /proc cannot tell. The
// kernel keeps the start in clock ticks, so this is exact to 10 ms.
long long msSinceProcessStart();

}  // namespace cowork::platform
