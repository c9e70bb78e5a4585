import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import { defaultGraphClientId, graphScopes } from '../../../shared/tenant/graph-scopes';
import { useAppStore } from '../store/app-store';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  scope: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
});

/** Sign-in to the tenant: who is signed in, and before sign-in every scope asked for and what consent means. */
export function TenantSignIn({ simulated }: { simulated: boolean }) {
  const styles = useStyles();
  const signIn = useAppStore((s) => s.signIn);
  const busy = useAppStore((s) => s.signInBusy);
  const error = useAppStore((s) => s.signInError);
  const tenant = useAppStore((s) => s.inventory?.microsoft365?.tenant ?? null);
  const loadSignInState = useAppStore((s) => s.loadSignInState);
  const signInToTenant = useAppStore((s) => s.signInToTenant);
  const signOutOfTenant = useAppStore((s) => s.signOutOfTenant);

  useEffect(() => {
    void loadSignInState();
  }, [loadSignInState]);

  const signedIn = signIn?.signedIn === true;
  return (
    <section className={styles.root} aria-labelledby="tenant-sign-in-title">
      <Subtitle2 as="h3" id="tenant-sign-in-title">
        Sign-in to Microsoft 365
      </Subtitle2>
      {simulated && <Body1>The simulated demo tenant needs no sign-in; a real tenant does.</Body1>}
      <div className={styles.row}>
        <Body1 role="status">
          {signIn === null
            ? 'Reading the sign-in state…'
            : signIn.signedIn
              ? `Signed in as ${signIn.username} (tenant ${signIn.tenantId})`
              : 'Not signed in'}
        </Body1>
        {signedIn ? (
          <Button disabled={busy} onClick={() => void signOutOfTenant()}>
            Sign out
          </Button>
        ) : (
          <Button
            appearance="primary"
            disabled={busy || tenant === null}
            aria-describedby={tenant === null ? 'tenant-sign-in-needs-tenant' : undefined}
            onClick={() => tenant !== null && void signInToTenant(tenant)}
          >
            {/* Names the inventory's tenant, so the admin sees which tenant the browser will be sent to. */}
            {tenant === null ? 'Sign in' : `Sign in to ${tenant}`}
          </Button>
        )}
      </div>
      {tenant === null && !signedIn && (
        <Body1 id="tenant-sign-in-needs-tenant">
          The inventory names no Microsoft 365 tenant yet: add the tenant and its provisioning app to sign in.
        </Body1>
      )}
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>Sign-in failed: {error}</MessageBarBody>
        </MessageBar>
      )}
      {!signedIn && (
        <>
          <Body1>
            Sign-in opens your browser at Microsoft. ExReady asks for these delegated, read-only Microsoft
            Graph permissions, and no others:
          </Body1>
          <ul className={styles.list} aria-label="Permissions ExReady asks for">
            {graphScopes.map((scope) => (
              <li key={scope.name}>
                <span className={styles.scope}>{scope.name}</span>: {scope.why}
              </li>
            ))}
          </ul>
          <Body1>
            What consent means: delegated permissions act as the signed-in admin, never beyond that
            account&apos;s own Entra roles, and every one is read-only, so ExReady can change nothing in the
            tenant. The first sign-in may ask an administrator to consent for the organisation: that grants
            the Microsoft Graph Command Line Tools app ({defaultGraphClientId}), which Graph PowerShell also
            uses, these read permissions for the accounts that sign in with it. The tokens stay encrypted on
            this computer; Sign out removes them.
          </Body1>
        </>
      )}
    </section>
  );
}
