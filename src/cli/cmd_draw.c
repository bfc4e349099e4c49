/* cli/cmd_draw — placeholder until this command lands; refuses with a usage error. */
#include "cli/cmd.h"

int lx_cmd_draw(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return lx_cli_usage_error("'draw' is not available in this build yet");
}
