/* A tiny assert harness for the C tests: CHECK* count passes and failures, report()
 * prints "N passed, M failed" as the last line and gives the exit code. */
#ifndef YIBAO_TEST_HARNESS_H
#define YIBAO_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int harness_passed;
static int harness_failed;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (cond) {                                                                  \
      harness_passed++;                                                          \
    } else {                                                                     \
      harness_failed++;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
    }                                                                            \
  } while (0)

#define CHECK_INT(actual, expected)                                              \
  do {                                                                           \
    long long a_ = (long long)(actual), e_ = (long long)(expected);              \
    if (a_ == e_) {                                                              \
      harness_passed++;                                                          \
    } else {                                                                     \
      harness_failed++;                                                          \
      fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__,  \
              #actual, a_, e_);                                                  \
    }                                                                            \
  } while (0)

#define CHECK_STR(actual, expected)                                              \
  do {                                                                           \
    const char *a_ = (actual), *e_ = (expected);                                 \
    if (a_ != NULL && strcmp(a_, e_) == 0) {                                     \
      harness_passed++;                                                          \
    } else {                                                                     \
      harness_failed++;                                                          \
      fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,       \
              __LINE__, #actual, a_ ? a_ : "(null)", e_);                        \
    }                                                                            \
  } while (0)

#define CHECK_CONTAINS(haystack, needle)                                         \
  do {                                                                           \
    const char *h_ = (haystack), *n_ = (needle);                                 \
    if (h_ != NULL && strstr(h_, n_) != NULL) {                                  \
      harness_passed++;                                                          \
    } else {                                                                     \
      harness_failed++;                                                          \
      fprintf(stderr, "%s:%d: %s does not contain \"%s\": %s\n", __FILE__,      \
              __LINE__, #haystack, n_, h_ ? h_ : "(null)");                      \
    }                                                                            \
  } while (0)

static int report(void) {
  printf("%d passed, %d failed\n", harness_passed, harness_failed);
  return harness_failed == 0 ? 0 : 1;
}

#endif
