import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  Textarea,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Microsoft365Inventory } from '../../../shared/domain/inventory';
import { useAppStore } from '../store/app-store';
import type { Microsoft365Problems } from '../store/inventory-slice';
import { fieldProblemProps, ProblemLines } from './ProblemLines';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** Domains as typed: one per line or comma separated, blanks dropped (main validates each). */
const domainsOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim())
    .filter((domain) => domain !== '');

/** The tenant the Microsoft 365 checks read; main validates every field and a refusal keeps what was typed. */
export function Microsoft365InventoryForm({ current }: { current: Microsoft365Inventory | undefined }) {
  const styles = useStyles();
  const setMicrosoft365 = useAppStore((s) => s.setMicrosoft365);
  const [tenant, setTenant] = useState(current?.tenant ?? '');
  const [appId, setAppId] = useState(current?.provisioningAppId ?? '');
  const [domains, setDomains] = useState(current?.federatedDomains.join('\n') ?? '');
  const [host, setHost] = useState(current?.idpSignInHost ?? '');
  const [problems, setProblems] = useState<Microsoft365Problems>({});
  const [busy, setBusy] = useState(false);

  const field = (name: string) => fieldProblemProps(problems, name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const trimmedHost = host.trim();
    setProblems(
      await setMicrosoft365({
        tenant,
        provisioningAppId: appId.trim(),
        federatedDomains: domainsOf(domains),
        idpSignInHost: trimmedHost === '' ? null : trimmedHost,
      }),
    );
    setBusy(false);
  };
  const remove = async () => {
    setBusy(true);
    const result = await setMicrosoft365(null);
    setBusy(false);
    setProblems(result);
    if (Object.keys(result).length > 0) return;
    setTenant('');
    setAppId('');
    setDomains('');
    setHost('');
  };

  return (
    <section className={styles.section} aria-labelledby="microsoft365-inventory-title">
      <Title3 as="h2" id="microsoft365-inventory-title">
        Microsoft 365 tenant
      </Title3>
      {/* A live region: saving or removing is confirmed by this line changing. */}
      <Body1 role="status">
        {current === undefined
          ? 'No Microsoft 365 tenant set yet: the tenant checks need one.'
          : `The tenant checks read ${current.tenant}.`}
      </Body1>
      {(problems[''] ?? []).length > 0 && <ProblemLines problems={problems[''] ?? []} />}
      <form
        className={styles.form}
        onSubmit={(event) => void submit(event)}
        aria-label="Set the Microsoft 365 tenant"
      >
        <Field
          label="Tenant (tenant id or initial domain, name.onmicrosoft.com)"
          required
          {...field('tenant')}
        >
          <Input
            value={tenant}
            onChange={(_event, data) => setTenant(data.value)}
            placeholder="contoso.onmicrosoft.com"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field label="Provisioning app's client id (application id)" required {...field('provisioningAppId')}>
          <Input
            value={appId}
            onChange={(_event, data) => setAppId(data.value)}
            placeholder="00000000-0000-0000-0000-000000000000"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field
          label="Federated custom domains (one per line or comma separated)"
          {...field('federatedDomains')}
        >
          <Textarea
            value={domains}
            onChange={(_event, data) => setDomains(data.value)}
            placeholder="contoso.com"
            resize="vertical"
            spellCheck={false}
          />
        </Field>
        <Field label="IdP sign-in host (optional, e.g. login.idp.example)" {...field('idpSignInHost')}>
          <Input
            value={host}
            onChange={(_event, data) => setHost(data.value)}
            placeholder="login.idp.example"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabledFocusable={busy}>
            Save tenant
          </Button>
          {current !== undefined && (
            <Button onClick={() => void remove()} disabledFocusable={busy}>
              Remove tenant
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
