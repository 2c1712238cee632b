/*
 * libmemcached placement oracle for continuum's compat tests.
 *
 * Reads a script on standard input and prints, for every key, the index of the server
 * memcached_generate_hash() picks (0-based, in the order the servers were added). No server is
 * contacted: libmemcached only computes the placement.
 *
 * Script lines, applied in order:
 *   behavior KETAMA_WEIGHTED | KETAMA | HASH_MD5 | KETAMA_HASH_MD5 | DISTRIBUTION_SPY
 *   server <host> <port> <weight>
 *   keys                 (every following line is one key, as lowercase hex; empty = empty key)
 * Output: one decimal index per key line, in order.
 */
#include <libmemcached/memcached.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const char *line) {
  fprintf(stderr, "libmemcached_oracle: %s: %s\n", what, line);
  exit(2);
}

static void check(memcached_return_t rc, const char *line) {
  if (rc != MEMCACHED_SUCCESS) {
    die("libmemcached refused", line);
  }
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void behavior(memcached_st *memc, const char *name, const char *line) {
  if (strcmp(name, "KETAMA_WEIGHTED") == 0) {
    check(memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED, 1), line);
  } else if (strcmp(name, "KETAMA") == 0) {
    check(memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_KETAMA, 1), line);
  } else if (strcmp(name, "HASH_MD5") == 0) {
    check(memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_HASH, MEMCACHED_HASH_MD5), line);
  } else if (strcmp(name, "KETAMA_HASH_MD5") == 0) {
    check(memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_KETAMA_HASH, MEMCACHED_HASH_MD5), line);
  } else if (strcmp(name, "DISTRIBUTION_SPY") == 0) {
    check(memcached_behavior_set(memc, MEMCACHED_BEHAVIOR_DISTRIBUTION,
                                 MEMCACHED_DISTRIBUTION_CONSISTENT_KETAMA_SPY), line);
  } else {
    die("unknown behavior", line);
  }
}

int main(void) {
  static char line[65536];
  static char key[32768];
  static char host[1024];
  static char name[128];
  memcached_st *memc = memcached_create(NULL);
  if (memc == NULL) die("memcached_create failed", "");
  int in_keys = 0;
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
    else if (!feof(stdin)) die("line too long", "");
    if (in_keys) {
      if (n % 2 != 0) die("odd hex key", line);
      for (size_t i = 0; i < n; i += 2) {
        int hi = hexval(line[i]), lo = hexval(line[i + 1]);
        if (hi < 0 || lo < 0) die("bad hex key", line);
        key[i / 2] = (char) (hi << 4 | lo);
      }
      printf("%u\n", memcached_generate_hash(memc, key, n / 2));
      continue;
    }
    unsigned int port, weight;
    if (strcmp(line, "keys") == 0) {
      if (memcached_server_count(memc) == 0) die("no servers before keys", line);
      in_keys = 1;
    } else if (sscanf(line, "behavior %127s", name) == 1) {
      behavior(memc, name, line);
    } else if (sscanf(line, "server %1023s %u %u", host, &port, &weight) == 3) {
      check(memcached_server_add_with_weight(memc, host, (in_port_t) port, (uint32_t) weight), line);
    } else {
      die("cannot parse", line);
    }
  }
  memcached_free(memc);
  return fflush(stdout) == 0 ? 0 : 1;
}
