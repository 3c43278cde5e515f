/* Many threads share one engine: 8 threads quote at once (typed and JSON) while another
 * thread reloads a policy. Usage: test_threads [iterations per thread, default 1000]. */
#include "yibao.h"
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 8

static yibao_engine *engine;
static long iterations = 1000;

struct result {
  long ok;
  long wrong;
};

struct expect {
  const char *policy;
  uint32_t category_bits;
  uint32_t paid_on;
  int64_t personal_due;
  uint32_t benefit_start;
};

static const struct expect CASES[] = {
    {"140400-2024", 0, 20231010, 38000, 20240101},
    {"140400-2024", YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_MINIMUM_LIVING), 20231010, 7600, 20240101},
    {"140400-2024", YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_EXTREME_POVERTY), 20231010, 0, 20240101},
    {"140400-2024", YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_RETURNED_TO_POVERTY), 20231010, 3800, 20240101},
    {"140400-2024", 0, 20240210, 102000, 20240511},
    {"411024-2024", 0, 20240110, 38000, 20240210},
};
#define NCASES (sizeof CASES / sizeof CASES[0])

static void *quoter(void *arg) {
  struct result *r = arg;
  char buf[16384];
  size_t needed;
  for (long i = 0; i < iterations; i++) {
    const struct expect *c = &CASES[(size_t)i % NCASES];
    yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
    yibao_status s = yibao_quote(engine, c->policy, strlen(c->policy), NULL, 0, 19800501,
                                 c->category_bits, NULL, 0, c->paid_on, &q);
    if (s == YIBAO_STATUS_OK && q.personal_due == c->personal_due &&
        q.benefit_start == c->benefit_start) {
      r->ok++;
    } else {
      r->wrong++;
    }
    if (i % 50 == 0) {
      const char *req = "{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}";
      s = yibao_window_json(engine, req, strlen(req), buf, sizeof buf, &needed);
      if (s == YIBAO_STATUS_OK && strstr(buf, "\"next_payment_day\":\"2023-11-01\"") != NULL) {
        r->ok++;
      } else {
        r->wrong++;
      }
    }
  }
  return NULL;
}

static const char *policy_text;
static size_t policy_len;

static void *loader(void *arg) {
  struct result *r = arg;
  char buf[256];
  size_t needed;
  for (int i = 0; i < 5; i++) {
    yibao_status s = yibao_engine_load_policy(engine, "reload.toml", 11, policy_text, policy_len,
                                              buf, sizeof buf, &needed);
    if (s == YIBAO_STATUS_OK && strcmp(buf, "411024-2024") == 0) {
      r->ok++;
    } else {
      r->wrong++;
    }
  }
  return NULL;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) return NULL;
  static char text[200000];
  *len = fread(text, 1, sizeof text, f);
  fclose(f);
  return text;
}

int main(int argc, char **argv) {
  if (argc > 1) iterations = strtol(argv[1], NULL, 10);
  CHECK_INT(yibao_engine_new(&engine), YIBAO_STATUS_OK);
  const char *path = getenv("YIBAO_POLICY_FILE");
  policy_text = path ? read_file(path, &policy_len) : NULL;
  CHECK(policy_text != NULL);

  pthread_t threads[THREADS + 1];
  struct result results[THREADS + 1];
  memset(results, 0, sizeof results);
  for (int t = 0; t < THREADS; t++) {
    CHECK_INT(pthread_create(&threads[t], NULL, quoter, &results[t]), 0);
  }
  int loading = policy_text != NULL;
  if (loading) CHECK_INT(pthread_create(&threads[THREADS], NULL, loader, &results[THREADS]), 0);
  for (int t = 0; t < THREADS + loading; t++) CHECK_INT(pthread_join(threads[t], NULL), 0);

  long ok = 0, wrong = 0;
  for (int t = 0; t < THREADS + loading; t++) {
    ok += results[t].ok;
    wrong += results[t].wrong;
  }
  long expected = THREADS * (iterations + (iterations + 49) / 50) + (loading ? 5 : 0);
  CHECK_INT(wrong, 0);
  CHECK_INT(ok, expected);
  printf("%d threads x %ld quotes\n", THREADS, iterations);
  yibao_engine_free(engine);
  return report();
}
