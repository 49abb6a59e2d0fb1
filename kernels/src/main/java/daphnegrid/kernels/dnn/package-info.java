/**
 * Deep-neural-network kernels: 2D convolution and its two gradients, max and average pooling and
 * their gradients, 2D batch normalization (inference and gradient), bias addition, the affine
 * layer, ReLU and row-wise softmax.
 *
 * <h2>Layout</h2>
 *
 * As in DAPHNE, a batch of images is a matrix with one image per row; within a row the image is
 * channel-major and row-major inside a channel, so cell {@code (c, h, w)} of image n is at column
 * {@code (c * H + h) * W + w}. Filters are one per row, laid out the same way ({@code (c, r, s)} at
 * column {@code (c * R + r) * S + s}). Outputs of convolution and pooling use the input layout.
 *
 * <h2>Where the time goes</h2>
 *
 * Convolution is im2col (plain loops, memory bound) followed by the packed matrix product of {@link
 * daphnegrid.kernels.MatMulKernels}; elementwise steps (bias, ReLU, batch-norm inference) reuse
 * {@link daphnegrid.kernels.ElementwiseKernels}. Both come from a {@link
 * daphnegrid.kernels.KernelImpl}, the Vector API one or its plain twin, which give the same bits,
 * so every facade method here takes the implementation to use. The loops of this package exist once
 * per value type ({@code F64*} and their {@code F32*} twins).
 */
package daphnegrid.kernels.dnn;
