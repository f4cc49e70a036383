/**
 * The one list of export formats, read by the CLI (`export --format`, `--list-formats`),
 * the IPC handlers and, through them, the UI. renderExport() is the only way a format is
 * run: it refuses what the target cannot express, keeps the password out of targets that
 * have no place for it, and puts the header (profile, last verdict and its date) and the
 * notes (what the target cannot take, where the placeholders go) in front, as comments
 * where the format has them.
 */
import { discourse } from './formats/discourse';
import { django } from './formats/django';
import { env } from './formats/env';
import { gitlab } from './formats/gitlab';
import { grafana } from './formats/grafana';
import { keycloak } from './formats/keycloak';
import { mattermost } from './formats/mattermost';
import { msmtp } from './formats/msmtp';
import { nextcloud } from './formats/nextcloud';
import { postfix } from './formats/postfix';
import { spring } from './formats/spring';
import { youtrack } from './formats/youtrack';
import { youtrackRest } from './formats/youtrack-rest';
import { EXPORT_FORMAT_IDS, type ExportFormatId } from './format-ids';
import type {
  ExportFormat,
  ExportFormatInfo,
  ExportLang,
  ExportResult,
  ExportSubject,
  Translate,
} from './types';
import { translator } from './words';

const FORMATS: { readonly [K in ExportFormatId]: ExportFormat } = {
  youtrack,
  'youtrack-rest': youtrackRest,
  gitlab,
  postfix,
  msmtp,
  grafana,
  discourse,
  nextcloud,
  django,
  spring,
  mattermost,
  keycloak,
  env,
};

export function isExportFormatId(id: string): id is ExportFormatId {
  return (EXPORT_FORMAT_IDS as readonly string[]).includes(id);
}

export function exportFormat(id: ExportFormatId): ExportFormat {
  return FORMATS[id];
}

/** Where each format's text goes on the target (the {{where}} of its catalogue sentence). */
const WHERE: Record<ExportFormatId, string> = {
  youtrack: '',
  'youtrack-rest': 'POST api/admin/globalSettings/notificationSettings',
  gitlab: '/etc/gitlab/gitlab.rb',
  postfix: 'main.cf',
  msmtp: '~/.msmtprc, /etc/msmtprc',
  grafana: 'grafana.ini',
  discourse: 'containers/app.yml',
  nextcloud: 'config/mail.config.php',
  django: 'settings.py',
  spring: 'application.properties',
  mattermost: 'config.json',
  keycloak: 'realm JSON',
  env: 'smtp.env',
};

/** The command that applies an export, where one does (shown by --list-formats and the UI). */
const APPLY: Partial<Record<ExportFormatId, string>> = {
  'youtrack-rest':
    "curl -X POST 'https://YOUTRACK_URL/api/admin/globalSettings/notificationSettings?fields=emailSettings(isEnabled,host,port,mailProtocol,anonymous,login,from,replyTo)' " +
    "-H 'Authorization: Bearer YOUTRACK_TOKEN' -H 'Content-Type: application/json' --data @youtrack-email-settings.json",
};

export function listFormats(lang: ExportLang): ExportFormatInfo[] {
  const t = translator(lang);
  return EXPORT_FORMAT_IDS.map((id) => {
    const format = FORMATS[id];
    return {
      id,
      title: t(`formats.${id}.title`),
      target: t(`formats.${id}.target`, { where: WHERE[id] }),
      fileName: format.fileName,
      syntax: format.syntax,
      takesPassword: format.takesPassword,
      apply: APPLY[id] ?? null,
    };
  });
}

/** "2026-12-06 09:40 UTC" from an ISO time stamp. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function headerLines(id: ExportFormatId, subject: ExportSubject, t: Translate): string[] {
  const run = subject.lastRun;
  return [
    t('header.title', { format: t(`formats.${id}.title`), profile: subject.profileName }),
    run
      ? t(run.verdict === 'failed' ? 'header.lastRunFailed' : 'header.lastRun', {
          verdict: run.verdict,
          code: run.code,
          date: utcMinute(run.startedAt),
        })
      : t('header.neverRun'),
  ];
}

/**
 * Renders one format. Pure: the same subject gives the same text. The password reaches
 * the text only when the subject carries it (the caller asked for secrets) and the target
 * has a place for it.
 */
export function renderExport(id: ExportFormatId, subject: ExportSubject, lang: ExportLang): ExportResult {
  const format = FORMATS[id];
  const t = translator(lang);
  const reason = format.refuse?.(subject, t);
  if (reason) return { ok: false, reason };
  const given = format.takesPassword && !subject.anonymous ? subject : { ...subject, password: null };
  const output = format.render(given, t);
  const notes = [...headerLines(id, subject, t), ...output.notes];
  const comments = format.comment ? notes.map((line) => `${format.comment} ${line}`) : [];
  const text = [
    ...(format.preamble ?? []),
    ...comments,
    ...(comments.length ? [''] : []),
    ...output.lines,
  ].join('\n');
  return { ok: true, text: text + '\n', notes, containsSecret: given.password !== null };
}
