/** Worker addresses, Hazelcast member and client configuration, and the {@code --config} file. */
package daphnegrid.config;
