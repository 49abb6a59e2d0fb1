/** The local engine: programs run on a fork/join pool in this process. */
package daphnegrid.runtime.local;
