/**
 * The app in Japanese, on the real services, with the OS (the browser context's locale,
 * and the services' systemLocale as Electron's app.getLocale() gives it) set to ja-JP: it
 * starts in Japanese, switches to English and back without a restart and keeps the choice;
 * the main flows (a test message to the rig, a Gmail failure with its fix, Check server, a
 * provider's notes) read in the seed page's words, with no English sentence left, axe clean, and nothing truncated or
 * overflowing at 900x650 and 1280x800. The Noto CJK fonts make the screenshots real.
 */
import { emptyProfileFields } from '../../electron/services/settings/profile';
import { startDnsServer } from '../support/dns-server';
import { leftoverLatin } from '../unit/i18n/catalogue-rules';
import { ACCOUNT, ACCOUNT_PASSWORD, startFakeGmail } from './fake-gmail';
import { expect, settled, test, type AppHarness } from './harness';
import { expectLayoutHolds } from './layout';
import { expectNoSeriousAxeViolations, formField as field } from './page-helpers';
import { e2eRig } from './rig-info';

test.use({ locale: 'ja-JP' });

const { rig, reason } = e2eRig();

/**
 * Words not yet in the catalogues, which these tests let pass so that any OTHER English
 * fails them: what a run record carries as words (its diagnosis summary and fix, its
 * warnings), which are put into English when the run is made.
 */
function notYetTranslated(calls: AppHarness['calls']): string[] {
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];
  const runs = calls.filter((c) => c.channel === 'runs:send').flatMap((c) => strings(c.result));
  return runs.filter((text) => /[A-Za-z]{3}/.test(text));
}

/**
 * English left on the page, text node by text node, once the user's own data (names, hosts,
 * addresses) and the server's own words (replies, transcripts, shown as they are) are out.
 */
async function englishOnPage(app: AppHarness, data: string[]): Promise<string[]> {
  const texts = await app.page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('pre, code, [data-testid="server-reply"]')) continue;
      if (!parent.checkVisibility()) continue;
      const text = node.textContent?.trim();
      if (text) found.push(text);
    }
    return found;
  });
  const known = [...data, ...notYetTranslated(app.calls)].sort((a, b) => b.length - a.length);
  return texts
    .filter((text) => !/^[A-Z][A-Z0-9_]+$/.test(text)) // a diagnosis code: never translated
    .filter((text) => !known.some((value) => value.includes(text)))
    .map((text) => known.reduce((rest, value) => rest.split(value).join(' '), text))
    .filter((text) => leftoverLatin(text).length > 0);
}

/** A raw message's Subject, its base64 encoded words (RFC 2047) decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
  const words = [...header.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map(([, b64]) =>
    Buffer.from(b64!, 'base64'),
  );
  return words.length > 0 ? Buffer.concat(words).toString('utf8') : header;
}

test('first start follows the OS language; switching applies at once and is kept', async ({ app }) => {
  const { page } = app;
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const sidebar = page.getByRole('complementary', { name: 'ナビゲーション' });
  await expect(sidebar.getByText('プロファイル', { exact: true })).toBeVisible();
  await expect(page.getByText('プロファイルはまだありません。Gmail、Microsoft 365')).toBeVisible();
  expect(await englishOnPage(app, [])).toEqual([]);
  await expectLayoutHolds(page, 'the empty state');
  await expectNoSeriousAxeViolations(page, 'the empty state in Japanese');

  const picker = sidebar.getByRole('combobox', { name: '表示言語' });
  await expect(picker).toHaveValue('system');
  await expect(picker.locator('option[value="system"]')).toHaveText('システムの言語（日本語）');
  await picker.selectOption('en');
  await expect(
    page.getByRole('complementary', { name: 'Navigation' }).getByText('Profiles', { exact: true }),
  ).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(app.calls.filter((c) => c.channel === 'app:setLanguage').map((c) => c.input)).toEqual([
    { language: 'en' },
  ]);

  // Kept in the settings: a restart comes back in English, and main speaks it too.
  const restarted = await app.restart();
  await expect(restarted.getByRole('complementary').getByText('Profiles', { exact: true })).toBeVisible();
  await restarted.getByRole('main').getByRole('button', { name: 'Your own server' }).click();
  await field(restarted, /^Server address/).fill('smtp.example.com');
  await restarted
    .getByRole('complementary')
    .getByRole('combobox', { name: 'Language' })
    .selectOption('system');
  await expect(restarted.getByRole('main').getByRole('textbox', { name: /^サーバーアドレス/ })).toHaveValue(
    'smtp.example.com',
  ); // the form kept what was typed: the switch needs no reload
  await expect(restarted.locator('html')).toHaveAttribute('lang', 'ja');
  await expectLayoutHolds(restarted, 'the new profile form');
});

test('a provider’s hints, notes (the dated one too) and other ports read in Japanese', async ({ app }) => {
  const { page } = app;
  const choose = async (preset: string) => {
    await page.getByRole('complementary').getByRole('button', { name: '新しいプロファイル' }).click();
    await page.getByRole('dialog').locator(`[data-preset="${preset}"]`).click();
  };
  await choose('amazon-ses');
  const about = page.getByRole('region', { name: 'Amazon SES について' });
  await expect(about).toContainText('SMTP 認証情報は IAM のアクセスキーとは別物です');
  await expect(about).toContainText('ポート 587 がブロックされているときの、STARTTLS を使う SMTP。');
  // The region's endpoint is a host name with the region to fill in.
  expect(await englishOnPage(app, ['email-smtp'])).toEqual([]);
  await expectLayoutHolds(page, 'Amazon SES and its notes');

  await choose('microsoft-365');
  const dated = page.getByRole('region', { name: 'Microsoft 365 について' }).locator('li[data-dated]');
  await expect(dated).toContainText('2026 年 12 月末に、既存のテナントで SMTP AUTH の基本認証');
  expect(await englishOnPage(app, [])).toEqual([]);
  await expectLayoutHolds(page, 'Microsoft 365 and its dated note');
});

test('the From domain’s DNS check reads in Japanese: every finding and fix, records as they are', async ({
  app,
}) => {
  const dns = await startDnsServer({
    'rig.test': { MX: [{ exchange: 'mail.rig.test', priority: 10 }], TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
    '_dmarc.rig.test': { TXT: ['v=DMARC1; p=quarantine; pct=50'] },
    'relay.example.test': { A: ['203.0.113.5'] },
  });
  try {
    app.resolver = dns.resolver;
    const page = await app.restart();
    await page.getByRole('main').getByRole('button', { name: '独自のサーバー' }).click();
    await page.getByRole('textbox', { name: 'プロファイル名' }).fill('DNS 確認');
    await field(page, /^サーバーアドレス/).fill('relay.example.test');
    await field(page, /^送信元アドレス/).fill('alice@rig.test');
    await page.getByRole('button', { name: '送信元ドメインの DNS を確認' }).click();
    const dialog = page.getByRole('dialog', { name: 'rig.test の DNS' });
    await expect(dialog.getByTestId('dns-finding')).toHaveCount(5);
    const finding = (check: string) => dialog.locator(`[data-testid="dns-finding"][data-check="${check}"]`);
    await expect(finding('mx')).toContainText('rig.test は MX ホスト mail.rig.test でメールを受信します。');
    await expect(finding('spf')).toHaveAttribute('data-status', 'fail');
    await expect(finding('spf')).toContainText('許可していません（"-all" に一致）');
    await expect(finding('spf')).toContainText('"v=spf1 ip4:192.0.2.1 a:relay.example.test -all"');
    await expect(finding('dmarc')).toContainText('のうち 50% が、受信側で迷惑メールに振り分けられます');
    await expect(finding('dkim')).toContainText('DKIM セレクターが指定されていないため');
    await settled(dialog);
    // The relay's host and address and the SPF terms the fix names are data, shown as they are.
    expect(await englishOnPage(app, ['DNS 確認', 'a:relay.example.test', 'ip4:203.0.113.5'])).toEqual([]);
    await expectNoSeriousAxeViolations(page, 'the DNS check in Japanese');
    await expectLayoutHolds(page, 'the DNS check');
  } finally {
    await dns.stop();
  }
});

test('a run to a vendor’s hosted relay warns in Japanese (the relay’s note said inside the warning)', async ({
  app,
}) => {
  const { page } = app;
  await page.getByRole('main').getByRole('button', { name: '独自のサーバー' }).click();
  await page.getByRole('textbox', { name: 'プロファイル名' }).fill('YouTrack');
  await field(page, /^サーバーアドレス/).fill('mail.example.myjetbrains.com');
  await page.getByRole('switch', { name: '匿名で接続' }).click();
  await field(page, /^送信元アドレス/).fill('app@example.com');
  await page.getByRole('button', { name: 'プロファイルを保存' }).click();
  await page.locator('header').getByRole('button', { name: 'テストメッセージを送信する' }).click();
  const dialog = page.getByRole('dialog', { name: 'テストメッセージを送信する' });
  await dialog.getByLabel(/送信先アドレス/).fill('someone@example.com');
  await dialog.getByRole('button', { name: '送信', exact: true }).click();
  await expect(dialog.getByTestId('failure-callout')).toBeVisible();
  await expect(dialog).toContainText(
    'JetBrains の YouTrack Cloud ドメインのホストは JetBrains のホスティングサービスのもので',
  );
  await expect(dialog).toContainText(
    'mail.example.myjetbrains.com を、組織で運用している SMTP サーバーに置き換えてください。',
  );
});

test('Gmail: the account password fails with its fix in Japanese, and the guide says what to do', async ({
  app,
}) => {
  const gmail = await startFakeGmail();
  try {
    const { page } = app;
    await page
      .getByRole('group', { name: 'プロファイルを作成' })
      .getByRole('button', { name: 'Gmail' })
      .click();
    const guide = page.getByRole('region', { name: 'Gmail 設定ガイド' });
    await expect(guide).toBeVisible();
    await page.getByRole('textbox', { name: 'プロファイル名' }).fill('Gmail 検証用');
    await field(page, /^サーバーアドレス/).fill('localhost');
    await page.getByRole('radio', { name: 'SMTP', exact: true }).click();
    await field(page, /^サーバーポート/).fill(String(gmail.port));
    await field(page, /^ユーザー名/).fill(ACCOUNT);
    await field(page, /^送信元アドレス/).fill(ACCOUNT);
    await page.getByLabel(/^パスワード/).fill(ACCOUNT_PASSWORD);
    await page.getByRole('button', { name: 'プロファイルを保存' }).click();
    await expect(
      page.getByRole('complementary').getByRole('button', { name: /^Gmail 検証用/ }),
    ).toBeVisible();

    await page.locator('header').getByRole('button', { name: 'テストメッセージを送信する' }).click();
    const dialog = page.getByRole('dialog', { name: 'テストメッセージを送信する' });
    await dialog.getByLabel(/送信先アドレス/).fill('someone@example.com');
    await dialog.getByRole('button', { name: '送信', exact: true }).click();
    const callout = dialog.getByTestId('failure-callout');
    await expect(callout).toContainText('AUTH_APP_PASSWORD_REQUIRED');
    await settled(dialog);
    await app.screenshot('ja-gmail-failure');
    expect(await englishOnPage(app, ['Gmail 検証用', ACCOUNT, 'someone@example.com', 'localhost'])).toEqual(
      [],
    );
    await expectNoSeriousAxeViolations(page, 'the Gmail failure in Japanese');
    await expectLayoutHolds(page, 'the Gmail failure');

    await callout.getByRole('button', { name: 'Gmail の設定ガイドを開く' }).click();
    await expect(dialog).toBeHidden();
    await expect(guide.getByRole('button', { name: /アプリパスワードを作成する/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await expect(guide.getByLabel(/^アプリパスワード/)).toBeFocused();
    await expect(page.locator('.fui-Toast')).toHaveCount(0);
    await settled(guide);
    await app.screenshot('ja-gmail-guide');
    expect(await englishOnPage(app, ['Gmail 検証用', ACCOUNT, 'localhost'])).toEqual([]);
    await expectNoSeriousAxeViolations(page, 'the Gmail guide in Japanese');
    await expectLayoutHolds(page, 'the Gmail guide');

    // A dashed password (Apple's format) is refused in Japanese, in Google's own terms.
    const appPassword = guide.getByLabel(/^アプリパスワード/);
    await appPassword.fill('abcd-efgh-ijkl-mnop');
    await appPassword.press('Enter');
    await expect(guide.getByText(/ハイフンではなくスペースで区切って表示します/)).toBeVisible();
    await expect(appPassword).toHaveAttribute('aria-invalid', 'true');
    expect(await englishOnPage(app, ['Gmail 検証用', ACCOUNT, 'localhost'])).toEqual([]);
  } finally {
    await gmail.close();
  }
});

test.describe('with the mail rig', () => {
  test.skip(!rig, `needs the mail rig: ${reason}`);

  test('send a test message in Japanese: the seed page’s words, the phases and the verdict', async ({
    app,
  }) => {
    const { page } = app;
    const r = rig!;
    await page.getByRole('main').getByRole('button', { name: '独自のサーバー' }).click();
    await page.getByRole('textbox', { name: 'プロファイル名' }).fill('社内リレー');
    await field(page, /^サーバーアドレス/).fill('localhost');
    await field(page, /^サーバーポート/).fill(String(r.ports.submission));
    await expect(page.getByRole('radio', { name: 'SMTP+STARTTLS' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByText('匿名で接続')).toBeVisible();
    await field(page, /^ユーザー名/).fill(r.user.username);
    await page.getByLabel(/^パスワード/).fill(r.user.password);
    await field(page, /^送信元アドレス/).fill(r.user.address);
    await expect(page.getByText('返信先アドレス')).toBeVisible();
    await page.getByRole('button', { name: 'プロファイルを保存' }).click();
    await expect(page.getByRole('button', { name: 'パスワードの変更' })).toBeVisible();
    await expect(page.locator('.fui-Toast')).toHaveCount(0);
    await app.screenshot('ja-profile-form');

    await page.getByRole('button', { name: 'テストメッセージを送信する' }).click();
    const dialog = page.getByRole('dialog', { name: 'テストメッセージを送信する' });
    await dialog.getByLabel(/送信先アドレス/).fill(r.user.address);
    await dialog.getByLabel(/送信先アドレス/).press('Enter');
    await expect(dialog.getByTestId('run-outcome')).toContainText(/localhost が \d+ ミリ秒で受理しました/);
    // The test message is in Japanese too (its subject MIME-encoded, as nodemailer writes it).
    await r.waitForMessage(
      r.user.username,
      (raw) => subjectOf(raw) === 'Mail Preflight テストメッセージ（社内リレー）',
    );
    await settled(dialog);
    await app.screenshot('ja-run-accepted');
    const data = ['社内リレー', r.user.address, r.user.username, 'localhost'];
    expect(await englishOnPage(app, data)).toEqual([]);
    await expectNoSeriousAxeViolations(page, 'a delivered test in Japanese');
    await expectLayoutHolds(page, 'the send dialog');
  });

  test('Check server in Japanese: what the port speaks and the proposal, in the app’s language', async ({
    app,
  }) => {
    const { page } = app;
    const r = rig!;
    await app.services.profiles.create({
      ...emptyProfileFields(),
      name: '社内リレー',
      host: 'localhost',
      port: r.ports.smtps,
      username: r.user.username,
      from: r.user.address,
    });
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'プロファイル名' })).toHaveValue('社内リレー');
    await page.getByRole('button', { name: 'サーバーを確認' }).click();
    const dialog = page.getByRole('dialog', { name: 'サーバーを確認' });
    const summary = dialog.getByTestId('probe-summary');
    await expect(summary).toHaveText(
      new RegExp(
        `^localhost:${r.ports.smtps} は暗黙的 TLS（SMTPS、TLSv1\\.[23]）で応答し、AUTH PLAIN LOGIN に対応しています。$`,
      ),
    );
    expect(leftoverLatin((await summary.textContent()) ?? '')).toEqual([]);
    await expect(dialog.getByTestId('probe-proposal')).toContainText(
      `ポート ${r.ports.smtps} で SMTPS を使用`,
    );
    // The summary is made by the services in the language the window shows.
    const [probe] = app.calls.filter((c) => c.channel === 'servers:probe');
    expect(probe?.result).toMatchObject({
      ok: true,
      value: { code: 'OK', fix: { text: `ポート ${r.ports.smtps} で SMTPS を使用してください。` } },
    });
  });
});
