/**
 * Provider presets, the hosted-relay migration warning and the Google app-password check.
 * Everything exported here is pure data and functions (no zod, no Node): the renderer's first
 * screen imports it. The data's zod schemas are in ./schema.ts (checked by test/unit/presets);
 * the Node-only helper that resolves a host first is in ./resolve.ts.
 */
export {
  PRESETS,
  presetById,
  presetForDomain,
  presetsForMx,
  presetHost,
  matchesHostPattern,
  normaliseHost,
  type Preset,
  type PresetId,
  type PresetSecurity,
  type AppPasswordKind,
} from './presets';
export { presetHints, presetNote, presetPortNote, hostedRelayNote } from './preset-text';
export {
  HOSTED_RELAYS,
  hostedRelayFor,
  migrationWarning,
  migrationWarningForAddresses,
  addressScope,
  type AddressScope,
  type HostedRelay,
  type MigrationWarning,
  type MigrationWarningKind,
} from './migration';
export { normaliseGoogleAppPassword, type AppPasswordResult } from './app-password';
