#ifndef IATIX_CJEMALLOC_SHIM_H
#define IATIX_CJEMALLOC_SHIM_H

#include <stddef.h>
#include <jemalloc/jemalloc.h>

/// The version of the jemalloc the program runs with ("5.3.0-0-g…"), or NULL. Calling it also
/// keeps the library among the executable's needs, so that its malloc serves the whole
/// process (Swift's runtime and libxml2 included).
static inline const char *iatix_jemalloc_version(void) {
    const char *version = NULL;
    size_t size = sizeof(version);
    if (mallctl("version", &version, &size, NULL, 0) != 0) return NULL;
    return version;
}

#endif
