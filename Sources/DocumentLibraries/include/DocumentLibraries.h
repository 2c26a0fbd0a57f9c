#ifndef SUIVI_DOCUMENT_LIBRARIES_H
#define SUIVI_DOCUMENT_LIBRARIES_H
#include <stddef.h>

/* Cairo, Pango and libcurl, loaded when a document is first made or sent, not when suivi
   starts: most commands (a sync, a list) never need them, and linking them would load them
   and the eighty libraries they pull in at every start (some 15 ms and 10 MB each time).

   This header declares the part of their interfaces Suivi calls, as their own headers do
   (the same names, types and values: they are the libraries' stable ABI); loader.c defines
   each function, forwarding to the library once loaded. Nothing here needs their headers
   or their pkg-config flags at build time; the libraries themselves (libcairo2, libpango,
   libcurl4) are needed when a document is made. */

/* Loads them; returns 0, or -1 with the reason in `message`. Safe to call more than once and
   from several threads. Call it before any function below. */
int suivi_document_libraries_load(char *message, size_t size);

/* Cairo (cairo.h, cairo-pdf.h). */
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef enum _cairo_status {
  CAIRO_STATUS_SUCCESS = 0,
  CAIRO_STATUS_READ_ERROR = 10,
  CAIRO_STATUS_WRITE_ERROR = 11
} cairo_status_t;
typedef enum _cairo_pdf_metadata {
  CAIRO_PDF_METADATA_TITLE = 0,
  CAIRO_PDF_METADATA_AUTHOR = 1,
  CAIRO_PDF_METADATA_SUBJECT = 2,
  CAIRO_PDF_METADATA_KEYWORDS = 3,
  CAIRO_PDF_METADATA_CREATOR = 4,
  CAIRO_PDF_METADATA_CREATE_DATE = 5,
  CAIRO_PDF_METADATA_MOD_DATE = 6
} cairo_pdf_metadata_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);
typedef cairo_status_t (*cairo_read_func_t)(void *closure, unsigned char *data, unsigned int length);

cairo_t *cairo_create(cairo_surface_t *target);
void cairo_destroy(cairo_t *cr);
void cairo_fill(cairo_t *cr);
cairo_surface_t *cairo_image_surface_create_from_png_stream(cairo_read_func_t read_func, void *closure);
int cairo_image_surface_get_height(cairo_surface_t *surface);
int cairo_image_surface_get_width(cairo_surface_t *surface);
void cairo_line_to(cairo_t *cr, double x, double y);
void cairo_move_to(cairo_t *cr, double x, double y);
void cairo_paint(cairo_t *cr);
cairo_surface_t *cairo_pdf_surface_create_for_stream(cairo_write_func_t write_func, void *closure, double width, double height);
void cairo_pdf_surface_set_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8);
void cairo_rectangle(cairo_t *cr, double x, double y, double width, double height);
void cairo_restore(cairo_t *cr);
void cairo_save(cairo_t *cr);
void cairo_scale(cairo_t *cr, double sx, double sy);
void cairo_set_line_width(cairo_t *cr, double width);
void cairo_set_source_rgb(cairo_t *cr, double red, double green, double blue);
void cairo_set_source_surface(cairo_t *cr, cairo_surface_t *surface, double x, double y);
void cairo_show_page(cairo_t *cr);
const char *cairo_status_to_string(cairo_status_t status);
void cairo_stroke(cairo_t *cr);
void cairo_surface_destroy(cairo_surface_t *surface);
void cairo_surface_finish(cairo_surface_t *surface);
cairo_status_t cairo_surface_status(cairo_surface_t *surface);
void cairo_translate(cairo_t *cr, double tx, double ty);

/* Pango (pango.h, pangocairo.h) and GObject. */
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoFontDescription PangoFontDescription;
typedef enum { PANGO_STYLE_NORMAL = 0, PANGO_STYLE_OBLIQUE = 1, PANGO_STYLE_ITALIC = 2 } PangoStyle;
typedef enum { PANGO_WEIGHT_NORMAL = 400, PANGO_WEIGHT_BOLD = 700 } PangoWeight;
typedef enum { PANGO_ALIGN_LEFT = 0, PANGO_ALIGN_CENTER = 1, PANGO_ALIGN_RIGHT = 2 } PangoAlignment;
typedef enum { PANGO_WRAP_WORD = 0, PANGO_WRAP_CHAR = 1, PANGO_WRAP_WORD_CHAR = 2 } PangoWrapMode;
/* PANGO_SCALE: Pango units per device unit. */
static inline int suivi_pango_scale(void) { return 1024; }

void pango_cairo_context_set_resolution(PangoContext *context, double dpi);
PangoLayout *pango_cairo_create_layout(cairo_t *cr);
void pango_cairo_show_layout(cairo_t *cr, PangoLayout *layout);
void pango_font_description_free(PangoFontDescription *desc);
PangoFontDescription *pango_font_description_from_string(const char *str);
void pango_font_description_set_style(PangoFontDescription *desc, PangoStyle style);
void pango_font_description_set_weight(PangoFontDescription *desc, PangoWeight weight);
void pango_layout_context_changed(PangoLayout *layout);
PangoContext *pango_layout_get_context(PangoLayout *layout);
void pango_layout_get_size(PangoLayout *layout, int *width, int *height);
void pango_layout_set_alignment(PangoLayout *layout, PangoAlignment alignment);
void pango_layout_set_font_description(PangoLayout *layout, const PangoFontDescription *desc);
void pango_layout_set_text(PangoLayout *layout, const char *text, int length);
void pango_layout_set_width(PangoLayout *layout, int width);
void pango_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap);
void g_object_unref(void *object);

/* libcurl (curl/curl.h). */
typedef void CURL;
struct curl_slist {
  char *data;
  struct curl_slist *next;
};
typedef enum { CURLE_OK = 0 } CURLcode;
typedef enum {
  CURLOPT_TIMEOUT = 13,
  CURLOPT_UPLOAD = 46,
  CURLOPT_CONNECTTIMEOUT = 78,
  CURLOPT_NOSIGNAL = 99,
  CURLOPT_USE_SSL = 119,
  CURLOPT_URL = 10002,
  CURLOPT_READDATA = 10009,
  CURLOPT_ERRORBUFFER = 10010,
  CURLOPT_CAINFO = 10065,
  CURLOPT_USERNAME = 10173,
  CURLOPT_PASSWORD = 10174,
  CURLOPT_MAIL_FROM = 10186,
  CURLOPT_MAIL_RCPT = 10187,
  CURLOPT_READFUNCTION = 20012
} CURLoption;
typedef enum { CURLUSESSL_NONE = 0, CURLUSESSL_TRY = 1, CURLUSESSL_CONTROL = 2, CURLUSESSL_ALL = 3 } curl_usessl;
#define CURL_ERROR_SIZE 256
#define CURL_GLOBAL_DEFAULT 3

void curl_easy_cleanup(CURL *curl);
CURL *curl_easy_init(void);
CURLcode curl_easy_perform(CURL *curl);
const char *curl_easy_strerror(CURLcode code);
CURLcode curl_global_init(long flags);
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data);
void curl_slist_free_all(struct curl_slist *list);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);

/* curl_easy_setopt is variadic, which Swift cannot call: one wrapper per kind of value. */
static inline CURLcode suivi_curl_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_string(CURL *handle, CURLoption option, const char *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_pointer(CURL *handle, CURLoption option, void *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_list(CURL *handle, CURLoption option, struct curl_slist *value) { return curl_easy_setopt(handle, option, value); }
typedef size_t (*suivi_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode suivi_curl_reader(CURL *handle, suivi_curl_read_callback callback) { return curl_easy_setopt(handle, CURLOPT_READFUNCTION, (void *)callback); }

#endif
