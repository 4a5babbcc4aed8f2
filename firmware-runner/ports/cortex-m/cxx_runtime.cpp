// The few C++ runtime hooks a freestanding image needs. The runner has no heap: a deleting
// destructor is never called, so these trap instead of pulling in malloc.
#include <cstddef>

void operator delete(void*) noexcept { __builtin_trap(); }
void operator delete(void*, std::size_t) noexcept { __builtin_trap(); }
extern "C" void __cxa_pure_virtual() { __builtin_trap(); }
