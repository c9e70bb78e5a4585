import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { serversInWarnings } from '../store/stale-messages';
import { useAppStore } from '../store/app-store';

/** What the last check said besides its results: its error, a cancel, and the servers that could not be fully read. */
export function RunBanners() {
  const runError = useAppStore((s) => s.runError);
  const runNotice = useAppStore((s) => s.runNotice);
  const warnings = useAppStore((s) => s.runWarnings);
  const run = useAppStore((s) => s.run);
  const named = serversInWarnings(warnings, run?.results.map((entry) => entry.fqdn) ?? []);
  return (
    <>
      {runError !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{runError}</MessageBarBody>
        </MessageBar>
      )}
      {runNotice !== null && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{runNotice}</MessageBarBody>
        </MessageBar>
      )}
      {run !== null && named.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {named.length} server{named.length === 1 ? '' : 's'} could not be fully read
            </MessageBarTitle>
            {named.join(', ')}: their checks show Unknown where facts are missing; open a server for why.
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
