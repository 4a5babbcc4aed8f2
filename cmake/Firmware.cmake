# tinyrack_add_firmware(<target>): cross-build firmware-runner for targets/<target>.json with
# arm-none-eabi-gcc, as its own CMake project, into ${TINYRACK_FIRMWARE_DIR}/<target>/runner.elf.
include(ExternalProject)

function(tinyrack_add_firmware target)
  set(out ${TINYRACK_FIRMWARE_DIR}/${target})
  ExternalProject_Add(firmware-${target}
    SOURCE_DIR ${TINYRACK_SOURCE_DIR}/firmware-runner
    BINARY_DIR ${CMAKE_BINARY_DIR}/firmware-build/${target}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${TINYRACK_SOURCE_DIR}/cmake/arm-none-eabi.cmake
      -DCMAKE_BUILD_TYPE=Release
      -DTINYRACK_TARGET=${target}
      -DTINYRACK_TARGET_FILE=${TINYRACK_SOURCE_DIR}/targets/${target}.json
      -DTINYRACK_FIRMWARE_OUT=${out}
      -DTINYRACK_WERROR=${TINYRACK_WERROR}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)
endfunction()
