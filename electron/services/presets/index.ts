/**
 * Provider presets, the hosted-relay migration warning and the Google app-password check.
 * Everything exported here is pure (zod and data only): the renderer may import it as well as
 * main. The Node-only helper that resolves a host first is in ./resolve.ts.
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
export { PRESET_IDS, presetSchema, presetListSchema } from './schema';
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
