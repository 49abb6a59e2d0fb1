/* Memory bandwidth of this machine for bench/compare.py: copy (a -> c, 16 bytes per element, as
 * STREAM counts it) and read (a sum, 8 bytes per element), best of several passes, with the
 * OpenMP thread count from OMP_NUM_THREADS. Built on the fly: gcc -O3 -march=native -fopenmp. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double now(void) { return omp_get_wtime(); }

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : (1L << 26);
  double *a = aligned_alloc(64, n * sizeof(double));
  double *c = aligned_alloc(64, n * sizeof(double));
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++) { a[i] = 1.0 + i % 7; c[i] = 0.0; }
  double best_copy = 1e30, best_read = 1e30, sink = 0;
  for (int rep = 0; rep < 10; rep++) {
    double t0 = now();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) c[i] = a[i];
    double t1 = now();
    double s = 0;
#pragma omp parallel for simd schedule(static) reduction(+ : s)
    for (long i = 0; i < n; i++) s += a[i];
    double t2 = now();
    sink += s + c[rep];
    if (t1 - t0 < best_copy) best_copy = t1 - t0;
    if (t2 - t1 < best_read) best_read = t2 - t1;
  }
  printf("copy %.2f read %.2f threads %d check %g\n", 16.0 * n / best_copy / 1e9,
         8.0 * n / best_read / 1e9, omp_get_max_threads(), sink);
  return 0;
}
