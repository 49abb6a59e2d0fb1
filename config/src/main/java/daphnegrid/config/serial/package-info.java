/**
 * What travels between the coordinator and the workers: block keys, dense, frame and CSR blocks and
 * their raw serializers, and {@link daphnegrid.config.serial.GridSerialization}, the one place that
 * registers them (and every {@link daphnegrid.config.serial.SerializationModule} on the classpath)
 * for members and clients alike.
 */
package daphnegrid.config.serial;
