/**
 * The sentences the user reads when a keystore or a certificate cannot be taken, in one
 * place so that the UI, the CLI and the tests agree on them: each a catalogue key
 * (locales/*.json, `tlsMaterial.*`) with its parameters, put into words where it is shown.
 * Each says what is wrong and, where it helps, what to do.
 */
import { sentence } from '../i18n/sentence';

export const MESSAGES = {
  passphraseNeeded: sentence('tlsMaterial.passphraseNeeded'),
  passphraseWrong: sentence('tlsMaterial.passphraseWrong'),
  notAKeystore: sentence('tlsMaterial.notAKeystore'),
  damaged: sentence('tlsMaterial.damaged'),
  damagedIntegrity: sentence('tlsMaterial.damagedIntegrity'),
  publicKeyOnly: sentence('tlsMaterial.publicKeyOnly'),
  certificateOnly: sentence('tlsMaterial.certificateOnly'),
  keyOnly: sentence('tlsMaterial.keyOnly'),
  pkcs12NoKey: sentence('tlsMaterial.pkcs12NoKey'),
  jksNoKey: sentence('tlsMaterial.jksNoKey'),
  keyMismatch: sentence('tlsMaterial.keyMismatch'),
  severalPemKeys: sentence('tlsMaterial.severalPemKeys'),
  severalContainers: sentence('tlsMaterial.severalContainers'),
  noFiles: sentence('tlsMaterial.noFiles'),
  jceks: sentence('tlsMaterial.jceks'),
  jksKeyPassword: sentence('tlsMaterial.jksKeyPassword'),
  unsupportedPkcs12: sentence('tlsMaterial.unsupportedPkcs12'),
  tooManyIterations: sentence('tlsMaterial.tooManyIterations'),
  keystoreTooSlow: (seconds: number) => sentence('tlsMaterial.keystoreTooSlow', { seconds }),
  opensshKey: sentence('tlsMaterial.opensshKey'),
  chooseAlias: (aliases: string[]) => sentence('tlsMaterial.chooseAlias', { aliases }),
  unknownAlias: (alias: string) => sentence('tlsMaterial.unknownAlias', { alias }),
  duplicateKey: (name: string) => sentence('tlsMaterial.duplicateKey', { name }),
  keystoreNotFound: sentence('tlsMaterial.keystoreNotFound'),
  keystorePassphraseMissing: (name: string) => sentence('tlsMaterial.keystorePassphraseMissing', { name }),
  keystoreChanged: (name: string) => sentence('tlsMaterial.keystoreChanged', { name }),

  notACertificate: sentence('tlsMaterial.notACertificate'),
  certificateDamaged: sentence('tlsMaterial.certificateDamaged'),
  noCertificateInPem: sentence('tlsMaterial.noCertificateInPem'),
  alreadyTrusted: (shortFingerprint: string) => sentence('tlsMaterial.alreadyTrusted', { shortFingerprint }),
  allAlreadyTrusted: (count: number) => sentence('tlsMaterial.allAlreadyTrusted', { count }),
  emptyChain: sentence('tlsMaterial.emptyChain'),
  trustedNotFound: sentence('tlsMaterial.trustedNotFound'),

  certificateExpired: (date: string) => sentence('tlsMaterial.certificateExpired', { date }),
  certificateNotYetValid: (date: string) => sentence('tlsMaterial.certificateNotYetValid', { date }),
  certificateNoClientAuth: sentence('tlsMaterial.certificateNoClientAuth'),
  certificateExpiresSoon: (date: string) => sentence('tlsMaterial.certificateExpiresSoon', { date }),
} as const;

/** Fetching a server's certificate chain ("Fetch from server…"): why it did not work. */
export const FETCH_MESSAGES = {
  hostNotFound: (host: string) => sentence('fetchChain.hostNotFound', { host }),
  refused: (hostPort: string) => sentence('fetchChain.refused', { hostPort }),
  unreachable: (hostPort: string) => sentence('fetchChain.unreachable', { hostPort }),
  connectFailed: (hostPort: string, reason: string) =>
    sentence('fetchChain.connectFailed', { hostPort, reason }),
  connectTimeout: (hostPort: string, seconds: number) =>
    sentence('fetchChain.connectTimeout', { hostPort, seconds }),
  closedDuring: (hostPort: string, step: 'greeting' | 'ehlo' | 'starttls') =>
    sentence(`fetchChain.closedDuring.${step}`, { hostPort }),
  noGreeting: (hostPort: string, seconds: number) => sentence('fetchChain.noGreeting', { hostPort, seconds }),
  sessionRefused: (hostPort: string, reply: string) =>
    sentence('fetchChain.sessionRefused', { hostPort, reply }),
  noEhloAnswer: (hostPort: string, seconds: number) =>
    sentence('fetchChain.noEhloAnswer', { hostPort, seconds }),
  ehloRefused: (hostPort: string, reply: string) => sentence('fetchChain.ehloRefused', { hostPort, reply }),
  noStartTls: (hostPort: string) => sentence('fetchChain.noStartTls', { hostPort }),
  noStartTlsAnswer: (hostPort: string, seconds: number) =>
    sentence('fetchChain.noStartTlsAnswer', { hostPort, seconds }),
  startTlsRefused: (hostPort: string, reply: string) =>
    sentence('fetchChain.startTlsRefused', { hostPort, reply }),
  notTls: (hostPort: string) => sentence('fetchChain.notTls', { hostPort }),
  oldTls: (hostPort: string) => sentence('fetchChain.oldTls', { hostPort }),
  closedDuringHandshake: (hostPort: string) => sentence('fetchChain.closedDuringHandshake', { hostPort }),
  handshakeFailed: (hostPort: string, reason: string) =>
    sentence('fetchChain.handshakeFailed', { hostPort, reason }),
  handshakeTimeout: (hostPort: string, seconds: number) =>
    sentence('fetchChain.handshakeTimeout', { hostPort, seconds }),
  noCertificate: (hostPort: string) => sentence('fetchChain.noCertificate', { hostPort }),
} as const;
