/*
 * The little of the C library the kernel (day-loop.c) uses, so the
 * same source builds natively (the machine's libc) and for wasm32 without any
 * libc (clang --target=wasm32 -nostdlib): floor, sqrt and fabs are WebAssembly
 * instructions there, memory is a bump allocator over a fixed arena.
 */
#ifndef TRUCE_BENCH_LIBC_H
#define TRUCE_BENCH_LIBC_H

#ifndef __wasm__
#define _POSIX_C_SOURCE 199309L
#endif
#include <stddef.h>
#include <stdint.h>

#ifdef __wasm__
#define NAN __builtin_nan("")
#define INFINITY __builtin_inf()
#define isfinite(x) __builtin_isfinite(x)
#define signbit(x) __builtin_signbit(x)
static inline double floor(double x) { return __builtin_floor(x); }
static inline double sqrt(double x) { return __builtin_sqrt(x); }
static inline double fabs(double x) { return __builtin_fabs(x); }
static inline double cos(double x) { return (void)x, NAN; } /* fd_cos's fallback beyond 2^19 pi/2: never reached */

void *memcpy(void *d, const void *s, size_t n) {
  unsigned char *a = d;
  const unsigned char *b = s;
  while (n--) *a++ = *b++;
  return d;
}
void *memset(void *d, int c, size_t n) {
  unsigned char *a = d;
  while (n--) *a++ = (unsigned char)c;
  return d;
}
static int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

/* A bump allocator: the model, the world and the stream words of a batch (started over by kernel_model). */
#ifndef ARENA_BYTES
#define ARENA_BYTES (16u << 20)
#endif
static unsigned char arena[ARENA_BYTES];
static size_t arenaUsed;
static const char *failure;
static void *xalloc(size_t n) {
  size_t at = (arenaUsed + 15) & ~(size_t)15;
  if (at + n > ARENA_BYTES) {
    failure = "out of memory";
    __builtin_trap();
  }
  arenaUsed = at + n;
  memset(arena + at, 0, n);
  return arena + at;
}
#else
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static void *xalloc(size_t n) {
  void *p = calloc(1, n ? n : 1);
  if (!p) {
    fprintf(stderr, "day-loop: out of memory\n");
    exit(2);
  }
  return p;
}
#endif

static void *xgrow(void *p, size_t old, size_t n) {
  void *q = xalloc(n);
  memcpy(q, p, old);
  return q;
}

#endif
