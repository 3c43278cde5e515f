/*
 * bank — a 代征银行 collection run as a bank system would write it against libyibao.
 *
 *   bank <residents.csv> <today YYYY-MM-DD>
 *
 * residents.csv: a header line, then `policy,id_number,categories,paid_on` per resident;
 * categories are category ids separated by `|` or `;` (empty for an ordinary resident).
 *
 * For each resident it prints the amount to collect and the cover dates (the ID number
 * masked: personal data never reaches the log), then refunds the first resident's
 * duplicate payment through the JSON entry point, and checks the collection window of
 * every policy on <today>.
 *
 * Build against an installed library (`make -C bindings-c install`; bindings-c/README.md):
 *   cc examples/bank-c/bank.c $(pkg-config --cflags --libs yibao-static) -o bank
 */
#include "yibao.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POLICIES 16

/* "380.00" from fen. */
static const char *yuan(int64_t fen, char out[32]) {
  snprintf(out, 32, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(llabs(fen) / 100),
           (long long)(llabs(fen) % 100));
  return out;
}

/* "2024-01-01" from 20240101; "-" for 0. */
static const char *iso(uint32_t ymd, char out[16]) {
  if (ymd == 0) return "-";
  snprintf(out, 16, "%04u-%02u-%02u", ymd / 10000, ymd / 100 % 100, ymd % 100);
  return out;
}

/* 20240101 from "2024-01-01"; 0 when malformed (the library then says INVALID_DATE). */
static uint32_t ymd(const char *s) {
  unsigned y, m, d;
  char rest;
  if (sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &rest) != 3) return 0;
  return y * 10000 + m * 100 + d;
}

/* Calls a JSON entry point, growing the buffer as the library asks. Returns the status;
 * *out is a malloc'd response (answer or error JSON) to free(), NULL for statuses >= 100. */
typedef yibao_status (*json_fn)(const yibao_engine *, const char *, size_t, char *, size_t,
                                size_t *);
static yibao_status call_json(json_fn fn, const yibao_engine *engine, const char *request,
                              char **out) {
  size_t cap = 1024, needed = 0;
  *out = NULL;
  for (;;) {
    char *buf = malloc(cap);
    if (buf == NULL) return YIBAO_STATUS_OUT_OF_RANGE;
    yibao_status s = fn(engine, request, strlen(request), buf, cap, &needed);
    if (s == YIBAO_STATUS_BUFFER_TOO_SMALL) {
      free(buf);
      cap = needed;
      continue;
    }
    if (s < 100) {
      *out = buf;
    } else {
      free(buf);
    }
    return s;
  }
}

/* The string value of the first "key":"value" in a flat JSON answer (enough for the
 * top-level fields the bank reads; a full JSON parser would be used in production). */
static int json_field(const char *json, const char *key, char *out, size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *at = strstr(json, pattern);
  if (at == NULL) return 0;
  at += strlen(pattern);
  size_t n = 0;
  if (*at == '"') {
    at++;
    while (at[n] != '\0' && at[n] != '"') n++;
  } else {
    while (at[n] != '\0' && at[n] != ',' && at[n] != '}') n++;
  }
  if (n >= cap) return 0;
  memcpy(out, at, n);
  out[n] = '\0';
  return 1;
}

struct first_payment {
  int found;
  char policy[32];
  char id_number[32];
  char paid_on[16];
  int64_t amount;
};

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <residents.csv> <today YYYY-MM-DD>\n", argv[0]);
    return 2;
  }
  FILE *csv = fopen(argv[1], "r");
  if (csv == NULL) {
    perror(argv[1]);
    return 2;
  }
  yibao_engine *engine = NULL;
  if (yibao_engine_new(&engine) != YIBAO_STATUS_OK) return 1;
  fprintf(stderr, "yibao %s\n", yibao_version());

  char line[1024], y[32], d1[16], d2[16];
  char policies[MAX_POLICIES][32];
  int npolicies = 0, row = 0, collected_rows = 0, refused_rows = 0;
  int64_t collected = 0;
  struct first_payment first = {0};

  printf("== collection\n");
  if (fgets(line, sizeof line, csv) == NULL) line[0] = '\0'; /* header */
  while (fgets(line, sizeof line, csv) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    if (line[0] == '\0') continue;
    row++;
    /* policy,id_number,categories,paid_on */
    char *fields[4] = {0};
    char *p = line;
    for (int i = 0; i < 4 && p != NULL; i++) {
      fields[i] = p;
      p = strchr(p, ',');
      if (p != NULL) *p++ = '\0';
    }
    if (fields[3] == NULL) {
      printf("row %d: malformed line\n", row);
      refused_rows++;
      continue;
    }
    const char *policy = fields[0], *id = fields[1], *paid = fields[3];

    char masked[32];
    size_t needed;
    if (yibao_id_mask(id, strlen(id), masked, sizeof masked, &needed) != YIBAO_STATUS_OK) {
      snprintf(masked, sizeof masked, "(unreadable)");
    }

    /* Categories: ids separated by '|' or ';'. */
    uint32_t bits = 0;
    yibao_status s = YIBAO_STATUS_OK;
    for (char *c = fields[2]; s == YIBAO_STATUS_OK && *c != '\0';) {
      size_t n = strcspn(c, "|;");
      uint32_t category;
      if (n > 0) {
        s = yibao_category_parse(c, n, &category);
        if (s == YIBAO_STATUS_OK) bits |= YIBAO_CATEGORY_BIT(category);
      }
      c += n;
      if (*c != '\0') c++;
    }

    yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;
    if (s == YIBAO_STATUS_OK) {
      s = yibao_quote(engine, policy, strlen(policy), id, strlen(id), 0, bits, NULL, 0, ymd(paid), &q);
    }
    printf("%-18s %s %s  ", masked, policy, paid);
    if (s == YIBAO_STATUS_OK) {
      printf("collect %7s  ", yuan(q.personal_due, y));
      if (q.benefit_start != 0) {
        printf("cover %s..%s\n", iso(q.benefit_start, d1), iso(q.benefit_end, d2));
      } else {
        printf("no cover in the benefit year\n");
      }
      collected += q.personal_due;
      collected_rows++;
      if (!first.found) {
        first.found = 1;
        snprintf(first.policy, sizeof first.policy, "%s", policy);
        snprintf(first.id_number, sizeof first.id_number, "%s", id);
        snprintf(first.paid_on, sizeof first.paid_on, "%s", paid);
        first.amount = q.personal_due;
      }
    } else if (s == YIBAO_STATUS_NOT_PAYMENT_DAY) {
      yibao_window_result w = YIBAO_WINDOW_RESULT_INIT;
      uint32_t next = 0;
      if (yibao_window(engine, policy, strlen(policy), ymd(paid), &w) == YIBAO_STATUS_OK) {
        next = w.next_payment_day;
      }
      printf("REFUSED not_payment_day: next payment day %s\n", iso(next, d1));
      refused_rows++;
    } else {
      printf("REFUSED %s: %s\n", yibao_status_code(s), yibao_status_message(s));
      refused_rows++;
    }

    int known = 0;
    for (int i = 0; i < npolicies; i++) known |= strcmp(policies[i], policy) == 0;
    if (!known && npolicies < MAX_POLICIES && s != YIBAO_STATUS_UNKNOWN_POLICY) {
      snprintf(policies[npolicies++], sizeof policies[0], "%s", policy);
    }
  }
  fclose(csv);
  printf("collected %s from %d residents; %d refused\n", yuan(collected, y), collected_rows,
         refused_rows);

  /* The first resident paid twice: refund the duplicate (JSON entry point). */
  printf("== refund\n");
  if (first.found) {
    char request[512], *answer = NULL;
    snprintf(request, sizeof request,
             "{\"policy\":\"%s\",\"person\":{\"id_number\":\"%s\"},"
             "\"payment\":{\"paid_on\":\"%s\",\"amount\":\"%s\"},"
             "\"reason\":\"duplicate\",\"event_on\":\"%s\"}",
             first.policy, first.id_number, first.paid_on, yuan(first.amount, y), first.paid_on);
    yibao_status s = call_json(yibao_refund_json, engine, request, &answer);
    char masked[32], refundable[8] = "?", amount[32] = "?";
    size_t needed;
    if (yibao_id_mask(first.id_number, strlen(first.id_number), masked, sizeof masked, &needed) !=
        YIBAO_STATUS_OK) {
      snprintf(masked, sizeof masked, "(unreadable)");
    }
    if (s == YIBAO_STATUS_OK) {
      json_field(answer, "refundable", refundable, sizeof refundable);
      json_field(answer, "amount", amount, sizeof amount);
      printf("%s duplicate payment of %s on %s: refundable %s, refund %s\n", masked,
             yuan(first.amount, y), first.paid_on, refundable, amount);
    } else {
      printf("%s refund refused: %s\n", masked, answer ? answer : yibao_status_code(s));
    }
    free(answer);
  }

  /* Is the window open today? */
  printf("== window on %s\n", argv[2]);
  for (int i = 0; i < npolicies; i++) {
    yibao_window_result w = YIBAO_WINDOW_RESULT_INIT;
    yibao_status s = yibao_window(engine, policies[i], strlen(policies[i]), ymd(argv[2]), &w);
    if (s != YIBAO_STATUS_OK) {
      printf("%s: %s\n", policies[i], yibao_status_code(s));
    } else if (w.open) {
      printf("%s: open\n", policies[i]);
    } else {
      printf("%s: closed (%s); next payment day %s\n", policies[i],
             w.tier >= 0 ? "not a payment day" : "outside every payment period",
             iso(w.next_payment_day, d1));
    }
  }

  yibao_engine_free(engine);
  return 0;
}
