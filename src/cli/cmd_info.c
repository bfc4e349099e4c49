/* cli/cmd_info — placeholder. */
#include "cli/cmd.h"
int lx_cmd_info(int argc, char **argv) { (void)argc; (void)argv; return lx_cli_usage_error("'info' is not available in this build yet"); }
