/* Every entry point of yibao.h: real figures from the notices, every status, NULL for each
 * pointer argument, invalid UTF-8, too-small buffers, policy loading. Run under
 * ASan/UBSan and valgrind by scripts/test-c.sh. */
#define _POSIX_C_SOURCE 200809L
#include "yibao.h"
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define S(lit) (lit), (sizeof(lit) - 1)

static const char BAD_UTF8[] = "140400-\xff";

/* An 18-digit ID number with its GB 11643-1999 check digit (computed here, not by yibao). */
static void make_id(char out[19], const char *region6, uint32_t birth, unsigned seq) {
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char checks[] = "10X98765432";
  snprintf(out, 19, "%s%08u%03u", region6, (unsigned)birth, seq % 1000);
  int sum = 0;
  for (int i = 0; i < 17; i++) sum += (out[i] - '0') * weights[i];
  out[17] = checks[sum % 11];
  out[18] = '\0';
}

static yibao_engine *engine;
static char buf[65536];
static size_t needed;

static yibao_status quote_birth(const char *policy, uint32_t birth, uint32_t bits,
                                uint32_t paid_on, yibao_quote_result *out) {
  return yibao_quote(engine, policy, strlen(policy), NULL, 0, birth, bits, NULL, 0, paid_on, out);
}

static yibao_status json(const char *op, const char *request) {
  return yibao_json(engine, op, strlen(op), request, strlen(request), buf, sizeof buf, &needed);
}

static void test_version(void) {
  CHECK_STR(yibao_version(), YIBAO_VERSION);
  char v[32];
  snprintf(v, sizeof v, "%d.%d.%d", YIBAO_VERSION_MAJOR, YIBAO_VERSION_MINOR, YIBAO_VERSION_PATCH);
  CHECK_STR(v, YIBAO_VERSION);
  CHECK_STR(YIBAO_VERSION, "0.1.0");
}

static void test_engine_lifecycle(void) {
  yibao_engine *e = NULL;
  CHECK_INT(yibao_engine_new(&e), YIBAO_STATUS_OK);
  CHECK(e != NULL);
  yibao_engine_free(e);
  e = NULL;
  CHECK_INT(yibao_engine_new_empty(&e), YIBAO_STATUS_OK);
  CHECK(e != NULL);
  CHECK_INT(yibao_policies_json(e, S(""), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_STR(buf, "[]");
  CHECK_INT(needed, 3);
  yibao_engine_free(e);
  yibao_engine_free(NULL); /* accepted */
  CHECK_INT(yibao_engine_new(NULL), YIBAO_STATUS_NULL_POINTER);
  CHECK_INT(yibao_engine_new_empty(NULL), YIBAO_STATUS_NULL_POINTER);
}

/* The figures of the notices (长治 140400-2024, 鄢陵 411024-2024). */
static void test_typed_quote_figures(void) {
  yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
  uint32_t minimum_living = YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_MINIMUM_LIVING);

  CHECK_INT(quote_birth("140400-2024", 19800501, minimum_living, 20231010, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 7600);
  CHECK_INT(q.fiscal_subsidy, 64000);
  CHECK_INT(q.total, 102000);
  CHECK_INT(q.personal_standard, 38000);
  CHECK_INT(q.aid_total, 30400);
  CHECK_INT(q.benefit_start, 20240101);
  CHECK_INT(q.benefit_end, 20241231);
  CHECK_INT(q.tier, 0);
  CHECK_INT(q.newborn, -1);
  CHECK_INT(q.aid_category, YIBAO_CATEGORY_MINIMUM_LIVING);

  struct { uint32_t category; int64_t due; } changzhi[] = {
      {YIBAO_CATEGORY_SEVERE_DISABILITY, 7600},
      {YIBAO_CATEGORY_EXTREME_POVERTY, 0},
      {YIBAO_CATEGORY_RETURNED_TO_POVERTY, 3800},
  };
  for (size_t i = 0; i < sizeof changzhi / sizeof changzhi[0]; i++) {
    CHECK_INT(yibao_quote(engine, S("140400-2024"), NULL, 0, 19800501, 0, &changzhi[i].category, 1,
                          20231010, &q),
              YIBAO_STATUS_OK);
    CHECK_INT(q.personal_due, changzhi[i].due);
    CHECK_INT(q.benefit_start, 20240101);
  }

  /* Ordinary, in the window. */
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 20231010, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 38000);
  CHECK_INT(q.aid_total, 0);
  CHECK_INT(q.aid_category, -1);

  /* 长治 late tier: personal + fiscal, cover 3 months after payment. */
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 20240210, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 102000);
  CHECK_INT(q.personal_standard, 102000);
  CHECK_INT(q.fiscal_subsidy, 0);
  CHECK_INT(q.benefit_start, 20240511);
  CHECK_INT(q.benefit_end, 20241231);
  CHECK_INT(q.tier, 1);
  /* The late period's dates and the counting of 3个月后 are the file's assumptions. */
  CHECK_INT(q.flags, YIBAO_QUOTE_PAYS_FISCAL_SHARE | YIBAO_QUOTE_FIGURE_ASSUMED);

  /* 鄢陵 extended period: 30-day wait. */
  CHECK_INT(quote_birth("411024-2024", 19800501, 0, 20240110, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 38000);
  CHECK_INT(q.benefit_start, 20240210);
  /* The extended period's dates are assumed (the notice names it without dates). */
  CHECK_INT(q.flags, YIBAO_QUOTE_FIGURE_ASSUMED);

  /* 凌源 after the window: the notice states no length for the wait. */
  CHECK_INT(quote_birth("211382-2022", 19800501, 0, 20220501, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 32000);
  CHECK_INT(q.benefit_start, 0);
  /* The fiscal subsidy is the national minimum of 2022, 610 (the notice states only the 320). */
  CHECK_INT(q.flags, YIBAO_QUOTE_COVER_UNKNOWN | YIBAO_QUOTE_FIGURE_NATIONAL);
  CHECK_INT(q.fiscal_subsidy, 61000);

  /* 鄢陵 2026 (国办发〔2024〕38号): late, no history on this path → the fixed 3 months
     from 2026-02-10, and the flag that no break was assumed. */
  CHECK_INT(quote_birth("411024-2026", 19800501, 0, 20260210, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 40000);
  CHECK_INT(q.fiscal_subsidy, 70000);
  CHECK_INT(q.benefit_start, 20260511);
  /* No local 2026 notice: the standard and the waits' reading are assumed. */
  CHECK_INT(q.flags, YIBAO_QUOTE_HISTORY_ASSUMED | YIBAO_QUOTE_FIGURE_ASSUMED);

  /* By ID number, and by ID number + matching birth date; bits and array together. */
  char id[19];
  make_id(id, "140402", 19800501, 123);
  uint32_t extra[] = {YIBAO_CATEGORY_SEVERE_DISABILITY, YIBAO_CATEGORY_RETURNED_TO_POVERTY};
  CHECK_INT(yibao_quote(engine, S("140400-2024"), id, 18, 0, minimum_living, extra, 2, 20231010, &q),
            YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 3800); /* the highest aid wins, never stacked */
  CHECK_INT(q.aid_category, YIBAO_CATEGORY_RETURNED_TO_POVERTY);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), id, 18, 19800501, 0, NULL, 0, 20231010, &q),
            YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 38000);
}

/* Every status of yibao_status, each reached through the API (PANIC: never, by design;
 * OUT_OF_RANGE: no valid policy reaches it — both checked in the Rust unit tests). */
static void test_every_status(void) {
  yibao_quote_result q;
  memset(&q, 0x5a, sizeof q);
  q.struct_size = sizeof q;
  yibao_quote_result untouched;
  memcpy(&untouched, &q, sizeof q);
  char id[19];

  CHECK_INT(quote_birth("999999-2024", 19800501, 0, 20231010, &q), YIBAO_STATUS_UNKNOWN_POLICY);
  CHECK_INT(quote_birth("140400-2024", 0, 0, 20231010, &q), YIBAO_STATUS_INVALID_REQUEST);
  make_id(id, "140402", 19800501, 7);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), id, 18, 19800502, 0, NULL, 0, 20231010, &q),
            YIBAO_STATUS_INVALID_REQUEST);
  CHECK_INT(quote_birth("140400-2024", 19800501, YIBAO_CATEGORY_BIT(19), 20231010, &q),
            YIBAO_STATUS_UNKNOWN_CATEGORY);
  CHECK_INT(quote_birth("140400-2024", 19800501, 0x80000000u, 20231010, &q),
            YIBAO_STATUS_UNKNOWN_CATEGORY);
  uint32_t bad_category = YIBAO_CATEGORY_COUNT;
  CHECK_INT(yibao_quote(engine, S("140400-2024"), NULL, 0, 19800501, 0, &bad_category, 1, 20231010, &q),
            YIBAO_STATUS_UNKNOWN_CATEGORY);
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 20230229, &q), YIBAO_STATUS_INVALID_DATE);
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 0, &q), YIBAO_STATUS_INVALID_DATE);
  CHECK_INT(quote_birth("140400-2024", 19801301, 0, 20231010, &q), YIBAO_STATUS_INVALID_DATE);
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 20230801, &q), YIBAO_STATUS_NO_WINDOW);
  CHECK_INT(quote_birth("140400-2024", 19800501, 0, 20231026, &q), YIBAO_STATUS_NOT_PAYMENT_DAY);
  id[17] = id[17] == '1' ? '2' : '1';
  CHECK_INT(yibao_quote(engine, S("140400-2024"), id, 18, 0, 0, NULL, 0, 20231010, &q),
            YIBAO_STATUS_INVALID_ID);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), S("12345"), 0, 0, NULL, 0, 20231010, &q),
            YIBAO_STATUS_INVALID_ID);
  CHECK_INT(quote_birth("140400-2024", 20231011, 0, 20231010, &q), YIBAO_STATUS_BIRTH_AFTER_PAYMENT);
  CHECK(memcmp(&q, &untouched, sizeof q) == 0); /* outputs written only on success */

  CHECK_INT(json("quote", "{"), YIBAO_STATUS_INVALID_JSON);
  CHECK_CONTAINS(buf, "\"code\":\"invalid_json\"");
  CHECK_INT(json("quote", "{\"policy\":\"140400-2024\"}"), YIBAO_STATUS_INVALID_REQUEST);
  CHECK_INT(json("quote", "{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",\"person\":"
                          "{\"birth_date\":\"1980-05-01\",\"categories\":[\"vip\"]}}"),
            YIBAO_STATUS_UNKNOWN_CATEGORY);
  CHECK_INT(json("window", "{\"policy\":\"140400-2024\",\"date\":\"2023-02-29\"}"),
            YIBAO_STATUS_INVALID_DATE);
  CHECK_INT(json("quote", "{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-26\",\"person\":"
                          "{\"birth_date\":\"1980-05-01\"}}"),
            YIBAO_STATUS_NOT_PAYMENT_DAY);
  /* Chinese by default; English when the request asks ("lang":"en"). */
  CHECK_CONTAINS(buf, "2023-10-26不是“集中征缴期”的缴费日（每月1–25日可缴费）；下一个缴费日为2023-11-01");
  CHECK_INT(json("quote", "{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-26\",\"person\":"
                          "{\"birth_date\":\"1980-05-01\"},\"lang\":\"en\"}"),
            YIBAO_STATUS_NOT_PAYMENT_DAY);
  CHECK_CONTAINS(buf, "next payment day 2023-11-01");
  CHECK_INT(json("household", "{\"policy\":\"211382-2022\",\"paid_on\":\"2022-02-15\",\"members\":["
                              "{\"birth_date\":\"1980-03-01\"},"
                              "{\"birth_date\":\"1981-03-01\",\"enrolling\":false}]}"),
            YIBAO_STATUS_HOUSEHOLD_INCOMPLETE);
  CHECK_INT(json("frobnicate", "{}"), YIBAO_STATUS_UNKNOWN_OPERATION);
  CHECK_CONTAINS(buf, "\"code\":\"unknown_operation\"");

  /* Status names and messages: every number, and unknown numbers. */
  static const uint32_t all[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                 100, 101, 102, 103, 104, 105, 106};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    CHECK(strcmp(yibao_status_code(all[i]), "unknown_status") != 0);
    CHECK(strcmp(yibao_status_message(all[i]), "unknown status") != 0);
  }
  CHECK_STR(yibao_status_code(YIBAO_STATUS_OK), "ok");
  CHECK_STR(yibao_status_code(YIBAO_STATUS_UNKNOWN_POLICY), "unknown_policy");
  CHECK_STR(yibao_status_code(YIBAO_STATUS_NULL_POINTER), "null_pointer");
  CHECK_STR(yibao_status_code(YIBAO_STATUS_PANIC), "panic");
  CHECK_STR(yibao_status_code(YIBAO_STATUS_AMBIGUOUS_CATEGORY), "ambiguous_category");
  CHECK_INT(YIBAO_STATUS_AMBIGUOUS_CATEGORY, 14);
  CHECK_STR(yibao_status_code(YIBAO_STATUS_INVALID_GRADE), "invalid_grade");
  CHECK_STR(yibao_status_code(16), "unknown_status");
  CHECK_STR(yibao_status_code(99), "unknown_status");
  CHECK_STR(yibao_status_message(0xffffffffu), "unknown status");
  /* The status texts in each language (0 Chinese, 1 English; others Chinese). */
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    CHECK(strcmp(yibao_status_message_lang(all[i], YIBAO_LANG_ZH), "未知状态") != 0);
    CHECK_STR(yibao_status_message_lang(all[i], YIBAO_LANG_EN), yibao_status_message(all[i]));
  }
  CHECK_STR(yibao_status_message_lang(YIBAO_STATUS_NOT_PAYMENT_DAY, YIBAO_LANG_ZH),
            "该日期在缴费期内，但不是缴费日");
  CHECK_STR(yibao_status_message_lang(YIBAO_STATUS_BUFFER_TOO_SMALL, YIBAO_LANG_ZH),
            "输出缓冲区太小；*needed 给出所需大小");
  CHECK_STR(yibao_status_message_lang(YIBAO_STATUS_NOT_PAYMENT_DAY, 7),
            "该日期在缴费期内，但不是缴费日");
  CHECK_STR(yibao_status_message_lang(0xffffffffu, YIBAO_LANG_ZH), "未知状态");
  CHECK_STR(yibao_status_message_lang(0xffffffffu, YIBAO_LANG_EN), "unknown status");
  CHECK_INT(YIBAO_STATUS_INVALID_UTF8, 101);
  CHECK_INT(YIBAO_STATUS_BUFFER_TOO_SMALL, 102);
  CHECK_INT(YIBAO_STATUS_PANIC, 103);
  CHECK_INT(YIBAO_STATUS_INVALID_ARGUMENT, 104);
  CHECK_INT(YIBAO_STATUS_OUT_OF_RANGE, 105);
  CHECK_INT(YIBAO_STATUS_IO, 106);

  /* INVALID_ARGUMENT: a length above PTRDIFF_MAX. */
  CHECK_INT(yibao_quote(engine, "140400-2024", SIZE_MAX, NULL, 0, 19800501, 0, NULL, 0, 20231010, &q),
            YIBAO_STATUS_INVALID_ARGUMENT);
  CHECK_INT(yibao_json(engine, S("id"), "{}", SIZE_MAX, buf, sizeof buf, &needed),
            YIBAO_STATUS_INVALID_ARGUMENT);
  CHECK_INT(yibao_id_mask(S("1"), buf, SIZE_MAX, &needed), YIBAO_STATUS_INVALID_ARGUMENT);
}

static void test_null_pointers(void) {
  yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
  yibao_window_result w = YIBAO_WINDOW_RESULT_INIT;
  uint32_t n = 0;
  const yibao_status NP = YIBAO_STATUS_NULL_POINTER;

  /* yibao_quote: engine, policy, out; optional pointers NULL with a length. */
  CHECK_INT(yibao_quote(NULL, S("140400-2024"), NULL, 0, 19800501, 0, NULL, 0, 20231010, &q), NP);
  CHECK_INT(yibao_quote(engine, NULL, 11, NULL, 0, 19800501, 0, NULL, 0, 20231010, &q), NP);
  CHECK_INT(yibao_quote(engine, NULL, 0, NULL, 0, 19800501, 0, NULL, 0, 20231010, &q), NP);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), NULL, 18, 0, 0, NULL, 0, 20231010, &q), NP);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), NULL, 0, 19800501, 0, NULL, 2, 20231010, &q), NP);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), NULL, 0, 19800501, 0, NULL, 0, 20231010, NULL), NP);

  /* yibao_window */
  CHECK_INT(yibao_window(NULL, S("140400-2024"), 20231010, &w), NP);
  CHECK_INT(yibao_window(engine, NULL, 11, 20231010, &w), NP);
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231010, NULL), NP);

  /* JSON: engine, op, request, needed; buf NULL with cap > 0. */
  CHECK_INT(yibao_json(NULL, S("id"), S("{}"), buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_json(engine, NULL, 2, S("{}"), buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_json(engine, S("id"), NULL, 2, buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_json(engine, S("id"), S("{}"), NULL, 10, &needed), NP);
  CHECK_INT(yibao_json(engine, S("id"), S("{}"), buf, sizeof buf, NULL), NP);
  yibao_status (*ops[])(const yibao_engine *, const char *, size_t, char *, size_t, size_t *) = {
      yibao_quote_json, yibao_household_json, yibao_refund_json, yibao_window_json,
      yibao_id_json,    yibao_policies_json,  yibao_policy_json,
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    CHECK_INT(ops[i](NULL, S("{}"), buf, sizeof buf, &needed), NP);
    CHECK_INT(ops[i](engine, NULL, 2, buf, sizeof buf, &needed), NP);
    CHECK_INT(ops[i](engine, S("{}"), NULL, 1, &needed), NP);
    CHECK_INT(ops[i](engine, S("{}"), buf, sizeof buf, NULL), NP);
  }

  /* Loading. */
  CHECK_INT(yibao_engine_load_policy(NULL, S("f"), S("x"), buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_engine_load_policy(engine, NULL, 1, S("x"), buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_engine_load_policy(engine, S("f"), NULL, 1, buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_engine_load_policy(engine, S("f"), S("x"), NULL, 1, &needed), NP);
  CHECK_INT(yibao_engine_load_policy(engine, S("f"), S("x"), buf, sizeof buf, NULL), NP);
  CHECK_INT(yibao_engine_load_policy_file(NULL, S("/x"), buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_engine_load_policy_file(engine, NULL, 2, buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_engine_load_policy_file(engine, S("/x"), NULL, 1, &needed), NP);
  CHECK_INT(yibao_engine_load_policy_file(engine, S("/x"), buf, sizeof buf, NULL), NP);

  /* Helpers. */
  CHECK_INT(yibao_category_parse(NULL, 3, &n), NP);
  CHECK_INT(yibao_category_parse(S("orphan"), NULL), NP);
  CHECK_INT(yibao_id_mask(NULL, 18, buf, sizeof buf, &needed), NP);
  CHECK_INT(yibao_id_mask(S("123"), NULL, 1, &needed), NP);
  CHECK_INT(yibao_id_mask(S("123"), buf, sizeof buf, NULL), NP);
}

static void test_invalid_utf8(void) {
  yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
  yibao_window_result w = YIBAO_WINDOW_RESULT_INIT;
  uint32_t n;
  const yibao_status U = YIBAO_STATUS_INVALID_UTF8;
  CHECK_INT(yibao_quote(engine, S(BAD_UTF8), NULL, 0, 19800501, 0, NULL, 0, 20231010, &q), U);
  CHECK_INT(yibao_quote(engine, S("140400-2024"), S(BAD_UTF8), 0, 0, NULL, 0, 20231010, &q), U);
  CHECK_INT(yibao_window(engine, S(BAD_UTF8), 20231010, &w), U);
  CHECK_INT(yibao_json(engine, S(BAD_UTF8), S("{}"), buf, sizeof buf, &needed), U);
  CHECK_INT(yibao_quote_json(engine, S(BAD_UTF8), buf, sizeof buf, &needed), U);
  CHECK_INT(yibao_engine_load_policy(engine, S(BAD_UTF8), S("x"), buf, sizeof buf, &needed), U);
  CHECK_INT(yibao_engine_load_policy(engine, S("f"), S(BAD_UTF8), buf, sizeof buf, &needed), U);
  CHECK_INT(yibao_engine_load_policy_file(engine, S(BAD_UTF8), buf, sizeof buf, &needed), U);
  CHECK_INT(yibao_category_parse(S(BAD_UTF8), &n), U);
  CHECK_INT(yibao_id_mask(S(BAD_UTF8), buf, sizeof buf, &needed), U);
}

static void test_buffers(void) {
  const char *req = "{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}";
  /* Size query. */
  needed = 0;
  CHECK_INT(yibao_window_json(engine, req, strlen(req), NULL, 0, &needed), YIBAO_STATUS_BUFFER_TOO_SMALL);
  size_t size = needed;
  CHECK(size > 1);
  /* One byte short: nothing written but *needed. */
  char *small = malloc(size);
  memset(small, 'Z', size);
  needed = 0;
  CHECK_INT(yibao_window_json(engine, req, strlen(req), small, size - 1, &needed),
            YIBAO_STATUS_BUFFER_TOO_SMALL);
  CHECK_INT(needed, size);
  CHECK_INT(small[0], 'Z');
  CHECK_INT(small[size - 2], 'Z');
  /* Exactly the size: the answer, NUL-terminated. */
  CHECK_INT(yibao_window_json(engine, req, strlen(req), small, size, &needed), YIBAO_STATUS_OK);
  CHECK_INT(strlen(small), size - 1);
  CHECK_CONTAINS(small, "\"payment_day\":false");
  CHECK_CONTAINS(small, "\"next_payment_day\":\"2023-11-01\"");
  free(small);
  /* An error JSON is subject to the same rule. */
  char tiny[4];
  CHECK_INT(yibao_json(engine, S("nope"), S("{}"), tiny, sizeof tiny, &needed), YIBAO_STATUS_BUFFER_TOO_SMALL);
  CHECK(needed > sizeof tiny);
  /* id_mask */
  char id[19];
  make_id(id, "140402", 19800501, 123);
  CHECK_INT(yibao_id_mask(id, 18, tiny, sizeof tiny, &needed), YIBAO_STATUS_BUFFER_TOO_SMALL);
  CHECK_INT(needed, 19);
  char masked[19];
  CHECK_INT(yibao_id_mask(id, 18, masked, sizeof masked, &needed), YIBAO_STATUS_OK);
  CHECK(strncmp(masked, "140402********", 14) == 0 && strcmp(masked + 14, id + 14) == 0);
}

static void test_json_operations(void) {
  char id[19], request[1024];
  make_id(id, "140402", 19800501, 123);

  CHECK_INT(yibao_quote_json(engine, S("{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\","
                                       "\"person\":{\"birth_date\":\"1980-05-01\","
                                       "\"categories\":[\"minimum_living\"]}}"),
                             buf, sizeof buf, &needed),
            YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"personal_due\":\"76.00\"");
  CHECK_CONTAINS(buf, "\"benefit_start\":\"2024-01-01\"");
  CHECK_INT(needed, strlen(buf) + 1);

  CHECK_INT(yibao_household_json(engine, S("{\"policy\":\"211382-2022\",\"paid_on\":\"2022-02-15\","
                                           "\"members\":[{\"birth_date\":\"1980-03-01\"},"
                                           "{\"birth_date\":\"1982-07-09\"},"
                                           "{\"birth_date\":\"2010-11-30\"}]}"),
                                 buf, sizeof buf, &needed),
            YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"personal_due_total\":\"960.00\"");

  snprintf(request, sizeof request,
           "{\"policy\":\"140400-2024\",\"person\":{\"id_number\":\"%s\"},"
           "\"payment\":{\"paid_on\":\"2023-10-10\",\"amount\":\"380.00\"},"
           "\"reason\":\"duplicate\",\"event_on\":\"2023-10-12\"}",
           id);
  CHECK_INT(yibao_refund_json(engine, request, strlen(request), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"refundable\":true");
  CHECK_CONTAINS(buf, "\"amount\":\"380.00\"");
  CHECK(strstr(buf, id) == NULL); /* never the unmasked number */

  CHECK_INT(yibao_window_json(engine, S("{\"policy\":\"140400-2024\",\"date\":\"2023-10-10\"}"), buf,
                              sizeof buf, &needed),
            YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"open\":true");

  snprintf(request, sizeof request, "{\"id_number\":\"%s\"}", id);
  CHECK_INT(yibao_id_json(engine, request, strlen(request), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"valid\":true");
  CHECK_CONTAINS(buf, "\"birth_date\":\"1980-05-01\"");
  CHECK_CONTAINS(buf, "\"masked\":\"140402********");

  CHECK_INT(yibao_policies_json(engine, S("{}"), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  const char *ids[] = {"140400-2024", "211382-2022", "230128-2023",
                       "231000-2023", "411024-2024", "411024-2026"};
  for (size_t i = 0; i < 6; i++) CHECK_CONTAINS(buf, ids[i]);

  CHECK_INT(yibao_policy_json(engine, S("{\"policy\":\"140400-2024\"}"), buf, sizeof buf, &needed),
            YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"tiers\"");
  CHECK_INT(yibao_policy_json(engine, S("{\"policy\":\"000000-1999\"}"), buf, sizeof buf, &needed),
            YIBAO_STATUS_UNKNOWN_POLICY);
  CHECK_CONTAINS(buf, "{\"error\":{\"code\":\"unknown_policy\"");

  /* The generic entry point gives the same bytes. */
  static char again[65536];
  CHECK_INT(json("policies", ""), YIBAO_STATUS_OK);
  memcpy(again, buf, needed);
  CHECK_INT(yibao_policies_json(engine, S(""), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_STR(buf, again);
}

static void test_window_typed(void) {
  yibao_window_result w = YIBAO_WINDOW_RESULT_INIT;
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231026, &w), YIBAO_STATUS_OK);
  CHECK(!w.open && !w.payment_day);
  CHECK_INT(w.tier, 0);
  CHECK_INT(w.next_payment_day, 20231101);
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231010, &w), YIBAO_STATUS_OK);
  CHECK(w.open && w.payment_day);
  CHECK_INT(w.next_payment_day, 20231010);
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20230801, &w), YIBAO_STATUS_OK);
  CHECK(!w.open);
  CHECK_INT(w.tier, -1);
  CHECK_INT(w.next_payment_day, 20230901);
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231232, &w), YIBAO_STATUS_INVALID_DATE);
  CHECK_INT(yibao_window(engine, S("999999-2024"), 20231010, &w), YIBAO_STATUS_UNKNOWN_POLICY);
}

static void test_categories(void) {
  uint32_t n = 99;
  CHECK_INT(yibao_category_parse(S("minimum_living"), &n), YIBAO_STATUS_OK);
  CHECK_INT(n, YIBAO_CATEGORY_MINIMUM_LIVING);
  CHECK_INT(yibao_category_parse(S("student"), &n), YIBAO_STATUS_OK);
  CHECK_INT(n, YIBAO_CATEGORY_STUDENT);
  n = 99;
  CHECK_INT(yibao_category_parse(S("Minimum_living"), &n), YIBAO_STATUS_UNKNOWN_CATEGORY);
  CHECK_INT(n, 99);
  CHECK_INT(yibao_category_parse(S(""), &n), YIBAO_STATUS_UNKNOWN_CATEGORY);
  for (uint32_t c = 0; c < YIBAO_CATEGORY_COUNT; c++) {
    const char *id = yibao_category_id(c);
    CHECK(id != NULL);
    CHECK_INT(yibao_category_parse(id, strlen(id), &n), YIBAO_STATUS_OK);
    CHECK_INT(n, c);
  }
  CHECK_STR(yibao_category_id(YIBAO_CATEGORY_EXTREME_POVERTY), "extreme_poverty");
  CHECK(yibao_category_id(YIBAO_CATEGORY_COUNT) == NULL);
  CHECK(yibao_category_id(0xffffffffu) == NULL);
  CHECK_INT(YIBAO_CATEGORY_MASK_ALL, (1u << YIBAO_CATEGORY_COUNT) - 1);
}

static void test_loading(void) {
  yibao_engine *e = NULL;
  CHECK_INT(yibao_engine_new_empty(&e), YIBAO_STATUS_OK);
  yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
  CHECK_INT(yibao_quote(e, S("411024-2024"), NULL, 0, 19800501, 0, NULL, 0, 20240110, &q),
            YIBAO_STATUS_UNKNOWN_POLICY);

  /* A syntax error: the error JSON gives file:line:column. */
  const char *broken = "id = \"411024-2024\"\nregion_code = \n";
  CHECK_INT(yibao_engine_load_policy(e, S("mine.toml"), broken, strlen(broken), buf, sizeof buf, &needed),
            YIBAO_STATUS_POLICY_SYNTAX);
  CHECK_CONTAINS(buf, "{\"error\":{\"code\":\"policy_syntax\",\"message\":\"mine.toml:2:");
  CHECK_INT(yibao_engine_load_policy(e, S("u.toml"), S("bogus_key = 1\n"), buf, sizeof buf, &needed),
            YIBAO_STATUS_POLICY_SYNTAX);

  /* A file: the seed policy as the path gives it. */
  const char *path = getenv("YIBAO_POLICY_FILE");
  if (path != NULL) {
    CHECK_INT(yibao_engine_load_policy_file(e, path, strlen(path), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
    CHECK_STR(buf, "411024-2024");
    CHECK_INT(yibao_quote(e, S("411024-2024"), NULL, 0, 19800501, 0, NULL, 0, 20240110, &q), YIBAO_STATUS_OK);
    CHECK_INT(q.benefit_start, 20240210);

    /* The same text with a contradiction: POLICY_INVALID. */
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f != NULL) {
      static char text[200000];
      size_t len = fread(text, 1, sizeof text - 1, f);
      fclose(f);
      text[len] = '\0';
      char *at = strstr(text, "id = \"411024-2024\"");
      CHECK(at != NULL);
      if (at != NULL) {
        memcpy(at, "id = \"411024-2025\"", 18);
        CHECK_INT(yibao_engine_load_policy(e, S("bad.toml"), text, len, buf, sizeof buf, &needed),
                  YIBAO_STATUS_POLICY_INVALID);
        CHECK_CONTAINS(buf, "\"code\":\"policy_invalid\"");
        /* Too small for the id: status, size, and nothing loaded. */
        memcpy(at, "id = \"411024-2024\"", 18);
        char tiny[4];
        CHECK_INT(yibao_engine_load_policy(e, S("ok.toml"), text, len, tiny, sizeof tiny, &needed),
                  YIBAO_STATUS_BUFFER_TOO_SMALL);
        CHECK_INT(needed, 12);
      }
    }
  } else {
    fprintf(stderr, "YIBAO_POLICY_FILE not set: file loading not tested\n");
    CHECK(0);
  }
  CHECK_INT(yibao_engine_load_policy_file(e, S("/nonexistent/policy.toml"), buf, sizeof buf, &needed),
            YIBAO_STATUS_IO);
  /* A non-UTF-8 file. */
  char tmp[] = "/tmp/yibao-test-XXXXXX";
  int fd = mkstemp(tmp);
  CHECK(fd >= 0);
  if (fd >= 0) {
    CHECK_INT(write(fd, "id = \"\xff\"\n", 9), 9);
    close(fd);
    CHECK_INT(yibao_engine_load_policy_file(e, tmp, strlen(tmp), buf, sizeof buf, &needed),
              YIBAO_STATUS_INVALID_UTF8);
    unlink(tmp);
  }
  yibao_engine_free(e);
}

/* ABI evolution (README, "ABI promise"): the library writes only the fields that lie
 * wholly within the struct_size the caller set, refuses a size below the first published
 * layout, and a caller built against a newer header sees which fields an older library
 * filled. Guard bytes after each struct catch a write past it. */
#define GUARD 0xA5
static int guards_intact(const unsigned char *p, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (p[i] != GUARD) return 0;
  return 1;
}

/* Today's yibao_quote_result without its trailing aid_category and flags: a layout older
 * than the first published one, as a caller might have it. */
typedef struct {
  size_t struct_size;
  int64_t total, personal_standard, fiscal_subsidy, aid_total, personal_due;
  uint32_t benefit_start, benefit_end;
  int32_t tier, newborn;
} short_quote_result;

/* A newer caller's struct: today's layout plus a field a later library may append. */
typedef struct {
  size_t struct_size;
  int64_t total, personal_standard, fiscal_subsidy, aid_total, personal_due;
  uint32_t benefit_start, benefit_end;
  int32_t tier, newborn, aid_category;
  uint32_t flags;
  int32_t grade, group;
  int64_t appended;
} newer_quote_result;

static yibao_status quote_into(void *out) {
  return yibao_quote(engine, S("140400-2024"), NULL, 0, 19800501,
                     YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_MINIMUM_LIVING), NULL, 0, 20231010,
                     (yibao_quote_result *)out);
}

static void test_struct_size(void) {
  _Alignas(8) unsigned char mem[sizeof(yibao_quote_result) + 64];
  yibao_quote_result *q = (yibao_quote_result *)mem;

  CHECK_INT(YIBAO_QUOTE_RESULT_MIN_SIZE, offsetof(yibao_quote_result, flags) + sizeof(uint32_t));
  CHECK_INT(YIBAO_WINDOW_RESULT_MIN_SIZE,
            offsetof(yibao_window_result, next_payment_day) + sizeof(uint32_t));

  /* The caller's own size: every field written, nothing after it. */
  memset(mem, GUARD, sizeof mem);
  q->struct_size = sizeof(yibao_quote_result);
  CHECK_INT(quote_into(mem), YIBAO_STATUS_OK);
  CHECK_INT(q->struct_size, sizeof(yibao_quote_result));
  CHECK_INT(q->personal_due, 7600);
  CHECK_INT(q->flags, 0);
  CHECK(guards_intact(mem, sizeof(yibao_quote_result), sizeof mem));

  /* A size between fields: filled up to the last field that fits, the rest untouched. */
  memset(mem, GUARD, sizeof mem);
  q->struct_size = YIBAO_QUOTE_RESULT_MIN_SIZE + 3;
  CHECK_INT(quote_into(mem), YIBAO_STATUS_OK);
  CHECK_INT(q->struct_size, YIBAO_QUOTE_RESULT_MIN_SIZE);
  CHECK(guards_intact(mem, YIBAO_QUOTE_RESULT_MIN_SIZE, sizeof mem));

  /* A caller of the first published layout (through flags): grade and group, appended
   * since, are not written, and YIBAO_RESULT_HAS says so. */
  memset(mem, GUARD, sizeof mem);
  q->struct_size = YIBAO_QUOTE_RESULT_MIN_SIZE;
  CHECK_INT(quote_into(mem), YIBAO_STATUS_OK);
  CHECK_INT(q->struct_size, YIBAO_QUOTE_RESULT_MIN_SIZE);
  CHECK_INT(q->personal_due, 7600);
  CHECK(!YIBAO_RESULT_HAS(yibao_quote_result, q, grade));
  CHECK(guards_intact(mem, YIBAO_QUOTE_RESULT_MIN_SIZE, sizeof mem));
  CHECK_INT(offsetof(yibao_quote_result, grade), YIBAO_QUOTE_RESULT_MIN_SIZE);

  /* An older, shorter struct: refused with a clear status, not one byte written. */
  memset(mem, GUARD, sizeof mem);
  short_quote_result *old = (short_quote_result *)mem;
  old->struct_size = sizeof(short_quote_result);
  CHECK(sizeof(short_quote_result) < YIBAO_QUOTE_RESULT_MIN_SIZE);
  CHECK_INT(quote_into(old), YIBAO_STATUS_INVALID_STRUCT_SIZE);
  CHECK_INT(old->struct_size, sizeof(short_quote_result));
  CHECK(guards_intact(mem, sizeof(size_t), sizeof mem));
  CHECK_STR(yibao_status_code(YIBAO_STATUS_INVALID_STRUCT_SIZE), "invalid_struct_size");

  /* struct_size not set (0), or garbage: refused, nothing written. */
  size_t bad[] = {0, 1, YIBAO_QUOTE_RESULT_MIN_SIZE - 1, 4097, (size_t)0x5a5a5a5a5a5a5a5aull};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    memset(mem, GUARD, sizeof mem);
    q->struct_size = bad[i];
    CHECK_INT(quote_into(mem), YIBAO_STATUS_INVALID_STRUCT_SIZE);
    CHECK(guards_intact(mem, sizeof(size_t), sizeof mem));
  }

  /* A newer caller with this library: the fields it knows filled, the appended one not,
   * and YIBAO_RESULT_HAS tells which. */
  newer_quote_result n;
  memset(&n, GUARD, sizeof n);
  n.struct_size = sizeof n;
  CHECK_INT(quote_into(&n), YIBAO_STATUS_OK);
  CHECK_INT(n.struct_size, sizeof(yibao_quote_result));
  CHECK_INT(n.personal_due, 7600);
  CHECK_INT(n.aid_category, YIBAO_CATEGORY_MINIMUM_LIVING);
  CHECK(YIBAO_RESULT_HAS(newer_quote_result, &n, flags));
  CHECK(YIBAO_RESULT_HAS(newer_quote_result, &n, group));
  CHECK_INT(n.grade, -1); /* 长治 has no grades */
  CHECK(!YIBAO_RESULT_HAS(newer_quote_result, &n, appended));
  CHECK(guards_intact((const unsigned char *)&n, sizeof(yibao_quote_result), sizeof n));

  /* The window result: 20 bytes of fields, 24 with padding. A size of 20 leaves the
   * padding alone; a short one is refused. */
  _Alignas(8) unsigned char wmem[sizeof(yibao_window_result) + 32];
  yibao_window_result *w = (yibao_window_result *)wmem;
  memset(wmem, GUARD, sizeof wmem);
  w->struct_size = YIBAO_WINDOW_RESULT_MIN_SIZE;
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231026, w), YIBAO_STATUS_OK);
  CHECK_INT(w->struct_size, YIBAO_WINDOW_RESULT_MIN_SIZE);
  CHECK_INT(w->next_payment_day, 20231101);
  CHECK(guards_intact(wmem, YIBAO_WINDOW_RESULT_MIN_SIZE, sizeof wmem));
  memset(wmem, GUARD, sizeof wmem);
  w->struct_size = offsetof(yibao_window_result, next_payment_day);
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231026, w), YIBAO_STATUS_INVALID_STRUCT_SIZE);
  CHECK(guards_intact(wmem, sizeof(size_t), sizeof wmem));
  yibao_window_result full = YIBAO_WINDOW_RESULT_INIT;
  CHECK_INT(yibao_window(engine, S("140400-2024"), 20231026, &full), YIBAO_STATUS_OK);
  CHECK_INT(full.struct_size, YIBAO_WINDOW_RESULT_MIN_SIZE);
  CHECK(YIBAO_RESULT_HAS(yibao_window_result, &full, next_payment_day));
}

/* yibao_quote_ex names the contribution grade (缴费档次). Test-only fixtures of
 * tests/vectors/policies/ (YIBAO_FIXTURE_DIR): 成都 2025, 成年居民 400 or 520 with the 710
 * subsidy, students 400 without a grade; 綦江 (500110-2017), 一档 140 / 二档 450, 二档 payers
 * aided at the 一档 standard (140: they pay 310), 老复员军人 at the 二档 standard (450).
 * The JSON quote gives the same figures. */
static yibao_quote_request grade_request(const char *policy, uint32_t paid_on, const char *grade,
                                         uint32_t bits) {
  yibao_quote_request r = YIBAO_QUOTE_REQUEST_INIT;
  r.policy = policy;
  r.policy_len = strlen(policy);
  r.birth_date = 19800501;
  r.paid_on = paid_on;
  r.category_bits = bits;
  if (grade != NULL) {
    r.grade = grade;
    r.grade_len = strlen(grade);
  }
  return r;
}

static void test_quote_with_grade(void) {
  const char *dir = getenv("YIBAO_FIXTURE_DIR");
  if (dir == NULL) {
    fprintf(stderr, "YIBAO_FIXTURE_DIR not set: grades not tested\n");
    CHECK(0);
    return;
  }
  yibao_engine *e = NULL;
  CHECK_INT(yibao_engine_new(&e), YIBAO_STATUS_OK);
  const char *files[] = {"510100-2025.toml", "500110-2017.toml"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    CHECK_INT(yibao_engine_load_policy_file(e, path, strlen(path), buf, sizeof buf, &needed),
              YIBAO_STATUS_OK);
  }
  yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
  uint32_t minimum_living = YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_MINIMUM_LIVING);

  /* 成都: the 520 grade. */
  yibao_quote_request r = grade_request("510100-2025", 20241010, "adult_520", 0);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_standard, 52000);
  CHECK_INT(q.fiscal_subsidy, 71000);
  CHECK_INT(q.total, 123000);
  CHECK_INT(q.personal_due, 52000);
  CHECK_INT(q.benefit_start, 20250101);
  CHECK(YIBAO_RESULT_HAS(yibao_quote_result, &q, group));
  CHECK_INT(q.grade, 1);
  CHECK_INT(q.group, -1);
  const char *json_520 = "{\"policy\":\"510100-2025\",\"paid_on\":\"2024-10-10\","
                         "\"person\":{\"birth_date\":\"1980-05-01\",\"grade\":\"adult_520\"}}";
  CHECK_INT(yibao_quote_json(e, json_520, strlen(json_520), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"grade\":\"adult_520\"");
  CHECK_CONTAINS(buf, "\"personal_due\":\"520.00\"");
  CHECK_CONTAINS(buf, "\"total\":\"1230.00\"");
  r = grade_request("510100-2025", 20241010, "adult_400", 0);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 40000);
  CHECK_INT(q.grade, 0);
  /* A student: the group standard, no grade needed. */
  r = grade_request("510100-2025", 20241010, NULL, YIBAO_CATEGORY_BIT(YIBAO_CATEGORY_STUDENT));
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 40000);
  CHECK_INT(q.grade, -1);
  CHECK_INT(q.group, 0);
  /* No grade, or an unknown one: INVALID_GRADE, nothing written; yibao_quote takes none. */
  yibao_quote_result untouched = q;
  r = grade_request("510100-2025", 20241010, NULL, 0);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_INVALID_GRADE);
  r = grade_request("510100-2025", 20241010, "adult_600", 0);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_INVALID_GRADE);
  CHECK(memcmp(&q, &untouched, sizeof q) == 0);
  CHECK_INT(yibao_quote(e, S("510100-2025"), NULL, 0, 19800501, 0, NULL, 0, 20241010, &q),
            YIBAO_STATUS_INVALID_GRADE);

  /* 綦江: 低保 in 二档, aided at the 一档 standard: 450 - 140 = 310. */
  r = grade_request("500110-2017", 20161010, "grade_2", minimum_living);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_standard, 45000);
  CHECK_INT(q.aid_total, 14000);
  CHECK_INT(q.personal_due, 31000);
  CHECK_INT(q.aid_category, YIBAO_CATEGORY_MINIMUM_LIVING);
  CHECK_INT(q.grade, 1);
  const char *json_qj = "{\"policy\":\"500110-2017\",\"paid_on\":\"2016-10-10\","
                        "\"person\":{\"birth_date\":\"1980-05-01\",\"grade\":\"grade_2\","
                        "\"categories\":[\"minimum_living\"]}}";
  CHECK_INT(yibao_quote_json(e, json_qj, strlen(json_qj), buf, sizeof buf, &needed), YIBAO_STATUS_OK);
  CHECK_CONTAINS(buf, "\"amount\":\"140.00\"");
  CHECK_CONTAINS(buf, "\"personal_due\":\"310.00\"");
  /* In 一档: aided in full, pays nothing. */
  r = grade_request("500110-2017", 20161010, "grade_1", minimum_living);
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 0);
  CHECK_INT(q.aid_total, 14000);
  /* 老复员军人 (a category of the policy's own): the 二档 standard in full, 450. */
  uint32_t veteran = 0;
  CHECK_INT(yibao_policy_category_parse(e, S("500110-2017"), S("old_demobilized_veteran"), &veteran),
            YIBAO_STATUS_OK);
  r = grade_request("500110-2017", 20161010, "grade_2", 0);
  r.categories = &veteran;
  r.categories_len = 1;
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.aid_total, 45000);
  CHECK_INT(q.personal_due, 0);
  CHECK_INT(q.aid_category, veteran);

  /* The request struct, versioned by its size like the results. */
  r = grade_request("500110-2017", 20161010, "grade_2", minimum_living);
  r.struct_size = YIBAO_QUOTE_REQUEST_MIN_SIZE;
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_OK);
  CHECK_INT(q.personal_due, 31000);
  r.struct_size = 0;
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_INVALID_STRUCT_SIZE);
  r.struct_size = YIBAO_QUOTE_REQUEST_MIN_SIZE - 1;
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_INVALID_STRUCT_SIZE);
  r.struct_size = sizeof r;
  CHECK_INT(yibao_quote_ex(e, NULL, &q), YIBAO_STATUS_NULL_POINTER);
  CHECK_INT(yibao_quote_ex(e, &r, NULL), YIBAO_STATUS_NULL_POINTER);
  CHECK_INT(yibao_quote_ex(NULL, &r, &q), YIBAO_STATUS_NULL_POINTER);
  r.grade = NULL; /* with a length */
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_NULL_POINTER);
  r.grade = BAD_UTF8;
  r.grade_len = sizeof BAD_UTF8 - 1;
  CHECK_INT(yibao_quote_ex(e, &r, &q), YIBAO_STATUS_INVALID_UTF8);
  yibao_engine_free(e);
}

/* A policy file nested 100 000 levels deep, loaded on a thread with a 128 KiB stack (a
 * bank's worker thread may have less than glibc's 8 MiB): POLICY_SYNTAX, not a crash. */
static void *load_deep(void *arg) {
  yibao_status *status = arg;
  enum { DEPTH = 100000 };
  static char text[2 * DEPTH + 64];
  int n = snprintf(text, sizeof text, "id = \"140400-2024\"\nfoo = ");
  memset(text + n, '[', DEPTH);
  memset(text + n + DEPTH, ']', DEPTH);
  text[n + 2 * DEPTH] = '\n';
  *status = yibao_engine_load_policy(engine, S("deep.toml"), text, (size_t)n + 2 * DEPTH + 1, buf,
                                     sizeof buf, &needed);
  return NULL;
}

static void test_deep_nesting_on_a_small_stack(void) {
  pthread_attr_t attr;
  pthread_t t;
  yibao_status status = YIBAO_STATUS_OK;
  CHECK_INT(pthread_attr_init(&attr), 0);
  CHECK_INT(pthread_attr_setstacksize(&attr, 128 * 1024), 0);
  CHECK_INT(pthread_create(&t, &attr, load_deep, &status), 0);
  CHECK_INT(pthread_join(t, NULL), 0);
  pthread_attr_destroy(&attr);
  CHECK_INT(status, YIBAO_STATUS_POLICY_SYNTAX);
  CHECK_CONTAINS(buf, "deep.toml:2:15:");
  CHECK_CONTAINS(buf, "nested more than 8 levels");
}

int main(void) {
  CHECK_INT(yibao_engine_new(&engine), YIBAO_STATUS_OK);
  test_version();
  test_engine_lifecycle();
  test_typed_quote_figures();
  test_every_status();
  test_null_pointers();
  test_invalid_utf8();
  test_buffers();
  test_json_operations();
  test_window_typed();
  test_struct_size();
  test_quote_with_grade();
  test_deep_nesting_on_a_small_stack();
  test_categories();
  test_loading();
  yibao_engine_free(engine);
  return report();
}
