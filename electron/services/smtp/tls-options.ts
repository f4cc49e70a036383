/**
 * The TLS options of every connection Mail Preflight makes. Certificates are always
 * verified: against the system's store plus the certificates the user imported, or —
 * when the profile pinned a server's certificate — against that pin alone. TLS 1.2 is the
 * floor. There is no switch to turn verification off.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type * as tls from 'node:tls';
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { nodeTls } from './node-tls';

export interface TlsMaterial {
  /** Extra trusted certificates (PEM), used beyond the system store. */
  ca?: string[];
  /**
   * Pinned certificates (PEM): when present, the ONLY trust for this host. The system's
   * roots and `ca` are not consulted; the chain must verify up to a pin, and a pin's
   * SHA-256 fingerprint must be in the presented chain (checked in checkServerIdentity).
   */
  pins?: string[];
  /** Client certificate and key (PEM), or a PKCS#12 bundle, presented when asked. */
  cert?: string;
  key?: string;
  pfx?: Buffer;
  passphrase?: string;
  /** The name to verify and to send as SNI, when it differs from the host connected to. */
  servername?: string;
}

let systemRoots: string[] | undefined;

/** How many trust sets keep a ready context (a profile's pins, a run's --ca): a few at a time. */
const CONTEXTS_KEPT = 8;
const contexts = new Map<string, tls.SecureContext>();

/**
 * What Node trusts by default (its bundled roots plus NODE_EXTRA_CA_CERTS) and the OS store,
 * read once. `getCACertificates` arrived in Node 22.15; before it, the bundled roots only.
 */
function trustedRoots(): string[] {
  if (!systemRoots) {
    const tls = nodeTls();
    const read = tls.getCACertificates as typeof tls.getCACertificates | undefined;
    systemRoots = read ? [...new Set([...read('default'), ...read('system')])] : [...tls.rootCertificates];
  }
  return systemRoots;
}

/**
 * A secure context that trusts the system's roots plus `extra`, built once per trust set:
 * parsing a few hundred root certificates took about 40 ms of every connection (npm run
 * bench, the warm send). A pinned server certificate (not a CA) is trusted as the end of
 * its chain, hence the partial chain once anything extra is trusted.
 */
function trustContext(extra: readonly string[]): tls.SecureContext {
  const key = extra.join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = nodeTls().createSecureContext({
      minVersion: 'TLSv1.2',
      ca: extra.length ? [...trustedRoots(), ...extra] : trustedRoots(),
      ...(extra.length ? { allowPartialTrustChain: true } : {}),
    });
    if (contexts.size >= CONTEXTS_KEPT) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, context);
  }
  return context;
}

/** Node's error code when the presented chain holds none of the pinned certificates. */
export const PIN_MISMATCH_ERROR = 'ERR_TLS_PIN_MISMATCH';

/** SHA-256 fingerprints ("AB:CD:…", as Node writes them) of pinned PEMs. */
export function pinFingerprints(pins: readonly string[]): string[] {
  return pins.map((pem) => new X509Certificate(pem).fingerprint256);
}

/** Every certificate of a verified peer chain (leaf, intermediates, the anchor), once each. */
function chainOf(leaf: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  for (let cert: tls.DetailedPeerCertificate | undefined = leaf as tls.DetailedPeerCertificate; cert;) {
    if (chain.includes(cert)) break;
    chain.push(cert);
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate;
  }
  return chain;
}

/**
 * The host name check, then the pin: the chain the server presented (as verified) must
 * contain a pinned certificate, by its SHA-256 fingerprint.
 */
function pinnedIdentity(pins: readonly string[]): ConnectionOptions['checkServerIdentity'] {
  const wanted = new Set(pinFingerprints(pins));
  return (hostname, cert) => {
    const nameProblem = nodeTls().checkServerIdentity(hostname, cert);
    if (nameProblem) return nameProblem;
    if (chainOf(cert).some((c) => wanted.has(c.fingerprint256))) return undefined;
    return Object.assign(new Error('The server’s certificate is not the pinned one.'), {
      code: PIN_MISMATCH_ERROR,
      cert,
    });
  };
}

export function tlsOptions(host: string, material: TlsMaterial = {}): ConnectionOptions {
  const name = material.servername ?? host;
  const clientIdentity = Boolean(material.cert || material.key || material.pfx);
  const pinned = Boolean(material.pins?.length);
  const options: ConnectionOptions = {
    host: name,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
  };
  if (pinned) {
    // The pins alone: not the system's roots, not `ca` (see TlsMaterial.pins).
    options.ca = [...material.pins!];
    options.allowPartialTrustChain = true;
    options.checkServerIdentity = pinnedIdentity(material.pins!);
  } else if (clientIdentity) {
    // A client identity gets a context of its own, built by tls.connect, so a bad key or
    // passphrase is reported where it always was (the handshake), never while building options.
    options.ca = material.ca?.length ? [...trustedRoots(), ...material.ca] : trustedRoots();
    // A pinned server certificate (not a CA) is trusted as the end of its chain.
    if (material.ca?.length) options.allowPartialTrustChain = true;
  } else {
    options.secureContext = trustContext(material.ca ?? []);
  }
  // SNI carries names only; an IP address is verified against the certificate's IP SANs.
  if (!isIP(name)) options.servername = name;
  if (material.cert) options.cert = material.cert;
  if (material.key) options.key = material.key;
  if (material.pfx) options.pfx = material.pfx;
  if (material.passphrase) options.passphrase = material.passphrase;
  return options;
}
