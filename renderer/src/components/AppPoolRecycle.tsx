import {
  Body1,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { useState } from 'react';
import { exchangeAppPools } from '../../../shared/integrations/exchange-app-pools';
import { useAppStore } from '../store/app-store';
import type { MfaFlow } from '../store/mfa-slice';

/** After a web.config change: recycle the app's pool (confirmed inline) and wait for its health check. */
export function AppPoolRecycle({ flow }: { flow: MfaFlow }) {
  const recycle = useAppStore((s) => s.recycleMfaAppPool);
  const [asking, setAsking] = useState(false);
  const pool = exchangeAppPools[flow.app] ?? flow.app;
  const outcome = flow.recycle;
  if (flow.recycling)
    return <Spinner size="tiny" label={`Recycling ${pool} and waiting for its health check…`} />;
  if (outcome !== null)
    return (
      <MessageBar intent={outcome.health === 'healthy' ? 'success' : 'error'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            {outcome.health === 'healthy'
              ? `${outcome.appPool ?? pool} recycled and healthy`
              : `${outcome.appPool ?? pool}: ${outcome.health.replace(/-/g, ' ')}`}
          </MessageBarTitle>
          <div>
            Health check: {outcome.lastStatusCode === null ? 'no answer' : `HTTP ${outcome.lastStatusCode}`}{' '}
            after {outcome.seconds} s ({outcome.attempts} attempts). Audit entry {outcome.auditId}.
          </div>
          {outcome.error !== null && <div>Error: {outcome.error}</div>}
        </MessageBarBody>
      </MessageBar>
    );
  if (!asking)
    return (
      <div>
        <Button onClick={() => setAsking(true)}>Recycle {pool}…</Button>
      </div>
    );
  return (
    <div role="group" aria-label="Confirm the recycle">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>
            Recycle {pool} on {flow.server}?
          </MessageBarTitle>
          <Body1>
            IIS loads the new web.config when the pool restarts; users of {flow.app} on this server reconnect.
            ExReady then waits for healthcheck.htm to answer 200.
          </Body1>
        </MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="primary"
            onClick={() => {
              setAsking(false);
              void recycle();
            }}
          >
            Recycle
          </Button>
          <Button onClick={() => setAsking(false)}>Cancel</Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
