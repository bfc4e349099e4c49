/* api/api_int — what the files of src/api/ share (not installed). */
#ifndef LX_API_INT_H
#define LX_API_INT_H

#include <stddef.h>

#include "llmxray.h"
#include "util/err.h"

/* e's message into errbuf (errcap bytes, may be 0); its code as a status (LLMXRAY_ERR_MODEL
 * when none is set). */
llmxray_status lx_api_fail(const lx_err *e, char *errbuf, size_t errcap);

#endif
