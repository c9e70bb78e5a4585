import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IntegrationProfile, ProfileSetting } from '../../../shared/integrations/integration-profile';
import { describeSettingProblem } from '../../../shared/integrations/setting-validators';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  secretRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  secretInput: { flex: 1 },
  submit: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The label the profile gives a setting, with its web.config key beside it for those who know the keys. */
const labelOf = (setting: ProfileSetting) =>
  setting.label === undefined ? setting.key : `${setting.label} (${setting.key})`;
const nameOf = (setting: ProfileSetting) => setting.label ?? setting.key;

/** The plan's refusal, where the admin pressed the button: announced, and focused so it is seen. */
function PlanRefusal({ error }: { error: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    region.current?.focus();
    region.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  return (
    <div ref={region} tabIndex={-1} role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The change could not be planned</MessageBarTitle>
          {error}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}

// Where the profile's admin-named key and its value are kept in the form's values (never a profile key).
const extraKeyField = 'extra:key';
const extraValueField = 'extra:value';

type SecretName = 'MONOSIGN_API_KEY' | 'MONOSIGN_API_SECRET';
const isSecretName = (key: string): key is SecretName =>
  key === 'MONOSIGN_API_KEY' || key === 'MONOSIGN_API_SECRET';

/** A secret: stored encrypted in main, typed once, never shown again; the demo uses made-up values. */
function SecretField({ setting, simulated }: { setting: ProfileSetting; simulated: boolean }) {
  const styles = useStyles();
  const stored = useAppStore((s) => s.secretNames.includes(setting.key));
  const storeSecret = useAppStore((s) => s.storeSecret);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  if (simulated) {
    return (
      <Field label={labelOf(setting)} hint={setting.description}>
        <Body1>Demo estate: a made-up value is used, masked in the diff.</Body1>
      </Field>
    );
  }
  const key = setting.key;
  const save = async () => {
    if (!isSecretName(key) || value === '') return;
    setBusy(true);
    if (await storeSecret(key, value)) setValue('');
    setBusy(false);
  };
  return (
    <Field
      label={labelOf(setting)}
      hint={`${setting.description} ${stored ? 'Stored, encrypted: type a new value to replace it.' : 'Not stored yet.'}`}
      required={setting.required && !stored}
    >
      <div className={styles.secretRow}>
        <Input
          className={styles.secretInput}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(_event, data) => setValue(data.value)}
        />
        <Button disabled={busy || value === ''} onClick={() => void save()}>
          {stored ? 'Replace' : 'Store'}
        </Button>
      </div>
    </Field>
  );
}

/** A true/false setting as a Switch; a value in the file that is neither is named, and refused until chosen. */
function BooleanField({
  setting,
  value,
  problem,
  onChange,
}: {
  setting: ProfileSetting;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}) {
  const on = value.toLowerCase() === 'true';
  const odd = value !== '' && !['true', 'false'].includes(value.toLowerCase());
  return (
    <Field
      label={labelOf(setting)}
      hint={`${setting.description}${odd ? ` The file holds "${value}", which is neither: choose On or Off.` : ''}`}
      validationState={problem === undefined ? 'none' : 'error'}
      validationMessage={problem}
    >
      <Switch
        checked={on}
        onChange={(_event, data) => onChange(data.checked ? 'true' : 'false')}
        label={on ? 'On' : 'Off'}
      />
    </Field>
  );
}

/** The profile's settings for one app: plain values typed here, secrets from the encrypted store. */
export function MfaSettingsForm({
  profile,
  initial,
  simulated,
  busy,
  error,
}: {
  profile: IntegrationProfile;
  initial: Record<string, string>;
  simulated: boolean;
  busy: boolean;
  /** Main's refusal of the last plan, shown next to the button that asked for it. */
  error: string | null;
}) {
  const styles = useStyles();
  const planMfa = useAppStore((s) => s.planMfa);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const plain = profile.appSettings.filter((setting) => !setting.secret);
  const extra = profile.extraSetting;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const setting of plain) {
      const value = values[setting.key] ?? '';
      const problem =
        value === ''
          ? setting.required
            ? 'is required'
            : null
          : describeSettingProblem(setting.validator, value);
      if (problem !== null) found[setting.key] = `${nameOf(setting)} ${problem}`;
    }
    const extraKey = (values[extraKeyField] ?? '').trim();
    const extraValue = values[extraValueField] ?? '';
    if (extra !== undefined && (extraKey === '') !== (extraValue === ''))
      found[extraKeyField] = `${extra.label}: give both the key name and the value, or neither`;
    else if (extra !== undefined && extraValue !== '') {
      const problem = describeSettingProblem(extra.validator, extraValue);
      if (problem !== null) found[extraKeyField] = `${extra.label} ${problem}`;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void planMfa(
      plain
        .map((setting) => ({ key: setting.key, value: values[setting.key] ?? '' }))
        .filter((setting) => setting.value !== ''),
      extraKey === '' ? null : { key: extraKey, value: extraValue },
      values,
    );
  };
  const field = (name: string) => ({
    value: values[name] ?? '',
    onChange: (_event: unknown, data: { value: string }) => setValues({ ...values, [name]: data.value }),
  });

  return (
    <form className={styles.form} onSubmit={submit} aria-label="MFA module settings">
      {profile.appSettings.map((setting) =>
        setting.secret ? (
          <SecretField key={setting.key} setting={setting} simulated={simulated} />
        ) : setting.validator === 'boolean' ? (
          <BooleanField
            key={setting.key}
            setting={setting}
            value={values[setting.key] ?? ''}
            problem={problems[setting.key]}
            onChange={(value) => setValues({ ...values, [setting.key]: value })}
          />
        ) : (
          <Field
            key={setting.key}
            label={labelOf(setting)}
            hint={setting.description}
            required={setting.required}
            validationState={problems[setting.key] === undefined ? 'none' : 'error'}
            validationMessage={problems[setting.key]}
          >
            <Input {...field(setting.key)} />
          </Field>
        ),
      )}
      {extra !== undefined && (
        <>
          <Field
            label={`${extra.label}: key name (optional)`}
            hint={extra.description}
            validationState={problems[extraKeyField] === undefined ? 'none' : 'error'}
            validationMessage={problems[extraKeyField]}
          >
            <Input {...field(extraKeyField)} />
          </Field>
          <Field label={`${extra.label}: value`}>
            <Input {...field(extraValueField)} />
          </Field>
        </>
      )}
      <div className={styles.submit}>
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            Plan the change
          </Button>
        </div>
        {error !== null && <PlanRefusal error={error} />}
      </div>
    </form>
  );
}
