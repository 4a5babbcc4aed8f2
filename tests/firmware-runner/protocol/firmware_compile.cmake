# Compiles each protocol source with the firmware's freestanding flags (ctest script mode).
# Inputs: CXX, INCLUDE, OUT, SOURCES.
file(MAKE_DIRECTORY ${OUT})
set(flags -std=c++20 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O2
          -ffreestanding -fno-exceptions -fno-rtti -Wall -Wextra -Wshadow -Wconversion
          -Wno-sign-conversion -Werror)
foreach(src IN LISTS SOURCES)
  get_filename_component(name ${src} NAME_WE)
  execute_process(COMMAND ${CXX} ${flags} -I ${INCLUDE} -c ${src} -o ${OUT}/${name}.o
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${src} does not compile for the firmware:\n${err}")
  endif()
endforeach()
message(STATUS "all protocol sources compile freestanding for cortex-m4")
