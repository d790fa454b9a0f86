// The name that ties the public entry point's TLS together across areas: the data area renders the
// ClusterIssuer (Let's Encrypt through the cloud's DNS), the core-services Ingress asks it for a certificate.

/** cert-manager ClusterIssuer that issues publicly trusted certificates for `*.<baseDomain>` hosts. */
export const PUBLIC_CLUSTER_ISSUER = 'letsencrypt';
