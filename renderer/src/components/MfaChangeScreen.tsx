import {
  Body1,
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Field,
  Radio,
  RadioGroup,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { monosignProfile } from '../../../shared/integrations/monosign-profile';
import { webConfigPickupAdvice } from '../../../shared/integrations/webconfig-pickup';
import type { SavedRun } from '../../../shared/runs/run-records';
import { collectedWebConfig, currentSettings } from '../mfa/current-settings';
import { useAppStore } from '../store/app-store';
import type { MfaApp, MfaFlow } from '../store/mfa-slice';
import { AppPoolRecycle } from './AppPoolRecycle';
import { MfaSettingsForm } from './MfaSettingsForm';
import { StatusLabel } from './StatusLabel';
import { WebConfigBackups } from './WebConfigBackups';
import { WebConfigDiff } from './WebConfigDiff';

const useStyles = makeStyles({
  screen: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '960px' },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  statuses: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  review: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  path: { wordBreak: 'break-all' },
});

const profile = monosignProfile;

/** The app's MFA checks in the newest run, so the admin sees what the change is for and what it did. */
function AppStatuses({ run, flow }: { run: SavedRun; flow: MfaFlow }) {
  const styles = useStyles();
  const results = run.results.find((entry) => entry.fqdn === flow.server)?.results ?? [];
  const mine = results.filter((result) => result.checkId.startsWith(`mfa.${flow.app}.`));
  return (
    <div className={styles.statuses} role="status" aria-label={`${flow.app} MFA checks`}>
      {mine.map((result) => (
        <Body1 key={result.checkId}>
          {result.checkId.split('.').at(-1)}: <StatusLabel status={result.status} />
        </Body1>
      ))}
    </div>
  );
}

function Review({ flow }: { flow: MfaFlow }) {
  const styles = useStyles();
  const applyMfa = useAppStore((s) => s.applyMfa);
  const edit = useAppStore((s) => s.editMfaSettings);
  const [reviewed, setReviewed] = useState(false);
  const preview = flow.preview;
  if (preview === null) return null;
  if (preview.unchanged)
    return (
      <>
        <Body1>{preview.path} already holds these settings: nothing to change.</Body1>
        <div>
          <Button onClick={edit}>Change the settings</Button>
        </div>
      </>
    );
  return (
    <section className={styles.review} aria-labelledby="diff-title">
      <Subtitle2 as="h3" id="diff-title" className={styles.path}>
        Planned change to {preview.path}
      </Subtitle2>
      {preview.simulated && <Body1>Simulated (demo estate): the lab changes, no server does.</Body1>}
      <WebConfigDiff preview={preview} />
      {preview.assemblyFile !== null && (
        <Body1>The module entry needs {preview.assemblyFile} in the app's bin folder.</Body1>
      )}
      <Checkbox
        checked={reviewed}
        onChange={(_event, data) => setReviewed(data.checked === true)}
        label={`I reviewed this change; back up web.config on ${flow.server} and write it`}
      />
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!reviewed || flow.phase !== 'diff'}
          onClick={() => void applyMfa()}
        >
          Apply
        </Button>
        <Button disabled={flow.phase !== 'diff'} onClick={edit}>
          Change the settings
        </Button>
      </div>
    </section>
  );
}

function Outcome({ flow }: { flow: MfaFlow }) {
  const outcome = flow.outcome;
  const region = useRef<HTMLDivElement>(null);
  // The Apply button is gone once the change is done: focus moves to what happened, not to the page's start.
  useEffect(() => region.current?.focus(), []);
  if (outcome === null) return null;
  if (outcome.outcome === 'unchanged')
    return (
      <div ref={region} tabIndex={-1}>
        <Body1 role="status">Nothing was written: the file already held the settings.</Body1>
      </div>
    );
  return (
    <div ref={region} tabIndex={-1}>
      <MessageBar intent={outcome.outcome === 'succeeded' ? 'success' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {outcome.outcome === 'succeeded' ? 'web.config written' : `The change was ${outcome.outcome}`}
          </MessageBarTitle>
          {outcome.backup !== null && <div>Backup: {outcome.backup}</div>}
          {outcome.after !== null && <div>SHA-256 now {outcome.after}</div>}
          {outcome.error !== null && <div>Error: {outcome.error}</div>}
          {outcome.recheckError !== null && <div>Re-check: {outcome.recheckError}</div>}
          <div>
            Audit entry {outcome.auditId}.{outcome.outcome === 'succeeded' ? ` ${webConfigPickupAdvice}` : ''}
          </div>
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

/** The web.config flow for the MFA module: settings, plan, diff, apply, and the backups to roll back to. */
export function MfaChangeScreen({ run, flow }: { run: SavedRun; flow: MfaFlow }) {
  const styles = useStyles();
  const closeMfa = useAppStore((s) => s.closeMfa);
  const chooseApp = useAppStore((s) => s.chooseMfaApp);
  const secretError = useAppStore((s) => s.secretError);
  const simulated = run.savedFacts.simulated === true;
  const initial = useMemo(
    () => currentSettings(profile, collectedWebConfig(run, flow.server, flow.app)),
    // The form starts from the file as first shown; a re-check after apply must not reset it.
    [flow.server, flow.app],
  );
  return (
    <section className={styles.screen} aria-labelledby="mfa-title">
      <div className={styles.heading}>
        <Button onClick={closeMfa}>Back to the server</Button>
        <Title3 as="h2" id="mfa-title">
          MFA module web.config on {flow.server}
        </Title3>
      </div>
      <Body1>
        {profile.title}: the settings go into appSettings and the module at the end of
        system.webServer/modules.
      </Body1>
      <Field label="Application">
        <RadioGroup
          layout="horizontal"
          value={flow.app}
          onChange={(_event, data) => chooseApp(data.value as MfaApp)}
          disabled={flow.phase === 'planning' || flow.phase === 'applying'}
        >
          {profile.apps.map((app) => (
            <Radio key={app.id} value={app.id} label={app.title} />
          ))}
        </RadioGroup>
      </Field>
      <AppStatuses run={run} flow={flow} />
      {flow.error !== null && flow.phase !== 'settings' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The change could not be planned or applied</MessageBarTitle>
            {flow.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {secretError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{secretError}</MessageBarBody>
        </MessageBar>
      )}
      {(flow.phase === 'settings' || flow.phase === 'planning') && (
        <MfaSettingsForm
          key={flow.app}
          profile={profile}
          initial={flow.draft ?? initial}
          simulated={simulated}
          busy={flow.phase === 'planning'}
          error={flow.phase === 'settings' ? flow.error : null}
        />
      )}
      {flow.phase === 'planning' && <Spinner label="Planning the change…" />}
      {(flow.phase === 'diff' || flow.phase === 'applying') && <Review flow={flow} />}
      {flow.phase === 'applying' && <Spinner label="Writing web.config and re-checking the server…" />}
      {flow.phase === 'done' && <Outcome flow={flow} />}
      {flow.phase === 'done' && flow.outcome?.outcome === 'succeeded' && <AppPoolRecycle flow={flow} />}
      <WebConfigBackups flow={flow} />
    </section>
  );
}
