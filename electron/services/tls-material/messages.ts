/**
 * The sentences the user reads when a keystore or a certificate cannot be taken, in one
 * place so that the UI, the CLI and the tests agree on them. Each is one clear sentence
 * that says what is wrong and, where it helps, what to do.
 */
export const MESSAGES = {
  passphraseNeeded: 'This keystore is protected by a passphrase; enter it to import the key.',
  passphraseWrong: 'The passphrase is wrong.',
  notAKeystore:
    'This file is not a keystore: Mail Preflight reads PKCS#12 (.p12, .pfx), PEM and Java KeyStore (.jks) files.',
  damaged: 'This keystore file is damaged or incomplete; export it again from where it came from.',
  damagedIntegrity:
    'This keystore file is damaged: its integrity check fails although the passphrase is right; export it again.',
  publicKeyOnly:
    'This file holds only a public key; a client key needs the private key and its certificate (PKCS#12, or PEM key and certificate).',
  certificateOnly:
    'This file holds certificates but no private key; add the key file, or choose a PKCS#12 or Java KeyStore that contains the key.',
  keyOnly: 'This file holds a private key but no certificate; add the certificate file too.',
  pkcs12NoKey:
    'This PKCS#12 file holds certificates but no private key; export it again with the private key included.',
  jksNoKey:
    'This Java KeyStore holds only trusted certificates, no private key; choose the keystore that holds the client key.',
  keyMismatch: 'The private key does not belong to the certificate: their public keys differ.',
  severalPemKeys: 'These files hold several private keys; import one key with its certificate at a time.',
  severalContainers: 'Choose one PKCS#12 or Java KeyStore file at a time, not together with other files.',
  noFiles: 'Choose the keystore file to import.',
  jceks:
    'This is a JCEKS keystore, which Mail Preflight does not read; convert it with "keytool -importkeystore -deststoretype pkcs12" and import the .p12.',
  jksKeyPassword:
    'The key inside this Java KeyStore has its own password, different from the keystore passphrase; make them the same with "keytool -keypasswd" and import it again.',
  unsupportedPkcs12:
    'This PKCS#12 file uses an encryption or integrity scheme Mail Preflight does not support; export it again with AES (the OpenSSL 3 default) or 3DES.',
  opensshKey:
    'This is an OpenSSH key, which is for SSH, not TLS; a client key is a PKCS#12, PEM or Java KeyStore with a certificate.',
  chooseAlias: (aliases: string[]) => `This keystore holds several keys (${aliases.join(', ')}); choose one.`,
  unknownAlias: (alias: string) => `This keystore has no key named “${alias}”.`,
  duplicateKey: (name: string) => `This key is already imported as “${name}”.`,
  keystoreNotFound: 'This SSL key no longer exists; it may have been deleted.',
  keystorePassphraseMissing: (name: string) =>
    `The passphrase of “${name}” is no longer in the OS keychain; delete the key and import it again.`,

  notACertificate:
    'This file is not a certificate: Mail Preflight trusts PEM (one certificate or a bundle) and DER certificate files.',
  certificateDamaged: 'This certificate file is damaged or incomplete; download or export it again.',
  noCertificateInPem: 'This PEM file holds no certificate; choose a file with "BEGIN CERTIFICATE" in it.',
  alreadyTrusted: (shortFingerprint: string) =>
    `This certificate is already trusted (SHA-256 ${shortFingerprint}).`,
  allAlreadyTrusted: (count: number) => `All ${count} certificates in this file are already trusted.`,
  emptyChain: 'The server presented no certificate to trust.',
  trustedNotFound: 'This trusted certificate no longer exists; it may have been deleted.',
} as const;
