/**
 * The Gmail / Google Workspace walkthrough beside the form: a vertical list of steps, each
 * with its state (icon, word and colour), one or more open at a time — personal account or
 * Workspace → 2-Step Verification → create an app password → paste it → the username is the
 * full address → From is that address or a "Send mail as" alias → send a test. The steps
 * read the form and the last run; a failed Gmail run opens the guide at the step that fixes
 * it (`focus`).
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  CheckmarkCircle20Filled,
  DismissCircle20Filled,
  Info16Regular,
  Send16Regular,
  Warning20Filled,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import type { Preset } from '../../../electron/services/presets';
import { isValidAddress, type Profile } from '../../../electron/services/settings/profile';
import { useSharedStyles } from '../../shared/styles';
import { ExternalLink } from '../presets/ExternalLink';
import { useSidePanelStyles } from '../presets/AboutPreset';
import type { GooglePresetId } from '../presets/presetSetup';
import type { FieldRefs } from '../profile/fieldRefs';
import type { ProfileForm } from '../profile/useProfileForm';
import { AppPasswordStep } from './AppPasswordStep';
import { GOOGLE_AUTH_CODES, GOOGLE_LINKS, GUIDE_STEPS, type GuideFocus, type GuideStep } from './gmailGuide';

type StepState = 'done' | 'todo' | 'warning' | 'failed';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground3 },
  accordion: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalS})`,
  },
  item: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  head: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
  },
  stepTitle: { fontWeight: tokens.fontWeightSemibold },
  stateWord: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  stateWarning: { color: tokens.colorPaletteMarigoldForeground2 },
  stateFailed: { color: tokens.colorPaletteRedForeground1 },
  number: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '18px',
    height: '18px',
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    boxSizing: 'border-box',
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  warning: { color: tokens.colorPaletteMarigoldForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalM} 38px`,
  },
  stretch: { alignSelf: 'stretch' },
  note: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    color: tokens.colorNeutralForeground2,
  },
  noteIcon: { flexShrink: 0, marginTop: '2px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  value: { overflowWrap: 'anywhere' },
});

function StepIcon({ state, n }: { state: StepState; n: number }) {
  const styles = useStyles();
  if (state === 'done') return <CheckmarkCircle20Filled aria-hidden className={styles.done} />;
  if (state === 'warning') return <Warning20Filled aria-hidden className={styles.warning} />;
  if (state === 'failed') return <DismissCircle20Filled aria-hidden className={styles.failed} />;
  return (
    <span aria-hidden className={styles.number}>
      {n}
    </span>
  );
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function GmailGuide({
  preset,
  kind,
  form,
  refs,
  profile,
  focus,
  onKindChange,
  onPasswordSaved,
  onSend,
}: {
  /** The Gmail or Google Workspace preset (its app-password page). */
  preset: Preset;
  kind: GooglePresetId;
  form: ProfileForm;
  refs: FieldRefs;
  /** The saved profile (with its last run), or null for a new one. */
  profile: ProfileListItem | null;
  focus: GuideFocus | null;
  onKindChange(kind: GooglePresetId): void;
  onPasswordSaved(profile: Profile): void;
  onSend(): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const panel = useSidePanelStyles();
  const shared = useSharedStyles();
  const titleId = useId();
  const pasteInput = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLElement>(null);
  const workspace = kind === 'google-workspace';
  const isNew = profile === null;
  const { username, from } = form.values;

  const [confirmed, setConfirmed] = useState<ReadonlySet<GuideStep>>(new Set());
  /** When this guide last stored an app password: an older refused run no longer counts. */
  const [pastedAt, setPastedAt] = useState<string | null>(null);

  const lastRun = profile?.lastRun ?? null;
  const runIsCurrent = lastRun !== null && (pastedAt === null || lastRun.startedAt > pastedAt);
  const loginRefused = runIsCurrent && lastRun.verdict === 'failed' && GOOGLE_AUTH_CODES.has(lastRun.code);
  const passed = runIsCurrent && lastRun.verdict !== 'failed';
  const passwordReady = isNew ? form.password !== '' : (profile?.passwordSet ?? false);
  const passwordGood = (passwordReady || pastedAt !== null) && !loginRefused;
  const usernameOk = isValidAddress(username.trim());

  const states: Record<GuideStep, StepState> = {
    account: 'done',
    twoStep: confirmed.has('twoStep') || passwordGood || passed ? 'done' : 'todo',
    create: confirmed.has('create') || passwordGood || passed ? 'done' : 'todo',
    paste: loginRefused ? 'failed' : passwordGood ? 'done' : 'todo',
    username: username.trim() === '' ? 'todo' : usernameOk ? 'done' : 'warning',
    from: from.trim() === '' ? 'todo' : usernameOk && !sameAddress(from, username) ? 'warning' : 'done',
    send: !runIsCurrent ? 'todo' : lastRun.verdict === 'failed' ? 'failed' : 'done',
  };

  const firstOpen = (): GuideStep[] => {
    const next = GUIDE_STEPS.find((step) => states[step] !== 'done');
    return next ? [next] : [];
  };
  const [openItems, setOpenItems] = useState<GuideStep[]>(() => (focus ? focus.steps : firstOpen()));
  // A new request to open at a step (a failed run's "Open the Gmail guide").
  const [seenFocus, setSeenFocus] = useState(focus?.nonce);
  if (focus && focus.nonce !== seenFocus) {
    setSeenFocus(focus.nonce);
    setOpenItems(focus.steps);
  }

  // Then bring the guide (with why it opened) into view and put the cursor where the fix
  // goes — after the send dialog has closed and handed focus back to its button.
  const focusNonce = focus?.nonce;
  useEffect(() => {
    if (focusNonce === undefined) return;
    const timer = window.setTimeout(() => {
      root.current?.scrollIntoView({ block: 'start' });
      pasteInput.current?.focus(); // scrolls on only if the field is still out of view
    }, 60);
    return () => window.clearTimeout(timer);
  }, [focusNonce]);

  const next = (step: GuideStep) => {
    setConfirmed((current) => new Set(current).add(step));
    const following = GUIDE_STEPS[GUIDE_STEPS.indexOf(step) + 1];
    setOpenItems(following ? [following] : []);
  };

  const nextButton = (step: GuideStep) => (
    <Button size="small" onClick={() => next(step)}>
      {t('guide.next')}
    </Button>
  );

  const note = (text: string) => (
    <Text size={200} className={styles.note}>
      <Info16Regular aria-hidden className={styles.noteIcon} />
      <span>{text}</span>
    </Text>
  );

  const bodies: Record<GuideStep, ReactNode> = {
    account: (
      <RadioGroup
        value={kind}
        aria-label={t('guide.account.title')}
        onChange={(_, data) => onKindChange(data.value as GooglePresetId)}
      >
        <Radio value="gmail" label={t('guide.account.personal')} />
        <Radio value="google-workspace" label={t('guide.account.workspace')} />
      </RadioGroup>
    ),
    twoStep: (
      <>
        <Text size={200}>{t('guide.twoStep.body')}</Text>
        {workspace && note(t('guide.twoStep.workspace'))}
        <ExternalLink href={GOOGLE_LINKS.twoStep}>{t('guide.twoStep.link')}</ExternalLink>
        {nextButton('twoStep')}
      </>
    ),
    create: (
      <>
        <Text size={200}>{t('guide.create.body')}</Text>
        {preset.appPasswordUrl && (
          <ExternalLink href={preset.appPasswordUrl}>{t('guide.create.link')}</ExternalLink>
        )}
        {note(workspace ? t('guide.create.unavailableWorkspace') : t('guide.create.unavailable'))}
        {nextButton('create')}
      </>
    ),
    paste: (
      <div className={styles.stretch}>
        <AppPasswordStep
          profileId={profile?.id ?? null}
          passwordState={
            loginRefused
              ? 'refused'
              : isNew && form.password !== ''
                ? 'pending'
                : passwordReady
                  ? 'set'
                  : 'none'
          }
          inputRef={pasteInput}
          onUse={(password) => {
            form.setPassword(password);
            setPastedAt(new Date().toISOString());
          }}
          onSaved={(saved) => {
            setPastedAt(new Date().toISOString());
            onPasswordSaved(saved);
          }}
        />
      </div>
    ),
    username: (
      <>
        <Text size={200} className={styles.value}>
          {username.trim() === ''
            ? t('guide.username.empty')
            : usernameOk
              ? t('guide.username.ok', { username: username.trim() })
              : t('guide.username.notAddress', { username })}
        </Text>
        <div className={styles.actions}>
          {!usernameOk && isValidAddress(from.trim()) && (
            <Button size="small" onClick={() => form.set('username', from.trim())}>
              {t('guide.username.useFrom', { address: from.trim() })}
            </Button>
          )}
          <Button size="small" appearance="subtle" onClick={() => refs.focus('username')}>
            {t('guide.username.edit')}
          </Button>
        </div>
      </>
    ),
    from: (
      <>
        <Text size={200} className={styles.value}>
          {from.trim() === ''
            ? t('guide.from.empty')
            : states.from === 'warning'
              ? t('guide.from.differs', { from: from.trim(), username: username.trim() })
              : t('guide.from.ok')}
        </Text>
        <div className={styles.actions}>
          {usernameOk && !sameAddress(from, username) && (
            <Button size="small" onClick={() => form.set('from', username.trim())}>
              {t('guide.from.useUsername', { username: username.trim() })}
            </Button>
          )}
          <Button size="small" appearance="subtle" onClick={() => refs.focus('from')}>
            {t('guide.from.edit')}
          </Button>
        </div>
        <ExternalLink href={GOOGLE_LINKS.sendMailAs}>{t('guide.from.aliasLink')}</ExternalLink>
      </>
    ),
    send: (
      <>
        <Text size={200}>
          {isNew
            ? t('guide.send.saveFirst')
            : !runIsCurrent
              ? t('guide.send.body')
              : lastRun.verdict === 'failed'
                ? t('guide.send.failed', { summary: lastRun.summary })
                : t('guide.send.passed')}
        </Text>
        <Button
          size="small"
          appearance="primary"
          icon={<Send16Regular />}
          disabledFocusable={isNew}
          onClick={onSend}
        >
          {t('profile.actions.send')}
        </Button>
      </>
    ),
  };

  const stateWordClass = (state: StepState) =>
    mergeClasses(
      styles.stateWord,
      state === 'warning' && styles.stateWarning,
      state === 'failed' && styles.stateFailed,
    );

  return (
    <section
      ref={root}
      className={panel.panel}
      aria-labelledby={titleId}
      data-testid="gmail-guide"
      data-kind={kind}
    >
      <h2 id={titleId} className={panel.title}>
        {workspace ? t('guide.titleWorkspace') : t('guide.titleGmail')}
      </h2>
      <Text size={200} className={styles.intro}>
        {t('guide.intro')}
      </Text>
      {focus && loginRefused && (
        <MessageBar intent="error" layout="multiline" data-testid="guide-reason">
          <MessageBarBody>
            <MessageBarTitle>{focus.summary}</MessageBarTitle>
            {focus.steps[0] === 'create' ? t('guide.reason.create') : t('guide.reason.paste')}
          </MessageBarBody>
        </MessageBar>
      )}
      <Accordion
        className={styles.accordion}
        multiple
        collapsible
        openItems={openItems}
        onToggle={(_, data) => setOpenItems(data.openItems as GuideStep[])}
      >
        {GUIDE_STEPS.map((step, index) => {
          const state = states[step];
          return (
            <AccordionItem
              key={step}
              value={step}
              className={styles.item}
              data-step={step}
              data-state={state}
            >
              <AccordionHeader
                size="small"
                expandIconPosition="end"
                icon={<StepIcon state={state} n={index + 1} />}
              >
                <span className={styles.head}>
                  <span className={styles.stepTitle}>{t(`guide.${step}.title`)}</span>
                  <span className={stateWordClass(state)}>
                    <span className={shared.visuallyHidden}>{' — '}</span>
                    {state === 'failed' && step === 'send'
                      ? t('guide.state.failedSend')
                      : t(`guide.state.${state}`)}
                  </span>
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>{bodies[step]}</AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </section>
  );
}
