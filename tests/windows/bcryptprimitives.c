/* For running the Windows build under Wine 8 (Debian 12's), which lacks
 * bcryptprimitives.dll: Rust's standard library asks it for random bytes
 * (ProcessPrng, Windows 10 and later). This stand-in answers from
 * advapi32's RtlGenRandom, which Wine has. Test use only: it is built by
 * tests/windows/run.sh and never shipped. */
#include <windows.h>

typedef BOOLEAN(WINAPI *Generate)(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    static Generate generate;
    if (!generate) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        generate = (Generate)GetProcAddress(advapi, "SystemFunction036");
        if (!generate) return FALSE;
    }
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!generate(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
