/**
 * The grid's configuration: worker addresses ({@code DISTRIBUTED_WORKERS}), the grid settings and
 * the YAML files that override them, the Hazelcast member and client configurations, connecting the
 * coordinator with a deadline, map naming, where Hazelcast logs go, and the end of a
 * launcher-started process ({@link daphnegrid.config.LauncherStderr}).
 *
 * <p>Entry points: {@link daphnegrid.config.WorkerAddresses}, {@link
 * daphnegrid.config.GridSettings}, {@link daphnegrid.config.GridConfigFiles}, {@link
 * daphnegrid.config.MemberConfigs}, {@link daphnegrid.config.ClientConfigs}, {@link
 * daphnegrid.config.GridConnector}, {@link daphnegrid.config.GridMaps}, {@link
 * daphnegrid.config.GridLogging}.
 */
package daphnegrid.config;
