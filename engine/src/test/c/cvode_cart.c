/*
 * The cart model of MODELS.md section 3 solved by compiled peers from SUNDIALS: CVODE (Adams-Moulton
 * with fixed-point iteration, and BDF with Newton iteration and a dense linear solver: the two formula
 * families LSODA switches between, and the solver of SimBiology) and ARKODE's explicit Dormand-Prince
 * 5(4) (ERKStep, ARKODE_DORMAND_PRINCE_7_4_5), on the patients written by
 * org.vtrial.engine.bench.CartPeer: the same schedule (conditioning switches and infusions, a restart
 * after each), the same fourteen state events (located by the solver's root finding, each setting its
 * state to 0), rtol 1e-6 and the model's absolute tolerances. Prints steps, right-hand-side
 * evaluations and CPU time per patient, and the end-state error of every solver (the peers' and
 * ours, read from the file) against the file's reference (our DP853 at rtol 1e-11), in tolerance
 * units |y - ref| / (atol + rtol |ref|), worst state of each patient.
 *
 * Build and run (Debian: apt-get install libsundials-dev), from engine/:
 *   cc -O2 -o target/cvode_cart src/test/c/cvode_cart.c -lsundials_cvode -lsundials_arkode \
 *      -lsundials_nvecserial -lsundials_sunmatrixdense -lsundials_sunlinsoldense \
 *      -lsundials_sunnonlinsolfixedpoint -lm
 *   target/cvode_cart target/cart-peer.csv 9
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arkode/arkode_erkstep.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

#define DIM 8
#define NP 38
#define NEV 14
#define MAXSCHED 16
#define RTOL 1e-6

/* states and parameters: CartModel's indices */
enum { TPOS, TNEG, E, M, X, L, CY, IL6 };
enum {
  P_R_POS, P_R_NEG, P_K, P_GROWTH, P_K_A, P_K_OFF, P_H, P_MU_ESC, P_RHO, P_K_ACT, P_ALPHA_H, P_K_C,
  P_D_E, P_GAMMA, P_K_EXH, P_MU, P_K_MEM, P_OMEGA, P_D_M, P_D_X, P_S_L, P_D_L, P_LAMBDA_LD, P_T_LD,
  P_LD_DAYS, P_S_C, P_D_C, P_C_L, P_N_REF, P_Q_6, P_D_6, P_F_MEM, P_EXTINCTION
};
static const double NEGLIGIBLE_CELLS = 1e-6;
static const double NEGLIGIBLE_PG_PER_ML = 1e-6;
static const double MIN_VALUE = 4.9406564584124654e-324; /* Java's Double.MIN_VALUE */

typedef struct {
  double t0, horizon;
  int nsched;
  double sched[MAXSCHED], dE[MAXSCHED], dM[MAXSCHED];
  double y0[DIM], atol[DIM], p[NP], ref[DIM], tsit5[DIM], dp54[DIM];
} Patient;

typedef struct {
  const Patient *pt;
  double lambda; /* lambda_LD of the current piece: the switch is a restart, not an evaluation in time */
} Piece;

static double growth_factor(int code, double n, double k) {
  if (code == 0) return 1.0;
  if (code == 1) return 1.0 - n / k;
  return n > 0 ? log(k / n) : 0.0;
}

/* CartModel.derivatives, expression by expression */
static int rhs(sunrealtype t, N_Vector yv, N_Vector ydv, void *ud) {
  const Piece *pc = (const Piece *) ud;
  const double *p = pc->pt->p;
  const double *y = N_VGetArrayPointer(yv);
  double *yd = N_VGetArrayPointer(ydv);
  const double tPos = y[TPOS], tNeg = y[TNEG], e = y[E], m = y[M], x = y[X], l = y[L], cy = y[CY];
  const double tTot = tPos + tNeg;
  double act, exh, mem;
  (void) t;
  if (tPos == 0.0) {
    act = 0.0; exh = 0.0; mem = 1.0;
  } else {
    act = tPos / (p[P_K_ACT] + tPos);
    exh = tPos / (p[P_K_EXH] + tPos);
    mem = p[P_K_MEM] / (p[P_K_MEM] + tPos);
  }
  const double hom = p[P_ALPHA_H] * cy / (p[P_K_C] + cy);
  const double kill = e / (p[P_H] + tTot);
  const double phi = growth_factor((int) p[P_GROWTH], tTot, p[P_K]);
  const double nRef = p[P_N_REF];
  const double escape = p[P_MU_ESC] * tPos;
  yd[TPOS] = p[P_R_POS] * phi * tPos - p[P_K_A] * kill * tPos - escape;
  yd[TNEG] = p[P_R_NEG] * phi * tNeg - p[P_K_OFF] * kill * tNeg + escape;
  const double toMemory = p[P_MU] * mem * e;
  const double reactivation = p[P_OMEGA] * act * m;
  const double exhaustion = p[P_GAMMA] * exh * e;
  yd[E] = p[P_RHO] * act * e + hom * e - p[P_D_E] * e - exhaustion - toMemory + reactivation;
  yd[M] = toMemory - reactivation + hom * m - p[P_D_M] * m;
  yd[X] = exhaustion - p[P_D_X] * x;
  yd[L] = p[P_S_L] - p[P_D_L] * l - pc->lambda * l;
  yd[CY] = p[P_S_C] - p[P_D_C] * cy - p[P_C_L] * cy * (l + e + m) / nRef;
  yd[IL6] = p[P_Q_6] * act * e / nRef - p[P_D_6] * y[IL6];
  return 0;
}

/* CartModel's fourteen event functions (all falling) */
static int events(sunrealtype t, N_Vector yv, sunrealtype *g, void *ud) {
  const Piece *pc = (const Piece *) ud;
  const double *y = N_VGetArrayPointer(yv);
  (void) t;
  g[0] = y[TPOS] - pc->pt->p[P_EXTINCTION];
  g[1] = y[TNEG] - pc->pt->p[P_EXTINCTION];
  g[2] = y[E] - NEGLIGIBLE_CELLS;
  g[3] = y[M] - NEGLIGIBLE_CELLS;
  g[4] = y[X] - NEGLIGIBLE_CELLS;
  g[5] = y[IL6] - NEGLIGIBLE_PG_PER_ML;
  for (int i = 0; i < DIM; i++) g[6 + i] = y[i] + MIN_VALUE;
  return 0;
}

static int state_of(int event) { return event < 5 ? event : event == 5 ? IL6 : event - 6; }

enum { CVODE_ADAMS, CVODE_BDF, ARKODE_DP5, SOLVERS };
static const char *NAMES[SOLVERS] = {"CVODE Adams", "CVODE BDF", "ARKODE DP5(4)"};

typedef struct {
  int kind;
  void *mem;
  N_Vector y, atol;
  SUNMatrix a;
  SUNLinearSolver ls;
  SUNNonlinearSolver nls;
  Piece piece;
  long steps, rhs, events, errors;
} Solver;

/* the solvers' own error messages (e.g. CVodeGetDky called by the root finding outside the last step):
   counted, not printed */
static void count_error(int code, const char *module, const char *function, char *msg, void *data) {
  (void) code; (void) module; (void) function; (void) msg;
  ((Solver *) data)->errors++;
}

static void check(int flag, const char *what) {
  if (flag < 0) {
    fprintf(stderr, "%s failed: %d\n", what, flag);
    exit(2);
  }
}

static void solver_init(Solver *s, int kind, SUNContext ctx) {
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->y = N_VNew_Serial(DIM, ctx);
  s->atol = N_VNew_Serial(DIM, ctx);
  N_VConst(0.0, s->y);
  N_VConst(1e-6, s->atol);
  int dir[NEV];
  for (int i = 0; i < NEV; i++) dir[i] = -1;
  if (kind == ARKODE_DP5) {
    s->mem = ERKStepCreate(rhs, 0.0, s->y, ctx);
    check(ERKStepSetTableNum(s->mem, ARKODE_DORMAND_PRINCE_7_4_5), "ERKStepSetTableNum");
    check(ERKStepSVtolerances(s->mem, RTOL, s->atol), "ERKStepSVtolerances");
    check(ERKStepSetUserData(s->mem, &s->piece), "ERKStepSetUserData");
    check(ERKStepRootInit(s->mem, NEV, events), "ERKStepRootInit");
    check(ERKStepSetRootDirection(s->mem, dir), "ERKStepSetRootDirection");
    check(ERKStepSetMaxNumSteps(s->mem, 1000000), "ERKStepSetMaxNumSteps");
    check(ERKStepSetNoInactiveRootWarn(s->mem), "ERKStepSetNoInactiveRootWarn");
    check(ERKStepSetErrHandlerFn(s->mem, count_error, s), "ERKStepSetErrHandlerFn");
  } else {
    s->mem = CVodeCreate(kind == CVODE_BDF ? CV_BDF : CV_ADAMS, ctx);
    check(CVodeInit(s->mem, rhs, 0.0, s->y), "CVodeInit");
    check(CVodeSVtolerances(s->mem, RTOL, s->atol), "CVodeSVtolerances");
    check(CVodeSetUserData(s->mem, &s->piece), "CVodeSetUserData");
    check(CVodeRootInit(s->mem, NEV, events), "CVodeRootInit");
    check(CVodeSetRootDirection(s->mem, dir), "CVodeSetRootDirection");
    check(CVodeSetMaxNumSteps(s->mem, 1000000), "CVodeSetMaxNumSteps");
    check(CVodeSetNoInactiveRootWarn(s->mem), "CVodeSetNoInactiveRootWarn");
    check(CVodeSetErrHandlerFn(s->mem, count_error, s), "CVodeSetErrHandlerFn");
    if (kind == CVODE_BDF) {
      s->a = SUNDenseMatrix(DIM, DIM, ctx);
      s->ls = SUNLinSol_Dense(s->y, s->a, ctx);
      check(CVodeSetLinearSolver(s->mem, s->ls, s->a), "CVodeSetLinearSolver");
    } else {
      s->nls = SUNNonlinSol_FixedPoint(s->y, 0, ctx);
      check(CVodeSetNonlinearSolver(s->mem, s->nls), "CVodeSetNonlinearSolver");
    }
  }
}

/* restart at (t, y): a jump or a switch of the right-hand side */
static void restart(Solver *s, double t, double stop) {
  if (s->kind == ARKODE_DP5) {
    long n = 0, f = 0;
    ERKStepGetNumSteps(s->mem, &n);
    ERKStepGetNumRhsEvals(s->mem, &f);
    s->steps += n;
    s->rhs += f;
    check(ERKStepReInit(s->mem, rhs, t, s->y), "ERKStepReInit");
    check(ERKStepSetStopTime(s->mem, stop), "ERKStepSetStopTime");
  } else {
    long n = 0, f = 0, fl = 0;
    CVodeGetNumSteps(s->mem, &n);
    CVodeGetNumRhsEvals(s->mem, &f);
    if (s->kind == CVODE_BDF) CVodeGetNumLinRhsEvals(s->mem, &fl); /* finite-difference Jacobians */
    s->steps += n;
    s->rhs += f + fl;
    check(CVodeReInit(s->mem, t, s->y), "CVodeReInit");
    check(CVodeSetStopTime(s->mem, stop), "CVodeSetStopTime");
  }
}

static int advance(Solver *s, double stop, double *t) {
  return s->kind == ARKODE_DP5 ? ERKStepEvolve(s->mem, stop, s->y, t, ARK_NORMAL)
                               : CVode(s->mem, stop, s->y, t, CV_NORMAL);
}

static void roots(Solver *s, int *found) {
  if (s->kind == ARKODE_DP5) ERKStepGetRootInfo(s->mem, found);
  else CVodeGetRootInfo(s->mem, found);
}

/* one patient, piecewise across its schedule as CartSolvers.Ours; returns 0 on success */
static int solve(Solver *s, const Patient *pt) {
  double *y = N_VGetArrayPointer(s->y);
  double *atol = N_VGetArrayPointer(s->atol);
  memcpy(y, pt->y0, sizeof pt->y0);
  memcpy(atol, pt->atol, sizeof pt->atol);
  s->piece.pt = pt;
  double t = pt->t0;
  int next = 0;
  int found[NEV];
  while (1) {
    while (next < pt->nsched && pt->sched[next] <= t) {
      if (pt->sched[next] == t) {
        y[E] += pt->dE[next];
        y[M] += pt->dM[next];
      }
      next++;
    }
    if (t >= pt->horizon) break;
    const double target = next < pt->nsched && pt->sched[next] < pt->horizon ? pt->sched[next] : pt->horizon;
    const double *p = pt->p;
    s->piece.lambda = t >= p[P_T_LD] && t < p[P_T_LD] + p[P_LD_DAYS] ? p[P_LAMBDA_LD] : 0.0;
    restart(s, t, target);
    while (t < target) {
      const int flag = advance(s, target, &t);
      if (flag < 0) return flag;
      if (flag == CV_ROOT_RETURN) { /* ARK_ROOT_RETURN has the same value */
        roots(s, found);
        for (int i = 0; i < NEV; i++) {
          if (found[i] != 0) {
            y[state_of(i)] = 0.0;
            s->events++;
          }
        }
        for (int i = 0; i < DIM; i++) {
          if (y[i] < 0) y[i] = 0.0;
        }
        restart(s, t, target);
      }
    }
    t = target;
  }
  restart(s, t, t + 1.0); /* collects the counters of the last piece */
  return 0;
}

static double units(const double *y, const Patient *pt) {
  double worst = 0;
  for (int i = 0; i < DIM; i++) {
    const double u = fabs(y[i] - pt->ref[i]) / (pt->atol[i] + RTOL * fabs(pt->ref[i]));
    if (u > worst) worst = u;
  }
  return worst;
}

static int cmp(const void *a, const void *b) {
  const double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int read_patients(const char *file, Patient **out) {
  FILE *f = fopen(file, "r");
  if (!f) {
    perror(file);
    exit(1);
  }
  int cap = 1024, n = 0;
  Patient *ps = malloc(cap * sizeof *ps);
  char line[1 << 16];
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    if (n == cap) ps = realloc(ps, (cap *= 2) * sizeof *ps);
    Patient *pt = &ps[n];
    char *c = line;
    strtol(c, &c, 10); /* index */
    pt->t0 = strtod(c, &c);
    pt->horizon = strtod(c, &c);
    pt->nsched = (int) strtol(c, &c, 10);
    if (pt->nsched > MAXSCHED) {
      fprintf(stderr, "%s: patient %d has %d schedule times (at most %d)\n", file, n, pt->nsched, MAXSCHED);
      exit(1);
    }
    for (int k = 0; k < pt->nsched; k++) {
      pt->sched[k] = strtod(c, &c);
      pt->dE[k] = strtod(c, &c);
      pt->dM[k] = strtod(c, &c);
    }
    double *blocks[] = {pt->y0, pt->atol, pt->p, pt->ref, pt->tsit5, pt->dp54};
    const int sizes[] = {DIM, DIM, NP, DIM, DIM, DIM};
    for (int b = 0; b < 6; b++) {
      for (int i = 0; i < sizes[b]; i++) {
        char *end;
        blocks[b][i] = strtod(c, &end);
        if (end == c) {
          fprintf(stderr, "%s: patient %d: missing number in block %d, field %d\n", file, n, b, i);
          exit(1);
        }
        c = end;
      }
    }
    n++;
  }
  fclose(f);
  *out = ps;
  return n;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATIENTS.csv [ROUNDS]\n", argv[0]);
    return 1;
  }
  Patient *ps;
  const int n = read_patients(argv[1], &ps);
  const int rounds = argc > 2 ? atoi(argv[2]) : 9;
  SUNContext ctx;
  if (SUNContext_Create(NULL, &ctx) != 0) return 2;
  double *u = malloc(n * sizeof *u);
  double *secs = malloc(rounds * sizeof *secs);
  printf("%d quickstart patients, the model's 14 events, rtol %.0e; CPU time of this process\n", n, RTOL);
  for (int k = 0; k < SOLVERS; k++) {
    Solver s;
    solver_init(&s, k, ctx);
    for (int r = -1; r < rounds; r++) { /* one unmeasured round */
      s.steps = s.rhs = s.events = s.errors = 0;
      const double c0 = cpu_seconds();
      for (int i = 0; i < n; i++) {
        const int flag = solve(&s, &ps[i]);
        if (flag < 0) {
          fprintf(stderr, "%s: patient %d failed (%d)\n", NAMES[k], i, flag);
          return 3;
        }
        if (r == rounds - 1) u[i] = units(N_VGetArrayPointer(s.y), &ps[i]);
      }
      if (r >= 0) secs[r] = cpu_seconds() - c0;
    }
    const double us = median(secs, rounds) / n * 1e6;
    const double steps = (double) s.steps / n, rhs = (double) s.rhs / n, ev = (double) s.events / n;
    const double mid = median(u, n); /* sorts u */
    printf("%-14s %7.1f steps, %7.1f evaluations, %5.1f events per patient; %6.1f us per patient (median of %d"
           " rounds), %6.0f patients per CPU-second; end-state error, tolerance units: median %.2f, largest %.2f;"
           " solver messages %ld\n", NAMES[k], steps, rhs, ev, us, rounds, 1e6 / us, mid, u[n - 1], s.errors);
  }
  const char *ours[] = {"ours Tsit5", "ours DP54"};
  for (int k = 0; k < 2; k++) {
    for (int i = 0; i < n; i++) u[i] = units(k == 0 ? ps[i].tsit5 : ps[i].dp54, &ps[i]);
    const double mid = median(u, n); /* sorts u */
    printf("%-14s end-state error, tolerance units: median %.2f, largest %.2f\n", ours[k], mid, u[n - 1]);
  }
  return 0;
}
