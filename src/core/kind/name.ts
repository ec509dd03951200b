/** Kind cluster names become container and kubeconfig context names: a lowercase DNS label. */
export const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const CLUSTER_NAME_HINT = 'a lowercase DNS label (a-z, 0-9, -)';
