# Cross-compiling for Debian 12 arm64 (Raspberry Pi OS 64-bit) with Debian's
# crossbuild-essential-arm64, against an arm64 root made by mmdebstrap
# (scripts/cross-arm64): -DCOWORK_ARM64_ROOT=/path/to/root.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(NOT COWORK_ARM64_ROOT)
  set(COWORK_ARM64_ROOT $ENV{COWORK_ARM64_ROOT})
endif()
if(NOT IS_DIRECTORY "${COWORK_ARM64_ROOT}/usr/lib/aarch64-linux-gnu")
  message(FATAL_ERROR "COWORK_ARM64_ROOT: pas de racine arm64 dans « ${COWORK_ARM64_ROOT} » (scripts/cross-arm64 sysroot)")
endif()
# Passed on to try_compile projects.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES COWORK_ARM64_ROOT)

set(CMAKE_SYSROOT ${COWORK_ARM64_ROOT})
set(CMAKE_FIND_ROOT_PATH ${COWORK_ARM64_ROOT})
# Libraries, headers and CMake packages from the root; programs (pkg-config, gzip…) from the machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(ENV{PKG_CONFIG_SYSROOT_DIR} ${COWORK_ARM64_ROOT})
set(ENV{PKG_CONFIG_LIBDIR} "${COWORK_ARM64_ROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${COWORK_ARM64_ROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# ctest runs the arm64 test programs under emulation.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static;-L;${COWORK_ARM64_ROOT})
