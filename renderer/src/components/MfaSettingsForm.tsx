import { Body1, Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { IntegrationProfile, ProfileSetting } from '../../../shared/integrations/integration-profile';
import { describeSettingProblem } from '../../../shared/integrations/setting-validators';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  secretRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  secretInput: { flex: 1 },
});

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
      <Field label={setting.key} hint={setting.description}>
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
      label={key}
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

/** The profile's settings for one app: plain values typed here, secrets from the encrypted store. */
export function MfaSettingsForm({
  profile,
  initial,
  simulated,
  busy,
}: {
  profile: IntegrationProfile;
  initial: Record<string, string>;
  simulated: boolean;
  busy: boolean;
}) {
  const styles = useStyles();
  const planMfa = useAppStore((s) => s.planMfa);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const plain = profile.appSettings.filter((setting) => !setting.secret);

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
      if (problem !== null) found[setting.key] = `${setting.key} ${problem}`;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void planMfa(
      plain
        .map((setting) => ({ key: setting.key, value: values[setting.key] ?? '' }))
        .filter((setting) => setting.value !== ''),
      values,
    );
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="MFA module settings">
      {profile.appSettings.map((setting) =>
        setting.secret ? (
          <SecretField key={setting.key} setting={setting} simulated={simulated} />
        ) : (
          <Field
            key={setting.key}
            label={setting.key}
            hint={setting.description}
            required={setting.required}
            validationState={problems[setting.key] === undefined ? 'none' : 'error'}
            validationMessage={problems[setting.key]}
          >
            <Input
              value={values[setting.key] ?? ''}
              onChange={(_event, data) => setValues({ ...values, [setting.key]: data.value })}
            />
          </Field>
        ),
      )}
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          Plan the change
        </Button>
      </div>
    </form>
  );
}
