/** The three failures the MFA module's vendor documents, with the log text that reveals each. */
export type MfaLogIssue = 'api-unreachable' | 'invalid-application-key' | 'user-not-assigned';

export interface MfaLogEvidence {
  /** 1-based line number within the lines given. */
  line: number;
  text: string;
}

export interface MfaLogFinding {
  issue: MfaLogIssue;
  cause: string;
  remedy: string;
  /** How many lines matched; evidence keeps the first few. */
  count: number;
  evidence: MfaLogEvidence[];
}

interface MfaLogPattern {
  issue: MfaLogIssue;
  matches: (line: string) => boolean;
  cause: string;
  remedy: string;
}

// The line texts are the vendor's (Monosign "Microsoft Exchange - OWA/ECP - MFA", Troubleshooting):
//   [MONOFOR\john.smith] By-username result is 0
//   [MONOFOR\john.smith] By-username result is OK {"InternalMessage":"Invalid Application Key","Code":12,"Success":false}
//   [MONOFOR\john.smith] Mfa result is Forbidden {"Message":"Permission Denied","InternalMessage":"This user not assigned to this application.","Code":22,"Success":false}
const patterns: readonly MfaLogPattern[] = [
  {
    issue: 'api-unreachable',
    // "result is 0", not "result is OK" and not a longer number.
    matches: (line) => /By-username result is 0(?![\d.])/.test(line),
    cause: 'The Exchange server cannot reach the Monosign API.',
    remedy:
      'Allow this Exchange server to reach the MONOSIGN_API_URL address through the firewall (and proxy), then sign in again.',
  },
  {
    issue: 'invalid-application-key',
    matches: (line) => /"Code"\s*:\s*12(?!\d)/.test(line),
    cause: 'The application key or secret is invalid.',
    remedy:
      "Check the application's access key in Monosign, then correct MONOSIGN_API_KEY and MONOSIGN_API_SECRET in the app's web.config.",
  },
  {
    issue: 'user-not-assigned',
    matches: (line) => /"Code"\s*:\s*22(?!\d)/.test(line),
    cause: 'The user is not assigned to the application in Monosign.',
    remedy: 'Assign the user (or a group of theirs) to the OWA or ECP application in Monosign, then retry.',
  },
];

const evidenceLimit = 20;

/** Classifies log lines (pure: the collector reads the files). Findings come in the catalogue's order. */
export function classifyMfaLogLines(lines: readonly string[]): MfaLogFinding[] {
  const findings: MfaLogFinding[] = [];
  for (const pattern of patterns) {
    let count = 0;
    const evidence: MfaLogEvidence[] = [];
    lines.forEach((text, index) => {
      if (!pattern.matches(text)) return;
      count++;
      if (evidence.length < evidenceLimit) evidence.push({ line: index + 1, text });
    });
    if (count > 0)
      findings.push({ issue: pattern.issue, cause: pattern.cause, remedy: pattern.remedy, count, evidence });
  }
  return findings;
}

/** The same on a whole log text, split on CRLF or LF. */
export function classifyMfaLog(text: string): MfaLogFinding[] {
  return classifyMfaLogLines(text.split(/\r?\n/));
}
