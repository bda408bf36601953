/* The libxml2 parse limit: a SAX2 push parse of a file with empty handlers (no tree built).
 * Built and run by scripts/bench/convert.sh; not part of the package's build.
 *   cc -O2 sax-empty.c $(pkg-config --cflags --libs libxml-2.0) -o sax-empty */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>

static void start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                  int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                  const xmlChar **attributes) {}
static void end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {}
static void characters(void *ctx, const xmlChar *ch, int len) {}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: sax-empty FILE\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.endElementNs = end;
    sax.characters = characters;
    xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, argv[1]);
    xmlCtxtUseOptions(parser, XML_PARSE_NONET);
    static char chunk[1 << 16];
    size_t count;
    while ((count = fread(chunk, 1, sizeof chunk, file)) > 0) xmlParseChunk(parser, chunk, (int)count, 0);
    xmlParseChunk(parser, chunk, 0, 1);
    int ok = parser->wellFormed;
    xmlFreeParserCtxt(parser);
    fclose(file);
    return ok ? 0 : 1;
}
