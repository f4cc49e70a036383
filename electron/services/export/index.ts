/** The export service's public face: the registry, the service and their types. */
export { EXPORT_FORMAT_IDS, type ExportFormatId } from './format-ids';
export { exportFormat, isExportFormatId, listFormats, renderExport } from './registry';
export { ExportService, subjectOf, writePrivateFile, type ExportRequest } from './export-service';
export { PASSWORD_PLACEHOLDER } from './common';
export type { ExportFormatInfo, ExportLang, ExportResult, ExportSubject } from './types';
