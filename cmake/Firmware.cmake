# tinyrack_add_firmware(<target>): cross-build firmware-runner for targets/<target>.json with
# arm-none-eabi-gcc, as its own CMake project, into ${TINYRACK_FIRMWARE_DIR}/<target>/
# (runner.elf and kernel_check.elf, with the target file's kernel set). A second project,
# firmware-<target>-reference, builds the same images with the reference kernels into
# ${TINYRACK_FIRMWARE_DIR}/reference/<target>/ on demand (bench/engine compares the two).
include(ExternalProject)

function(tinyrack_add_firmware_variant name target out kernels exclude)
  # Extra arguments go to the firmware project's CMake command line.
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
      ${ARGN}
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
  if(target STREQUAL "qemu-m4")
    tinyrack_add_standard_firmware(${target})
  endif()
endfunction()

# firmware-<target>-standard: a standard-only DUT standing in for a vendor's MLPerf Tiny
# firmware (docs/protocol.md), into ${TINYRACK_FIRMWARE_DIR}/<target>-standard/runner.elf. Its
# model is fixed: the fc-stack of workloads/ad01-smoke's builder recipe, with the MLPerf id
# ad01 (db input float32, m-results-[<reconstruction MSE>]). Built by default for one target
# only, to keep CI fast.
set(TINYRACK_STANDARD_SEED 1)
set(TINYRACK_STANDARD_LAYERS 640,128,128,128,128,8,128,128,128,128,640)
function(tinyrack_add_standard_firmware target)
  if(NOT TARGET standard_model_tool)
    add_executable(standard_model_tool ${TINYRACK_SOURCE_DIR}/firmware-runner/standard_model_tool.cpp)
    target_link_libraries(standard_model_tool PRIVATE tr_tflite_writer)
    tinyrack_warnings(standard_model_tool)
    set(model ${CMAKE_BINARY_DIR}/firmware-build/standard-model/ad01-fc-stack.tflite)
    add_custom_command(OUTPUT ${model}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/firmware-build/standard-model
      COMMAND standard_model_tool ${TINYRACK_STANDARD_SEED} ${TINYRACK_STANDARD_LAYERS} ${model}
      DEPENDS standard_model_tool
      VERBATIM)
    add_custom_target(standard-model DEPENDS ${model})
  endif()
  set(model ${CMAKE_BINARY_DIR}/firmware-build/standard-model/ad01-fc-stack.tflite)
  tinyrack_add_firmware_variant(firmware-${target}-standard ${target}
                                ${TINYRACK_FIRMWARE_DIR}/${target}-standard "" OFF
                                -DTINYRACK_STANDARD_MODEL_FILE=${model}
                                -DTINYRACK_STANDARD_MODEL_ID=ad01)
  add_dependencies(firmware-${target}-standard standard-model)
endfunction()
