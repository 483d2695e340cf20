import type { ExpectedResult } from '../tester.js';

/** Expected per-advisory results: not affecting the host, fixed, or vulnerable (a fail at `path` with a severity). */
export function advisoryExpectations(path: string) {
  return {
    na: (subject: string): ExpectedResult => ({ status: 'not_applicable', subject }),
    ok: (subject: string, extra: Partial<ExpectedResult> = {}): ExpectedResult => ({
      status: 'pass',
      subject,
      ...extra,
    }),
    bad: (
      subject: string,
      severity: ExpectedResult['severity'],
      extra: Partial<ExpectedResult> = {},
    ): ExpectedResult => ({ status: 'fail', subject, severity, path, ...extra }),
  };
}
