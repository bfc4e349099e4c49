/* bench/slow_server — serves ROOT over HTTP/1.1 on 127.0.0.1 with Range support, each response
 * delayed by DELAY_MS (the added latency of bench/remote.sh); prints the port, then serves until
 * its standard input closes. Uses the tests' server (tests/support/servers). Not part of the
 * product.
 *
 * usage: slow_server ROOT DELAY_MS */
#include <stdio.h>
#include <stdlib.h>

#include "servers.h"

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: slow_server ROOT DELAY_MS\n"); return 2; }
    lx_bad b;
    if (!lx_bad_start(&b, argv[1], LX_BAD_NONE, 0, atoi(argv[2]))) { perror("slow_server"); return 1; }
    printf("%d\n", b.port);
    fflush(stdout);
    while (getchar() != EOF) {}
    lx_bad_stop(&b);
    return 0;
}
