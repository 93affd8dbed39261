/*
 * THE ENGINE'S WEBASSEMBLY KERNEL: A MIRROR OF src/core's RUN, NOT ITS
 * DEFINITION (docs/kernel.md). The model is defined by the TypeScript in
 * src/core (engine/run.ts and what it calls); this is the day loop of one
 * ceasefire run ported to C operation for operation and in the same order, so
 * that its outcomes equal the JavaScript engine's bit for bit. It covers
 * runCeasefire without events or trajectory (the path an ensemble and the
 * causal attribution's replays take), for models within kernelScope
 * (src/core/engine/kernel/flatten.ts); everything else runs in JavaScript.
 *
 * How equality is kept: test/kernel.test.ts runs the built-in scenario's arms
 * (with and without posterior draws) and generated scenarios through both
 * paths and requires every outcome's JSON to be equal; it also rebuilds the
 * committed module (src/core/engine/kernel/wasm.generated.ts) from this
 * source when clang can target wasm32 and requires the same bytes. A change
 * to the model changes src/core first, then this file, then
 * `npm run build:kernel`, then the equality test (CONTRIBUTING.md).
 *
 * It does not build models or derive streams: the engine flattens the
 * normalised Model into a tape of doubles (src/core/engine/kernel/flatten.ts;
 * bench/day-loop-native/export.js writes that tape to a file for the native
 * bench) and passes the xoroshiro128+ states of the run's streams.
 *
 * Floating point: compiled with -ffp-contract=off -fno-fast-math (no fused
 * multiply-add, which rounds differently). JavaScript's Math.exp, Math.log,
 * Math.pow and Math.cos are V8's ports of fdlibm, not the C library's, so
 * their fdlibm algorithms are ported in fdlibm.h; Math.round is JavaScript's
 * rounding (half-way cases up), not C's round(); Math.min and Math.max keep
 * NaN and signed zeros (js_min, js_max). Counts and indices are doubles where
 * JavaScript's are numbers, so every comparison is the engine's.
 *
 * The same source builds natively (main, at the end; the bench's native
 * ceiling, bench/day-loop-native.js) and for wasm32 without a C library (the
 * kernel_* exports the engine calls, the wasm_* exports the bench calls;
 * libc.h):
 *
 *   day-loop MODEL STREAMS [--from R] [--count N] [--warm W] [--days D] [--trace R]
 *   day-loop --math < PAIRS
 *
 * Runs replicates [from, from + count) of the file's timed seed after W warm-up
 * runs (the file's warm-up replicates), then prints one line of CPU and wall
 * milliseconds and one line per run with its outcome's numbers (%.17g, read
 * back exactly by JavaScript). --trace R prints replicate R's rungs and EU day
 * by day instead (for finding where a port diverges). --math prints exp, log,
 * pow and cos of the argument pairs given (bit patterns in hex), for the
 * bench's check against Node's Math.
 */
#include "libc.h"
#include "fdlibm.h"

/* ---------- JavaScript arithmetic ---------- */

static inline double js_min(double a, double b) {
  if (a != a || b != b) return NAN;
  if (a < b) return a;
  if (b < a) return b;
  return signbit(a) ? a : b; /* Math.min(0, -0) is -0 */
}
static inline double js_max(double a, double b) {
  if (a != a || b != b) return NAN;
  if (a > b) return a;
  if (b > a) return b;
  return signbit(a) ? b : a; /* Math.max(0, -0) is 0 */
}
/* Math.round: the nearest integer, half-way cases toward +Infinity. */
static inline double js_round(double x) {
  if (!isfinite(x)) return x;
  double r = floor(x);
  if (x - r >= 0.5) r += 1;
  if (r == 0 && signbit(x)) return -0.0;
  return r;
}

/* ---------- streams: pure-rand's xoroshiro128plus, 32-bit output ---------- */

typedef struct {
  uint32_t s01, s00, s11, s10;
} Stream;

static inline uint32_t next32(Stream *g) {
  uint32_t out = g->s00 + g->s10;
  uint32_t a0 = g->s10 ^ g->s00;
  uint32_t a1 = g->s11 ^ g->s01;
  uint32_t s00 = g->s00, s01 = g->s01;
  g->s00 = (s00 << 24) ^ (s01 >> 8) ^ a0 ^ (a0 << 16);
  g->s01 = (s01 << 24) ^ (s00 >> 8) ^ a1 ^ ((a1 << 16) | (a0 >> 16));
  g->s10 = (a1 << 5) ^ (a0 >> 27);
  g->s11 = (a0 << 5) ^ (a1 >> 27);
  return out;
}

/* Stream.uniform: 27 + 26 bits, (hi * 2^26 + lo) / 2^53 (exact). */
static inline double uniform(Stream *g) {
  double hi = (double)(next32(g) >> 5);
  double lo = (double)(next32(g) >> 6);
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

enum { S_ATTENTION, S_ACTIVITY, S_PERCEPTION, S_DECISION, S_KINETIC, S_ENFORCEMENT, S_ATTRIBUTION, S_TARGETING,
       S_SIGNING, S_RELIEF, N_STREAMS }; /* the engine's STREAM_KEYS order (flatten.ts checks it) */

/* ---------- counters: which paths the runs reach (built with -DTRUCE_COUNT; bench --counts) ---------- */

#ifdef TRUCE_COUNT
enum { C_RUNS, C_DAYS, C_COLLAPSES, C_UNAGREED, C_OCCURRENCES, C_RELIEF_DRAWS, C_FORGONE, C_TARGETED, C_PROXY_ATTACKS,
       C_LIMITED_STRIKES, C_OPENING_EXCHANGES, C_PREEMPTIVE, C_SALVOS, C_SHOOT_LOOK_SHOOT, C_BINOMIAL_INVERSION,
       C_BINOMIAL_SPLIT, C_GAMMA, C_POISSON_SPLIT, C_SPURIOUS, C_PERCEIVED, C_ENFORCED, C_UNANSWERED, C_FLUID_PASSES,
       C_SHOCKS, C_MEDIATED_STEP_DOWNS, N_COUNTERS };
static const char *COUNTER_NAMES[N_COUNTERS] = {
    "runs", "days", "collapses", "unagreedStarts", "occurrences", "reliefThinningDraws", "rearmamentForgone",
    "proxiesTargeted", "proxyAttacks", "limitedStrikes", "openingExchanges", "preemptiveOpenings", "salvosSampled",
    "shootLookShootEngagements", "binomialInversions", "binomialSplits", "gammaDraws", "poissonGammaSplits",
    "spuriousReports", "readingsPerceived", "enforcements", "unanswered", "fluidPasses", "attentionShocks",
    "mediatedStepDowns"};
static double counters[N_COUNTERS];
#define COUNT(k) (counters[k]++)
#else
#define COUNT(k) ((void)0)
#endif

/* ---------- random variates (src/core/rng) ---------- */

static double normal(Stream *g) {
  double u1 = 1 - uniform(g);
  double u2 = uniform(g);
  return sqrt(-2 * fd_log(u1)) * fd_cos(2 * 3.141592653589793 * u2);
}

static double gamma_draw(Stream *g, double shape) {
  COUNT(C_GAMMA);
  if (shape < 1) return gamma_draw(g, shape + 1) * fd_pow(uniform(g), 1 / shape);
  double d = shape - 1.0 / 3;
  double c = 1 / sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal(g);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    double u = uniform(g);
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (fd_log(u) < 0.5 * x * x + d * (1 - v + fd_log(v))) return d * v;
  }
}

static double beta_draw(Stream *g, double a, double b) {
  double x = gamma_draw(g, a);
  double y = gamma_draw(g, b);
  return x / (x + y);
}

static double binomial(Stream *g, double n, double p);

static double binomial_inversion(Stream *g, double n, double p) {
  double q = 1 - p;
  double s = p / q;
  double a = (n + 1) * s;
  double r0 = fd_pow(q, n);
  for (;;) {
    double r = r0;
    double u = uniform(g);
    double x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

static double binomial(Stream *g, double n, double p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(g, n, 1 - p);
  if (n * p < 30) return COUNT(C_BINOMIAL_INVERSION), binomial_inversion(g, n, p);
  COUNT(C_BINOMIAL_SPLIT);
  double a = 1 + (double)(((int64_t)n) >> 1);
  double b = n + 1 - a;
  double x = beta_draw(g, a, b);
  if (x >= p) return binomial(g, a - 1, p / x);
  return a + binomial(g, b - 1, (p - x) / (1 - x));
}

static double poisson(Stream *g, double lambda) {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    double limit = fd_exp(-lambda);
    double k = 0;
    double prod = uniform(g);
    while (prod > limit) {
      k++;
      prod *= uniform(g);
    }
    return k;
  }
  COUNT(C_POISSON_SPLIT);
  double m = floor(0.875 * lambda);
  double x = gamma_draw(g, m);
  if (x < lambda) return m + poisson(g, lambda - x);
  return binomial(g, m - 1, lambda / x);
}

/* PoissonSites.draw (rng/poisson.ts): the same uniforms, the same shortcut for a count of 0. */
static inline double poisson_site(Stream *g, double lambda) {
  if (!(lambda > 0)) return 0;
  if (lambda >= 30) return poisson(g, lambda);
  double prod = uniform(g);
  if (prod < 1 - lambda - 1e-15) return 0;
  double limit = fd_exp(-lambda);
  double n = 0;
  while (prod > limit) {
    n++;
    prod *= uniform(g);
  }
  return n;
}

static inline double logistic(double x) { return 1 / (1 + fd_exp(-x)); }

/* ---------- the model (engine/model.ts, flattened) ---------- */

#define N_TERMS 15
#define MAX_STATES 16
#define MAX_TYPES 32
#define N_PILLARS 7
enum { T_PDR, T_RLP, T_PV_ASYM, T_PV_RED, T_PV_SPUR, T_REARM, T_REARM_DRIFT, T_PREEMPTION, T_BURDEN, T_WINDOW,
       T_CREDIBILITY, T_RETALIATION, T_ECONOMIC, T_READINESS, T_BASELINE };
static const int PILLAR_OF_TERM[N_TERMS] = {3, 4, 0, 2, 1, 0, 1, 6, 6, 6, 5, 5, 5, 0, -1};
enum { CLASS_PROHIBITED = 0, CLASS_PERMITTED = 1, CLASS_AMBIGUOUS = 2 };

typedef struct {
  double rung, domain, visibility, classification, agreedReading, interceptors, readiness, intelligence,
      proxyStrength, supplyIntegrity, proxyTransfer, rearmament, salvoShare;
  int isThreat;
} Action;

typedef struct {
  int action;
  double rate;
} Activity;

typedef struct {
  int T, L;
  double trackCapacity, saturationPKillFactor;
  double *reliability, *wave, *threatCost;
  double *tracking, *channels, *layerCost, *shots;
  int *doctrine;
  const double *fluidKill, *fluidPerThreat, *classKill, *classPShot, *minInventory;
  int *waveStart, nWaves;
  /* sampler buffers */
  double *counts, *leaked, *used, *whole, *cnt, *fluidCounts;
  double flying, leakers; /* last fluid pass */
} Engagement;

typedef struct {
  int role; /* 0 defender, 1 revisionist */
  int nAdv, *adv, nProxies, *proxies, nActs;
  Activity *acts;
  const double *redline;
  int F;
  const double *factionPower0;
  int *hardliner;
  const double *termWeights;
  double intelligence, retaliationPropensity, spuriousRate, beliefDrift, beliefPrior, beliefDecay, beliefStep, pvDecay,
      detectionLagDays, stepDownGap, temperature, envelope, enforcementSeverity, retaliationCost, readiness,
      readinessDecay, hardlinerGrowth, reliefDampening, legitimacyDecay, hardshipWeight;
  int nThr;
  const double *thr;
  double capital, sanctions, militaryShare, militaryShareMax, income, spending, leadTimePerSanctions,
      sanctionsSeverity;
  double leakerTolerance, depletionWeight, budgetUsdPerDay, effectiveness;
  int hasDefense;
  double replenishPerDay, stocksAtSigning;
  int L;
  const double *baseInventory;
  int hasArsenal, T;
  double launchers, campaignWaves;
  const double *stocks, *productionPerDay, *saturationSalvo;
  int *launcherBound;
  int *againstEng; /* by state index: engagement index, -1 none */
} StateDef;

typedef struct {
  int patron, target;
  double strength, supplyIntegrity, envelope, value, reconstitution, supplyRecovery;
  int nActs;
  Activity *acts;
  int attackEng;
  const double *salvo;
} ProxyDef;

static int S, P, A, E;
static double collapseRung, pdrW;
static double envelopeWiden, envelopeNarrow, rungActivityGain, proxyKineticBase, proxyKineticPerRung,
    compressionPerRung, intelBoostDays, rearmDriftScale, legitimacyPerRetreat, hardlinerRetreatScale, factionPull,
    exhaustedProcurement, nextWaveBase, burdenMemoryDays, staleHalfDays, staleWorstCase, staleGapFill, aversionDelay,
    spoilerSurge, spoilerSurgeDays, incidentCycles, unagreedRung;
static double verification, faceSaving, sanctionsRelief, reliefWindowDays, reliefRearmamentLimit, termsUnagreed,
    warRungRestart, guarantee;
static double coverage[6];
static double commitment, domesticAversion, competingTheaters, attentionShockRate, attentionShockSize,
    attentionShockScale, attentionShockDays, responseDays, patienceDays, timelinessDays, threatTestShare,
    publicVisibility, credibilityGain, credibilityLoss, credibilityLearning, sanctionsPerEnforcement, deescalation,
    deescalationDecay;
static Action *actions;
static Engagement *engs;
static StateDef *states;
static ProxyDef *proxies;
static int hasDefenderStrikes;

/* ---------- reading the exported model ---------- */

/*
 * The model arrives as a tape of doubles (flattenModel, in
 * src/core/engine/kernel/flatten.ts): for each record, its count then its
 * values; arrays point into the tape. The engine writes it into the kernel's
 * memory; the native bench reads it from the file export.js writes.
 */
static const double *tape;
static long tapePos, tapeLen;

static void fail(const char *what, const char *key);

static const double *take(const char *key, int expect, int *count) {
  if (tapePos >= tapeLen) fail("unexpected end of the model", key);
  int n = (int)tape[tapePos];
  if (expect >= 0 && n != expect) fail("an unexpected number of values", key);
  if (tapePos + 1 + n > tapeLen) fail("unexpected end of the model", key);
  const double *v = tape + tapePos + 1;
  tapePos += 1 + n;
  if (count) *count = n;
  return v;
}
static double takeOne(const char *key) { return take(key, 1, NULL)[0]; }
static int *toInts(const double *v, int n) {
  int *o = xalloc(sizeof(int) * (n ? n : 1));
  for (int i = 0; i < n; i++) o[i] = (int)v[i];
  return o;
}
static Activity *takeActivities(int *count) {
  int n;
  const double *v = take("activities", -1, &n);
  *count = n / 2;
  Activity *a = xalloc(sizeof(Activity) * (n ? n / 2 : 1));
  for (int i = 0; i < n / 2; i++) {
    a[i].action = (int)v[2 * i];
    a[i].rate = v[2 * i + 1];
  }
  return a;
}

static void loadModel(void) {
  tapePos = 0;
  if ((int)takeOne("streams") != N_STREAMS) fail("the engine's streams changed", "streams");
  take("streamKeys", N_STREAMS, NULL); /* the names are checked by the shell that reads them */
  S = (int)takeOne("states");
  P = (int)takeOne("proxies");
  A = (int)takeOne("actions");
  E = (int)takeOne("engagements");
  if (S > MAX_STATES) fail("more states than this port holds", "states");
  collapseRung = takeOne("collapseRung");
  pdrW = takeOne("pdrWindowDays");
  const double *v = take("dynamics", 22, NULL);
  envelopeWiden = v[0], envelopeNarrow = v[1], rungActivityGain = v[2], proxyKineticBase = v[3],
  proxyKineticPerRung = v[4], compressionPerRung = v[5], intelBoostDays = v[6], rearmDriftScale = v[7],
  legitimacyPerRetreat = v[8], hardlinerRetreatScale = v[9], factionPull = v[10], exhaustedProcurement = v[11],
  nextWaveBase = v[12], burdenMemoryDays = v[13], staleHalfDays = v[14], staleWorstCase = v[15], staleGapFill = v[16],
  aversionDelay = v[17], spoilerSurge = v[18], spoilerSurgeDays = v[19], incidentCycles = v[20], unagreedRung = v[21];
  v = take("agreement", 8, NULL);
  verification = v[0], faceSaving = v[1], sanctionsRelief = v[2], reliefWindowDays = v[3],
  reliefRearmamentLimit = v[4], termsUnagreed = v[5], warRungRestart = v[6], guarantee = v[7];
  v = take("coverage", 6, NULL);
  for (int i = 0; i < 6; i++) coverage[i] = v[i];
  v = take("mediator", 18, NULL);
  commitment = v[0], domesticAversion = v[1], competingTheaters = v[2], attentionShockRate = v[3],
  attentionShockSize = v[4], attentionShockScale = v[5], attentionShockDays = v[6], responseDays = v[7],
  patienceDays = v[8], timelinessDays = v[9], threatTestShare = v[10], publicVisibility = v[11],
  credibilityGain = v[12], credibilityLoss = v[13], credibilityLearning = v[14], sanctionsPerEnforcement = v[15],
  deescalation = v[16], deescalationDecay = v[17];
  actions = xalloc(sizeof(Action) * A);
  for (int i = 0; i < A; i++) {
    v = take("action", 14, NULL);
    Action *a = &actions[i];
    a->rung = v[0], a->domain = v[1], a->visibility = v[2], a->classification = v[3], a->agreedReading = v[4],
    a->interceptors = v[5], a->readiness = v[6], a->intelligence = v[7], a->proxyStrength = v[8],
    a->supplyIntegrity = v[9], a->proxyTransfer = v[10], a->rearmament = v[11], a->salvoShare = v[12],
    a->isThreat = v[13] != 0;
  }
  engs = xalloc(sizeof(Engagement) * (E ? E : 1));
  for (int i = 0; i < E; i++) {
    Engagement *e = &engs[i];
    v = take("engagement", 4, NULL);
    e->T = (int)v[0], e->L = (int)v[1], e->trackCapacity = v[2], e->saturationPKillFactor = v[3];
    int T = e->T, L = e->L, C = 2 * T;
    if (T > MAX_TYPES) fail("more threat types than this port holds", "engagement");
    v = take("threats", 3 * T, NULL);
    e->reliability = xalloc(sizeof(double) * (T + 1));
    e->wave = xalloc(sizeof(double) * (T + 1));
    e->threatCost = xalloc(sizeof(double) * (T + 1));
    for (int t = 0; t < T; t++) e->reliability[t] = v[3 * t], e->wave[t] = v[3 * t + 1], e->threatCost[t] = v[3 * t + 2];
    v = take("layers", 5 * L, NULL);
    e->tracking = xalloc(sizeof(double) * (L + 1));
    e->doctrine = xalloc(sizeof(int) * (L + 1));
    e->shots = xalloc(sizeof(double) * (L + 1));
    e->channels = xalloc(sizeof(double) * (L + 1));
    e->layerCost = xalloc(sizeof(double) * (L + 1));
    for (int l = 0; l < L; l++) {
      e->tracking[l] = v[5 * l], e->doctrine[l] = (int)v[5 * l + 1], e->shots[l] = v[5 * l + 2],
      e->channels[l] = v[5 * l + 3], e->layerCost[l] = v[5 * l + 4];
      if (e->doctrine[l] != 0 && e->doctrine[l] != 1) fail("a doctrine this port does not know", "layers");
    }
    e->fluidKill = take("fluidKill", L * C, NULL);
    e->fluidPerThreat = take("fluidPerThreat", L * C, NULL);
    e->classKill = take("classKill", L * C, NULL);
    e->classPShot = take("classPShot", L * C, NULL);
    e->minInventory = take("minInventory", L, NULL);
    /* The first type of each wave (salvo-sampler.ts). */
    e->waveStart = xalloc(sizeof(int) * (T + 2));
    e->nWaves = 0;
    for (int t = 0; t < T; t++)
      if (t == 0 || e->wave[t] != e->wave[t - 1]) e->waveStart[e->nWaves++] = t;
    e->waveStart[e->nWaves] = T;
    e->counts = xalloc(sizeof(double) * (C + 1));
    e->fluidCounts = xalloc(sizeof(double) * (C + 1));
    e->leaked = xalloc(sizeof(double) * (T + 1));
    e->cnt = xalloc(sizeof(double) * (T + 1));
    e->used = xalloc(sizeof(double) * (L + 1));
    e->whole = xalloc(sizeof(double) * (L + 1));
  }
  states = xalloc(sizeof(StateDef) * S);
  for (int i = 0; i < S; i++) {
    StateDef *st = &states[i];
    int n;
    st->role = (int)takeOne("state");
    v = take("adversaries", -1, &n);
    st->nAdv = n, st->adv = toInts(v, n);
    v = take("ownProxies", -1, &n);
    st->nProxies = n, st->proxies = toInts(v, n);
    st->acts = takeActivities(&st->nActs);
    st->redline = take("redline", A, NULL);
    st->factionPower0 = take("factionPower0", -1, &st->F);
    v = take("factionHardliner", st->F, NULL);
    st->hardliner = toInts(v, st->F);
    st->termWeights = take("termWeights", st->F * N_TERMS, NULL);
    v = take("spec", 20, NULL);
    st->intelligence = v[0], st->retaliationPropensity = v[1], st->spuriousRate = v[2], st->beliefDrift = v[3],
    st->beliefPrior = v[4], st->beliefDecay = v[5], st->beliefStep = v[6], st->pvDecay = v[7],
    st->detectionLagDays = v[8], st->stepDownGap = v[9], st->temperature = v[10], st->envelope = v[11],
    st->enforcementSeverity = v[12], st->retaliationCost = v[13], st->readiness = v[14], st->readinessDecay = v[15],
    st->hardlinerGrowth = v[16], st->reliefDampening = v[17], st->legitimacyDecay = v[18], st->hardshipWeight = v[19];
    st->thr = take("rungThresholds", -1, &st->nThr);
    v = take("economy", 8, NULL);
    st->capital = v[0], st->sanctions = v[1], st->militaryShare = v[2], st->militaryShareMax = v[3], st->income = v[4],
    st->spending = v[5], st->leadTimePerSanctions = v[6], st->sanctionsSeverity = v[7];
    v = take("preemption", 4, NULL);
    st->leakerTolerance = v[0], st->depletionWeight = v[1], st->budgetUsdPerDay = v[2], st->effectiveness = v[3];
    v = take("defense", -1, &n);
    st->hasDefense = n > 0;
    if (n) {
      st->replenishPerDay = v[0], st->stocksAtSigning = v[1];
      st->baseInventory = take("baseInventory", -1, &st->L);
    }
    v = take("arsenal", -1, &n);
    st->hasArsenal = n > 0;
    st->againstEng = xalloc(sizeof(int) * S);
    for (int j = 0; j < S; j++) st->againstEng[j] = -1;
    if (n) {
      st->launchers = v[0], st->campaignWaves = v[1];
      st->stocks = take("stocks", -1, &st->T);
      if (st->T > MAX_TYPES) fail("more threat types than this port holds", "stocks");
      v = take("launcherBound", st->T, NULL);
      st->launcherBound = toInts(v, st->T);
      st->productionPerDay = take("productionPerDay", st->T, NULL);
      st->saturationSalvo = take("saturationSalvo", st->T, NULL);
      v = take("against", -1, &n);
      for (int k = 0; k < n / 2; k++) st->againstEng[(int)v[2 * k]] = (int)v[2 * k + 1];
    }
  }
  proxies = xalloc(sizeof(ProxyDef) * (P ? P : 1));
  for (int i = 0; i < P; i++) {
    ProxyDef *p = &proxies[i];
    int n;
    v = take("proxy", 8, NULL);
    p->patron = (int)v[0], p->target = (int)v[1], p->strength = v[2], p->supplyIntegrity = v[3], p->envelope = v[4],
    p->value = v[5], p->reconstitution = v[6], p->supplyRecovery = v[7];
    p->acts = takeActivities(&p->nActs);
    v = take("attack", -1, &n);
    p->attackEng = n ? (int)v[0] : -1;
    if (n) {
      p->salvo = v + 1;
      if (n - 1 != engs[p->attackEng].T) fail("an attack salvo of another length than its engagement's threats", "attack");
    }
  }
  hasDefenderStrikes = (int)takeOne("defenderStrikes");
  take("end", 0, NULL);
}

/* ---------- the world (engine/state.ts) ---------- */

typedef struct {
  double rung, envelope, readiness, intelBoost, credibility;
  double *belief;
  double pvAsym, pvRed, pvSpur, rearmSeen, rearmDrift, rlp, pdr, pdrDay, retreatToday;
  int incidentToday;
  double spendToday, spendAverage, lastAttributedDay, reliefGranted, reliefToday, rearmamentForgone, capital,
      sanctions, militaryShare, procurement;
  double *factionPower;
  double beliefGap, rearmGap;
  double terms[N_TERMS], terms0[N_TERMS];
  double eu, leakFraction, expectedLeakers;
  int threatFrom;
  double *inventory; /* 0: no air defence */
  double finiteBase;
  double *stocks; /* 0: no arsenal */
  double launchers, missilesProduced, missilesLaunched, interceptorsAdded, interceptorsFired;
  double *salvoScratch;
} StateRt;

typedef struct {
  double strength, supply, envelope;
  double *history;
} ProxyRt;

enum { K_PERCEIVE, K_UNANSWERED, K_ENFORCE };
typedef struct {
  double due, lag;
  int kind, observer, violatorState, violatorProxy, action, spurious, verified;
} Pending;

typedef struct {
  double end, size;
} Shock;

typedef struct {
  double launched, leakers, interceptorsUsed, fromStock, attackerCostUsd, defenderCostUsd;
} SalvoOut;

static double day, chi, pEnforce;
/* Frozen terms (run.ts, freezeTerms): freezeNext asks for them on the next run, freezeOn holds them after day 0. */
static int freezeOn, freezeNext;
static double freezeMask[N_TERMS];
static StateRt *srt;
static ProxyRt *prt;
static Pending *pending;
static int nPending, capPending;
static Shock *shocks;
static int nShocks, capShocks;
static double interceptorsUsedTotal, leakersTotal, attackerCostTotal, defenderCostTotal;
static double dsLaunched, dsLeakers, dsInterceptorsUsed, dsMunitionsCost, dsInterceptorCost;
static Stream rng[N_STREAMS];
static double *launchBuf; /* a salvo's launches */

static double finiteSum(const double *a, int n) {
  double s = 0;
  if (a)
    for (int i = 0; i < n; i++)
      if (isfinite(a[i])) s += a[i];
  return s;
}

static void allocWorld(void) {
  srt = xalloc(sizeof(StateRt) * S);
  int maxT = 1;
  for (int i = 0; i < S; i++)
    if (states[i].T > maxT) maxT = states[i].T;
  for (int i = 0; i < E; i++)
    if (engs[i].T > maxT) maxT = engs[i].T;
  launchBuf = xalloc(sizeof(double) * maxT);
  for (int i = 0; i < S; i++) {
    StateDef *st = &states[i];
    StateRt *rt = &srt[i];
    rt->belief = xalloc(sizeof(double) * S);
    rt->factionPower = xalloc(sizeof(double) * (st->F + 1));
    rt->inventory = st->hasDefense ? xalloc(sizeof(double) * (st->L + 1)) : 0;
    rt->stocks = st->hasArsenal ? xalloc(sizeof(double) * (st->T + 1)) : 0;
    rt->salvoScratch = xalloc(sizeof(double) * maxT);
  }
  prt = xalloc(sizeof(ProxyRt) * (P ? P : 1));
  for (int i = 0; i < P; i++) prt[i].history = xalloc(sizeof(double) * ((size_t)pdrW + 1));
  capPending = 64;
  pending = xalloc(sizeof(Pending) * capPending);
  capShocks = 16;
  shocks = xalloc(sizeof(Shock) * capShocks);
}

static inline double enforcementProbability(double g, double k, double distraction) {
  double c = js_min(1, js_max(0, distraction));
  return g + (1 - g) * k * (1 - c);
}

static void initWorld(void) {
  double c0 = enforcementProbability(guarantee, commitment, 0);
  double v = verification;
  for (int i = 0; i < S; i++) {
    StateDef *st = &states[i];
    StateRt *rt = &srt[i];
    for (int j = 0; j < S; j++) rt->belief[j] = st->beliefPrior;
    double lag = js_round(st->detectionLagDays * (1 - v));
    rt->rung = 0;
    rt->envelope = st->envelope;
    rt->readiness = st->readiness;
    rt->intelBoost = 0;
    rt->credibility = c0;
    rt->pvAsym = rt->pvRed = rt->pvSpur = 0;
    rt->rearmSeen = rt->rearmDrift = rt->rlp = rt->pdr = 0;
    rt->pdrDay = -1;
    rt->retreatToday = 0;
    rt->incidentToday = 0;
    rt->spendToday = rt->spendAverage = 0;
    rt->lastAttributedDay = -INFINITY;
    rt->reliefGranted = rt->reliefToday = rt->rearmamentForgone = 0;
    rt->capital = st->capital;
    rt->sanctions = st->sanctions;
    rt->militaryShare = st->militaryShare;
    rt->procurement = 1;
    for (int f = 0; f < st->F; f++) rt->factionPower[f] = st->factionPower0[f];
    rt->beliefGap = staleGapFill * st->beliefDrift * (1 - v) * lag;
    rt->rearmGap = staleGapFill * (st->beliefDrift * rearmDriftScale) * (1 - v) * lag;
    for (int k = 0; k < N_TERMS; k++) rt->terms[k] = rt->terms0[k] = 0;
    rt->eu = rt->leakFraction = rt->expectedLeakers = 0;
    rt->threatFrom = -1;
    if (st->hasDefense) {
      for (int l = 0; l < st->L; l++) {
        double a = st->baseInventory[l];
        rt->inventory[l] = a == INFINITY ? INFINITY : a * st->stocksAtSigning;
      }
      rt->finiteBase = finiteSum(st->baseInventory, st->L);
    } else rt->finiteBase = 0;
    if (st->hasArsenal) memcpy(rt->stocks, st->stocks, sizeof(double) * st->T);
    rt->launchers = st->hasArsenal ? st->launchers : 0;
    rt->missilesProduced = rt->missilesLaunched = rt->interceptorsAdded = rt->interceptorsFired = 0;
  }
  for (int i = 0; i < P; i++) {
    prt[i].strength = proxies[i].strength;
    prt[i].supply = proxies[i].supplyIntegrity;
    prt[i].envelope = proxies[i].envelope;
    for (int k = 0; k <= (int)pdrW; k++) prt[i].history[k] = proxies[i].strength;
  }
  day = 0;
  chi = 0;
  nShocks = 0;
  pEnforce = c0;
  nPending = 0;
  interceptorsUsedTotal = leakersTotal = attackerCostTotal = defenderCostTotal = 0;
  dsLaunched = dsLeakers = dsInterceptorsUsed = dsMunitionsCost = dsInterceptorCost = 0;
}

static void schedule(int kind, double lag, int observer, int vs, int vp, int action, int spurious, int verified) {
  if (nPending == capPending) {
    pending = xgrow(pending, sizeof(Pending) * capPending, sizeof(Pending) * capPending * 2);
    capPending *= 2;
  }
  Pending *p = &pending[nPending++];
  p->due = day + lag;
  p->lag = lag;
  p->kind = kind;
  p->observer = observer;
  p->violatorState = vs;
  p->violatorProxy = vp;
  p->action = action;
  p->spurious = spurious;
  p->verified = verified;
}

/* ---------- kinetic exchanges (engine/kinetic.ts, engagement/salvo-sampler.ts) ---------- */

/* SalvoSampler.sample on whole-number inventories `whole` and launches `cnt` (the engagement's buffers). */
static void sample(Engagement *e, Stream *g, double trackingScale) {
  int T = e->T, C = 2 * T, L = e->L;
  double *counts = e->counts;
  for (int w = 0; w < e->nWaves; w++) {
    double tracksLeft = e->trackCapacity;
    for (int t = e->waveStart[w]; t < e->waveStart[w + 1]; t++) {
      double n = e->cnt[t];
      double f = e->reliability[t] >= 1 ? n : binomial(g, n, e->reliability[t]);
      double tracked = f < tracksLeft ? f : tracksLeft;
      tracksLeft -= tracked;
      counts[2 * t] = tracked;
      counts[2 * t + 1] = f - tracked;
    }
  }
  for (int l = 0; l < L; l++) {
    double channels = e->channels[l];
    double inv = e->whole[l];
    double used = 0;
    double shots = e->shots[l];
    double minInventory = e->minInventory[l];
    for (int c = 0; c < C; c++) {
      double n = counts[c];
      if (n == 0) continue;
      int idx = l * C + c;
      double kill = e->classKill[idx];
      if (kill < 0) continue;
      if (channels <= 0 || inv < minInventory) break;
      double tr = trackingScale == 1 ? e->tracking[l] : js_min(1, e->tracking[l] * trackingScale);
      double tracked = tr >= 1 ? n : binomial(g, n, tr);
      double ready = tracked < channels ? tracked : channels;
      double engaged, kills, u;
      if (e->doctrine[l] == 0) {
        /* barrage */
        double byInventory = floor(inv / shots);
        engaged = byInventory < ready ? byInventory : ready;
        kills = binomial(g, engaged, kill);
        u = engaged * shots;
      } else {
        /* shoot-look-shoot */
        COUNT(C_SHOOT_LOOK_SHOOT);
        double pShot = e->classPShot[idx];
        double iv = inv;
        u = 0, kills = 0, engaged = 0;
        for (; engaged < ready && iv >= 1; engaged++) {
          for (double k = 0; k < shots && iv >= 1; k++) {
            iv--;
            u++;
            if (uniform(g) < pShot) {
              kills++;
              break;
            }
          }
        }
      }
      inv -= u;
      used += u;
      channels -= engaged;
      counts[c] = n - kills;
    }
    /* Int32Array in the sampler: whole numbers here. */
    e->used[l] = used;
  }
  for (int t = 0; t < T; t++) e->leaked[t] = counts[2 * t] + counts[2 * t + 1];
}

/* fireSalvo: one salvo against `inventory` (NULL: no air defence, no layers), drawn down in place. */
static SalvoOut fireSalvo(int ei, const double *launched, double *inventory, double readiness, Stream *g) {
  Engagement *e = &engs[ei];
  for (int l = 0; l < e->L; l++) {
    double x = inventory ? inventory[l] : NAN;
    e->whole[l] = isfinite(x) ? floor(x) : x;
  }
  for (int t = 0; t < e->T; t++) e->cnt[t] = js_max(0, floor(launched[t]));
  COUNT(C_SALVOS);
  sample(e, g, readiness);
  SalvoOut o = {0, 0, 0, 0, 0, 0};
  for (int t = 0; t < e->T; t++) {
    o.leakers += e->leaked[t];
    o.attackerCostUsd += e->cnt[t] * e->threatCost[t];
    o.launched += e->cnt[t];
  }
  for (int l = 0; l < e->L; l++) {
    o.interceptorsUsed += e->used[l];
    o.defenderCostUsd += e->used[l] * e->layerCost[l];
    if (isfinite(inventory ? inventory[l] : NAN)) o.fromStock += e->used[l];
    if (inventory) inventory[l] -= e->used[l];
  }
  return o;
}

/* saturationSalvo into `out` (the state's arsenal types). */
static void saturationSalvo(int s, double share, double *out) {
  StateDef *st = &states[s];
  StateRt *rt = &srt[s];
  double bound = 0;
  for (int t = 0; t < st->T; t++) {
    out[t] = js_min(js_round(st->saturationSalvo[t] * share), floor(rt->stocks[t]));
    if (st->launcherBound[t]) bound += out[t];
  }
  if (bound > rt->launchers && bound > 0) {
    double scale = rt->launchers / bound;
    for (int t = 0; t < st->T; t++)
      if (st->launcherBound[t]) out[t] = floor(out[t] * scale);
  }
}

/* accountSalvo (kinetic.ts): on the account of the side it is fired at, the role of the state it targets. */
static void accountSalvo(const SalvoOut *o, int target, int proxy) {
  if (states[target].role == 1) {
    dsLaunched += o->launched;
    dsLeakers += o->leakers;
    dsInterceptorsUsed += o->interceptorsUsed;
    if (!proxy) dsMunitionsCost += o->attackerCostUsd;
    dsInterceptorCost += o->defenderCostUsd;
    return;
  }
  interceptorsUsedTotal += o->interceptorsUsed;
  leakersTotal += o->leakers;
  defenderCostTotal += o->defenderCostUsd;
  if (!proxy) attackerCostTotal += o->attackerCostUsd;
}

/* ---------- utility (engine/phases/utility.ts) ---------- */

static int actedOn(int i) {
  int from = srt[i].threatFrom;
  if (from >= 0) return from;
  StateDef *st = &states[i];
  int best = st->adv[0];
  double reading = -INFINITY;
  for (int k = 0; k < st->nAdv; k++) {
    int adv = st->adv[k];
    double r = srt[i].belief[adv] + srt[i].beliefGap;
    if (r > reading) {
      reading = r;
      best = adv;
    }
  }
  return best;
}

static double proxyDegradationRate(int i) {
  double pdr = 0;
  StateDef *st = &states[i];
  int Wn = (int)pdrW;
  for (int k = 0; k < st->nProxies; k++) {
    int pi = st->proxies[k];
    double *h = prt[pi].history;
    double ago = h[((int)day + 1) % (Wn + 1)];
    pdr += proxies[pi].value * (js_max(0, ago - prt[pi].strength) / pdrW * 30);
  }
  return pdr;
}

/* fluidPass (engagement/fluid.ts) on engagement ei's tables; results in e->flying, e->leakers. */
static void fluidPass(Engagement *e, const double *launched, const double *inventory, double trackingScale) {
  int T = e->T, C = 2 * T, L = e->L;
  double *counts = e->fluidCounts;
  double wave = -1, tracks = 0, flyingTotal = 0;
  for (int t = 0; t < T; t++) {
    if (e->wave[t] != wave) {
      wave = e->wave[t];
      tracks = e->trackCapacity;
    }
    double flying = launched[t] * e->reliability[t];
    flyingTotal += flying;
    double good = js_min(flying, tracks);
    tracks -= good;
    counts[2 * t] = good;
    counts[2 * t + 1] = flying - good;
  }
  for (int l = 0; l < L; l++) {
    double channels = e->channels[l];
    double inv = inventory[l];
    double tracking = js_min(1, e->tracking[l] * trackingScale);
    for (int c = 0; c < C; c++) {
      double kill = e->fluidKill[l * C + c];
      if (kill < 0 || counts[c] <= 0) continue;
      double perThreat = e->fluidPerThreat[l * C + c];
      double engaged = js_max(0, js_min(js_min(counts[c] * tracking, channels), inv / perThreat));
      counts[c] -= engaged * kill;
      channels -= engaged;
      inv -= engaged * perThreat;
    }
  }
  double leakers = 0;
  for (int c = 0; c < C; c++) leakers += js_max(0, counts[c]);
  e->flying = flyingTotal;
  e->leakers = leakers;
}

static double defenderPreemption(int i, double finite) {
  StateDef *st = &states[i];
  StateRt *rt = &srt[i];
  double worst = 0, leakFraction = 0, expectedLeakers = 0;
  int target = -1;
  if (!rt->inventory) {
    rt->threatFrom = target;
    return worst;
  }
  /* The planning list (state.ts, planningOf): adversaries in order with an engagement against this defence. */
  for (int k = 0; k < st->nAdv; k++) {
    int adv = st->adv[k];
    int ei = states[adv].hasArsenal ? states[adv].againstEng[i] : -1;
    if (ei < 0) continue;
    Engagement *e = &engs[ei];
    StateRt *art = &srt[adv];
    saturationSalvo(adv, nextWaveBase + (1 - nextWaveBase) * art->readiness, rt->salvoScratch);
    fluidPass(e, rt->salvoScratch, rt->inventory, rt->readiness);
    COUNT(C_FLUID_PASSES);
    double flying = e->flying;
    if (flying <= 0) continue;
    double leakers = e->leakers;
    double depletion = finite > 0 ? js_min(1, flying / finite) : 1;
    double fear = leakers / st->leakerTolerance + st->depletionWeight * depletion;
    double pressure = logistic(rt->belief[adv] + rt->beliefGap) * fear;
    if (target < 0 || pressure > worst) {
      worst = pressure;
      target = adv;
      leakFraction = leakers / flying;
      expectedLeakers = leakers;
    }
  }
  rt->threatFrom = target;
  rt->leakFraction = leakFraction;
  rt->expectedLeakers = expectedLeakers;
  return worst;
}

static double revisionistExposure(int i) {
  double worst = 0;
  int target = -1;
  StateDef *st = &states[i];
  for (int k = 0; k < st->nAdv; k++) {
    int adv = st->adv[k];
    double exposure = logistic(srt[i].belief[adv] + srt[i].beliefGap) * states[adv].effectiveness;
    if (target < 0 || exposure > worst) {
      worst = exposure;
      target = adv;
    }
  }
  srt[i].threatFrom = target;
  return worst;
}

static void computeTerms(int i) {
  StateDef *st = &states[i];
  StateRt *rt = &srt[i];
  double *t = rt->terms;
  t[T_PDR] = st->role == 1 ? (rt->pdrDay == day ? rt->pdr : proxyDegradationRate(i)) : 0;
  t[T_RLP] = rt->rlp;
  t[T_PV_ASYM] = rt->pvAsym;
  t[T_PV_RED] = rt->pvRed;
  t[T_PV_SPUR] = rt->pvSpur;
  double advReadiness = 0;
  for (int k = 0; k < st->nAdv; k++) advReadiness = js_max(advReadiness, srt[st->adv[k]].readiness);
  if (st->role == 0) {
    double finite = finiteSum(rt->inventory, st->L);
    t[T_REARM] = rt->rearmSeen;
    t[T_REARM_DRIFT] = rt->rearmDrift + rt->rearmGap;
    t[T_PREEMPTION] = defenderPreemption(i, finite);
    t[T_BURDEN] = rt->spendAverage / st->budgetUsdPerDay;
    double b = rt->finiteBase;
    t[T_WINDOW] = (b > 0 ? finite / b : 0) * advReadiness;
    t[T_READINESS] = 0;
  } else {
    t[T_REARM] = 0;
    t[T_REARM_DRIFT] = 0;
    t[T_PREEMPTION] = revisionistExposure(i);
    t[T_BURDEN] = 0;
    t[T_WINDOW] = 0;
    double able = 1;
    if (st->hasArsenal && rt->stocks) {
      able = 1;
      for (int k = 0; k < st->T; k++) {
        double need = st->campaignWaves * st->saturationSalvo[k];
        if (need > 0) able = js_min(able, js_max(0, rt->stocks[k]) / need);
      }
    }
    t[T_READINESS] = -(1 - rt->readiness * able);
  }
  t[T_CREDIBILITY] = -rt->credibility * st->enforcementSeverity;
  t[T_RETALIATION] = -st->retaliationCost * advReadiness;
  t[T_ECONOMIC] = -((1 - rt->sanctions) * st->sanctionsSeverity);
  t[T_BASELINE] = -1;
  int F = st->F;
  double eu = 0;
  for (int k = 0; k < N_TERMS; k++) {
    double weight = 0;
    for (int f = 0; f < F; f++) weight += rt->factionPower[f] * st->termWeights[f * N_TERMS + k];
    t[k] *= weight;
    /* A counterfactual replay holds a frozen pillar's terms at their day-0 values (docs/model/attribution.md). */
    if (freezeOn && freezeMask[k] != 0) t[k] = rt->terms0[k];
    eu += t[k];
  }
  rt->eu = eu;
}

/* ---------- activities (engine/phases/activities.ts) ---------- */

static void narrowViolator(int s, int p) {
  if (p >= 0) prt[p].envelope = prt[p].envelope * (1 - envelopeNarrow);
  else srt[s].envelope = srt[s].envelope * (1 - envelopeNarrow);
}
static void widenViolator(int s, int p) {
  if (p >= 0) prt[p].envelope = prt[p].envelope + envelopeWiden * (1 - prt[p].envelope);
  else srt[s].envelope = srt[s].envelope + envelopeWiden * (1 - srt[s].envelope);
}

static int includes(const int *xs, int n, int x) {
  for (int i = 0; i < n; i++)
    if (xs[i] == x) return 1;
  return 0;
}

static int pickAdversaryProxy(int s, Stream *g) {
  StateDef *st = &states[s];
  double total = 0;
  for (int i = 0; i < P; i++)
    if (proxies[i].target == s || includes(st->adv, st->nAdv, proxies[i].patron))
      total += prt[i].strength * proxies[i].value;
  if (total <= 0) return -1;
  double u = uniform(g) * total;
  for (int i = 0; i < P; i++) {
    if (!(proxies[i].target == s || includes(st->adv, st->nAdv, proxies[i].patron))) continue;
    u -= prt[i].strength * proxies[i].value;
    if (u <= 0) return i;
  }
  return P - 1;
}

static void fireProxyAttack(int pi) {
  ProxyDef *px = &proxies[pi];
  if (px->attackEng < 0) return;
  StateRt *target = &srt[px->target];
  int T = engs[px->attackEng].T;
  double strength = prt[pi].strength;
  for (int t = 0; t < T; t++) launchBuf[t] = js_round(px->salvo[t] * strength);
  SalvoOut o = fireSalvo(px->attackEng, launchBuf, target->inventory, target->readiness, &rng[S_KINETIC]);
  target->interceptorsFired += o.fromStock;
  target->spendToday += o.defenderCostUsd;
  accountSalvo(&o, px->target, 1);
}

static void fireLimitedStrike(int s, double share) {
  StateDef *st = &states[s];
  StateRt *rt = &srt[s];
  if (!st->hasArsenal) return;
  int adv = actedOn(s);
  int ei = st->againstEng[adv];
  if (ei < 0) return;
  StateRt *target = &srt[adv];
  saturationSalvo(s, share, launchBuf);
  SalvoOut o = fireSalvo(ei, launchBuf, target->inventory, target->readiness, &rng[S_KINETIC]);
  for (int t = 0; t < st->T; t++) rt->stocks[t] -= launchBuf[t];
  rt->missilesLaunched += o.launched;
  target->interceptorsFired += o.fromStock;
  target->spendToday += o.defenderCostUsd;
  accountSalvo(&o, adv, 0);
}

static void applyEffects(const Action *a, int s, int p) {
  StateDef *st = &states[s];
  StateRt *rt = &srt[s];
  if (a->interceptors > 0 && st->hasDefense && rt->inventory) {
    for (int l = 0; l < st->L; l++) {
      double base = st->baseInventory[l];
      if (!isfinite(base)) continue;
      double next = js_min(base, rt->inventory[l] + a->interceptors * base * rt->procurement);
      rt->interceptorsAdded += js_max(0, next - rt->inventory[l]);
      rt->inventory[l] = js_max(rt->inventory[l], next);
    }
  }
  if (a->readiness > 0) rt->readiness += a->readiness * (1 - rt->readiness);
  if (a->intelligence > 0) rt->intelBoost = js_max(rt->intelBoost, a->intelligence);
  if (a->rearmament > 0) {
    if (p >= 0) {
      ProxyRt *q = &prt[p];
      q->strength += a->rearmament * q->supply * (1 - q->strength);
    } else
      rt->readiness = js_min(1, rt->readiness + a->rearmament * rt->procurement * (1 - rt->readiness));
  }
  if (a->proxyTransfer > 0) {
    int n = p >= 0 ? 1 : st->nProxies;
    for (int k = 0; k < n; k++) {
      int pi = p >= 0 ? p : st->proxies[k];
      ProxyRt *q = &prt[pi];
      q->strength = js_min(1, q->strength + a->proxyTransfer * q->supply * rt->procurement * (1 - q->strength));
    }
  }
  if (a->proxyStrength > 0 || a->supplyIntegrity > 0) {
    int target = pickAdversaryProxy(s, &rng[S_TARGETING]);
    if (target >= 0) {
      COUNT(C_TARGETED);
      ProxyRt *q = &prt[target];
      q->strength *= 1 - a->proxyStrength;
      q->supply *= 1 - a->supplyIntegrity;
    }
  }
  if (a->salvoShare > 0) {
    if (p >= 0) COUNT(C_PROXY_ATTACKS), fireProxyAttack(p);
    else COUNT(C_LIMITED_STRIKES), fireLimitedStrike(s, a->salvoShare);
  }
}

static void stressTest(const Action *a, int ai, int s, int p, int monitorSaw) {
  if (!monitorSaw && a->visibility < publicVisibility) return;
  double violation = a->classification == CLASS_PERMITTED ? 0
                     : monitorSaw                         ? a->agreedReading
                     : a->classification == CLASS_PROHIBITED ? 1
                                                             : 0;
  double test = a->isThreat ? js_max(violation, threatTestShare) : violation;
  if (test <= 0 || uniform(&rng[S_ATTRIBUTION]) >= test) return;
  StateRt *vs = &srt[s];
  vs->lastAttributedDay = day;
  if (vs->reliefGranted > 0) {
    vs->sanctions = js_min(1, vs->sanctions + vs->reliefGranted);
    vs->reliefGranted = 0;
  }
  double patience = js_round(patienceDays);
  if (uniform(&rng[S_ENFORCEMENT]) < pEnforce) {
    double delay = js_round(responseDays * (1 + aversionDelay * domesticAversion));
    schedule(K_ENFORCE, delay, -1, s, p, ai, 0, 1);
    if (delay <= patience) return;
  }
  schedule(K_UNANSWERED, patience, -1, s, p, ai, 0, 1);
}

static void occur(int ai, int s, int p) {
  const Action *a = &actions[ai];
  COUNT(C_OCCURRENCES);
  applyEffects(a, s, p);
  double v = verification;
  int monitorSaw = uniform(&rng[S_PERCEPTION]) < v * coverage[(int)a->domain];
  StateDef *st = &states[s];
  for (int k = 0; k < st->nAdv; k++) {
    int obs = st->adv[k];
    StateRt *ort = &srt[obs];
    int seen = monitorSaw ||
               uniform(&rng[S_PERCEPTION]) <
                   js_min(1, js_min(1, states[obs].intelligence + ort->intelBoost) * a->visibility);
    if (!seen) continue;
    double lag = a->rung >= 3 ? 0 : js_round(states[obs].detectionLagDays * (1 - v));
    schedule(K_PERCEIVE, lag, obs, s, p, ai, 0, monitorSaw);
  }
  stressTest(a, ai, s, p, monitorSaw);
}

static void activities(void) {
  /* stateActivities */
  for (int s = 0; s < S; s++) {
    StateDef *st = &states[s];
    StateRt *rt = &srt[s];
    double forgo = 0;
    if (sanctionsRelief > 0 && rt->rung <= 1)
      forgo = !(rt->sanctions > 0 || rt->reliefGranted > 0)
                  ? 0
                  : js_min(1, js_max(0, reliefRearmamentLimit * verification * sanctionsRelief));
    for (int k = 0; k < st->nActs; k++) {
      const Activity *act = &st->acts[k];
      const Action *a = &actions[act->action];
      if (!(a->rung <= 2 || rt->rung >= a->rung)) continue;
      double rate = act->rate * (a->classification == CLASS_PERMITTED ? 1 : rt->envelope) *
                    (1 + rungActivityGain * rt->rung);
      double n = poisson_site(&rng[S_ACTIVITY], rate);
      int limited = forgo > 0 && (a->rearmament > 0 || a->proxyTransfer > 0);
      for (double j = 0; j < n; j++) {
        if (limited) COUNT(C_RELIEF_DRAWS);
        if (limited && uniform(&rng[S_RELIEF]) < forgo) {
          COUNT(C_FORGONE);
          rt->rearmamentForgone++;
          continue;
        }
        occur(act->action, s, -1);
      }
    }
  }
  /* proxyActivities */
  double x = day / spoilerSurgeDays;
  double autonomy = x > 30 ? 0 : spoilerSurge * fd_exp(-x);
  for (int pi = 0; pi < P; pi++) {
    ProxyDef *px = &proxies[pi];
    ProxyRt *rt = &prt[pi];
    double patronRung = srt[px->patron].rung;
    for (int k = 0; k < px->nActs; k++) {
      const Activity *act = &px->acts[k];
      const Action *a = &actions[act->action];
      int kinetic = a->rung >= 3;
      double restrained = act->rate * rt->strength * (a->classification == CLASS_PERMITTED ? 1 : rt->envelope) *
                          (kinetic ? proxyKineticBase + proxyKineticPerRung * patronRung : 1);
      double rate = kinetic ? restrained + act->rate * rt->strength * autonomy : restrained;
      double n = poisson_site(&rng[S_ACTIVITY], rate);
      for (double j = 0; j < n; j++) occur(act->action, px->patron, pi);
    }
  }
}

/* ---------- attention, perception, slow dynamics, decisions ---------- */

static void attention(void) {
  double n = poisson_site(&rng[S_ATTENTION], attentionShockRate * competingTheaters);
  for (double k = 0; k < n; k++) {
    COUNT(C_SHOCKS);
    if (nShocks == capShocks) {
      shocks = xgrow(shocks, sizeof(Shock) * capShocks, sizeof(Shock) * capShocks * 2);
      capShocks *= 2;
    }
    shocks[nShocks].end = day + attentionShockDays;
    shocks[nShocks].size = attentionShockSize * attentionShockScale;
    nShocks++;
  }
  int kept = 0;
  double c = 0;
  for (int k = 0; k < nShocks; k++) {
    if (shocks[k].end > day) {
      shocks[kept++] = shocks[k];
      c += shocks[k].size;
    }
  }
  nShocks = kept;
  chi = js_min(1, c);
  pEnforce = enforcementProbability(guarantee, commitment, chi);
}

static void spurious(void) {
  double v = verification;
  for (int s = 0; s < S; s++) {
    StateDef *st = &states[s];
    StateRt *rt = &srt[s];
    if (!st->nAdv) continue;
    double cycles = rt->rung >= 3 ? 1 + compressionPerRung * (rt->rung - 2) : 1;
    double n = poisson_site(&rng[S_PERCEPTION], st->spuriousRate * (1 - v) * cycles);
    for (double k = 0; k < n; k++) {
      COUNT(C_SPURIOUS);
      int suspect = st->adv[(int)floor(uniform(&rng[S_PERCEPTION]) * st->nAdv)];
      schedule(K_PERCEIVE, 0, s, suspect, -1, -1, 1, 0);
    }
  }
}

static void perceive(const Pending *p) {
  StateDef *obs = &states[p->observer];
  StateRt *ort = &srt[p->observer];
  Stream *g = &rng[S_PERCEPTION];
  const Action *a = p->spurious ? 0 : &actions[p->action];
  if (a && (a->rearmament > 0 || a->proxyTransfer > 0))
    ort->rearmSeen += (a->rearmament + a->proxyTransfer) * (1 - ort->rearmSeen);
  double reading;
  if (!a) reading = 1;
  else if (p->verified) reading = a->agreedReading;
  else {
    double r = obs->redline[p->action];
    reading = p->lag <= 0 ? r : r + (1 - r) * staleWorstCase * (p->lag / (p->lag + staleHalfDays));
  }
  if (uniform(g) >= reading) return;
  COUNT(C_PERCEIVED);
  double rung = a ? a->rung : 1;
  if (rung >= 3) ort->incidentToday = 1;
  double weight = 1 + rung;
  if (p->spurious) ort->pvSpur += weight;
  else if (a->classification == CLASS_PROHIBITED) ort->pvAsym += weight;
  else {
    double shared = reading > 0 ? js_min(1, a->agreedReading / reading) : 1;
    ort->pvAsym += weight * shared;
    ort->pvRed += weight * (1 - shared);
  }
  ort->belief[p->violatorState] += obs->beliefStep * weight;
  if (ort->rung >= 2 || uniform(g) < obs->retaliationPropensity) {
    if (!p->spurious) narrowViolator(p->violatorState, p->violatorProxy);
  } else {
    if (!p->spurious) widenViolator(p->violatorState, p->violatorProxy);
    ort->retreatToday += weight;
  }
}

static void enforce(const Pending *p) {
  COUNT(C_ENFORCED);
  double gain = credibilityGain * fd_exp(-p->lag / timelinessDays);
  for (int s = 0; s < S; s++) srt[s].credibility = srt[s].credibility + gain * (1 - srt[s].credibility);
  if (!actions[p->action].isThreat) {
    narrowViolator(p->violatorState, p->violatorProxy);
    StateRt *vs = &srt[p->violatorState];
    vs->sanctions += sanctionsPerEnforcement * (1 - vs->sanctions);
  }
}

static void processPending(void) {
  if (!nPending) return;
  int kept = 0;
  for (int i = 0; i < nPending; i++) {
    Pending p = pending[i];
    if (p.due > day) {
      pending[kept++] = p;
      continue;
    }
    if (p.kind == K_PERCEIVE) perceive(&p);
    else if (p.kind == K_ENFORCE) enforce(&p);
    else {
      COUNT(C_UNANSWERED);
      for (int s = 0; s < S; s++) srt[s].credibility = srt[s].credibility * (1 - credibilityLoss);
    }
  }
  nPending = kept;
}

static void slowDynamics(void) {
  double v = verification;
  int Wn = (int)pdrW;
  for (int pi = 0; pi < P; pi++) {
    ProxyDef *px = &proxies[pi];
    ProxyRt *rt = &prt[pi];
    StateRt *patron = &srt[px->patron];
    rt->strength =
        js_min(1, rt->strength + px->reconstitution * rt->supply * patron->procurement * (1 - rt->strength));
    rt->supply = js_min(1, rt->supply + px->supplyRecovery * js_min(1, patron->procurement) * (1 - rt->supply));
    rt->history[(int)day % (Wn + 1)] = rt->strength;
  }
  for (int s = 0; s < S; s++) {
    StateDef *st = &states[s];
    StateRt *rt = &srt[s];
    for (int k = 0; k < st->nAdv; k++) {
      int adv = st->adv[k];
      double b = rt->belief[adv];
      rt->belief[adv] = b - st->beliefDecay * (b - st->beliefPrior) + st->beliefDrift * (1 - v);
    }
    double decay = 1 - st->pvDecay;
    rt->pvAsym *= decay;
    rt->pvRed *= decay;
    rt->pvSpur *= decay;
    rt->rearmSeen *= 1 - st->beliefDecay;
    rt->rearmDrift = rt->rearmDrift * (1 - st->beliefDecay) + st->beliefDrift * rearmDriftScale * (1 - v);
    rt->credibility = rt->credibility + credibilityLearning * (pEnforce - rt->credibility);
    rt->intelBoost = js_max(0, rt->intelBoost - 1 / intelBoostDays);
    /* securityGap */
    double gap;
    if (st->role == 0) gap = js_min(1, rt->rearmSeen + (rt->rearmDrift + rt->rearmGap));
    else {
      double lost = 0, value = 0;
      for (int k = 0; k < st->nProxies; k++) {
        int pi = st->proxies[k];
        ProxyDef *px = &proxies[pi];
        lost += px->value * js_max(0, px->strength - prt[pi].strength);
        value += px->value * px->strength;
      }
      rt->pdr = proxyDegradationRate(s);
      rt->pdrDay = day;
      gap = js_min(1, (value > 0 ? lost / value : 0) + rt->pdr);
    }
    double g = js_min(1, js_max(0, gap));
    rt->militaryShare = st->militaryShare + (st->militaryShareMax - st->militaryShare) * g;
    rt->capital = js_max(0, rt->capital + st->income * (1 - rt->sanctions) -
                                st->spending * (1 + rt->militaryShare - st->militaryShare));
    {
      double base = st->militaryShare > 0 ? rt->militaryShare / st->militaryShare : 1;
      rt->procurement =
          (base / (1 + st->leadTimePerSanctions * rt->sanctions)) * (rt->capital > 0 ? 1 : exhaustedProcurement);
    }
    if (rt->sanctions > 0 && (sanctionsRelief > 0 && rt->rung <= 1) &&
        day - rt->lastAttributedDay > reliefWindowDays) {
      rt->reliefToday = (sanctionsRelief / 100) * rt->sanctions * v;
      rt->sanctions -= rt->reliefToday;
      rt->reliefGranted += rt->reliefToday;
    }
    rt->spendAverage = rt->spendAverage + (rt->spendToday - rt->spendAverage) / burdenMemoryDays;
    rt->readiness = js_max(0, rt->readiness * (1 - st->readinessDecay));
    if (st->hasArsenal && rt->stocks) {
      for (int t = 0; t < st->T; t++) {
        double made = st->productionPerDay[t] * rt->procurement;
        rt->stocks[t] += made;
        rt->missilesProduced += made;
      }
    }
    if (st->hasDefense && rt->inventory) {
      for (int l = 0; l < st->L; l++) {
        double base = st->baseInventory[l];
        if (!isfinite(base)) continue;
        double next = js_min(base, rt->inventory[l] + st->replenishPerDay * base * js_min(1, rt->procurement));
        if (next > rt->inventory[l]) {
          rt->interceptorsAdded += next - rt->inventory[l];
          rt->inventory[l] = next;
        }
      }
    }
    double retreat = rt->retreatToday * hardlinerRetreatScale;
    double hardship = rt->sanctions + js_max(0, 1 - rt->capital);
    rt->rlp = rt->rlp * (1 - st->legitimacyDecay) + legitimacyPerRetreat * rt->retreatToday * (1 - faceSaving) +
              st->hardshipWeight * hardship;
    /* updateFactionPower (model/factions.ts) */
    double total = 0;
    double xf = st->hardlinerGrowth * retreat * (1 - faceSaving) - st->reliefDampening * rt->reliefToday;
    double factor = xf == 0 ? 1 : fd_exp(xf);
    for (int f = 0; f < st->F; f++) {
      double pw = rt->factionPower[f];
      if (st->hardliner[f]) pw *= factor;
      pw += factionPull * (st->factionPower0[f] - pw);
      rt->factionPower[f] = js_max(pw, 1e-9);
      total += rt->factionPower[f];
    }
    for (int f = 0; f < st->F; f++) rt->factionPower[f] /= total;
  }
}

static int decideStep(double eu, double rung, const double *thr, int nThr, double gap, double temperature, double u) {
  double up = 0;
  if (rung < nThr) {
    double x = (eu - thr[(int)rung]) / temperature;
    if (rung == 0 && x <= 0 && u >= (1 / (2 - x)) * (1 + 1e-12)) return 0;
    up = logistic(x);
  }
  if (u < up) return 1;
  if (rung <= 0) return 0;
  double down = (1 - up) * logistic((thr[(int)rung - 1] - gap - eu) / temperature);
  if (u < up + down) return -1;
  return 0;
}

/* decisions: the crosser's index, or -1. */
static int decisions(void) {
  Stream *g = &rng[S_DECISION];
  int crosser = -1;
  double margin = -INFINITY;
  for (int s = 0; s < S; s++) {
    StateDef *st = &states[s];
    StateRt *rt = &srt[s];
    double cycles = (rt->rung >= 3 ? 1 + compressionPerRung * (rt->rung - 2) : 1) +
                    (rt->incidentToday ? incidentCycles : 0);
    for (double c = 0; c < cycles && rt->rung < collapseRung; c++) {
      int step = decideStep(rt->eu, rt->rung, st->thr, st->nThr, st->stepDownGap, st->temperature, uniform(g));
      if (step == 0) continue;
      rt->rung = js_max(0, rt->rung + step);
    }
    if (rt->rung >= collapseRung) {
      int k = (int)js_min(collapseRung - 1, st->nThr - 1);
      double mgn = rt->eu - st->thr[k];
      if (mgn > margin) {
        margin = mgn;
        crosser = s;
      }
    } else if (rt->rung > 0 &&
               uniform(g) < deescalation * rt->credibility * fd_exp(-deescalationDecay * rt->rung)) {
      COUNT(C_MEDIATED_STEP_DOWNS);
      rt->rung--;
    }
  }
  return crosser;
}

static int stepDay(void) {
  day++;
  COUNT(C_DAYS);
  for (int s = 0; s < S; s++) {
    srt[s].retreatToday = 0;
    srt[s].reliefToday = 0;
    srt[s].incidentToday = 0;
    srt[s].spendToday = 0;
  }
  attention();
  activities();
  spurious();
  processPending();
  slowDynamics();
  for (int s = 0; s < S; s++) computeTerms(s);
  return decisions();
}

/* ---------- one run (engine/run.ts) ---------- */

#define EARLY_WINDOW_DAYS 90

/* The outcome's numbers, in the order bench/day-loop-native.js reads them (outcomeVector). */
__attribute__((unused)) static int traceDays; /* native --trace: print each day's rungs and EU */

static int outcome(double *o, int days) {
  int n = 0;
  COUNT(C_RUNS);
  freezeOn = 0;
  if (termsUnagreed > 0 && uniform(&rng[S_SIGNING]) < termsUnagreed) {
    COUNT(C_UNAGREED);
    double warRung = js_max(unagreedRung, collapseRung - 1);
    double rung = warRungRestart > 0 && uniform(&rng[S_SIGNING]) < warRungRestart ? warRung : unagreedRung;
    for (int s = 0; s < S; s++) {
      srt[s].rung = rung;
      srt[s].envelope = 1;
      srt[s].credibility = 0;
    }
    for (int p = 0; p < P; p++) prt[p].envelope = 1;
  }
  for (int s = 0; s < S; s++) {
    computeTerms(s);
    memcpy(srt[s].terms0, srt[s].terms, sizeof srt[s].terms);
  }
  /* Set after day 0, whose terms are the values frozen terms keep. */
  freezeOn = freezeNext;
  double euSum[MAX_STATES] = {0}, hardSum[MAX_STATES] = {0}, preSum[MAX_STATES] = {0};
  int crosser = -1;
  while (day < days) {
    crosser = stepDay();
    for (int s = 0; s < S && day <= EARLY_WINDOW_DAYS; s++) {
      StateRt *rt = &srt[s];
      euSum[s] += rt->eu;
      preSum[s] += rt->terms[T_PREEMPTION];
      for (int f = 0; f < states[s].F; f++)
        if (states[s].hardliner[f]) hardSum[s] += rt->factionPower[f];
    }
#ifndef __wasm__
    if (traceDays) {
      printf("%g", day);
      for (int s = 0; s < S; s++) printf(" %g %.17g", srt[s].rung, srt[s].eu);
      printf("\n");
    }
#endif
    if (crosser >= 0) break;
  }
  double window = js_max(1, js_min(day, EARLY_WINDOW_DAYS));
  int collapsed = crosser >= 0;
  o[n++] = collapsed;
  o[n++] = collapsed ? day : -1;
  o[n++] = crosser;
  /* attribution (model/attribution.ts) */
  double raw[N_PILLARS] = {0}, total = 0;
  int primary = -1;
  if (collapsed) {
    StateRt *rt = &srt[crosser];
    for (int k = 0; k < N_TERMS; k++) {
      int pi = PILLAR_OF_TERM[k];
      double delta = rt->terms[k] - rt->terms0[k];
      if (pi >= 0 && delta > 0) {
        raw[pi] += delta;
        total += delta;
      }
    }
    for (int p = 0; p < N_PILLARS; p++) {
      raw[p] = total > 0 ? raw[p] / total : 0;
      if (raw[p] > 0 && (primary < 0 || raw[p] > raw[primary])) primary = p;
    }
  }
  for (int p = 0; p < N_PILLARS; p++) o[n++] = raw[p];
  o[n++] = primary;
  /* the opening exchange (run.ts, openingExchange) */
  int kinetic = 0;
  double k[20] = {0};
  if (collapsed) {
    COUNT(C_COLLAPSES);
    StateDef *st = &states[crosser];
    int adv = actedOn(crosser);
    int preemptive = st->role == 0;
    int attacker = preemptive ? adv : crosser;
    int defender = preemptive ? crosser : adv;
    StateRt *art = &srt[attacker];
    double destroyed = 0;
    int hasStrike = 0;
    SalvoOut strike = {0, 0, 0, 0, 0, 0};
    SalvoOut out = {0, 0, 0, 0, 0, 0};
    int hasOut = 0;
    double salvo[MAX_TYPES];
    if (preemptive) {
      if (states[adv].hasArsenal) {
        destroyed = st->effectiveness;
        art->launchers = floor(art->launchers * (1 - destroyed));
      }
      /* volley(crosser, adv) */
      int ei = st->hasArsenal ? st->againstEng[adv] : -1;
      if (ei >= 0) {
        saturationSalvo(crosser, 1, salvo);
        SalvoOut own = fireSalvo(ei, salvo, srt[adv].inventory, srt[adv].readiness, &rng[S_KINETIC]);
        for (int t = 0; t < st->T; t++) srt[crosser].stocks[t] -= salvo[t];
        srt[crosser].missilesLaunched += own.launched;
        srt[adv].interceptorsFired += own.fromStock;
        accountSalvo(&own, adv, 0);
        if (own.launched > 0) hasStrike = 1, strike = own;
      }
    }
    {
      StateDef *as = &states[attacker];
      int ei = as->hasArsenal ? as->againstEng[defender] : -1;
      if (ei >= 0) {
        saturationSalvo(attacker, 1, salvo);
        out = fireSalvo(ei, salvo, srt[defender].inventory, srt[defender].readiness, &rng[S_KINETIC]);
        for (int t = 0; t < as->T; t++) srt[attacker].stocks[t] -= salvo[t];
        srt[attacker].missilesLaunched += out.launched;
        srt[defender].interceptorsFired += out.fromStock;
        accountSalvo(&out, defender, 0);
        hasOut = 1;
      }
    }
    if (hasOut || hasStrike || (preemptive && destroyed != 0)) {
      kinetic = 1;
      COUNT(C_OPENING_EXCHANGES);
      if (preemptive) COUNT(C_PREEMPTIVE);
      int undefendedAdv = hasStrike && !srt[adv].inventory;
      int undefendedDef = hasOut && out.launched > 0 && !srt[defender].inventory;
      double kv[] = {out.launched,
                     out.leakers,
                     out.interceptorsUsed,
                     out.fromStock,
                     out.attackerCostUsd,
                     out.defenderCostUsd,
                     attacker,
                     defender,
                     preemptive,
                     destroyed,
                     hasStrike,
                     strike.launched,
                     strike.leakers,
                     strike.interceptorsUsed,
                     strike.fromStock,
                     strike.attackerCostUsd,
                     strike.defenderCostUsd,
                     undefendedAdv ? adv : -1,
                     undefendedDef ? defender : -1};
      memcpy(k, kv, sizeof kv);
    }
  }
  o[n++] = kinetic;
  for (int i = 0; i < 19; i++) o[n++] = k[i];
  for (int s = 0; s < S; s++) {
    o[n++] = euSum[s] / window;
    o[n++] = hardSum[s] / window;
    o[n++] = preSum[s] / window;
  }
  o[n++] = interceptorsUsedTotal;
  o[n++] = leakersTotal;
  o[n++] = attackerCostTotal;
  o[n++] = defenderCostTotal;
  o[n++] = hasDefenderStrikes;
  o[n++] = hasDefenderStrikes ? dsLaunched : 0;
  o[n++] = hasDefenderStrikes ? dsLeakers : 0;
  o[n++] = hasDefenderStrikes ? dsInterceptorsUsed : 0;
  o[n++] = hasDefenderStrikes ? dsMunitionsCost : 0;
  o[n++] = hasDefenderStrikes ? dsInterceptorCost : 0;
  return n;
}

/* ---------- the shells ---------- */

static uint32_t *words; /* stream states: per replicate slot, N_STREAMS x 4 words */

/* Replicate slot `slot` of the stream words. */
static void setStreams(uint32_t slot) {
  const uint32_t *w = words + (size_t)slot * N_STREAMS * 4;
  for (int k = 0; k < N_STREAMS; k++) {
    rng[k].s01 = w[4 * k];
    rng[k].s00 = w[4 * k + 1];
    rng[k].s11 = w[4 * k + 2];
    rng[k].s10 = w[4 * k + 3];
  }
}

/* One run of the replicate in slot `slot`; its outcome's numbers into o; returns how many. */
static int runSlot(uint32_t slot, int days, double *o) {
  setStreams(slot);
  initWorld();
  return outcome(o, days);
}

#ifdef __wasm__

static void fail(const char *what, const char *key) {
  (void)key;
  failure = what;
  __builtin_trap();
}

static double *tapeBuf;
static double *outBuf;

/* JavaScript writes the tape (count, values... per line of the exported model) here, then calls wasm_load. */
__attribute__((export_name("wasm_tape"))) double *wasm_tape(int n) {
  tapeBuf = xalloc(sizeof(double) * (n ? n : 1));
  tapeLen = n;
  return tapeBuf;
}
__attribute__((export_name("wasm_load"))) int wasm_load(void) {
  tape = tapeBuf;
  loadModel();
  allocWorld();
  return 0;
}
/*
 * The engine's interface (src/core/engine/kernel/run-kernel.ts). kernel_model(n) forgets everything (the arena
 * starts over: memory does not grow with the number of models or runs) and returns room for a model's tape of n
 * doubles; kernel_load reads it and makes the world, one stream slot and one outcome. Per run: the ten streams'
 * states (kernel_streams, 40 words; with frozen terms, the mask at kernel_freeze), kernel_run(days, frozen) returns
 * the outcome's width (its numbers at kernel_out), then
 * kernel_ledger fills 6 numbers per state (the munitions ledger, run.ts's ledger()).
 */
static double *ledgerBuf;
__attribute__((export_name("kernel_model"))) double *kernel_model(int n) {
  freezeNext = 0;
  arenaUsed = 0;
  failure = 0;
  tapeBuf = xalloc(sizeof(double) * (n ? n : 1));
  tapeLen = n;
  return tapeBuf;
}
__attribute__((export_name("kernel_load"))) int kernel_load(void) {
  tape = tapeBuf;
  loadModel();
  allocWorld();
  words = xalloc(sizeof(uint32_t) * N_STREAMS * 4);
  outBuf = xalloc(sizeof(double) * 256);
  ledgerBuf = xalloc(sizeof(double) * 6 * MAX_STATES);
  return tapePos == tapeLen ? 0 : 1;
}
__attribute__((export_name("kernel_streams"))) uint32_t *kernel_streams(void) { return words; }
__attribute__((export_name("kernel_out"))) double *kernel_out(void) { return outBuf; }
/* The frozen-terms mask (N_TERMS doubles, 1 = frozen), read by a run whose kernel_run has frozen = 1. */
__attribute__((export_name("kernel_freeze"))) double *kernel_freeze(void) { return freezeMask; }
__attribute__((export_name("kernel_run"))) int kernel_run(int days, int frozen) {
  freezeNext = frozen;
  int width = runSlot(0, days, outBuf);
  freezeNext = 0;
  return width;
}
/* Per state: missilesEnd, missilesProduced, missilesLaunched, interceptorsEnd, interceptorsAdded, interceptorsFired. */
__attribute__((export_name("kernel_ledger"))) double *kernel_ledger(void) {
  for (int i = 0; i < S; i++) {
    StateRt *rt = &srt[i];
    double *o = ledgerBuf + 6 * i;
    o[0] = rt->stocks ? finiteSum(rt->stocks, states[i].T) : 0;
    o[1] = rt->missilesProduced;
    o[2] = rt->missilesLaunched;
    o[3] = rt->inventory ? finiteSum(rt->inventory, states[i].L) : 0;
    o[4] = rt->interceptorsAdded;
    o[5] = rt->interceptorsFired;
  }
  return ledgerBuf;
}

/* Room for `slots` replicates' stream words, written by JavaScript. */
__attribute__((export_name("wasm_streams"))) uint32_t *wasm_streams(int slots) {
  words = xalloc(sizeof(uint32_t) * N_STREAMS * 4 * (slots ? slots : 1));
  return words;
}
/* Room for `runs` outcomes of 256 numbers each. */
__attribute__((export_name("wasm_outputs"))) double *wasm_outputs(int runs) {
  outBuf = xalloc(sizeof(double) * 256 * (runs ? runs : 1));
  return outBuf;
}
/* Run slots [first, first + count); run r's outcome at outputs + 256 (at + r). Returns the outcome's width. */
__attribute__((export_name("wasm_run"))) int wasm_run(int first, int count, int days, int at) {
  int width = 0;
  for (int r = 0; r < count; r++) width = runSlot(first + r, days, outBuf + 256 * (at + r));
  return width;
}

#else

static const char *modelFile = "model";

static void fail(const char *what, const char *key) {
  fprintf(stderr, "day-loop: %s, at %s: %s: the native port is out of date\n", modelFile, key, what);
  exit(2);
}

/* The exported model (export.js): flattenModel's tape as little-endian doubles. */
static void readModel(const char *file) {
  modelFile = file;
  FILE *f = fopen(file, "rb");
  if (!f) {
    fprintf(stderr, "day-loop: %s: cannot open\n", file);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *bytes = xalloc(size ? size : 1);
  if (fread(bytes, 1, size, f) != (size_t)size || size % 8) fail("not a whole number of doubles", "tape");
  fclose(f);
  long n = size / 8;
  double *t = xalloc(sizeof(double) * (n ? n : 1));
  for (long i = 0; i < n; i++) {
    uint64_t u = 0;
    for (int b = 7; b >= 0; b--) u = (u << 8) | bytes[8 * i + b];
    memcpy(&t[i], &u, sizeof u);
  }
  tape = t;
  tapeLen = n;
  loadModel();
  if (tapePos != tapeLen) fail("numbers after the end", "end");
}

static uint32_t nWarm, nRuns;

/* The exported streams: a header (warm-up replicates, timed replicates), then their words (little-endian). */
static void readStreams(const char *file) {
  FILE *f = fopen(file, "rb");
  if (!f) {
    fprintf(stderr, "day-loop: %s: cannot open\n", file);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *bytes = xalloc(size);
  if (fread(bytes, 1, size, f) != (size_t)size) {
    fprintf(stderr, "day-loop: %s: short read\n", file);
    exit(2);
  }
  fclose(f);
  long n = size / 4;
  uint32_t *w = xalloc(sizeof(uint32_t) * n);
  for (long i = 0; i < n; i++)
    w[i] = (uint32_t)bytes[4 * i] | ((uint32_t)bytes[4 * i + 1] << 8) | ((uint32_t)bytes[4 * i + 2] << 16) |
           ((uint32_t)bytes[4 * i + 3] << 24);
  free(bytes);
  nWarm = w[0];
  nRuns = w[1];
  if ((long)(2 + (nWarm + nRuns) * N_STREAMS * 4) != n) {
    fprintf(stderr, "day-loop: %s: expected %u replicates' streams\n", file, nWarm + nRuns);
    exit(2);
  }
  words = w + 2;
}

static double cpuMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static double wallMs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* --math: lines of two doubles' bit patterns (hex) in; exp(x), log(x), pow(x, y), cos(x) bit patterns out. */
static int mathCheck(void) {
  unsigned long long bx, by;
  while (scanf("%llx %llx", &bx, &by) == 2) {
    double x = fd_from(bx), y = fd_from(by);
    printf("%llx %llx %llx %llx\n", (unsigned long long)fd_bits(fd_exp(x)), (unsigned long long)fd_bits(fd_log(x)),
           (unsigned long long)fd_bits(fd_pow(x, y)), (unsigned long long)fd_bits(fd_cos(x)));
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "--math")) return mathCheck();
  if (argc < 3) {
    fprintf(stderr, "usage: day-loop MODEL STREAMS [--from R] [--count N] [--warm W] [--days D] [--trace R]\n"
                    "       day-loop --math < PAIRS\n");
    return 2;
  }
  long from = 0, count = -1, warm = -1, trace = -1;
  int days = 365;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--from")) from = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--count")) count = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--warm")) warm = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--days")) days = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--trace")) trace = atol(argv[i + 1]);
    else {
      fprintf(stderr, "day-loop: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  readModel(argv[1]);
  readStreams(argv[2]);
  allocWorld();
  if (count < 0) count = nRuns - from;
  if (warm < 0 || warm > (long)nWarm) warm = nWarm;
  if (from < 0 || from + count > (long)nRuns) {
    fprintf(stderr, "day-loop: replicates %ld..%ld beyond the %u exported\n", from, from + count, nRuns);
    return 2;
  }
  if (trace >= 0) {
    /* Day by day for one replicate: rungs and EU per state (compare with runCeasefire's trajectory). */
    traceDays = 1;
    double o[256];
    runSlot(nWarm + trace, days, o);
    return 0;
  }
  double sink = 0, o[256];
  for (long r = 0; r < warm; r++) sink += o[runSlot(r, days, o) - 1] + day;
#ifdef TRUCE_COUNT
  for (int i = 0; i < N_COUNTERS; i++) counters[i] = 0;
#endif
  /* Outcomes are kept and printed after the timing. */
  int width = 0;
  double *all = xalloc(sizeof(double) * 256 * (count ? count : 1));
  double c0 = cpuMs(), w0 = wallMs();
  for (long r = 0; r < count; r++) width = runSlot(nWarm + from + r, days, all + 256 * r);
  double cpu = cpuMs() - c0, wall = wallMs() - w0;
  printf("{\"cpuMs\":%.6f,\"wallMs\":%.6f,\"runs\":%ld,\"width\":%d,\"warm\":%ld,\"sink\":%d", cpu, wall, count, width,
         warm, sink > 0);
#ifdef TRUCE_COUNT
  printf(",\"counts\":{");
  for (int i = 0; i < N_COUNTERS; i++) printf("%s\"%s\":%.0f", i ? "," : "", COUNTER_NAMES[i], counters[i]);
  printf("}");
#endif
  printf("}\n");
  for (long r = 0; r < count; r++) {
    for (int i = 0; i < width; i++) printf(i ? " %.17g" : "%.17g", all[256 * r + i]);
    printf("\n");
  }
  return 0;
}

#endif
