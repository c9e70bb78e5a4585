import type { CollectionLine } from '../../shared/facts/collection-protocol';

// Protocol lines as Invoke-ExreadyCollection.ps1 prints them (one compressed JSON object per line).

export function collectionLine(
  runId: string,
  kind: CollectionLine['kind'],
  server: string | null,
  data: unknown,
): string {
  return JSON.stringify({ exready: 1, runId, kind, server, data });
}

export function serverErrorData(message: string, errorCode: string | null = null): unknown {
  return {
    message,
    fullyQualifiedErrorId: 'PSSessionOpenFailed',
    category: 'OpenError',
    errorCode,
    exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
  };
}
