/*
 * exp, log and pow as JavaScript computes them: V8 (Node 20) implements
 * Math.exp, Math.log and Math.pow with ports of fdlibm, whose last bit can
 * differ from the C library's. These are ports of the same fdlibm algorithms
 * (e_exp.c, e_log.c, e_pow.c with s_scalbn.c, s_cos.c), for the kernel
 * (day-loop.c: the engine's kernel); bench/day-loop-native.js checks them against Node's Math on
 * random arguments before it times anything. Math.cos is fdlibm's cos too
 * (k_cos.c, k_sin.c, e_rem_pio2.c for the arguments below 2^19 pi/2): glibc's
 * differs from Node's in the last bit on about 3% of arguments in [0, 2 pi).
 *
 * fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunSoft, a Sun Microsystems, Inc. business. Permission to use,
 * copy, modify, and distribute this software is freely granted, provided
 * that this notice is preserved.
 */
#ifndef TRUCE_BENCH_FDLIBM_H
#define TRUCE_BENCH_FDLIBM_H

#include "libc.h"

static inline uint64_t fd_bits(double x) {
  uint64_t b;
  memcpy(&b, &x, 8);
  return b;
}
static inline double fd_from(uint64_t b) {
  double x;
  memcpy(&x, &b, 8);
  return x;
}
static inline int32_t fd_hi(double x) { return (int32_t)(fd_bits(x) >> 32); }
static inline uint32_t fd_lo(double x) { return (uint32_t)fd_bits(x); }
static inline double fd_words(uint32_t hi, uint32_t lo) { return fd_from(((uint64_t)hi << 32) | lo); }
static inline double fd_set_hi(double x, uint32_t hi) { return fd_words(hi, fd_lo(x)); }
static inline double fd_set_lo(double x, uint32_t lo) { return fd_words((uint32_t)fd_hi(x), lo); }

/* scalbn (s_scalbn.c): x * 2^n, one rounding. */
static double fd_scalbn(double x, int n) {
  static const double two54 = 1.80143985094819840000e+16, twom54 = 5.55111512312578270212e-17, huge = 1.0e+300,
                      tiny = 1.0e-300;
  int32_t k, hx = fd_hi(x);
  uint32_t lx = fd_lo(x);
  k = (hx & 0x7ff00000) >> 20;
  if (k == 0) {
    if ((lx | (hx & 0x7fffffff)) == 0) return x;
    x *= two54;
    hx = fd_hi(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return tiny * x;
  }
  if (k == 0x7ff) return x + x;
  k = k + n;
  if (k > 0x7fe) return huge * (x < 0 ? -huge : huge);
  if (k > 0) return fd_set_hi(x, (uint32_t)((hx & 0x800fffff) | (k << 20)));
  if (k <= -54) {
    if (n > 50000) return huge * (x < 0 ? -huge : huge);
    return tiny * (x < 0 ? -tiny : tiny);
  }
  k += 54;
  x = fd_set_hi(x, (uint32_t)((hx & 0x800fffff) | (k << 20)));
  return x * twom54;
}

static double fd_exp(double x) {
  static const double one = 1.0, halF[2] = {0.5, -0.5}, o_threshold = 7.09782712893383973096e+02,
                      u_threshold = -7.45133219101941108420e+02,
                      ln2HI[2] = {6.93147180369123816490e-01, -6.93147180369123816490e-01},
                      ln2LO[2] = {1.90821492927058770002e-10, -1.90821492927058770002e-10},
                      invln2 = 1.44269504088896338700e+00, P1 = 1.66666666666666019037e-01,
                      P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
                      P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08, E = 2.718281828459045;
  static volatile double huge = 1.0e+300, twom1000 = 9.33263618503218878990e-302, two1023 = 8.988465674311579539e307;
  double y, hi = 0.0, lo = 0.0, c, t, twopk;
  int32_t k = 0, xsb;
  uint32_t hx = (uint32_t)fd_hi(x);
  xsb = (hx >> 31) & 1;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x40862E42) {
    if (hx >= 0x7FF00000) {
      if (((hx & 0xFFFFF) | fd_lo(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > o_threshold) return huge * huge;
    if (x < u_threshold) return twom1000 * twom1000;
  }
  if (hx > 0x3FD62E42) {
    if (hx < 0x3FF0A2B2) {
      if (x == 1.0) return E;
      hi = x - ln2HI[xsb];
      lo = ln2LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + halF[xsb]);
      t = k;
      hi = x - t * ln2HI[0];
      lo = t * ln2LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {
    if (huge + x > one) return one + x;
  } else {
    k = 0;
  }
  t = x * x;
  if (k >= -1021) twopk = fd_words(0x3FF00000 + ((uint32_t)k << 20), 0);
  else twopk = fd_words(0x3FF00000 + ((uint32_t)(k + 1000) << 20), 0);
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return one - ((x * c) / (c - 2.0) - x);
  y = one - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

static double fd_log(double x) {
  static const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
                      two54 = 1.80143985094819840000e+16, Lg1 = 6.666666666666735130e-01,
                      Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                      Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
  static volatile double vzero = 0.0;
  double hfsq, f, s, z, R, w, t1, t2, dk;
  int32_t k, hx, i, j;
  uint32_t lx;
  hx = fd_hi(x);
  lx = fd_lo(x);
  k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return -two54 / vzero;
    if (hx < 0) return (x - x) / vzero;
    k -= 54;
    x *= two54;
    hx = fd_hi(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  i = (hx + 0x95f64) & 0x100000;
  x = fd_set_hi(x, (uint32_t)(hx | (i ^ 0x3ff00000)));
  k += (i >> 20);
  f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = (double)k;
      return dk * ln2_hi + dk * ln2_lo;
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    dk = (double)k;
    return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  s = f / (2.0 + f);
  dk = (double)k;
  z = s * s;
  i = hx - 0x6147a;
  w = z * z;
  j = 0x6b851 - hx;
  t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

static double fd_pow(double x, double y) {
  static const double bp[] = {1.0, 1.5}, dp_h[] = {0.0, 5.84962487220764160156e-01},
                      dp_l[] = {0.0, 1.35003920212974897128e-08}, zero = 0.0, one = 1.0, two = 2.0,
                      two53 = 9007199254740992.0, huge = 1.0e300, tiny = 1.0e-300, L1 = 5.99999999999994648725e-01,
                      L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01, L4 = 2.72728123808534006489e-01,
                      L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01, P1 = 1.66666666666666019037e-01,
                      P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
                      P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08,
                      lg2 = 6.93147180559945286227e-01, lg2_h = 6.93147182464599609375e-01,
                      lg2_l = -1.90465429995776804525e-09, ovt = 8.0085662595372944372e-0017,
                      cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01,
                      cp_l = -7.02846165095275826516e-09, ivln2 = 1.44269504088896338700e+00,
                      ivln2_h = 1.44269502162933349609e+00, ivln2_l = 1.92596299112661746887e-08;
  double z, ax, z_h, z_l, p_h, p_l, y1, t1, t2, r, s, t, u, v, w;
  int32_t i, j, k, yisint, n, hx, hy, ix, iy;
  uint32_t lx, ly;
  hx = fd_hi(x), lx = fd_lo(x);
  hy = fd_hi(y), ly = fd_lo(y);
  ix = hx & 0x7fffffff;
  iy = hy & 0x7fffffff;
  if ((iy | ly) == 0) return one;
  if (ix > 0x7ff00000 || ((ix == 0x7ff00000) && (lx != 0)) || iy > 0x7ff00000 || ((iy == 0x7ff00000) && (ly != 0)))
    return x + y;
  yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        j = (int32_t)(ly >> (52 - k));
        if ((uint32_t)(j << (52 - k)) == ly) yisint = 2 - (j & 1);
      } else if (ly == 0) {
        j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly == 0) {
    if (iy == 0x7ff00000) {
      if (((ix - 0x3ff00000) | lx) == 0) return y - y;
      if (ix >= 0x3ff00000) return hy >= 0 ? y : zero;
      return hy < 0 ? -y : zero;
    }
    if (iy == 0x3ff00000) return hy < 0 ? one / x : x;
    if (hy == 0x40000000) return x * x;
    if (hy == 0x3fe00000 && hx >= 0) return sqrt(x);
  }
  ax = fabs(x);
  if (lx == 0) {
    if (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) {
      z = ax;
      if (hy < 0) z = one / z;
      if (hx < 0) {
        if (((ix - 0x3ff00000) | yisint) == 0) z = NAN;
        else if (yisint == 1) z = -z;
      }
      return z;
    }
  }
  n = (hx >> 31) + 1;
  if ((n | yisint) == 0) return NAN;
  s = one;
  if ((n | (yisint - 1)) == 0) s = -one;
  if (iy > 0x41e00000) {
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? huge * huge : tiny * tiny;
      if (ix >= 0x3ff00000) return hy > 0 ? huge * huge : tiny * tiny;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * huge * huge : s * tiny * tiny;
    if (ix > 0x3ff00000) return hy > 0 ? s * huge * huge : s * tiny * tiny;
    t = ax - one;
    w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    u = ivln2_h * t;
    v = t * ivln2_l - w * ivln2;
    t1 = u + v;
    t1 = fd_set_lo(t1, 0);
    t2 = v - (t1 - u);
  } else {
    double ss, s2, s_h, s_l, t_h, t_l;
    n = 0;
    if (ix < 0x00100000) {
      ax *= two53;
      n -= 53;
      ix = fd_hi(ax);
    }
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    if (j <= 0x3988E) k = 0;
    else if (j < 0xBB67A) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = fd_set_hi(ax, (uint32_t)ix);
    u = ax - bp[k];
    v = one / (ax + bp[k]);
    ss = u * v;
    s_h = fd_set_lo(ss, 0);
    t_h = fd_words((uint32_t)(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)), 0);
    t_l = ax - (t_h - bp[k]);
    s_l = v * ((u - s_h * t_h) - s_h * t_l);
    s2 = ss * ss;
    r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = 3.0 + s2 + r;
    t_h = fd_set_lo(t_h, 0);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    p_h = u + v;
    p_h = fd_set_lo(p_h, 0);
    p_l = v - (p_h - u);
    z_h = cp_h * p_h;
    z_l = cp_l * p_h + p_l * cp + dp_l[k];
    t = (double)n;
    t1 = (((z_h + z_l) + dp_h[k]) + t);
    t1 = fd_set_lo(t1, 0);
    t2 = z_l - (((t1 - t) - dp_h[k]) - z_h);
  }
  y1 = fd_set_lo(y, 0);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  z = p_l + p_h;
  j = fd_hi(z);
  i = (int32_t)fd_lo(z);
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | i) != 0) return s * huge * huge;
    if (p_l + ovt > z - p_h) return s * huge * huge;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if ((((uint32_t)j - 0xc090cc00) | (uint32_t)i) != 0) return s * tiny * tiny;
    if (p_l <= z - p_h) return s * tiny * tiny;
  }
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    t = fd_words((uint32_t)(n & ~(0x000fffff >> k)), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  t = p_l + p_h;
  t = fd_set_lo(t, 0);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / ((t1 - two) - (w + z * w));
  z = one - (r - z);
  j = fd_hi(z);
  j += (int32_t)((uint32_t)n << 20);
  if ((j >> 20) <= 0) z = fd_scalbn(z, n);
  else z = fd_set_hi(z, (uint32_t)(fd_hi(z) + (int32_t)((uint32_t)n << 20)));
  return s * z;
}

/* __kernel_cos and __kernel_sin on [-pi/4, pi/4] (x + y, y the tail), fdlibm k_cos.c and k_sin.c. */
static double fd_kernel_cos(double x, double y) {
  static const double one = 1.0, C1 = 4.16666666666666019037e-02, C2 = -1.38888888888741095749e-03,
                      C3 = 2.48015872894767294178e-05, C4 = -2.75573143513906633035e-07,
                      C5 = 2.08757232129817482790e-09, C6 = -1.13596475577881948265e-11;
  double a, iz, z, r, qx;
  int32_t ix = fd_hi(x) & 0x7FFFFFFF;
  if (ix < 0x3E400000 && (int)x == 0) return one;
  z = x * x;
  r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3FD33333) return one - (0.5 * z - (z * r - x * y));
  if (ix > 0x3FE90000) qx = 0.28125;
  else qx = fd_words((uint32_t)(ix - 0x00200000), 0);
  iz = 0.5 * z - qx;
  a = one - qx;
  return a - (iz - (z * r - x * y));
}

static double fd_kernel_sin(double x, double y, int iy) {
  static const double half = 0.5, S1 = -1.66666666666666324348e-01, S2 = 8.33333333332248946124e-03,
                      S3 = -1.98412698298579493134e-04, S4 = 2.75573137070700676789e-06,
                      S5 = -2.50507602534068634195e-08, S6 = 1.58969099521155010221e-10;
  double z, r, v;
  int32_t ix = fd_hi(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (int)x == 0) return x;
  z = x * x;
  v = z * x;
  r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy == 0) return x + v * (S1 + z * r);
  return x - ((z * (half * y - v * r) - y) - v * S1);
}

/* __ieee754_rem_pio2 for |x| up to 2^19 pi/2 (the day loop's arguments are in [0, 2 pi)); -1 beyond. */
static int fd_rem_pio2(double x, double *y, int *ok) {
  static const double zero = 0.0, half = 0.5, invpio2 = 6.36619772367581382433e-01,
                      pio2_1 = 1.57079632673412561417e+00, pio2_1t = 6.07710050650619224932e-11,
                      pio2_2 = 6.07710050630396597660e-11, pio2_2t = 2.02226624879595063154e-21,
                      pio2_3 = 2.02226624871116645580e-21, pio2_3t = 8.47842766036889956997e-32;
  static const int32_t npio2_hw[] = {
      0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB, 0x402921FB,
      0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB,
      0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
      0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB};
  double z, w, t, r, fn;
  int32_t i, j, n, ix, hx;
  *ok = 1;
  hx = fd_hi(x);
  ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    y[0] = x;
    y[1] = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    if (hx > 0) {
      z = x - pio2_1;
      if (ix != 0x3ff921fb) {
        y[0] = z - pio2_1t;
        y[1] = (z - y[0]) - pio2_1t;
      } else {
        z -= pio2_2;
        y[0] = z - pio2_2t;
        y[1] = (z - y[0]) - pio2_2t;
      }
      return 1;
    }
    z = x + pio2_1;
    if (ix != 0x3ff921fb) {
      y[0] = z + pio2_1t;
      y[1] = (z - y[0]) + pio2_1t;
    } else {
      z += pio2_2;
      y[0] = z + pio2_2t;
      y[1] = (z - y[0]) + pio2_2t;
    }
    return -1;
  }
  if (ix <= 0x413921fb) {
    t = fabs(x);
    n = (int32_t)(t * invpio2 + half);
    fn = (double)n;
    r = t - fn * pio2_1;
    w = fn * pio2_1t;
    if (n < 32 && ix != npio2_hw[n - 1]) {
      y[0] = r - w;
    } else {
      j = ix >> 20;
      y[0] = r - w;
      i = j - ((fd_hi(y[0]) >> 20) & 0x7ff);
      if (i > 16) {
        t = r;
        w = fn * pio2_2;
        r = t - w;
        w = fn * pio2_2t - ((t - r) - w);
        y[0] = r - w;
        i = j - ((fd_hi(y[0]) >> 20) & 0x7ff);
        if (i > 49) {
          t = r;
          w = fn * pio2_3;
          r = t - w;
          w = fn * pio2_3t - ((t - r) - w);
          y[0] = r - w;
        }
      }
    }
    y[1] = (r - y[0]) - w;
    if (hx < 0) {
      y[0] = -y[0];
      y[1] = -y[1];
      return -n;
    }
    return n;
  }
  (void)zero;
  *ok = 0;
  return 0;
}

static double fd_cos(double x) {
  double y[2];
  int32_t ix = fd_hi(x) & 0x7FFFFFFF;
  if (ix <= 0x3FE921FB) return fd_kernel_cos(x, 0.0);
  if (ix >= 0x7FF00000) return x - x;
  int ok;
  int n = fd_rem_pio2(x, y, &ok);
  if (!ok) return cos(x); /* beyond 2^19 pi/2: never reached by the day loop (its arguments are below 2 pi) */
  switch (n & 3) {
    case 0:
      return fd_kernel_cos(y[0], y[1]);
    case 1:
      return -fd_kernel_sin(y[0], y[1], 1);
    case 2:
      return -fd_kernel_cos(y[0], y[1]);
    default:
      return fd_kernel_sin(y[0], y[1], 1);
  }
}

#endif
