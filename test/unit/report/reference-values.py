#!/usr/bin/env python3
"""Reference values for the report's sequential statistics, computed independently of the
TypeScript code from the published formulas (python3 standard library only):

- asymptotic confidence sequence, Waudby-Smith et al. 2023 (arXiv 2103.06476v7), Theorem 2.2
  with the normal-mixture boundary, rho tuned for N* (the tuning rule gbstats uses), and the
  always-valid p-value of eq. 155 (the inverse of the mixture e-value);
- Lindon and Malek 2022, Dirichlet-multinomial Bayes factor for sample ratio mismatch;
- Holm 1979 step-down adjusted p-values;
- fixed-horizon two-proportion z with the unpooled standard error.

Run: python3 test/unit/report/reference-values.py
"""
from math import exp, lgamma, log, sqrt
from statistics import NormalDist

PHI = NormalDist()


def rho(alpha, n_star):
    return sqrt((-2 * log(alpha) + log(-2 * log(alpha) + 1)) / n_star)


def halfwidth(se, n, alpha, r):
    # paper: sigma * sqrt(2 (t rho^2 + 1) / (t^2 rho^2) * log(sqrt(t rho^2 + 1) / alpha)) / sqrt(t)
    # with sigma^2 = se^2 * t (per-observation variance of the difference estimator)
    sigma2 = se * se * n
    return sqrt(sigma2 * 2 * (n * r * r + 1) / (n * n * r * r) * log(sqrt(n * r * r + 1) / alpha))


def p_value(diff, se, n, r):
    # eq. 155: e-value = exp(rho^2 S^2 / (2 (t rho^2 + 1))) / sqrt(t rho^2 + 1), S^2 = t diff^2 / se^2 ... per obs
    st2 = diff * diff * n / (se * se)
    tr = n * r * r + 1
    e = exp(r * r * st2 / (2 * tr)) / sqrt(tr)
    return min(1.0, 1 / e)


def unpooled(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    return p2 - p1, sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2), n1 + n2


def srm_log_bf(counts, shares, k=100):
    n = sum(counts)
    out = lgamma(k) - lgamma(k + n)
    for x, s in zip(counts, shares):
        out += lgamma(k * s + x) - lgamma(k * s) - x * log(s)
    return out


def holm(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    adj = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        adj[i] = running
    return adj


print("rho(0.05, 5000) =", repr(rho(0.05, 5000)))
print("rho(0.05, 4000) =", repr(rho(0.05, 4000)))
r = rho(0.05, 5000)
d, se, n = unpooled(200, 1000, 260, 1000)
print("200/1000 vs 260/1000: diff", d, "se", repr(se), "n", n)
print("  sequential halfwidth a=0.05:", repr(halfwidth(se, n, 0.05, r)))
print("  sequential halfwidth a=0.025:", repr(halfwidth(se, n, 0.025, r)))
print("  sequential p:", repr(p_value(d, se, n, r)))
z = d / se
print("  fixed z:", repr(z), "p:", repr(2 * PHI.cdf(-abs(z))))
d, se, n = unpooled(120, 1000, 150, 1000)
z = d / se
print("120/1000 vs 150/1000 fixed: z", repr(z), "p", repr(2 * PHI.cdf(-abs(z))), "interval", d - 1.959963984540054 * se, d + 1.959963984540054 * se)
d, se, n = unpooled(2000, 10000, 2150, 10000)
print("2000/10000 vs 2150/10000 (N*=5000): halfwidth", repr(halfwidth(se, n, 0.05, r)), "p", repr(p_value(d, se, n, r)))
print("SRM log BF [5150, 4850] equal:", repr(srm_log_bf([5150, 4850], [0.5, 0.5])))
print("SRM log BF [5300, 4700] equal:", repr(srm_log_bf([5300, 4700], [0.5, 0.5])))
print("SRM log BF [6000, 4000] 60/40:", repr(srm_log_bf([6000, 4000], [0.6, 0.4])))
print("SRM log BF [1000, 1040, 980] equal:", repr(srm_log_bf([1000, 1040, 980], [1 / 3, 1 / 3, 1 / 3])))
print("Holm [0.01, 0.04, 0.03, 0.005]:", holm([0.01, 0.04, 0.03, 0.005]))
