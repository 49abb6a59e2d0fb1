#!/usr/bin/env python3
"""Expected outputs of the numeric DNN golden cases (it-tests/src/test/conformance/dnn/) that are
not small enough to do by hand, computed independently with numpy from the formulas of DAPHNE's
CPU kernels (BatchNorm2DTestForward.h, BatchNorm2DBackward.h, Softmax.h). Prints each case's
expected stdout in DaphneDSL's print format (C++ stream default, %.6g).

    python3 bench/dnn_golden.py            # all cases, each after a '== name' line
"""
import numpy as np


def fmt(v):
    s = "%.6g" % v
    return "-0" if s == "-0" else s


def matrix(m, vt="double"):
    m = np.atleast_2d(m)
    rows = ["DenseMatrix(%dx%d, %s)" % (m.shape[0], m.shape[1], vt)]
    rows += [" ".join(fmt(v) for v in r) for r in m]
    return "\n".join(rows)


def batch_norm(x, gamma, beta, mean, var, eps):
    n, chw = x.shape
    c = gamma.size
    x3 = x.reshape(n, c, chw // c)
    sd = np.sqrt(var.reshape(1, c, 1) + eps)
    y = gamma.reshape(1, c, 1) * ((x3 - mean.reshape(1, c, 1)) / sd) + beta.reshape(1, c, 1)
    return y.reshape(n, chw)


def batch_norm_backward(mean, inv_var, x, dout, gamma):
    n, chw = x.shape
    c = gamma.size
    hw = chw // c
    m = n * hw
    x3 = x.reshape(n, c, hw)
    d3 = dout.reshape(n, c, hw)
    mu = mean.reshape(1, c, 1)
    iv = inv_var.reshape(1, c, 1)
    g = gamma.reshape(1, c, 1)
    dbeta = d3.sum(axis=(0, 2))
    dgamma = (d3 * (x3 - mu) * iv).sum(axis=(0, 2))
    dxhat = d3 * g
    dvar = -(dxhat * (x3 - mu) * 0.5 * iv**3).sum(axis=(0, 2)).reshape(1, c, 1)
    dmean = (dxhat * -iv + dvar * (-2.0 / m) * (x3 - mu)).sum(axis=(0, 2)).reshape(1, c, 1)
    dx = dxhat * iv + dvar * (2.0 / m) * (x3 - mu) + dmean / m
    return dx.reshape(n, chw), dgamma.reshape(c, 1), dbeta.reshape(c, 1)


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    # batch_norm2d: DAPHNE's batch_norm_inference_fwd test data (1 channel, eps 1e-5)
    x = np.arange(-3.0, 6.0).reshape(1, 9)
    one = np.ones(1)
    print("== batch_norm2d_daphne_test")
    print(matrix(batch_norm(x, one, 0 * one, 0 * one, one, 1e-5)))

    # batch_norm2d_backward: 2 images, 3 channels of 4 cells, arbitrary statistics
    x = np.tile(np.arange(1.0, 13.0), (2, 1))
    x[1] *= 0.5
    dout = np.tile(np.arange(12.0, 0.0, -1.0), (2, 1)) / 4
    gamma = np.array([1.0, 2.0, -0.5])
    mean = np.array([2.5, 6.0, 10.0])
    inv_var = np.array([0.5, 0.25, 2.0])
    dx, dg, db = batch_norm_backward(mean, inv_var, x, dout, gamma)
    print("== batch_norm2d_backward")
    print(matrix(dx))
    print(matrix(dg))
    print(matrix(db))

    # softmax of two rows
    print("== softmax")
    print(matrix(softmax(np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 1000.0]]))))


if __name__ == "__main__":
    main()
