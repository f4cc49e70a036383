/**
 * The export formats' ids, in the order they are listed. Pure data, so the IPC contract
 * (and through it the renderer) can validate a format id without loading the formats.
 */
export const EXPORT_FORMAT_IDS = [
  'youtrack',
  'youtrack-rest',
  'gitlab',
  'postfix',
  'msmtp',
  'grafana',
  'discourse',
  'nextcloud',
  'django',
  'spring',
  'mattermost',
  'keycloak',
  'env',
] as const;

export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];
