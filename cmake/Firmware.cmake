# tinyrack_add_firmware(<target>): cross-build firmware-runner for targets/<target>.json with
# arm-none-eabi-gcc, as its own CMake project, into ${TINYRACK_FIRMWARE_DIR}/<target>/
# (runner.elf and kernel_check.elf, with the target file's kernel set). A second project,
# firmware-<target>-reference, builds the same images with the reference kernels into
# ${TINYRACK_FIRMWARE_DIR}/reference/<target>/ on demand (bench/engine compares the two).
include(ExternalProject)

function(tinyrack_add_firmware_variant name target out kernels exclude)
  ExternalProject_Add(${name}
    SOURCE_DIR ${TINYRACK_SOURCE_DIR}/firmware-runner
    BINARY_DIR ${CMAKE_BINARY_DIR}/firmware-build/${name}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${TINYRACK_SOURCE_DIR}/cmake/arm-none-eabi.cmake
      -DCMAKE_BUILD_TYPE=Release
      -DTINYRACK_TARGET=${target}
      -DTINYRACK_TARGET_FILE=${TINYRACK_SOURCE_DIR}/targets/${target}.json
      -DTINYRACK_FIRMWARE_OUT=${out}
      -DTINYRACK_KERNELS_OVERRIDE=${kernels}
      -DTINYRACK_WERROR=${TINYRACK_WERROR}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    EXCLUDE_FROM_ALL ${exclude}
    USES_TERMINAL_BUILD ON)
endfunction()

function(tinyrack_add_firmware target)
  tinyrack_add_firmware_variant(firmware-${target} ${target} ${TINYRACK_FIRMWARE_DIR}/${target}
                                "" OFF)
  tinyrack_add_firmware_variant(firmware-${target}-reference ${target}
                                ${TINYRACK_FIRMWARE_DIR}/reference/${target} reference ON)
endfunction()
