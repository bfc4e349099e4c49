/* bench/gen_remote — writes the files bench/remote.sh serves: a DeepSeek-V3-shaped safetensors
 * repository of 163 shards (sparse data) with its index (bench/remote.sh adds the real
 * config.json from ../shared/configs/DeepSeek-V3), laid out as the Hub
 * serves it (ROOT/org/deepseek/resolve/main/... and ROOT/api/models/org/deepseek.json).
 * Not part of the product.
 *
 * usage: gen_remote ROOT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "families.h"
#include "fixture_st.h"

enum { N_SHARDS = 163 };

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: gen_remote ROOT\n"); return 2; }
    char p[1024];
    const char *dirs[] = { "org", "org/deepseek", "org/deepseek/resolve", "org/deepseek/resolve/main", "api",
                           "api/models", "api/models/org" };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", argv[1], dirs[i]);
        mkdir(p, 0755);
    }
    snprintf(p, sizeof p, "%s/org/deepseek/resolve/main", argv[1]);
    if (!lx_fam_write_safetensors_sharded(&LX_FAM_DEEPSEEK_V3, p, N_SHARDS)) { perror(p); return 1; }
    snprintf(p, sizeof p, "%s/api/models/org/deepseek.json", argv[1]);
    FILE *f = fopen(p, "w");
    if (!f) { perror(p); return 1; }
    fputs("{\"id\":\"org/deepseek\",\"siblings\":[{\"rfilename\":\"config.json\"},"
          "{\"rfilename\":\"model.safetensors.index.json\"}", f);
    for (int k = 1; k <= N_SHARDS; k++)
        fprintf(f, ",{\"rfilename\":\"model-%05d-of-%05d.safetensors\"}", k, N_SHARDS);
    fputs("]}", f);
    if (fclose(f) != 0) { perror(p); return 1; }
    return 0;
}
