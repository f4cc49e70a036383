/**
 * TLS material: the client keystores ("SSL keys") a run presents, the certificates it
 * trusts beyond the system store, and fetching a server's chain to pin it.
 *
 *   const keys = new KeystoreStore(dataDir, secrets);   // <dataDir>/keystores/<id>/
 *   const trust = new TrustStore(dataDir);              // <dataDir>/trusted/<id>.pem
 *   tlsOptions(host, { ...(await keys.material(id)), ca: await trust.pems(ids) })
 *
 * The CLI uses files in place, storing nothing:
 *   keystoreMaterialFromFiles([{ name, bytes }, ...], passphrase, alias)  // --client-cert/--client-key
 *   caPemsFromFile(bytes)                                                 // --ca
 */
export { KeystoreStore, KEYSTORES_DIR } from './keystore-store';
export { keystoreMaterialFromFiles, type KeystorePreview } from './open-keystore';
export { TrustStore, TRUSTED_DIR, caPemsFromFile, certificateToPin } from './trust-store';
export { fetchServerChain, EHLO_NAME, type FetchChainOptions } from './fetch-chain';
export { summarizeCertificate, clientCertificateWarnings, EXPIRY_SOON_DAYS } from './certificate-summary';
export { MESSAGES as TLS_MATERIAL_MESSAGES } from './messages';
export type {
  CertificateSummary,
  ExpiryState,
  FetchedChain,
  ImportFile,
  KeystoreFormat,
  KeystoreInfo,
  KeystoreInspection,
  TrustedCertificate,
} from './types';
