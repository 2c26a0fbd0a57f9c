#ifndef SUIVI_CCURL_SHIM_H
#define SUIVI_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt is variadic, which Swift cannot call: one wrapper per kind of value. */
static inline CURLcode suivi_curl_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_string(CURL *handle, CURLoption option, const char *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_pointer(CURL *handle, CURLoption option, void *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode suivi_curl_list(CURL *handle, CURLoption option, struct curl_slist *value) { return curl_easy_setopt(handle, option, value); }
typedef size_t (*suivi_curl_read_callback)(char *buffer, size_t size, size_t count, void *context);
static inline CURLcode suivi_curl_reader(CURL *handle, suivi_curl_read_callback callback) { return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback); }
#endif
