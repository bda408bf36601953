#ifndef IATIX_CLIBXML2_SHIM_H
#define IATIX_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* libxml2's encoding.h pulls in the system ICU when LIBXML_ICU_ENABLED is set; Foundation
 * carries its own ICU, and the two clash in one Swift file ('UErrorCode' has different
 * definitions). iatix uses no ICU converter API, and only ever holds pointers to the
 * structures whose layout this changes, so ICU is hidden from Swift here. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/globals.h>
#include <zlib.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void iatix_xmlFree(void *p) { xmlFree(p); }

/// libxml2 2.12 made the structured error callback take a const pointer; keep the
/// difference here so Swift sees one signature.
typedef void (*iatix_structured_error_fn)(void *ctx, const xmlError *error);
static inline void iatix_reader_set_errors(xmlTextReaderPtr reader, iatix_structured_error_fn fn, void *ctx) {
    xmlTextReaderSetStructuredErrorHandler(reader, (xmlStructuredErrorFunc)fn, ctx);
}
static inline void iatix_schema_set_errors(xmlSchemaValidCtxtPtr vctxt, iatix_structured_error_fn fn, void *ctx) {
    xmlSchemaSetValidStructuredErrors(vctxt, (xmlStructuredErrorFunc)fn, ctx);
}
static inline void iatix_schema_parser_set_errors(xmlSchemaParserCtxtPtr pctxt, iatix_structured_error_fn fn, void *ctx) {
    xmlSchemaSetParserStructuredErrors(pctxt, (xmlStructuredErrorFunc)fn, ctx);
}

/// zlib reads plain and gzip-compressed input alike; used as libxml2's input callback.
static inline int iatix_gz_read(void *ctx, char *buffer, int len) {
    int n = gzread((gzFile)ctx, buffer, (unsigned)len);
    return n;
}
static inline int iatix_gz_close(void *ctx) {
    (void)ctx; /* the Swift owner closes the gzFile */
    return 0;
}
static inline void *iatix_gzdopen(int fd) { return (void *)gzdopen(fd, "rb"); }
static inline int iatix_gzclose(void *f) { return gzclose((gzFile)f); }
static inline const char *iatix_gzerror(void *f) { int e = 0; return gzerror((gzFile)f, &e); }
static inline int iatix_gzbuffer(void *f, unsigned size) { return gzbuffer((gzFile)f, size); }

#endif
