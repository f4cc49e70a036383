/**
 * The DNS check's sentences in both languages: every `dnsFinding.*` sentence said with sample
 * parameters (sentences inside sentences included), and every finding the test zone gives,
 * checked in Japanese. Records, domains, selectors and SPF terms stay verbatim; everything
 * else is Japanese, with protocol words (SPF, DKIM, DMARC, MX, TXT) as they are.
 */
import { describe, expect, it } from 'vitest';
import { ENGLISH, createTranslator, say, sentence, type Sentence } from '../../../electron/services/i18n';
import { flatten, leftoverLatin } from '../i18n/catalogue-rules';
import { checkWith, useZoneServer, ZONE } from './zone';

const { server } = useZoneServer();

const english = flatten(ENGLISH);
const keys = [...english.keys()].filter((key) => key.startsWith('dnsFinding.'));

/** A sample value for each placeholder: a sentence where the catalogue nests one. */
const SAMPLES: Record<string, string | number | Sentence> = {
  failure: sentence('dnsFinding.lookup.timeout', { ms: 5000 }),
  who: sentence('dnsFinding.spf.relay.named', { relay: 'smtp.example.test (203.0.113.5)' }),
  why: sentence('dnsFinding.spf.relay.noAddress', { host: 'smtp.example.test' }),
  error: sentence('dnsFinding.spfError.tooManyLookups', { limit: 10 }),
  what: sentence('dnsFinding.spfError.lookup', { type: 'TXT', name: 'example.test' }),
  meaning: sentence('dnsFinding.dmarc.meaning.reject'),
  consequence: sentence('dnsFinding.alignment.consequence.reject'),
  notes: sentence('dnsFinding.spf.note.both', {
    first: sentence('dnsFinding.spf.note.through', { term: 'include:_spf.example.net' }),
    second: sentence('dnsFinding.spf.note.nearLimit', { lookups: 9, limit: 10 }),
  }),
  first: sentence('dnsFinding.spf.note.passing', { ips: '203.0.113.5' }),
  second: sentence('dnsFinding.spf.note.ptr', { terms: 'ptr:example.test' }),
};
const VERBATIM = 'verbatim.example.test';

function sample(key: string): Record<string, string | number | Sentence> {
  const names = [...english.get(key)!.matchAll(/\{\{(\w+)/g)].map((match) => match[1]!);
  return Object.fromEntries(
    names.map((name) => [
      name,
      SAMPLES[name] ?? (/^(ms|records|count|limit|lookups|bits|bytes|pct)$/.test(name) ? 7 : VERBATIM),
    ]),
  );
}

/** Japanese text with the samples' verbatim parts (records, terms, domains, numbers) taken out. */
function leftoverEnglish(text: string): string[] {
  return leftoverLatin(
    text
      .replace(/"[^"]*"/g, ' ')
      .replace(/[+\-~?]?\b(?:a|mx|ip4|ip6|include|exists|ptr|all|redirect)[:=/]\S*/g, ' '),
  );
}

describe('DNS findings in both languages', () => {
  it('has sentences to check', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  it.each(keys)('%s reads whole in English and in Japanese', (key) => {
    const message = sentence(key as Sentence['key'], sample(key));
    const en = say(message, createTranslator('en'));
    const ja = say(message, createTranslator('ja'));
    for (const text of [en, ja]) {
      expect(text).not.toMatch(/\{\{|This value is not valid/);
      expect(text.trim()).not.toBe('');
    }
    expect(ja).not.toBe(en);
    expect(leftoverEnglish(ja), ja).toEqual([]);
  });
});

describe('the DNS check in Japanese', () => {
  const domains = Object.keys(ZONE).filter((name) => !name.includes('_'));
  const selectors = Object.keys(ZONE)
    .map((name) => /^([^.]+)\._domainkey\.good\.test$/.exec(name)?.[1])
    .filter((selector) => selector !== undefined);

  it('says every finding of the test zone in Japanese, records and names verbatim', async () => {
    const reports = await Promise.all([
      ...domains.map((domain) => checkWith(server(), { from: `alerts@${domain}`, language: 'ja' })),
      ...[...selectors, 'no_such', 'bad selector!'].map((dkimSelector) =>
        checkWith(server(), { from: 'alerts@good.test', dkimSelector, language: 'ja' }),
      ),
      checkWith(server(), { from: 'a@ip4.test', relayHost: 'nowhere.mail.test', language: 'ja' }),
      checkWith(server(), { from: 'a@ip4.test', relayIps: ['10.0.0.5'], language: 'ja' }),
    ]);
    const texts = reports.flatMap((report) =>
      report.findings.flatMap((finding) => [finding.summary, finding.fix ?? '']),
    );
    expect(new Set(texts).size).toBeGreaterThan(60);
    for (const text of texts) {
      expect(leftoverEnglish(text.replaceAll(/\b(?:sel1|pkcs1|no_such)\b/g, ' ')), text).toEqual([]);
    }
  });

  it('keeps the English of the same finding and the record as it is', async () => {
    const [en, ja] = await Promise.all(
      (['en', 'ja'] as const).map((language) => checkWith(server(), { from: 'alerts@fail.test', language })),
    );
    const spf = (report: typeof en) => report!.findings.find((finding) => finding.check === 'spf')!;
    expect(spf(en).summary).toBe(
      'The SPF record of fail.test does not allow the relay relay.mail.test (203.0.113.5) to send for it ("-all" matched); receivers will reject or junk its mail.',
    );
    expect(spf(ja).summary).toBe(
      'fail.test の SPF レコードは リレー relay.mail.test (203.0.113.5) がこのドメインのメールを送信することを許可していません（"-all" に一致）。受信側はこのメールを拒否するか、迷惑メールとして扱います。',
    );
    expect(spf(ja).fix).toBe(
      'fail.test の SPF レコードに a:relay.mail.test（または ip4:203.0.113.5）を追加してください："v=spf1 ip4:198.51.100.1 a:relay.mail.test -all"。',
    );
    expect(spf(ja).record).toBe(spf(en).record);
  });
});
