/*
 * C reference loop for the engagement benchmark (bench/engagement.js): the
 * same count-space salvo sampler as src/core/engagement/salvo-sampler.ts
 * (barrage doctrine, one threat type, one wave, no track-capacity limit),
 * with the same generator (xoroshiro128+, 53-bit uniforms from two 32-bit
 * outputs) and the same exact binomial (BINV inversion below a mean of 30,
 * Knuth's beta split above). Written for this benchmark; compiled by the
 * bench with `cc -O2` when a compiler is present.
 *
 * usage: salvo SAMPLES THREATS [pKill shots channels inventory tracking]...
 * prints: "<seconds of CPU> <mean leakers>"
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s01 = 0x9e3779b9u, s00 = 0x243f6a88u, s11 = 0x85a308d3u, s10 = 0x13198a2eu;

static uint32_t next32(void) {
  uint32_t out = s00 + s10;
  uint32_t a0 = s10 ^ s00, a1 = s11 ^ s01, o00 = s00, o01 = s01;
  s00 = (o00 << 24) ^ (o01 >> 8) ^ a0 ^ (a0 << 16);
  s01 = (o01 << 24) ^ (o00 >> 8) ^ a1 ^ ((a1 << 16) | (a0 >> 16));
  s10 = (a1 << 5) ^ (a0 >> 27);
  s11 = (a0 << 5) ^ (a1 >> 27);
  return out;
}

static double uniform(void) {
  uint32_t hi = next32() >> 5, lo = next32() >> 6;
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

static double normal(void) {
  double u1 = 1 - uniform(), u2 = uniform();
  return sqrt(-2 * log(u1)) * cos(2 * M_PI * u2);
}

static double gamma_draw(double a) {
  if (a < 1) return gamma_draw(a + 1) * pow(uniform(), 1 / a);
  double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    double u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

static int binomial(int n, double p);

static int binv(int n, double p) {
  double q = 1 - p, s = p / q, a = (n + 1) * s, r0 = pow(q, n);
  for (;;) {
    double r = r0, u = uniform();
    int x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

static int binomial(int n, double p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p);
  if (n * p < 30) return binv(n, p);
  int a = 1 + (n >> 1), b = n + 1 - a;
  double ga = gamma_draw(a), gb = gamma_draw(b), x = ga / (ga + gb);
  if (x >= p) return binomial(a - 1, p / x);
  return a + binomial(b - 1, (p - x) / (1 - x));
}

int main(int argc, char **argv) {
  if (argc < 3 || (argc - 3) % 5 != 0) {
    fprintf(stderr, "usage: salvo SAMPLES THREATS [pKill shots channels inventory tracking]...\n");
    return 2;
  }
  long samples = atol(argv[1]);
  int threats = atoi(argv[2]);
  int L = (argc - 3) / 5;
  double kill[16], tracking[16];
  int shots[16], channels[16], inventory[16];
  for (int l = 0; l < L && l < 16; l++) {
    double p = atof(argv[3 + 5 * l]);
    shots[l] = atoi(argv[4 + 5 * l]);
    channels[l] = atoi(argv[5 + 5 * l]);
    inventory[l] = atoi(argv[6 + 5 * l]);
    tracking[l] = atof(argv[7 + 5 * l]);
    kill[l] = 1 - pow(1 - p, shots[l]);
  }
  double leakSum = 0;
  clock_t t0 = clock();
  for (long i = 0; i < samples; i++) {
    int n = threats;
    for (int l = 0; l < L; l++) {
      if (n == 0 || channels[l] <= 0 || inventory[l] < shots[l]) continue;
      int tracked = tracking[l] >= 1 ? n : binomial(n, tracking[l]);
      int engaged = tracked < channels[l] ? tracked : channels[l];
      int byInv = inventory[l] / shots[l];
      if (byInv < engaged) engaged = byInv;
      n -= binomial(engaged, kill[l]);
    }
    leakSum += n;
  }
  double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
  printf("%.6f %.6f\n", cpu, leakSum / samples);
  return 0;
}
