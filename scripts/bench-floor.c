/* The floor for reading a sheet with the libraries Suivi is built on: inflate the
   largest worksheet with libzip and run it through libxml2's SAX2 push parser with
   callbacks that do nothing. scripts/bench compiles and times it beside the readers.
   usage: bench-floor FILE.xlsx */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static long elements;

static void start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                  int nsCount, const xmlChar **ns, int count, int defaulted, const xmlChar **attributes) {
  elements++;
}
static void end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {}
static void text(void *ctx, const xmlChar *chars, int length) {}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  int error = 0;
  zip_t *archive = zip_open(argv[1], ZIP_RDONLY, &error);
  if (!archive) return 1;
  zip_int64_t largest = -1;
  zip_uint64_t largestSize = 0;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); i++) {
    zip_stat_t st;
    if (zip_stat_index(archive, i, 0, &st) == 0 && strstr(st.name, "worksheets/") && st.size > largestSize) {
      largest = i;
      largestSize = st.size;
    }
  }
  if (largest < 0) return 1;
  zip_file_t *file = zip_fopen_index(archive, largest, 0);
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start;
  sax.endElementNs = end;
  sax.characters = text;
  static char buffer[65536];
  zip_int64_t count = zip_fread(file, buffer, 4);
  xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&sax, NULL, buffer, (int)count, "sheet");
  xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  while ((count = zip_fread(file, buffer, sizeof buffer)) > 0) xmlParseChunk(parser, buffer, (int)count, 0);
  xmlParseChunk(parser, NULL, 0, 1);
  printf("floor: %ld elements parsed, well-formed: %d\n", elements, parser->wellFormed);
  xmlFreeParserCtxt(parser);
  zip_fclose(file);
  zip_discard(archive);
  return 0;
}
