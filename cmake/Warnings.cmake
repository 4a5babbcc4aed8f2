# tinyrack_warnings(<target>): the project's warning set, errors unless TINYRACK_WERROR is off.
# Applied per target so that third-party headers are never held to it.
function(tinyrack_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(TINYRACK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
