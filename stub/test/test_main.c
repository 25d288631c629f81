/*
 * Host tests of the stub's portable core (built with the machine's gcc, linked with zlib to make streams).
 * Prints one line per failed check and a closing "N passed, N failed" line; exit status 1 on failure.
 */
#include <stdio.h>
#include "test_util.h"

int passed, failed;
static u32 rng = 12345;

u32 rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_md5();
    test_inflate();
    test_protocol();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
