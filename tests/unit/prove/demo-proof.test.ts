import { describe, expect, it } from 'vitest';
import { demoEstate } from '../../../electron/lab/demo-estate';
import {
  demoFailureHop,
  demoHopError,
  simulateProof,
  simulatableFailures,
} from '../../../electron/lab/demo-proof';
import { classifyHopFailure } from '../../../shared/prove/hop-failure-classes';
import { proofOutcome } from '../../../shared/prove/proof-findings';
import { ProofScriptResult } from '../../../shared/prove/proof-result';

const svc = 'CONTOSO\\svc-sync';

describe('the demo estate proves too (SIMULATED)', () => {
  it('has a record shaped as WinRM writes it for every failure class, classified as that class on its hop', () => {
    for (const classId of simulatableFailures) {
      const error = demoHopError(classId, 'exch01.contoso.com');
      expect(classifyHopFailure(demoFailureHop(classId), error).id, classId).toBe(classId);
    }
  });

  it('proves every demo server from sync01, each as its facts say', () => {
    const seen = demoEstate.exchangeServers.map((server) => {
      const result = ProofScriptResult.parse(
        simulateProof(demoEstate, {
          syncServer: 'sync01.contoso.com',
          serviceAccount: svc,
          exchangeServer: server.fqdn,
        }),
      );
      const failed = proofOutcome(result, true).hops.find((hop) => hop.failure !== null);
      return [server.fqdn, failed === undefined ? 'proved' : `${failed.hop}:${failed.failure?.id}`];
    });
    expect(Object.fromEntries(seen)).toEqual({
      'exch01.contoso.com': 'proved',
      'exch02.contoso.com': 'exchange-endpoint:double-hop-denied',
      'exch03.contoso.com': 'winrm-https:tcp-refused',
      'exch04.contoso.com': 'winrm-https:tls-expired',
      'exch05.contoso.com': 'winrm-https:kerberos-spn',
      'exch06.contoso.com': 'winrm-https:tcp-timeout',
      'exch07.contoso.com': 'winrm-https:tcp-timeout',
      'exch08.contoso.com': 'exchange-cmdlet:exchange-rbac-denied',
    });
  });

  it('reports every hop: the ones before the failure worked, the ones after did not run', () => {
    const result = simulateProof(demoEstate, {
      syncServer: 'sync01.contoso.com',
      serviceAccount: svc,
      exchangeServer: 'exch02.contoso.com',
    });
    expect(result?.hops.map((hop) => `${hop.hop}=${hop.outcome}`)).toEqual([
      'sync-server=succeeded',
      'winrm-https=succeeded',
      'exchange-endpoint=failed',
      'exchange-cmdlet=not-run',
    ]);
  });

  it('times out exch08 from sync02, as its TCP facts from there say', () => {
    const result = simulateProof(demoEstate, {
      syncServer: 'sync02.contoso.com',
      serviceAccount: svc,
      exchangeServer: 'exch08.contoso.com',
    });
    expect(result?.hops.find((hop) => hop.outcome === 'failed')?.error?.fullyQualifiedErrorId).toBe(
      'WinRMOperationTimeout,PSSessionOpenFailed',
    );
  });

  it('shows any class on demand and knows no server outside the lab', () => {
    const result = simulateProof(demoEstate, {
      syncServer: 'sync01.contoso.com',
      serviceAccount: svc,
      exchangeServer: 'exch01.contoso.com',
      simulate: 'tls-name-mismatch',
    });
    expect(result?.hops[1]?.error?.transportErrorCode).toBe(12175);
    expect(
      simulateProof(demoEstate, {
        syncServer: 'sync01.contoso.com',
        serviceAccount: svc,
        exchangeServer: 'exch99.contoso.com',
      }),
    ).toBeNull();
    expect(
      simulateProof(demoEstate, {
        syncServer: 'sync09.contoso.com',
        serviceAccount: svc,
        exchangeServer: 'exch01.contoso.com',
      }),
    ).toBeNull();
  });
});
