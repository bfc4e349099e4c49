/* cli/cmd_inside — placeholder until this command lands; refuses with a usage error. */
#include "cli/cmd.h"

int lx_cmd_inside(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return lx_cli_usage_error("'inside' is not available in this build yet");
}
